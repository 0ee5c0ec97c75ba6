import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildReference } from '../../scripts/reference/build-reference-data.ts';
import { REFERENCE_DIR } from '../../src/reference/reference-dir.ts';

const sharedData = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');
const geoDir = process.env['LIPTAKO_SHARED_GEO'] ?? join(sharedData, 'geo');
const absent = existsSync(geoDir)
  ? false
  : `the shared geo folder ${geoDir} is absent: nothing to rebuild from`;

test('rebuilds data/reference byte for byte from the shared data', { skip: absent }, () => {
  const outDir = mkdtempSync(join(tmpdir(), 'liptako-reference-'));
  try {
    buildReference({ geoDir, actorAliasesPath: join(geoDir, '..', 'actor-aliases.json'), outDir });
    const built = readdirSync(outDir).sort();
    assert.deepEqual(built, readdirSync(REFERENCE_DIR).sort());
    for (const file of built) {
      const same = readFileSync(join(outDir, file)).equals(readFileSync(join(REFERENCE_DIR, file)));
      assert.ok(same, `${file} differs from the committed one: run npm run build:reference`);
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});
