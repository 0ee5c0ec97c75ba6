import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Extractor } from '../../src/ingest/extract/extractor.ts';
import { loadReference } from '../../src/reference/load-reference.ts';

const extractor = new Extractor(loadReference());
const KEYS = [
  'event_date',
  'country_iso3',
  'admin1',
  'location',
  'latitude',
  'longitude',
  'event_type',
  'sub_event_type',
  'actor1',
  'actor2',
  'fatalities',
];

// Words the stages react to, so that generated texts reach the cue, place, toll and actor paths.
const WORDS = [
  'tués',
  'killed',
  'attaque',
  'attacked',
  'Ménaka',
  'Djibo',
  '(Douentza, Mopti)',
  '(Dargo, Namentenga)',
  'Fulani',
  'militiamen',
  'Dozos',
  'FAMa',
  'JNIM',
  'al-Qaeda-linked',
  'dimanche',
  'la veille',
  'On 3 May',
  'vingt-deux',
  'une centaine',
  '12',
  'Property destruction:',
  'Mali',
  'Niger',
  'Burkina',
  '.',
  ',',
  '\n',
];
const text = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.array(fc.constantFrom(...WORDS), { maxLength: 40 }).map((ws) => ws.join(' ')),
);

test('never throws and always returns events with every contract key, whatever the text', () => {
  fc.assert(
    fc.property(
      text,
      fc.option(fc.constantFrom('fr' as const, 'en' as const)),
      fc.option(fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })),
      (t, lang, day) => {
        const events = extractor.extract(t, {
          lang,
          published: day === null ? null : day.toISOString().slice(0, 10),
        });
        assert.ok(Array.isArray(events));
        for (const e of events) for (const k of KEYS) assert.ok(k in e, `key ${k}`);
      },
    ),
    { numRuns: 300 },
  );
});
