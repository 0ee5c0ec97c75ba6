import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Extractor } from '../../src/ingest/extract/extractor.ts';
import { loadReference } from '../../src/reference/load-reference.ts';

// Texts written for these tests; the incidents in them are invented.
const extractor = new Extractor(loadReference());
const extract = (text: string, published: string | null = '2022-05-10', lang: 'en' | 'fr' | null = null) =>
  extractor.extract(text, { lang, published });

test('a claim dated later and a toll that rose are the same incident, dated by the attack', () => {
  const events = extract(
    'Militants ambushed an army patrol near Ouallam on Sunday. Eleven soldiers were killed. ' +
      'On Tuesday the Islamic State claimed responsibility for the attack, and the army said Tuesday the death toll had risen to 14.',
    '2022-05-11',
    'en',
  );
  assert.equal(events.length, 1);
  assert.equal(events[0]?.event_date, '2022-05-08');
  assert.equal(events[0]?.fatalities, 14);
  assert.equal(events[0]?.actor1, 'Islamic State (Sahel)');
});

test('another attack the same day at another place is an incident of its own, even inside one sentence', () => {
  const split = extract(
    'Gunmen attacked the gendarmerie post of Djibo on Friday, killing four gendarmes. Another post in the town of Arbinda was also attacked the same day, but the assault was repelled.',
    '2022-05-10',
    'en',
  );
  assert.deepEqual(split.map((e) => e.location).sort(), ['Aribinda', 'Djibo']);
  const clauses = extract(
    'Gunmen killed 12 villagers in the village of Gorom-Gorom on Monday, another 8 were killed in the nearby village of Markoye.',
    '2022-05-10',
    'en',
  );
  assert.deepEqual(
    clauses.map((e) => [e.location, e.fatalities]),
    [
      ['Gorom-Gorom', 12],
      ['Markoye', 8],
    ],
  );
});

test('listed sites each take the cues and the toll the text gives them alone', () => {
  const events = extract(
    'On Tuesday militants attacked army positions in Nioro du Sahel, Diboli and Kayes. ' +
      'They also shelled the base of Diboli with mortars. 5 soldiers were killed in Nioro du Sahel and 3 in Kayes.',
    '2022-05-11',
    'en',
  );
  const byPlace = new Map(events.map((e) => [e.location, e]));
  assert.equal(byPlace.get('Nioro')?.event_type, 'Battles');
  assert.equal(byPlace.get('Kayes')?.event_type, 'Battles');
  assert.equal(byPlace.get('Diboli')?.event_type, 'Explosions/Remote violence');
  assert.deepEqual(
    events.map((e) => e.fatalities),
    [5, 0, 3],
  );
});

test('an armed post attacked is a battle against unidentified men; an off-duty soldier killed is a civilian', () => {
  const [post] = extract(
    'On 3 August 2022, a gendarmerie post was attacked in Djibo (Djibo, Soum).',
    '2022-08-03',
    'en',
  );
  assert.equal(post?.event_type, 'Battles');
  assert.deepEqual(
    [post?.actor1, post?.actor2],
    ['Unidentified Armed Group (Burkina Faso)', 'Police Forces of Burkina Faso (2022-)'],
  );
  const [offDuty] = extract(
    'On 3 May 2022, militants killed an off-duty soldier on his farm near Djibo (Djibo, Soum).',
    '2022-05-03',
    'en',
  );
  assert.equal(offDuty?.event_type, 'Violence against civilians');
});

test('a village post overrun and only villagers killed is violence against civilians', () => {
  const [event] = extract(
    'Des hommes armés ont attaqué le poste des volontaires de Solenzo avant de tuer une trentaine de villageois, samedi.',
    '2022-05-08',
    'fr',
  );
  assert.equal(event?.event_type, 'Violence against civilians');
  assert.equal(event?.fatalities, 30);
});

test('the government speaks of an attack but takes no part; a coup is at the capital against it', () => {
  const [attack] = extract(
    'Gunmen killed five herders near Djibo on Monday, the government said.',
    '2022-05-10',
    'en',
  );
  assert.deepEqual(
    [attack?.actor1, attack?.actor2],
    ['Unidentified Armed Group (Burkina Faso)', 'Civilians (Burkina Faso)'],
  );
  const [coup] = extract(
    'Soldiers appeared on state television on Friday to announce they had overthrown the president of Burkina Faso.',
    '2022-05-07',
    'en',
  );
  assert.equal(coup?.event_type, 'Strategic developments');
  assert.equal(coup?.location, 'Ouagadougou');
  assert.equal(coup?.actor2, 'Government of Burkina Faso (2022-)');
});

