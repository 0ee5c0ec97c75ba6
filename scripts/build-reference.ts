/**
 * Builds data/reference from the shared data folder:
 *   npm run build:reference [-- GEO_DIR] [-- --out DIR]
 * GEO_DIR defaults to $LIPTAKO_SHARED_GEO, else ../shared/data/geo beside the repository; the actor
 * table is actor-aliases.json in GEO_DIR's parent folder. Writes nothing outside the output folder and
 * downloads nothing.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REFERENCE_DIR } from '../src/reference/reference-dir.ts';
import { buildReference } from './reference/build-reference-data.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, 'actor-aliases': { type: 'string' } },
});
const repoRoot = join(import.meta.dirname, '..');
const geoDir = resolve(
  positionals[0] ?? process.env['LIPTAKO_SHARED_GEO'] ?? join(repoRoot, '..', 'shared', 'data', 'geo'),
);
const actorAliasesPath = resolve(values['actor-aliases'] ?? join(geoDir, '..', 'actor-aliases.json'));
const outDir = resolve(values.out ?? REFERENCE_DIR);

for (const [what, path] of [
  ['GeoNames folder', geoDir],
  ['actor table', actorAliasesPath],
]) {
  if (path === undefined || !existsSync(path)) {
    console.error(
      `No ${what} at ${path ?? '?'}: pass the geo folder as an argument or set LIPTAKO_SHARED_GEO.`,
    );
    process.exit(1);
  }
}

const started = performance.now();
const sizes = buildReference({ geoDir, actorAliasesPath, outDir });
for (const [name, size] of Object.entries(sizes)) {
  console.log(`${name.padEnd(28)} ${String(size).padStart(10)} bytes`);
}
console.log(`Wrote ${outDir} from ${geoDir} in ${Math.round(performance.now() - started)} ms`);
