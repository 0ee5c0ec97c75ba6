import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importFile } from '../../src/ingest/import-file.ts';
import { createRejectsWriter, neutraliseFormula, rejectsPathFor } from '../../src/ingest/rejects-writer.ts';
import { InMemoryWriter } from './in-memory-writer.ts';
import { testContext } from './test-context.ts';

const fixture = (name: string): string => new URL(`../fixtures/${name}`, import.meta.url).pathname;

describe('rejects writer', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'liptako-rejects-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('puts the rejects file beside the input', () => {
    assert.equal(rejectsPathFor('/data/acled-2024.csv'), '/data/acled-2024.csv.rejects.csv');
  });

  it('neutralises cells a spreadsheet would run as formulas, leaving plain numbers alone', () => {
    const cases: [string, string][] = [
      ['=HYPERLINK("http://example.test","click")', `'=HYPERLINK("http://example.test","click")`],
      ['+33 6 00 00 00 00', `'+33 6 00 00 00 00`],
      ['-1+1', `'-1+1`],
      ['@SUM(A1)', `'@SUM(A1)`],
      ['\tTab', `'\tTab`],
      ['\rReturn', `'\rReturn`],
      ['-2.2139', '-2.2139'],
      ['+12', '+12'],
      ['Djibo', 'Djibo'],
      ['', ''],
      ['a=b', 'a=b'],
    ];
    for (const [cell, safe] of cases) assert.equal(neutraliseFormula(cell), safe, JSON.stringify(cell));
  });

  it('writes row, reason and the original cells, quoted and neutralised, as UTF-8 with BOM and CRLF', async () => {
    const path = join(dir, 'direct.rejects.csv');
    const writer = createRejectsWriter(path);
    const columns = ['event_id_cnty', 'notes', 'longitude'];
    await writer.write(
      { row: 7, line: 9, reason: 'event_date: required', values: ['=cmd|calc', 'a, "b"\nc', '-2.2'] },
      columns,
    );
    await writer.write(
      { row: 8, line: 10, reason: 'expected 3 columns, found 2', values: ['Ségou', '@x'] },
      columns,
    );
    assert.equal(await writer.close(), 2);
    assert.equal(
      await readFile(path, 'utf8'),
      '\uFEFFrow,reason,event_id_cnty,notes,longitude\r\n' +
        `7,event_date: required,'=cmd|calc,"a, ""b""\nc",-2.2\r\n` +
        `8,"expected 3 columns, found 2",Ségou,'@x\r\n`,
    );
  });

  it('leaves no file when nothing was rejected, removing one from an earlier run', async () => {
    const path = join(dir, 'stale.rejects.csv');
    await writeFile(path, 'row,reason\r\n2,old\r\n');
    assert.equal(await createRejectsWriter(path).close(), 0);
    await assert.rejects(stat(path), { code: 'ENOENT' });
  });

  it('writes the rejects of an imported file beside it, readable for a second import', async () => {
    const input = join(dir, 'acled-bad-values.csv');
    await copyFile(fixture('acled-bad-values.csv'), input);
    const writer = new InMemoryWriter();
    const result = await importFile(input, 'acled', testContext(), writer.writeBatch);
    assert.equal(result.rejectsPath, `${input}.rejects.csv`);
    assert.equal(result.rejected, 15);
    const lines = (await readFile(`${input}.rejects.csv`, 'utf8')).split('\r\n');
    assert.equal(
      lines[0],
      '\uFEFFrow,reason,event_id_cnty,event_date,year,event_type,sub_event_type,actor1,actor2,country,admin1,admin2,location,latitude,longitude,geo_precision,source,notes,fatalities',
    );
    assert.equal(
      lines[1],
      '3,"event_date: ""2024-02-30"" is not a calendar day",MLI90102,2024-02-30,2024,Battles,Armed clash,Military Forces of Mali (2021-),JNIM: Jamaah Nusrat al-Islam wal Muslimin,Mali,Gao,Gao,Gao,16.2717,-0.0447,1,AFP,Invented row for tests.,1',
    );
    assert.equal(
      lines[4],
      '6,longitude: -200 is out of range (-180 to 180),MLI90105,2024-05-01,2024,Battles,Armed clash,Military Forces of Mali (2021-),JNIM: Jamaah Nusrat al-Islam wal Muslimin,Mali,Gao,Gao,Gao,16.2717,-200,1,AFP,Invented row for tests.,1',
    );
    assert.equal(lines.length, 17); // header, 15 rows, and the empty string after the last CRLF

    // Fixed in a spreadsheet, the file goes back in as ACLED: its extra columns are ignored.
    const again = await importFile(`${input}.rejects.csv`, 'acled', testContext(), writer.writeBatch);
    assert.equal(again.rejected, 15);
    assert.equal(again.imported, 0);
  });

  it('removes the rejects file of an earlier run when a new import rejects nothing', async () => {
    const input = join(dir, 'acled-31-columns.csv');
    await copyFile(fixture('acled-31-columns.csv'), input);
    await writeFile(rejectsPathFor(input), 'row,reason\r\n2,old\r\n');
    const progress: (number | null)[] = [];
    const result = await importFile(
      input,
      'acled',
      { ...testContext(), onProgress: (p) => progress.push(p.totalBytes) },
      new InMemoryWriter().writeBatch,
    );
    assert.deepEqual([result.imported, result.rejectsPath], [5, null]);
    await assert.rejects(stat(rejectsPathFor(input)), { code: 'ENOENT' });
    assert.deepEqual(progress, [(await stat(input)).size]);
  });
});
