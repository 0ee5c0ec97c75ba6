import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Extractor } from '../../src/ingest/extract/extractor.ts';
import { loadReference } from '../../src/reference/load-reference.ts';

// Sentences written for these tests; the incidents in them are invented.
const extractor = new Extractor(loadReference());
const actorsOf = (text: string, lang: 'en' | 'fr' = 'en'): (string | null)[] => {
  const [event] = extractor.extract(text, { lang, published: '2020-03-02' });
  assert.ok(event, 'an event');
  return [event.actor1, event.actor2];
};

test('a community name followed by a militia word is its ethnic militia', () => {
  assert.deepEqual(
    actorsOf('On 1 March 2020, Fulani militiamen killed three villagers in Bankass (Bankass, Mopti).'),
    ['Fulani Ethnic Militia (Mali)', 'Civilians (Mali)'],
  );
});

test('two communities joined by "and" before a militia word are both militias', () => {
  const actors = actorsOf(
    'On 1 March 2020, Dogon and Fulani militiamen clashed near Bankass (Bankass, Mopti).',
  );
  assert.deepEqual([...actors].sort(), ['Dogon Ethnic Militia (Mali)', 'Fulani Ethnic Militia (Mali)']);
});

test('a French militia word before the community name and Dozos alone are militias', () => {
  assert.equal(
    actorsOf('Des miliciens peuls ont tué quatre villageois à Bankass, au Mali, dimanche.', 'fr')[0],
    'Fulani Ethnic Militia (Mali)',
  );
  assert.equal(
    actorsOf('On 1 March 2020, Dozos attacked and killed two herders in Bankass (Bankass, Mopti).')[0],
    'Dozo Communal Militia (Mali)',
  );
});

test('a qualifier after a community name wins: Dogon Amassagou militiamen are Dan Na Ambassagou', () => {
  assert.equal(
    actorsOf('On 1 March 2020, Dogon Amassagou militiamen killed a herder in Bankass (Bankass, Mopti).')[0],
    'Dan Na Ambassagou',
  );
});

test('a community name alone denotes civilians', () => {
  assert.deepEqual(
    actorsOf('On 1 March 2020, unknown gunmen killed two Fulani herders in Bankass (Bankass, Mopti).'),
    ['Unidentified Armed Group (Mali)', 'Civilians (Mali)'],
  );
});

test('gendarmes are coded as police forces', () => {
  const actors = actorsOf(
    'On 1 March 2020, militants attacked a gendarmerie post in Bankass (Bankass, Mopti).',
  );
  assert.ok(actors.some((a) => a?.startsWith('Police Forces of Mali')));
});

test("a group named as another's allegiance is not a party", () => {
  const actors = actorsOf(
    'On 1 March 2020, the al-Qaeda-linked JNIM attacked a military post in Bankass (Bankass, Mopti).',
  );
  assert.ok(actors.includes('JNIM: Group for Support of Islam and Muslims'));
  assert.ok(!actors.includes('Al Qaeda'));
});

test('village self-defence fighters are an armed party, not civilians', () => {
  const actors = actorsOf(
    'On 1 March 2020, JNIM militants attacked Bankass (Bankass, Mopti) and killed a member of the village self-defense.',
  );
  assert.ok(!actors.includes('Civilians (Mali)'));
});

test('"Burkina Faso" names no army, and "forces" qualified as jihadist are the attackers', () => {
  assert.deepEqual(
    actorsOf(
      'Le Burkina Faso pleure ses morts. Dimanche 1er mars, des forces djihadistes ont tué douze civils à Djibo.',
      'fr',
    ),
    ['Unidentified Armed Group (Burkina Faso)', 'Civilians (Burkina Faso)'],
  );
});
