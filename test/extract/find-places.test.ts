import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadExtractDictionaries } from '../../src/ingest/extract/extract-dictionaries.ts';
import { PlaceFinder } from '../../src/ingest/extract/find-places.ts';
import { tokenize } from '../../src/ingest/extract/tokenize.ts';
import { loadReference } from '../../src/reference/load-reference.ts';

// Sentences written for these tests; the villages "Wazzoumbé" and "Tinkélou" are invented.
const ref = loadReference();
const finder = new PlaceFinder(ref.gazetteer, ref.adminUnits, loadExtractDictionaries());
const find = (text: string): ReturnType<PlaceFinder['find']> => finder.find(text, tokenize(text), 'en', []);

test('reads "(department, province)" as Burkina Faso: the province gives the region', () => {
  const [place] = find('Militants burned a school in the village of Wazzoumbé (Dargo, Namentenga).');
  assert.ok(place);
  assert.equal(place.location, 'Wazzoumbé');
  assert.equal(place.country, 'BFA');
  assert.equal(place.admin1, 'Centre-Nord');
  assert.ok(place.score >= 4);
});

test('an unknown village in "(admin2, admin1)" is geocoded at its admin-2 seat', () => {
  const [place] = find('Gunmen attacked the village of Tinkélou (Douentza, Mopti).');
  assert.ok(place);
  assert.equal(place.location, 'Tinkélou');
  assert.equal(place.admin1, 'Mopti');
  assert.ok(Math.abs(place.place.latitude - 15) < 0.3, 'near Douentza');
});

test('a town filed by GeoNames under another region is still found near the region ACLED names', () => {
  const [place] = find('Gunmen shot a guard in Menaka (Menaka, Gao).');
  assert.ok(place);
  assert.equal(place.location, 'Ménaka');
  assert.ok(Math.abs(place.place.latitude - 15.92) < 0.1);
  assert.equal(place.admin1, 'Gao');
});

// Homonyms: several villages named Boni (Burkina Faso, Niger, two in Mali), Sabaré (Niger, Mali) and
// Fafa (Niger, Mali). The sentences are invented.
const findWith = (text: string, countries: [string, number][]): ReturnType<PlaceFinder['find']> =>
  finder.find(text, tokenize(text), 'en', [], { countries: new Map(countries) });

test('a name many villages share goes to the country the text speaks of', () => {
  const text = 'Gunmen shot a shepherd near Boni.';
  assert.equal(findWith(text, [['MLI', 2]])[0]?.country, 'MLI');
  assert.equal(findWith(text, [['BFA', 2]])[0]?.country, 'BFA');
  assert.equal(findWith(text, [['NER', 2]])[0]?.country, 'NER');
});

test('a name many villages share goes to the one in the admin unit the text names, or near its other places', () => {
  const [inRegion] = find('Gunmen shot a shepherd near Sabaré, in the Mopti region.');
  assert.equal(inRegion?.country, 'MLI');
  const [nearGao] = find('A truck hit a mine near Fafa on the road to Gao.');
  assert.equal(nearGao?.country, 'MLI');
  assert.equal(nearGao?.admin1, 'Gao');
});

test('in "(X, Y)" the homonym nearest the seat of X wins; an unknown village spelled otherwise is found near it', () => {
  const [boni] = find('Militants burned a school in Boni (Douentza, Mopti).');
  assert.ok(boni);
  assert.equal(boni.country, 'MLI');
  assert.ok(boni.place.latitude > 15, 'the Boni of Douentza cercle');
  // GeoNames spells it "Diabali"; ACLED writes "Diabaly".
  const [variant] = find('Soldiers killed a herder in Diabaly (Niono, Segou).');
  assert.equal(variant?.location, 'Diabali');
});

test('ACLED\'s "(X, Y)" places every name of the phrase before it, and its bracketed spelling wins', () => {
  const places = find('Gunmen attacked the village of Wazzoumbé, Mondoro Commune (Douentza, Mopti).');
  const village = places.find((p) => p.text === 'Wazzoumbé');
  const commune = places.find((p) => p.text === 'Mondoro');
  assert.ok(village && commune);
  assert.equal(village.admin1, 'Mopti', "the commune's units place the village");
  assert.ok(village.score > commune.score, 'the village, not its commune');
  const [spelled, canonical] = find('Gunmen attacked Tinkélou [Boni] (Douentza, Mopti).');
  assert.ok(spelled && canonical);
  assert.ok(canonical.score > spelled.score);
});

test('"coded as" names the place outright; a border, a destination and a country adjective do not', () => {
  const [between, other, coded] = find(
    'Gunmen attacked a bus between Douentza and Hombori (coded as Boni at geoprecision 2).',
  );
  assert.ok(between && other && coded);
  assert.equal(coded.location, 'Boni');
  assert.ok(coded.score > between.score);
  const [neighbour] = find('Soldiers clashed with militants near the border with Djibo.');
  assert.ok(neighbour && neighbour.score < 1);
  const [destination] = find('The convoy heading for Gao was stopped by protesters.');
  assert.ok(destination && destination.score < 1);
  assert.deepEqual(find('Malian soldiers patrolled the road.'), []);
});

test('a village announced by "village of" may be one letter off the gazetteer\'s spelling if the text backs it', () => {
  const [found] = findWith('Gunmen killed two farmers in the village of Diabaly.', [['MLI', 1]]);
  assert.equal(found?.location, 'Diabali');
  assert.deepEqual(findWith('Gunmen killed two farmers in the village of Diabaly.', [['NER', 2]]), []);
});

test('"Tin" of a longer name is no place alone; a place inside a name keeps its particle', () => {
  assert.deepEqual(
    find('Gunmen attacked a camp in Tin Wazzoumbé.').map((p) => p.location),
    [],
  );
  assert.equal(find('Militants attacked the camp of Nioro du Sahel.')[0]?.location, 'Nioro');
});
