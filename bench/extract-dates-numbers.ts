/**
 * The date and number stages of the extractor over the shared dev articles: how often each gold
 * event_date is among the resolved date mentions (and among day-precision ones), how often each gold
 * fatality figure is among the count values, and how fast the two stages run (documents and mentions
 * per second, one core). Reads ../shared at run time only and skips when it is absent.
 * Usage: node bench/extract-dates-numbers.ts [--rounds N]
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findDates, type Lang } from '../src/ingest/extract/dates/find-dates.ts';
import { findCounts } from '../src/ingest/extract/numbers/find-counts.ts';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '200' }, verbose: { type: 'boolean' } },
});
const file = join(import.meta.dirname, '..', '..', 'shared', 'data', 'dev-articles.jsonl');
if (!existsSync(file)) {
  console.log(`extract-dates-numbers: skipped, ${file} is absent`);
  process.exit(0);
}

interface GoldEvent {
  readonly event_date: string | null;
  readonly fatalities: number | null;
}
interface Article {
  readonly id: string;
  readonly text: string;
  readonly lang?: Lang;
  readonly published: string | null;
  readonly gold: readonly GoldEvent[];
}

const articles = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Article);

let dated = 0;
let dateFound = 0;
let dateFoundDay = 0;
let tolls = 0;
let tollFound = 0;
for (const a of articles) {
  const lang = a.lang ?? 'fr';
  const dates = findDates(a.text, lang, a.published);
  const counts = findCounts(a.text, lang);
  const all = new Set(dates.map((d) => d.date));
  const days = new Set(dates.filter((d) => d.precision === 'day').map((d) => d.date));
  const values = new Set(counts.filter((c) => c.likelyYear !== true).map((c) => c.value));
  for (const e of a.gold) {
    if (e.event_date !== null) {
      dated++;
      if (all.has(e.event_date)) dateFound++;
      if (days.has(e.event_date)) dateFoundDay++;
      else if (process.argv.includes('--verbose')) {
        console.log(`date miss ${a.id} gold ${e.event_date} published ${a.published}:`, [...all].join(' '));
      }
    }
    if (e.fatalities !== null) {
      tolls++;
      if (values.has(e.fatalities)) tollFound++;
      else if (process.argv.includes('--verbose')) {
        console.log(
          `toll miss ${a.id} gold ${e.fatalities}:`,
          counts.map((c) => `${c.text}=${c.value}`).join(' | '),
        );
      }
    }
  }
}

const rounds = Number(values.rounds);
let mentions = 0;
for (const a of articles) findDates(a.text, a.lang ?? 'fr', a.published); // warm-up
const t0 = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) {
  for (const a of articles) {
    const lang = a.lang ?? 'fr';
    mentions += findDates(a.text, lang, a.published).length + findCounts(a.text, lang).length;
  }
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const docs = rounds * articles.length;
const pct = (a: number, b: number): string => `${a}/${b} (${((100 * a) / b).toFixed(1)} %)`;
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown'}, node ${process.version}`);
console.log(`command: node bench/extract-dates-numbers.ts --rounds ${rounds}`);
console.log(`gold event_date among resolved date mentions: ${pct(dateFound, dated)}`);
console.log(`  among day-precision mentions: ${pct(dateFoundDay, dated)}`);
console.log(`gold fatalities among count values: ${pct(tollFound, tolls)}`);
console.log(
  `speed (findDates + findCounts, one core): ${Math.round(docs / seconds)} docs/s, ` +
    `${Math.round(mentions / seconds)} mentions/s over ${docs} docs`,
);
