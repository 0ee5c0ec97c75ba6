/** `liptako ingest` as a user runs it: a child process on a temporary SQLite file. */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { NIGER_REPORT, SOLHAN_REPORTS } from '../support/invented-reports.ts';
import { liptako, scratchFolder } from './liptako-process.ts';

const lines = [
  ...SOLHAN_REPORTS.map((r) =>
    JSON.stringify({
      id: r.id,
      text: r.text,
      lang: r.lang,
      published: r.published,
      url: `https://example.org/${r.id}`,
    }),
  ),
  '{"id": "broken", "text": ',
  JSON.stringify({
    id: NIGER_REPORT.id,
    text: NIGER_REPORT.text,
    published: NIGER_REPORT.published,
    title: 'Niger',
  }),
  JSON.stringify({ id: 'empty', text: '   ' }),
];

describe('liptako ingest', () => {
  it('stores each line as a report, fuses five reports of one attack, reports bad lines by number and goes on', async (t) => {
    const dir = await scratchFolder(t);
    const file = path.join(dir, 'wire.jsonl');
    await writeFile(file, `${lines.join('\n')}\n`);
    const db = path.join(dir, 'liptako.sqlite');
    const run = await liptako(['ingest', file, '--db', db, '--source', 'Wire'], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /reports 6 \(new 6\), incidents created 2, fused 4, errors 2\n$/);
    assert.match(run.stdout, /line 1 id solhan-1: report 1: created incident 1/);
    assert.match(run.stdout, /line 5 id solhan-5: report 5: fused incident 1/);
    assert.match(run.stdout, /line 7 id niger-1: report 6: created incident 2/);
    assert.match(run.stderr, /line 6: invalid JSON/);
    assert.match(run.stderr, /line 8: id empty: empty text/);

    const again = await liptako(['ingest', file, '--db', db, '--source', 'Wire'], { cwd: dir });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /reports 6 \(new 0\), incidents created 0, fused 0, errors 2\n$/);
  });

  it('fails with exit code 1 on a missing file and 2 on a wrong classification', async (t) => {
    const dir = await scratchFolder(t);
    const missing = await liptako(
      ['ingest', path.join(dir, 'none.jsonl'), '--db', path.join(dir, 'x.sqlite')],
      {
        cwd: dir,
      },
    );
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot read/);
    const wrong = await liptako(['ingest', 'x.jsonl', '--classification', 'SECRET'], { cwd: dir });
    assert.equal(wrong.code, 2);
  });
});
