import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Place } from '../../src/domain/place.ts';
import {
  editDistance,
  placeKey,
  PlaceVariants,
  skeletonOf,
} from '../../src/ingest/extract/place-variants.ts';

// A made-up gazetteer: the villages and their spellings are invented for these tests.
const place = (
  geonameId: number,
  name: string,
  latitude: number,
  longitude: number,
  alternateNames: string[] = [],
): Place => ({
  geonameId,
  name,
  nameFr: name,
  alternateNames,
  latitude,
  longitude,
  featureClass: 'P',
  featureCode: 'PPL',
  country: 'MLI',
  admin1: 'ML.04',
  admin2: null,
  population: 0,
});
const PLACES: Place[] = [
  place(1, 'Wobakoura', 14.1, -3.1),
  place(2, 'Tchimbarou', 14.3, -3.2, ['Tchambarou']),
  place(3, 'Zélmadarou', 14.35, -3.25),
  place(4, 'Kossinde-Dogon', 14.2, -3.0),
  place(5, 'Wobakoura', 16.9, -0.5),
  place(6, 'Nyangali', 14.15, -3.05),
];
const variants = new PlaceVariants(() => PLACES, new Set(['dogon', 'peulh', '1', '2']));

test('the phonetic key folds the transliterations of Sahel names', () => {
  assert.equal(placeKey('Gnangali'), placeKey('Nyangali'));
  assert.equal(placeKey('Diabouly'), placeKey('Dyabouli'));
  assert.equal(placeKey('Ouagoudou'), placeKey('Wagudu'));
  assert.equal(placeKey('Tchimbarou'), placeKey('Tchimbaru'));
  assert.notEqual(placeKey('Kossinde'), placeKey('Kassinde'));
  assert.equal(skeletonOf(placeKey('Tchima Barou')), skeletonOf(placeKey('Tchombarou')));
});

test('edit distance counts a swap as one edit and stops past its bound', () => {
  assert.equal(editDistance('kosinde', 'kosinde', 1), 0);
  assert.equal(editDistance('kosinde', 'kosindé', 1), 1);
  assert.equal(editDistance('kosinde', 'kosnide', 1), 1);
  assert.equal(editDistance('kosinde', 'kasindu', 1), 2);
});

test('a name one letter off or with the same consonants is found anywhere; a short one is not', () => {
  assert.deepEqual(
    variants.oneEdit('Wobakora').map((p) => p.geonameId),
    [1, 5],
  );
  assert.deepEqual(
    variants.spelledLike('Tchimbarouu').map((p) => p.geonameId),
    [2],
  );
  assert.deepEqual(
    variants.spelledLike('Zelmadaro').map((p) => p.geonameId),
    [3],
  );
  assert.deepEqual(variants.spelledLike('Wob'), []);
});

test('near a point: closest spelling first, a qualifier word more or less counts as one edit', () => {
  const hits = variants.near('Kossinde', 14.1, -3.1, 50);
  assert.equal(hits[0]?.place.geonameId, 4);
  assert.deepEqual(
    variants.near('Wobakoure', 14.1, -3.1, 50).map((h) => h.place.geonameId),
    [1],
    'the Wobakoura 300 km away is not near',
  );
});
