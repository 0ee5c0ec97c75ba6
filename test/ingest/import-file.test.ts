import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import {
  importRows,
  type ImportContext,
  type ImportKind,
  type ImportProgress,
  type ImportSummary,
  type RowOutcome,
} from '../../src/ingest/import-file.ts';
import { InMemoryWriter } from './in-memory-writer.ts';
import { testContext } from './test-context.ts';

const fixture = (name: string): string => new URL(`../fixtures/${name}`, import.meta.url).pathname;

interface Run {
  readonly summary: ImportSummary;
  /** [row, outcome, detail] in row order: the reason, the first row of a duplicate, or the sourceKey. */
  readonly outcomes: [number, string, string][];
  readonly writer: InMemoryWriter;
}

async function run(
  name: string,
  kind: ImportKind = 'acled',
  options: { writer?: InMemoryWriter; context?: Partial<ImportContext> } = {},
): Promise<Run> {
  const writer = options.writer ?? new InMemoryWriter();
  const outcomes: RowOutcome[] = [];
  const summary = await importRows(
    createReadStream(fixture(name), { highWaterMark: 97 }),
    kind,
    { ...testContext(), ...options.context, onRow: (o) => outcomes.push(o) },
    writer.writeBatch,
  );
  outcomes.sort((a, b) => a.row - b.row);
  return {
    summary,
    writer,
    outcomes: outcomes.map((o): [number, string, string] => [
      o.row,
      o.outcome,
      o.outcome === 'rejected'
        ? o.reason
        : o.outcome === 'duplicate'
          ? `of row ${o.firstRow}`
          : o.sourceKey.replace(/^sha256:.*/, 'sha256:…') +
            (o.remarks.length > 0 ? ` (${o.remarks.join(', ')})` : ''),
    ]),
  };
}

const counts = (s: ImportSummary): unknown => ({
  rowsRead: s.rowsRead,
  imported: s.imported,
  updated: s.updated,
  skipped: s.skipped,
  rejected: s.rejected,
  stopped: s.stopped?.reason ?? null,
});

