import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadReference } from '../../src/reference/load-reference.ts';
import { REFERENCE_DIR, REFERENCE_FILES } from '../../src/reference/reference-dir.ts';

const reference = loadReference();

test('has the 32 admin-1 and 162 admin-2 units of the three states', () => {
  const units = reference.adminUnits.all();
  assert.equal(units.filter((u) => u.level === 1).length, 32);
  assert.equal(units.filter((u) => u.level === 2).length, 162);
  assert.equal(reference.adminUnits.byCode('ML.12070577')?.name.en, 'Ménaka');
  assert.equal(reference.adminUnits.byCode('ML.04')?.name.fr, 'Région de Mopti');
  assert.equal(reference.adminUnits.childrenOf('BF.12').length, 4);
});

test('finds admin units by the names sources give them', () => {
  const find = (name: string, level: 1 | 2, country: string): string | undefined =>
    reference.adminUnits.find(name, { level, country })[0]?.code;
  assert.equal(find('Tillaberi', 1, 'NER'), 'NE.09');
  assert.equal(find('Douentza', 2, 'MLI'), 'ML.04.7670549');
  assert.equal(find('Soum', 2, 'BFA'), 'BF.12.40');
  assert.equal(find('Oudalan', 2, 'BFA'), 'BF.12.33');
  assert.equal(find('Hauts-Bassins', 1, 'BFA'), 'BF.09');
  assert.equal(find('Tombouctou', 1, 'MLI'), 'ML.08');
});

test('gives admin units an approximate centroid inside the country’s bounds', () => {
  for (const u of reference.adminUnits.all()) {
    if (u.latitude === null || u.longitude === null) {
      assert.equal(u.centroidBasis, null, u.code);
      continue;
    }
    assert.ok(u.latitude > 9 && u.latitude < 24 && u.longitude > -13 && u.longitude < 16, u.code);
  }
  const sahel = reference.adminUnits.byCode('BF.12');
  assert.equal(sahel?.centroidBasis, 'populated-places');
});

test('holds about 60,000 GeoNames features of the three states, under 4 MB', () => {
  assert.ok(reference.gazetteer.size > 60_000);
  assert.ok(statSync(join(REFERENCE_DIR, REFERENCE_FILES.gazetteer)).size < 4 * 1024 * 1024);
});

test('outlines the three states and their eleven neighbours', () => {
  const features = reference.outlines.features;
  assert.equal(features.length, 14);
  assert.deepEqual(
    features.filter((f) => f.properties.party).map((f) => f.properties.iso3),
    ['MLI', 'BFA', 'NER'],
  );
  const civ = features.find((f) => f.properties.iso3 === 'CIV');
  assert.equal(civ?.properties.name.en, "Cote d'Ivoire");
  assert.ok(features.every((f) => f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'));
});

test('carries GeoNames’ attribution in the gazetteer and SOURCES.md', () => {
  const attribution = 'Contains data from GeoNames (geonames.org), CC BY 4.0';
  assert.ok(readFileSync(join(REFERENCE_DIR, REFERENCE_FILES.sources), 'utf8').includes(attribution));
  assert.ok(
    readFileSync(join(REFERENCE_DIR, REFERENCE_FILES.gazetteer), 'utf8').startsWith(`# ${attribution}`),
  );
});

test('reads each reference file once per process', () => {
  assert.equal(loadReference(), reference);
  assert.equal(reference.gazetteer, reference.gazetteer);
  assert.equal(reference.actors, reference.actors);
});
