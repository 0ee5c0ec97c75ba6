/** `liptako ingest` as a user runs it: a child process on a temporary SQLite file or PostgreSQL schema. */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { NIGER_REPORT, SOLHAN_REPORTS } from '../support/invented-reports.ts';
import { commandStoreKinds } from '../support/databases.ts';
import { commandWorkspace, liptako } from './liptako-process.ts';

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

for (const kind of commandStoreKinds)
  describe(`liptako ingest (${kind.dialect})`, () => {
    it('stores each line as a report, fuses five reports of one attack, reports bad lines by number and goes on', async (t) => {
      const { dir, db } = await commandWorkspace(t, kind);
      const file = path.join(dir, 'wire.jsonl');
      await writeFile(file, `${lines.join('\n')}\n`);
      const run = await liptako(['ingest', file, ...db.args, '--source', 'Wire'], { cwd: dir });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /reports 6 \(new 6\), incidents created 2, fused 4, errors 2\n$/);
      assert.match(run.stdout, /line 1 id solhan-1: report 1: created incident 1/);
      assert.match(run.stdout, /line 5 id solhan-5: report 5: fused incident 1/);
      assert.match(run.stdout, /line 7 id niger-1: report 6: created incident 2/);
      assert.match(run.stderr, /line 6: invalid JSON/);
      assert.match(run.stderr, /line 8: id empty: empty text/);

      const again = await liptako(['ingest', file, ...db.args, '--source', 'Wire'], { cwd: dir });
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /reports 6 \(new 0\), incidents created 0, fused 0, errors 2\n$/);
    });

    it('reads an RSS 2.0 or an Atom feed: one report per item, fused like lines, an empty item refused', async (t) => {
      const { dir, db } = await commandWorkspace(t, kind);
      const escape = (s: string): string =>
        s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      const rss = path.join(dir, 'fil.rss');
      await writeFile(
        rss,
        `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Fil</title><language>fr</language>
${SOLHAN_REPORTS.slice(0, 3)
  .map(
    (r) =>
      `<item><guid>${r.id}</guid><title>Burkina Faso</title><link>https://example.org/${r.id}</link>` +
      `<pubDate>${new Date(`${r.published}T08:00:00Z`).toUTCString()}</pubDate>` +
      `<description>${escape(`<p>${r.text}</p>`)}</description></item>`,
  )
  .join('\n')}
<item><guid>empty</guid><title></title><description>   </description></item>
</channel></rss>`,
      );
      const run = await liptako(['ingest', rss, ...db.args, '--source', 'Fil'], { cwd: dir });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /item 1 id solhan-1: report 1: created incident 1/);
      assert.match(run.stdout, /item 3 id solhan-3: report 3: fused incident 1/);
      assert.match(run.stderr, /item 4: id empty: empty text/);
      assert.match(run.stdout, /reports 3 \(new 3\), incidents created 1, fused 2, errors 1\n$/);

      const atom = path.join(dir, 'wire.atom');
      await writeFile(
        atom,
        `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<entry><id>${NIGER_REPORT.id}</id><title>Niger</title><published>${NIGER_REPORT.published}T07:00:00Z</published>
<content type="html">${escape(NIGER_REPORT.text)}</content></entry></feed>`,
      );
      const second = await liptako(['ingest', atom, ...db.args, '--source', 'Wire'], { cwd: dir });
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stdout, /item 1 id niger-1: report 4: created incident 2/);

      const broken = path.join(dir, 'broken.xml');
      await writeFile(broken, '<rss><channel><item></channel></rss>');
      const refused = await liptako(['ingest', broken, ...db.args], { cwd: dir });
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /cannot read the feed .*not well-formed XML/);
    });

    it('fails with exit code 1 on a missing file and 2 on a wrong classification', async (t) => {
      const { dir, db } = await commandWorkspace(t, kind);
      const missing = await liptako(['ingest', path.join(dir, 'none.jsonl'), ...db.args], { cwd: dir });
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /cannot read/);
      const wrong = await liptako(['ingest', 'x.jsonl', '--classification', 'SECRET'], { cwd: dir });
      assert.equal(wrong.code, 2);
    });
  });
