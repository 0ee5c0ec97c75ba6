import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadExtractDictionaries } from '../../src/ingest/extract/extract-dictionaries.ts';
import { findDeathTolls, totalFatalities } from '../../src/ingest/extract/find-fatalities.ts';
import { findCounts } from '../../src/ingest/extract/numbers/find-counts.ts';

// Sentences written for these tests.
const dict = loadExtractDictionaries();
const deaths = (text: string, lang: 'en' | 'fr' = 'en'): number | null =>
  totalFatalities(findDeathTolls(text, findCounts(text, lang), dict), text, dict);

test('one victim after any singular noun, or a singular passive', () => {
  assert.equal(deaths('Gunmen killed a retired schoolmaster in his field.'), 1);
  assert.equal(deaths('The deputy mayor was shot dead at his home.'), 1);
  assert.equal(deaths('Un conseiller municipal a été abattu devant sa maison.', 'fr'), 1);
  assert.equal(deaths('Gunmen killed a dozen herders.'), 12, 'a dozen is no one but twelve');
});

test('counts joined to a toll add up; parts after "including" do not', () => {
  assert.equal(deaths('Two gendarmes, one volunteer, and three assailants were killed.'), 6);
  assert.equal(deaths('Four soldiers and nine civilians were killed in the raid.'), 13);
  assert.equal(deaths('Twelve people, including five women, were killed.'), 12);
  assert.equal(deaths('Vingt civils, dont sept enfants, ont été tués.', 'fr'), 20);
});

test('"killed a chief and two others"; "others" add to the toll told just before', () => {
  assert.equal(deaths('Militants killed a village chief and two other residents.'), 3);
  assert.equal(deaths('The attack left 11 dead. Later, four other villagers were killed nearby.'), 15);
});

test('a killing verb before a count wins over an arrest word later; a toll that rose is a toll', () => {
  assert.equal(deaths('Soldiers killed 6 herders and arrested several others.'), 6);
  assert.equal(deaths('The death toll for the attack on the camp has risen to 19.'), 19);
});

test("ACLED's coded and split tolls", () => {
  assert.equal(deaths('Clashes left many dead (unknown fatalities coded as 10).'), 10);
  assert.equal(
    deaths(
      'At least 30 militants were killed in strikes on three camps. Fatalities are split across three events.',
    ),
    10,
  );
});

test('a year after a month and day is no count', () => {
  assert.deepEqual(
    findCounts('on November 29, 2020 after they were killed', 'en').filter((c) => c.likelyYear !== true),
    [],
  );
});

test('a count joined to a toll before it adds to it: "risen to 28 officers and four civilians"', () => {
  assert.equal(
    deaths(
      'The death toll for the weekend attack on the post has risen to at least 28 officers and four civilians.',
    ),
    32,
  );
});
