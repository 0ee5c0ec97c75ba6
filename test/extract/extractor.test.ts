import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Extractor } from '../../src/ingest/extract/extractor.ts';
import { loadReference } from '../../src/reference/load-reference.ts';

// Texts written for these tests; the incidents in them are invented.
const extractor = new Extractor(loadReference());

test('codes a structured English note: date, place in (admin2, admin1), actors, type and toll', () => {
  const [event, ...rest] = extractor.extract(
    'On 4 February 2021, suspected JNIM militants ambushed a FAMa patrol near Boni (Douentza, Mopti). Three soldiers and two assailants were killed.',
    { lang: 'en', published: '2021-02-04' },
  );
  assert.equal(rest.length, 0);
  assert.ok(event);
  assert.equal(event.event_date, '2021-02-04');
  assert.equal(event.country_iso3, 'MLI');
  assert.equal(event.location, 'Boni');
  assert.equal(event.admin1, 'Mopti');
  assert.equal(event.event_type, 'Battles');
  assert.equal(event.sub_event_type, 'Armed clash');
  assert.deepEqual([event.actor1, event.actor2].sort(), [
    'JNIM: Group for Support of Islam and Muslims',
    'Military Forces of Mali (2020-2021)',
  ]);
  assert.equal(event.fatalities, 5);
});

test('codes unidentified gunmen killing villagers as violence against civilians', () => {
  const [event] = extractor.extract(
    'On 9 June 2020, unidentified gunmen killed four villagers in Djibo (Djibo, Soum).',
    { lang: 'en', published: '2020-06-09' },
  );
  assert.ok(event);
  assert.equal(event.event_type, 'Violence against civilians');
  assert.equal(event.sub_event_type, 'Attack');
  assert.equal(event.actor1, 'Unidentified Armed Group (Burkina Faso)');
  assert.equal(event.actor2, 'Civilians (Burkina Faso)');
  assert.equal(event.fatalities, 4);
  assert.equal(event.country_iso3, 'BFA');
});

test('reads a French article: weekday against the publication date, IED type, words for numbers', () => {
  const [event] = extractor.extract(
    "Quatre militaires nigériens ont été tués mardi lorsque leur véhicule a sauté sur un engin explosif près de Ouallam, dans la région de Tillabéri, a indiqué l'armée.",
    { published: '2022-03-10' },
  );
  assert.ok(event);
  assert.equal(event.event_date, '2022-03-08');
  assert.equal(event.country_iso3, 'NER');
  assert.equal(event.event_type, 'Explosions/Remote violence');
  assert.equal(event.sub_event_type, 'Remote explosive/landmine/IED');
  assert.equal(event.fatalities, 4);
  assert.equal(event.location, 'Ouallam');
});

test('a dateline is not the place of the event', () => {
  const [event] = extractor.extract(
    'BAMAKO (AFP) - Des hommes armés ont attaqué jeudi le village de Dioura, tuant six civils, selon des sources locales.',
    { lang: 'fr', published: '2019-11-15' },
  );
  assert.ok(event);
  assert.equal(event.location, 'Dioura');
  assert.equal(event.event_date, '2019-11-14');
});

test('gives no event for an aggregate toll since a past year', () => {
  const events = extractor.extract('Plus de 2 000 personnes ont été tuées au Burkina Faso depuis 2016.', {
    lang: 'fr',
    published: '2020-01-01',
  });
  assert.deepEqual(events, []);
});

test('gives no event for an incident outside Mali, Burkina Faso and Niger', () => {
  const events = extractor.extract(
    'On 2 May 2021, gunmen killed twelve villagers in Zamfara state, Nigeria.',
    { lang: 'en', published: '2021-05-02' },
  );
  assert.deepEqual(events, []);
});

test('codes a peaceful protest with protesters as the only actor and no deaths', () => {
  const [event] = extractor.extract(
    'On 12 March 2022, hundreds of residents demonstrated in Gao (Gao, Gao) against the insecurity on the roads.',
    { lang: 'en', published: '2022-03-12' },
  );
  assert.ok(event);
  assert.equal(event.event_type, 'Protests');
  assert.equal(event.sub_event_type, 'Peaceful protest');
  assert.equal(event.actor1, 'Protesters (Mali)');
  assert.equal(event.actor2, null);
  assert.equal(event.fatalities, 0);
});

test('never throws on odd text', () => {
  for (const text of ['', ' ', '((((', 'Mali. '.repeat(2000), '\u0000\u0001', 'À'.repeat(10_000)])
    assert.ok(Array.isArray(extractor.extract(text, { published: null })));
});

test('an undated headline is the incident its first dated sentence describes, not a second one', () => {
  const events = extractor.extract(
    'Burkina : douze villageois tués par des hommes armés dans le Nord\n\nDimanche, des hommes armés ont attaqué le village de Djibo, tuant douze civils, selon des sources locales.',
    { lang: 'fr', published: '2020-06-09' },
  );
  assert.equal(events.length, 1);
  assert.equal(events[0]?.event_date, '2020-06-07');
  assert.equal(events[0]?.location, 'Djibo');
});

test('a claim dated after publication does not move the date of an undated note', () => {
  const [event, ...rest] = extractor.extract(
    'A FAMa patrol was ambushed near Boni, 3 soldiers killed. JNIM claimed the attack on March 12.',
    { lang: 'en', published: '2021-03-10' },
  );
  assert.equal(rest.length, 0);
  assert.equal(event?.event_date, '2021-03-10');
});

test('simultaneous attacks on listed villages are one event per village, the toll split between them', () => {
  const events = extractor.extract(
    'On 4 March 2020, gunmen attacked the villages of Djibo and Arbinda, killing nine civilians.',
    { lang: 'en', published: '2020-03-05' },
  );
  assert.deepEqual(
    events.map((e) => [e.location, e.fatalities]),
    [
      ['Djibo', 5],
      ['Aribinda', 4],
    ],
  );
});

test('a road between two towns, or a place and its region, is one site', () => {
  const road = extractor.extract(
    'On 4 March 2020, a bus hit an IED between Djibo and Arbinda, killing two passengers.',
    { lang: 'en', published: '2020-03-05' },
  );
  assert.equal(road.length, 1);
  const region = extractor.extract('On 4 March 2020, gunmen killed two herders in Boni, Douentza.', {
    lang: 'en',
    published: '2020-03-05',
  });
  assert.equal(region.length, 1);
});
