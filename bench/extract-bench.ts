/**
 * Extraction speed on one core: documents per second over synthetic French and English texts written
 * for the benchmark (no shared data), after one warm-up pass that builds the indexes.
 *
 *   node bench/extract-bench.ts [DOCS]
 */
import { cpus } from 'node:os';
import { Extractor } from '../src/ingest/extract/extractor.ts';
import { loadReference } from '../src/reference/load-reference.ts';

const TEXTS: { text: string; lang: 'fr' | 'en' }[] = [
  {
    lang: 'en',
    text: 'On 14 March 2021, suspected JNIM militants ambushed a FAMa patrol near Boni (Douentza, Mopti). Four soldiers and three assailants were killed, and two vehicles were burned.',
  },
  {
    lang: 'en',
    text: 'On 2 June 2020, unknown gunmen abducted a village chief in Tessit (Ansongo, Gao). No casualties reported.',
  },
  {
    lang: 'fr',
    text: "BAMAKO (AFP) - Au moins douze civils ont été tués samedi dans l'attaque du village de Dioura, dans la région de Mopti, par des hommes armés non identifiés, a-t-on appris de sources locales. La veille, deux soldats avaient péri lorsque leur véhicule a sauté sur une mine près de Boulkessi.",
  },
  {
    lang: 'fr',
    text: "Une frappe de drone de l'armée burkinabè a visé dimanche des terroristes près de Djibo, dans la province du Soum. Plus d'une vingtaine d'assaillants ont été neutralisés, selon l'état-major.",
  },
  {
    lang: 'en',
    text: 'Hundreds of people demonstrated in Niamey on Friday against the high cost of living. The march, organised by civil society groups, ended without incident.',
  },
];

const n = Number(process.argv[2] ?? 20_000);
const extractor = new Extractor(loadReference());
for (const t of TEXTS) extractor.extract(t.text, { lang: t.lang, published: '2021-03-15' });
let events = 0;
const started = performance.now();
for (let i = 0; i < n; i++) {
  const t = TEXTS[i % TEXTS.length];
  if (t === undefined) continue;
  // Vary the text a little so no cache sees the same string twice in a row.
  events += extractor.extract(`${t.text} (${i})`, {
    lang: i % 7 === 0 ? null : t.lang,
    published: '2021-03-15',
  }).length;
}
const seconds = (performance.now() - started) / 1000;
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'}, node ${process.version}`);
console.log(`command: node bench/extract-bench.ts ${n}`);
console.log(
  `${n} documents, ${events} events in ${seconds.toFixed(2)} s: ${(n / seconds).toFixed(0)} docs/s on one core`,
);
