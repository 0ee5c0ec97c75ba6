import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { describe, it } from 'node:test';
import type { CsvItem, CsvRecord } from '../../src/ingest/csv/csv-item.ts';
import { readCsv } from '../../src/ingest/csv/read-csv.ts';

const fixture = (name: string): string => new URL(`../fixtures/${name}`, import.meta.url).pathname;

async function readFixture(
  name: string,
  highWaterMark = 64 * 1024,
): Promise<{ items: CsvItem[]; encoding: string }> {
  const items: CsvItem[] = [];
  let encoding = '';
  for await (const item of readCsv(createReadStream(fixture(name), { highWaterMark }), {
    onEncoding: (e) => (encoding = e),
  }))
    items.push(item);
  return { items, encoding };
}

const records = (items: readonly CsvItem[]): CsvRecord[] =>
  items.filter((i): i is CsvRecord => i.kind === 'record');

describe('readCsv', () => {
  it('decodes a Windows-1252 file with its accents, in chunks of any size', async () => {
    for (const size of [5, 64 * 1024]) {
      const { items, encoding } = await readFixture('acled-latin1.csv', size);
      assert.equal(encoding, 'windows-1252');
      const rows = records(items);
      assert.deepEqual(
        rows.map((r) => r.fields.admin1),
        ['Ségou', 'Tillabéri', 'Ménaka'],
      );
      assert.equal(rows[0]?.fields.location, 'Ké-Macina');
      assert.match(rows[0]?.fields.notes ?? '', /l’armée a dû se replier/);
      assert.match(rows[1]?.fields.notes ?? '', /– « représailles », selon un élu\.$/);
    }
  });

  it('reads a UTF-8 file with a byte-order mark, CRLF and header names in other cases', async () => {
    const { items, encoding } = await readFixture('acled-bom-crlf.csv', 7);
    assert.equal(encoding, 'utf-8');
    const header = items[0];
    assert.deepEqual(header?.kind === 'header' ? header.names.slice(0, 5) : null, [
      'event_id_cnty',
      'event_date',
      'year',
      'event_type',
      'sub_event_type',
    ]);
    const rows = records(items);
    assert.deepEqual(
      rows.map((r) => [r.row, r.line, r.fields.event_id_cnty]),
      [
        [2, 2, 'MLI90021'],
        [3, 3, 'MLI90022'],
        [4, 5, 'MLI90023'],
        [5, 6, 'MLI90024'],
        [6, 7, 'MLI90025'],
      ],
    );
    assert.equal(rows[1]?.fields.notes, 'First line.\r\nSecond line, after a CRLF inside the quoted note.');
    assert.equal(rows[4]?.fields.fatalities, '0');
  });

  it('reports the bytes read as the file streams', async () => {
    const seen: number[] = [];
    for await (const _ of readCsv(
      createReadStream(fixture('acled-31-columns.csv'), { highWaterMark: 1000 }),
      {
        onBytes: (n) => seen.push(n),
      },
    ));
    assert.deepEqual(seen, [1000, 2000, 2435]);
  });
});