describe('importRows', () => {
  it('imports every row of ACLED’s 31-column export', async () => {
    const { summary, outcomes, writer } = await run('acled-31-columns.csv');
    assert.deepEqual(outcomes, [
      [2, 'inserted', 'acled:MLI90001'],
      [3, 'inserted', 'acled:MLI90002'],
      [4, 'inserted', 'acled:BFX20001'],
      [5, 'inserted', 'acled:NIG30001'],
      [6, 'inserted', 'acled:NIG30002'],
    ]);
    assert.deepEqual(counts(summary), {
      rowsRead: 5,
      imported: 5,
      updated: 0,
      skipped: 0,
      rejected: 0,
      stopped: null,
    });
    assert.equal(summary.columns.length, 31);
    assert.equal(summary.encoding, 'utf-8');
    const protest = writer.rows.get('acled:NIG30001');
    assert.deepEqual(
      [protest?.country, protest?.inter1, protest?.actor2, protest?.interaction, protest?.tags],
      ['NER', 6, null, 60, 'crowd size=around 2000'],
    );
    const attack = writer.rows.get('acled:MLI90002');
    assert.deepEqual([attack?.admin1, attack?.civilianTargeting, attack?.interaction], ['Ségou', true, 27]);
  });

  it('imports the 17-column subset, deriving the event type and defaulting fatalities', async () => {
    const { summary, outcomes, writer } = await run('acled-17-columns.csv');
    assert.deepEqual(
      outcomes.map(([row, outcome]) => [row, outcome]),
      [
        [2, 'inserted'],
        [3, 'inserted'],
        [4, 'inserted'],
        [5, 'inserted'],
      ],
    );
    assert.equal(summary.imported, 4);
    const strike = writer.rows.get('acled:MLI90012');
    assert.deepEqual(
      [strike?.eventType, strike?.fatalities.best, strike?.geoPrecision, strike?.interaction],
      ['Explosions/Remote violence', 0, null, 12],
    );
  });

  it('imports a file with BOM and CRLF and rejects its ambiguous numeric date', async () => {
    const { summary, outcomes, writer } = await run('acled-bom-crlf.csv');
    assert.deepEqual(outcomes, [
      [2, 'inserted', 'acled:MLI90021'],
      [3, 'inserted', 'acled:MLI90022'],
      [4, 'inserted', 'acled:MLI90023'],
      [
        5,
        'rejected',
        'event_date: "08/03/2024" is ambiguous: 8 March or 3 August 2024 (write it as YYYY-MM-DD)',
      ],
      [6, 'inserted', 'acled:MLI90025'],
    ]);
    assert.equal(summary.rejectedRows[0]?.line, 6);
    assert.deepEqual(
      ['MLI90021', 'MLI90022', 'MLI90023', 'MLI90025'].map((id) => writer.rows.get(`acled:${id}`)?.eventDate),
      ['2024-03-05', '2024-03-06', '2024-03-07', '2024-03-25'],
    );
    assert.equal(
      writer.rows.get('acled:MLI90022')?.notes,
      'First line.\nSecond line, after a CRLF inside the quoted note.',
    );
  });

  it('imports a Windows-1252 file with its accents intact', async () => {
    const { summary, writer } = await run('acled-latin1.csv');
    assert.equal(summary.encoding, 'windows-1252');
    assert.equal(summary.imported, 3);
    assert.deepEqual(
      [...writer.rows.values()].map((i) => [i.admin1, i.location]),
      [
        ['Ségou', 'Ké-Macina'],
        ['Tillabéri', 'Téra'],
        ['Ménaka', 'Ménaka'],
      ],
    );
    assert.equal(writer.rows.get('acled:NIG30031')?.source, 'Aïr Info');
    assert.match(
      writer.rows.get('acled:MLI90031')?.notes ?? '',
      /^Affrontement près de Ké-Macina, région de Ségou ; l’armée/,
    );
  });

  it('imports notes with quoted commas, doubled quotes and line breaks, numbering rows and lines', async () => {
    const outcomes: RowOutcome[] = [];
    const writer = new InMemoryWriter();
    await importRows(
      createReadStream(fixture('acled-quoted-notes.csv')),
      'acled',
      { ...testContext(), onRow: (o) => outcomes.push(o) },
      writer.writeBatch,
    );
    assert.deepEqual(
      outcomes.map((o) => [o.row, o.line, o.outcome]),
      [
        [2, 2, 'inserted'],
        [3, 3, 'inserted'],
        [4, 6, 'inserted'],
        [5, 7, 'inserted'],
      ],
    );
    assert.equal(writer.rows.get('acled:BFX20041')?.source, 'AIB, Lefaso.net');
    assert.equal(
      writer.rows.get('acled:BFX20042')?.notes,
      'Militants attacked the market.\nThree people were killed;\nshops were burned, "as a warning".',
    );
    assert.equal(
      writer.rows.get('acled:BFX20043')?.notes,
      'The army said the base was "relocated", not "abandoned".',
    );
    assert.equal(writer.rows.get('acled:BFX20044')?.notes, null);
  });

  it('geocodes rows without coordinates and rejects those it cannot place', async () => {
    const { outcomes, writer } = await run('acled-geocoding.csv');
    assert.deepEqual(outcomes, [
      [2, 'inserted', 'acled:MLI90051 (coordinates from gazetteer)'],
      [3, 'rejected', 'latitude, longitude: blank, and location "Nowhereville" is not in the gazetteer'],
      [4, 'rejected', 'latitude: blank while the other coordinate is given'],
      [5, 'inserted', 'acled:BFX20051 (coordinates from gazetteer)'],
      [6, 'rejected', 'latitude, longitude: blank, and no location to look up'],
    ]);
    const boni = writer.rows.get('acled:MLI90051');
    assert.deepEqual(
      [boni?.latitude, boni?.longitude, boni?.geoPrecision, boni?.admin1, boni?.admin2],
      [15.0719, -2.2139, 2, 'Mopti', 'Douentza'],
    );
    assert.equal(writer.rows.get('acled:BFX20051')?.geoPrecision, 3);
  });

  it('rejects each bad value with a reason naming the field, and imports the rows around them', async () => {
    const { summary, outcomes } = await run('acled-bad-values.csv');
    assert.deepEqual(outcomes, [
      [2, 'inserted', 'acled:MLI90101'],
      [3, 'rejected', 'event_date: "2024-02-30" is not a calendar day'],
      [4, 'rejected', 'event_date: "yesterday" is not a date'],
      [5, 'rejected', 'latitude: 95.2 is out of range (-90 to 90)'],
      [6, 'rejected', 'longitude: -200 is out of range (-180 to 180)'],
      [7, 'rejected', 'latitude: "16,27" is not a number'],
      [8, 'rejected', 'event_type: unknown event type "Skirmish"'],
      [9, 'rejected', 'sub_event_type: unknown sub-event type "Ambush"'],
      [10, 'rejected', 'sub_event_type: "Attack" is not a sub-event type of "Battles"'],
      [11, 'rejected', 'fatalities: "-3" is not a whole number of 0 or more'],
      [12, 'rejected', 'fatalities: "2.5" is not a whole number of 0 or more'],
      [13, 'rejected', 'country: unknown country "Atlantis"'],
      [14, 'rejected', 'geo_precision: "5" must be 1, 2 or 3'],
      [15, 'rejected', 'year: 2023 does not match event_date 2024-05-01'],
      [16, 'rejected', 'actor1: required'],
      [17, 'rejected', 'event_date: required; latitude: "abc" is not a number'],
      [18, 'inserted', 'acled:MLI90117'],
    ]);
    assert.deepEqual(counts(summary), {
      rowsRead: 17,
      imported: 2,
      updated: 0,
      skipped: 0,
      rejected: 15,
      stopped: null,
    });
    assert.deepEqual(summary.rejectedRows[0], {
      row: 3,
      line: 3,
      reason: 'event_date: "2024-02-30" is not a calendar day',
      values: [
        'MLI90102',
        '2024-02-30',
        '2024',
        'Battles',
        'Armed clash',
        'Military Forces of Mali (2021-)',
        'JNIM: Jamaah Nusrat al-Islam wal Muslimin',
        'Mali',
        'Gao',
        'Gao',
        'Gao',
        '16.2717',
        '-0.0447',
        '1',
        'AFP',
        'Invented row for tests.',
        '1',
      ],
    });
  });

  it('skips a repeated identical row and rejects a repeated id with other content', async () => {
    const { summary, outcomes } = await run('acled-duplicates.csv');
    assert.deepEqual(outcomes, [
      [2, 'inserted', 'acled:MLI90201'],
      [3, 'inserted', 'acled:MLI90202'],
      [4, 'duplicate', 'of row 2'],
      [5, 'rejected', 'duplicate event_id_cnty MLI90202, first seen on row 3'],
      [6, 'inserted', 'sha256:…'],
      [7, 'duplicate', 'of row 6'],
      [8, 'inserted', 'acled:MLI90204'],
    ]);
    assert.deepEqual(counts(summary), {
      rowsRead: 7,
      imported: 4,
      updated: 0,
      skipped: 2,
      rejected: 1,
      stopped: null,
    });
  });

  it('rejects malformed lines with their numbers and keeps reading the rows after them', async () => {
    const { summary, outcomes } = await run('acled-malformed.csv');
    assert.deepEqual(outcomes, [
      [2, 'inserted', 'acled:MLI90301'],
      [3, 'rejected', 'unclosed quote in column 16 (notes)'],
      [4, 'inserted', 'acled:MLI90303'],
      [5, 'inserted', 'acled:MLI90304'],
      [6, 'rejected', 'expected 17 columns, found 15'],
      [7, 'rejected', 'expected 17 columns, found 18'],
      [8, 'inserted', 'acled:MLI90307'],
    ]);
    assert.deepEqual(summary.rejectedRows[0]?.values.slice(-2), [
      'AFP',
      'Invented row, with a quote that never closes,1',
    ]);
  });

  it('imports UCDP GED rows and rejects the bad ones', async () => {
    const { summary, outcomes } = await run('ucdp-ged.csv', 'ucdp');
    assert.deepEqual(outcomes, [
      [2, 'inserted', 'ucdp:900001'],
      [3, 'inserted', 'ucdp:900002'],
      [4, 'inserted', 'ucdp:900003'],
      [5, 'rejected', 'type_of_violence: "4" must be 1, 2 or 3'],
      [6, 'rejected', 'fatalities_low: must be a whole number between 0 and the best estimate'],
    ]);
    assert.equal(summary.imported, 3);
  });

  it('refuses a file of the other kind at its header, before reading any row', async () => {
    const { summary, outcomes, writer } = await run('ucdp-ged.csv', 'acled');
    assert.deepEqual(counts(summary), {
      rowsRead: 0,
      imported: 0,
      updated: 0,
      skipped: 0,
      rejected: 0,
      stopped: 'not an ACLED file: missing columns event_date, sub_event_type, actor1',
    });
    assert.deepEqual([outcomes, writer.batches], [[], 0]);
  });

  it('stops on an empty file, saying it has no header', async () => {
    for (const chunks of [[], [Buffer.from('\r\n\n')]]) {
      const summary = await importRows(
        Readable.from(chunks),
        'acled',
        testContext(),
        new InMemoryWriter().writeBatch,
      );
      assert.deepEqual(counts(summary), {
        rowsRead: 0,
        imported: 0,
        updated: 0,
        skipped: 0,
        rejected: 0,
        stopped: 'the file is empty: no header row',
      });
    }
  });

  it('refuses a NATIONAL import without an owning party before reading the file', async () => {
    const { summary } = await run('acled-31-columns.csv', 'acled', {
      context: { classification: 'NATIONAL' },
    });
    assert.equal(summary.stopped?.reason, 'owner_party: a NATIONAL record must name the party that owns it');
    assert.equal(summary.rowsRead, 0);
  });

  it('finds every row unchanged when the same file is imported again', async () => {
    for (const [name, kind] of [
      ['acled-31-columns.csv', 'acled'],
      ['acled-bad-values.csv', 'acled'],
      ['acled-duplicates.csv', 'acled'],
      ['acled-latin1.csv', 'acled'],
      ['ucdp-ged.csv', 'ucdp'],
    ] as const) {
      const first = await run(name, kind);
      const again = await run(name, kind, { writer: first.writer });
      assert.equal(again.summary.imported + again.summary.updated, 0, name);
      assert.equal(again.summary.skipped, first.summary.imported + first.summary.skipped, name);
      assert.deepEqual(
        again.outcomes.filter(([, o]) => o !== 'rejected' && o !== 'duplicate').map(([, o]) => o),
        Array.from({ length: first.summary.imported }, () => 'unchanged'),
        name,
      );
    }
  });

  it('reports a changed row as updated on re-import', async () => {
    const first = await run('acled-17-columns.csv');
    const changed = first.writer.rows.get('acled:MLI90011');
    assert.ok(changed);
    first.writer.rows.set('acled:MLI90011', { ...changed, contentHash: 'an older version' });
    const again = await run('acled-17-columns.csv', 'acled', { writer: first.writer });
    assert.deepEqual(again.outcomes[0]?.slice(0, 2), [2, 'updated']);
    assert.deepEqual([again.summary.updated, again.summary.skipped], [1, 3]);
  });

  it('stops at a failing batch with whole batches written, and a second run completes the file', async () => {
    const writer = new InMemoryWriter();
    writer.failOnBatch = 2;
    const crashed = await run('acled-17-columns.csv', 'acled', { writer, context: { batchSize: 2 } });
    assert.deepEqual(counts(crashed.summary), {
      rowsRead: 4,
      imported: 2,
      updated: 0,
      skipped: 0,
      rejected: 0,
      stopped: 'writing a batch failed: disk I/O error',
    });
    assert.ok(crashed.summary.stopped?.cause instanceof Error);
    assert.deepEqual([...writer.rows.keys()], ['acled:MLI90011', 'acled:MLI90012']);

    writer.failOnBatch = null;
    const resumed = await run('acled-17-columns.csv', 'acled', { writer, context: { batchSize: 2 } });
    assert.deepEqual(
      resumed.outcomes.map(([row, outcome]) => [row, outcome]),
      [
        [2, 'unchanged'],
        [3, 'unchanged'],
        [4, 'inserted'],
        [5, 'inserted'],
      ],
    );
    assert.equal(writer.rows.size, 4);
  });

  it('stops when the writer answers for the wrong number of rows', async () => {
    const summary = await importRows(
      createReadStream(fixture('acled-17-columns.csv')),
      'acled',
      testContext(),
      () => Promise.resolve(['inserted']),
    );
    assert.equal(
      summary.stopped?.reason,
      'writing a batch failed: writeBatch returned 1 outcomes for 4 rows',
    );
    assert.equal(summary.imported, 0);
  });

  it('stops with the read error when the file cannot be read', async () => {
    const summary = await importRows(
      createReadStream(fixture('no-such-file.csv')),
      'acled',
      testContext(),
      new InMemoryWriter().writeBatch,
    );
    assert.match(summary.stopped?.reason ?? '', /^reading the file failed: ENOENT/);
  });

  it('reports progress in rows and bytes, ending with the whole file', async () => {
    const progress: ImportProgress[] = [];
    await importRows(
      createReadStream(fixture('acled-bad-values.csv'), { highWaterMark: 500 }),
      'acled',
      { ...testContext(), batchSize: 5, onProgress: (p) => progress.push(p) },
      new InMemoryWriter().writeBatch,
    );
    assert.deepEqual(
      progress.map((p) => p.rowsRead),
      [5, 10, 15, 17],
    );
    const last = progress.at(-1);
    assert.deepEqual(
      [last?.bytesRead, last?.imported, last?.rejected, last?.totalBytes],
      [(await stat(fixture('acled-bad-values.csv'))).size, 2, 15, null],
    );
  });

  it('stops, naming the step, when the rejected rows cannot be passed on', async () => {
    const summary = await importRows(
      createReadStream(fixture('acled-bad-values.csv')),
      'acled',
      { ...testContext(), onRejected: () => Promise.reject(new Error('ENOSPC: no space left on device')) },
      new InMemoryWriter().writeBatch,
    );
    assert.equal(
      summary.stopped?.reason,
      'passing on a rejected row failed: ENOSPC: no space left on device',
    );
    assert.deepEqual([summary.rejected, summary.imported], [1, 0]);
  });

  it('keeps the first rejected rows in the summary and gives all of them to onRejected', async () => {
    const given: number[] = [];
    const summary = await importRows(
      createReadStream(fixture('acled-bad-values.csv')),
      'acled',
      { ...testContext(), keepRejected: 2, onRejected: (r) => void given.push(r.row) },
      new InMemoryWriter().writeBatch,
    );
    assert.deepEqual(
      summary.rejectedRows.map((r) => r.row),
      [3, 4],
    );
    assert.deepEqual(given, [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
  });
});
