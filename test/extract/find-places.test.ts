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
