/**
 * `npm run eval`: runs the extractor over the shared dev set (../shared/data/dev-articles.jsonl) and
 * over the ACLED notes of ../shared/data/events-sample.csv, and prints the shared scorer's summaries.
 * Skips with a message when ../shared is absent. Writes its gold and predictions to a temporary folder.
 *
 * ACLED notes: rows with the same notes text are one document whose gold is all those rows (ACLED
 * codes one note as several events: a clash and the civilians killed in it). `published` is the row's
 * event_date: ACLED writes its notes within days of the event and often gives only the day and month
 * ("On May 17, ..."), so the year must come from somewhere, as it does from an article's date. The
 * date score on notes therefore measures the reading of the note's date against that anchor.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Extractor } from '../src/ingest/extract/extractor.ts';
import { loadReference } from '../src/reference/load-reference.ts';

const shared = join(import.meta.dirname, '..', '..', 'shared');
const articles = join(shared, 'data', 'dev-articles.jsonl');
const sample = join(shared, 'data', 'events-sample.csv');
const scorer = join(shared, 'eval', 'score.mjs');
if (!existsSync(articles) || !existsSync(sample) || !existsSync(scorer)) {
  console.log(
    `eval: skipped, ${shared} is absent (needs data/dev-articles.jsonl, data/events-sample.csv, eval/score.mjs)`,
  );
  process.exit(0);
}

const ISO3: Record<string, string> = { Mali: 'MLI', 'Burkina Faso': 'BFA', Niger: 'NER' };
const extractor = new Extractor(loadReference());
const dir = mkdtempSync(join(tmpdir(), 'liptako-eval-'));

interface Doc {
  id: string;
  text: string;
  lang?: 'fr' | 'en';
  published: string | null;
  gold: unknown[];
}

function run(name: string, docs: Doc[]): void {
  const goldPath = join(dir, `${name}.gold.jsonl`);
  const predPath = join(dir, `${name}.pred.jsonl`);
  writeFileSync(goldPath, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
  const started = performance.now();
  const lines = docs.map((d) =>
    JSON.stringify({
      id: d.id,
      events: extractor.extract(d.text, { lang: d.lang ?? null, published: d.published }),
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  writeFileSync(predPath, lines.join('\n') + '\n');
  console.log(
    `\n== ${name}: ${docs.length} documents in ${seconds.toFixed(2)} s (${(docs.length / seconds).toFixed(0)} docs/s) ==`,
  );
  console.log(
    execFileSync(process.execPath, [scorer, '--gold', goldPath, '--pred', predPath], {
      encoding: 'utf8',
    }).trimEnd(),
  );
}

const articleDocs = readFileSync(articles, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Doc);
run('articles', articleDocs);

const rows = parse(readFileSync(sample), { columns: true, skip_empty_lines: true }) as Record<
  string,
  string
>[];
const byNotes = new Map<string, Doc>();
for (const row of rows) {
  const notes = row.notes ?? '';
  if (notes.trim() === '') continue;
  const num = (s: string | undefined): number | null => (s === undefined || s === '' ? null : Number(s));
  const event = {
    event_date: row.event_date ?? null,
    country_iso3: ISO3[row.country ?? ''] ?? row.country ?? null,
    admin1: row.admin1 || null,
    location: row.location || null,
    latitude: num(row.latitude),
    longitude: num(row.longitude),
    event_type: row.event_type ?? null,
    sub_event_type: row.sub_event_type ?? null,
    actor1: row.actor1 || null,
    actor2: row.actor2 || null,
    fatalities: num(row.fatalities),
  };
  const doc = byNotes.get(notes);
  if (doc === undefined)
    byNotes.set(notes, {
      id: `notes-${byNotes.size + 1}`,
      text: notes,
      lang: 'en',
      published: row.event_date ?? null,
      gold: [event],
    });
  else doc.gold.push(event);
}
run('acled-notes', [...byNotes.values()]);
console.log(`\n(gold and predictions in ${dir})`);