test('a photo caption set in another country is no incident, nor a group named after a place a place', () => {
  const events = extract(
    'Mourners gather in Maiduguri, Nigeria, after Boko Haram fighters killed 20 farmers on Friday.\n' +
      'In Niger, gunmen killed seven villagers in the village of Banibangou on Saturday.',
    '2022-05-09',
    'en',
  );
  assert.deepEqual(
    events.map((e) => [e.country_iso3, e.location, e.fatalities]),
    [['NER', 'Bani Bangou', 7]],
  );
});

test('a day after a verb of saying dates the report, not the incident', () => {
  const [event] = extract(
    'Militants ambushed a convoy near Ménaka at the weekend, killing six soldiers, the army said Tuesday.',
    '2022-05-10',
    'en',
  );
  assert.equal(event?.event_date, '2022-05-07', 'the weekend, not Tuesday');
});

test('a text about an incident long past and nothing newer codes it', () => {
  const [event] = extract(
    'Investigators concluded that soldiers executed 30 civilians in Dioura between 3 and 5 March 2021.',
    '2022-05-10',
    'en',
  );
  assert.equal(event?.event_date, '2021-03-03');
  assert.equal(event?.location, 'Dioura');
});

test('French air strikes without "aérien" and ongoing fighting as background', () => {
  const [strike] = extract(
    'Les FAMa ont mené samedi deux frappes chirurgicales près de Kidal, neutralisant une vingtaine de terroristes.',
    '2022-05-09',
    'fr',
  );
  assert.equal(strike?.sub_event_type, 'Air/drone strike');
  assert.equal(strike?.fatalities, 20);
  const [ambush] = extract(
    'Gunmen ambushed a bus near Gao on Sunday, killing three passengers. Mali has been fighting jihadists since 2012.',
    '2022-05-09',
    'en',
  );
  assert.equal(ambush?.event_type, 'Violence against civilians');
});

test("the text's groups, communities and unit words point to the homonym of their country and region", () => {
  const where = (text: string): [string | null | undefined, string | null | undefined] => {
    const [event] = extract(text, '2022-05-10', 'en');
    return [event?.country_iso3, event?.admin1];
  };
  // Sokoura: five villages in Burkina Faso, seven in Mali.
  assert.equal(where('Gunmen killed a herder in Sokoura, cercle of Bankass, on Monday.')[0], 'MLI');
  assert.deepEqual(where('Dozo militiamen killed two herders in the village of Sokoura on Monday.'), [
    'MLI',
    'Mopti',
  ]);
  assert.equal(where('Koglweogo members killed two herders in the village of Sokoura on Monday.')[0], 'BFA');
});

test("an English possessive is the place: Gao's market", async () => {
  const { tokenize } = await import('../../src/ingest/extract/tokenize.ts');
  assert.deepEqual(
    tokenize("Gao's market").map((t) => t.text),
    ['Gao', 'market'],
  );
});

test('an incident dated only to its month, with its own toll and place, is coded apart with no date', () => {
  const events = extract(
    "Des hommes armés ont tué cinq soldats près de Ouallam lundi. En août dernier, 23 civils avaient été tués dans l'attaque du village de Banibangou. Depuis 2017, la région est en proie aux attaques.",
    '2022-09-14',
    'fr',
  );
  assert.deepEqual(
    events.map((e) => [e.event_date, e.location, e.fatalities]),
    [
      ['2022-09-12', 'Ouallam', 5],
      [null, 'Bani Bangou', 23],
    ],
  );
});

test('a destination after "heading for the town of" is not the place; a backdrop of years is not background', () => {
  const [event] = extract(
    'A military convoy heading for the Malian town of Gao was attacked on Sunday in Téra, western Niger, by protesters throwing stones. ' +
      'Two people were killed, the government said Monday, in a region where violence started more than five years ago.',
    '2022-05-10',
    'en',
  );
  assert.equal(event?.location, 'Téra');
  assert.equal(event?.country_iso3, 'NER');
  assert.equal(event?.fatalities, 2);
});
