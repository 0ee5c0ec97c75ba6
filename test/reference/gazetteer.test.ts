import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldName } from '../../src/domain/place.ts';
import { loadReference } from '../../src/reference/load-reference.ts';

const gazetteer = loadReference().gazetteer;
const ids = (places: readonly { geonameId: number }[]): number[] => places.map((p) => p.geonameId);

test('finds Tillabéri whether written with or without its accent, the town first', () => {
  const accented = gazetteer.search('Tillabéri');
  const plain = gazetteer.search('tillaberi');
  assert.deepEqual(ids(accented), ids(plain));
  assert.equal(accented[0]?.geonameId, 2438678);
  assert.equal(accented[0]?.featureCode, 'PPLA');
  assert.ok(ids(accented).includes(2595293), 'the Tillabéri region comes too');
});

test('finds Ménaka by "menaka" and "MÉNAKA" alike', () => {
  const lower = gazetteer.search('menaka', { limit: 3 });
  assert.deepEqual(ids(lower), ids(gazetteer.search('MÉNAKA', { limit: 3 })));
  assert.equal(lower[0]?.name, 'Ménaka');
  assert.equal(lower[0]?.country, 'MLI');
});

test('finds places by the spelling variants GeoNames lists as alternate names', () => {
  assert.equal(gazetteer.search('Tillabéry')[0]?.geonameId, 2438678);
  assert.equal(gazetteer.search('Solhan')[0]?.name, 'Solna');
  assert.equal(gazetteer.search('Tesiti', { featureClass: 'P' })[0]?.geonameId, 10343856);
  assert.ok(ids(gazetteer.search('Boulikessi')).includes(2362013));
});

test('lists exact matches before names that only start with the query', () => {
  const results = gazetteer.search('Djibo', { limit: 20 });
  assert.equal(results[0]?.geonameId, 2361177);
  const exact = results.map((p) =>
    [p.name, p.nameFr, ...p.alternateNames].some((n) => foldName(n) === 'djibo'),
  );
  assert.ok(exact.includes(false), 'some names only start with Djibo');
  assert.deepEqual(
    exact,
    [...exact].sort((a, b) => Number(b) - Number(a)),
    'no exact match after a prefix match',
  );
});

test('restricts a search to a country and a feature class', () => {
  const inBurkina = gazetteer.search('Léré', { country: 'BFA', limit: 50 });
  assert.ok(inBurkina.length > 0);
  assert.ok(inBurkina.every((p) => p.country === 'BFA'));
  const water = gazetteer.search('Niger', { featureClass: 'H', limit: 50 });
  assert.ok(water.length > 0);
  assert.ok(water.every((p) => p.featureClass === 'H'));
  assert.deepEqual(gazetteer.search('   '), []);
});

test('returns a place by its geonameId, and null for an unknown id', () => {
  assert.equal(gazetteer.byId(2361177)?.name, 'Djibo');
  assert.equal(gazetteer.byId(1), null);
});

test('finds the nearest populated place to known coordinates', () => {
  const djibo = gazetteer.nearest(14.0994, -1.62554, { featureClass: 'P' });
  assert.equal(djibo?.place.name, 'Djibo');
  assert.ok((djibo?.distanceKm ?? 1) < 0.001);
  const nearMenaka = gazetteer.nearest(15.93, 2.41, { featureClass: 'P', maxKm: 5 });
  assert.equal(nearMenaka?.place.name, 'Ménaka');
  assert.equal(gazetteer.nearest(48.85, 2.35, { maxKm: 50 }), null);
});

test('places Djibo in the Sahel region of Burkina Faso, Soum province', () => {
  const admin = gazetteer.adminFor(14.0994, -1.62554);
  assert.equal(admin?.approximate, true);
  assert.equal(admin?.country, 'BFA');
  assert.equal(admin?.admin1.name.en, 'Sahel');
  assert.equal(admin?.admin1.code, 'BF.12');
  assert.equal(admin?.admin2?.code, 'BF.12.40');
});

test('places Ménaka, Tillabéri and Niamey in their regions', () => {
  const menaka = gazetteer.adminFor(15.9182, 2.4022);
  assert.equal(menaka?.country, 'MLI');
  assert.equal(menaka?.admin1.code, 'ML.12070577');
  assert.equal(menaka?.admin2?.code, 'ML.12070577.8631539');
  const tillaberi = gazetteer.adminFor(14.20711, 1.45418);
  assert.equal(tillaberi?.country, 'NER');
  assert.equal(tillaberi?.admin1.name.fr, 'Tillabéri');
  assert.equal(gazetteer.adminFor(13.52, 2.11)?.admin1.code, 'NE.08');
});

test('gives no admin units for a point far outside the three states', () => {
  assert.equal(gazetteer.adminFor(48.85, 2.35), null);
});

test('geocodes a name to its most important populated place, exact names only', () => {
  assert.equal(gazetteer.lookup('Tillaberi')?.geonameId, 2438678);
  assert.equal(gazetteer.lookup('Djib'), null);
  assert.equal(gazetteer.lookup('Nowhere-on-earth'), null);
});

test('geocodes a homonym inside the admin-1 unit given by name or code', () => {
  assert.equal(gazetteer.lookup('Léré', { admin1: 'Tombouctou' })?.geonameId, 2454104);
  assert.equal(gazetteer.lookup('Léré', { admin1: 'ML.08' })?.geonameId, 2454104);
  assert.equal(
    gazetteer.lookup('Léré', { country: 'MLI', admin1: 'Région de Tombouctou' })?.geonameId,
    2454104,
  );
  assert.equal(gazetteer.lookup('Djibo', { admin1: 'Kidal' }), null, 'no Djibo in Kidal');
  assert.equal(
    gazetteer.lookup('Djibo', { admin1: 'Liptako' })?.geonameId,
    2361177,
    'an unknown region is ignored',
  );
});

test('applies the documented correction of Tessit’s longitude', () => {
  const tessit = gazetteer.byId(10343856);
  assert.equal(tessit?.longitude, 0.3);
});
