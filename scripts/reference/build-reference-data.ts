/** The reference build: reads the shared GeoNames folder and actor table, writes data/reference. */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import countries from 'i18n-iso-countries';
import { CountryIndex } from '../../src/reference/country-index.ts';
import { formatGazetteerTsv } from '../../src/reference/gazetteer-tsv.ts';
import { REFERENCE_FILES } from '../../src/reference/reference-dir.ts';
import { buildActors, type ActorSource, type SharedActorAliases } from './build-actors.ts';
import { buildAdminUnits } from './build-admin-units.ts';
import { buildCountries, type ExtraCountryNames } from './build-countries.ts';
import { buildGazetteer, type GazetteerCorrection } from './build-gazetteer.ts';
import { buildOutlines } from './build-outlines.ts';
import { buildParties, PARTY_ISO3 } from './build-parties.ts';
import { GEONAMES_FILES, readGeonamesAdminCodes, readGeonamesRows } from './read-geonames.ts';
import { writeSources, GEONAMES_ATTRIBUTION } from './write-sources.ts';

export interface BuildOptions {
  /** The shared GeoNames folder (shared/data/geo). */
  readonly geoDir: string;
  /** shared/data/actor-aliases.json. */
  readonly actorAliasesPath: string;
  readonly outDir: string;
}

/** Sizes of the files written, by name. */
export type BuildResult = Readonly<Record<string, number>>;

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** JSON with two-space indentation and a final newline, for readable diffs. */
const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

/** Builds every reference file into outDir. Same inputs, same bytes. */
export function buildReference(options: BuildOptions): BuildResult {
  const here = import.meta.dirname;
  // The shapes of these hand-written files are checked where they are used.
  const extraCountryNames = readJson(join(here, 'acled-country-names.json')) as ExtraCountryNames;
  const corrections = (
    readJson(join(here, 'gazetteer-corrections.json')) as { corrections: GazetteerCorrection[] }
  ).corrections;
  const actorSource = readJson(join(here, 'actors.source.json')) as ActorSource;
  const shared = readJson(options.actorAliasesPath) as SharedActorAliases;

  const countryList = buildCountries(extraCountryNames);
  const countryIndex = new CountryIndex(countryList);
  const parties = buildParties(countryList);
  const iso3Of = (iso2: string): string =>
    countries.alpha2ToAlpha3(iso2) ??
    ((): never => {
      throw new Error(`Unknown ISO2 ${iso2}`);
    })();

  const rows = readGeonamesRows(options.geoDir);
  const admin1 = readGeonamesAdminCodes(options.geoDir, 1);
  const admin2 = readGeonamesAdminCodes(options.geoDir, 2);
  const ids = new Set<number>();
  for (const r of rows) {
    if (ids.has(r.geonameId)) throw new Error(`Duplicate geonameId ${r.geonameId}`);
    ids.add(r.geonameId);
  }
  const countryNameFr = (iso3: string): string => countryIndex.byIso3(iso3)?.name.fr ?? iso3;
  const gazetteer = buildGazetteer(rows, admin1, admin2, corrections, iso3Of, countryNameFr);
  const adminUnits = buildAdminUnits(admin1, admin2, rows, gazetteer.records, iso3Of);
  const outlines = buildOutlines(countryList, PARTY_ISO3);
  const actors = buildActors(actorSource, shared, countryIndex, PARTY_ISO3);

  const files: Record<string, string> = {
    [REFERENCE_FILES.parties]: json(parties),
    [REFERENCE_FILES.countries]: json(countryList),
    [REFERENCE_FILES.adminUnits]: json(adminUnits),
    [REFERENCE_FILES.gazetteer]: formatGazetteerTsv(gazetteer.records, GEONAMES_ATTRIBUTION),
    [REFERENCE_FILES.outlines]:
      '{"type":"FeatureCollection","features":[\n' +
      outlines.features.map((f) => JSON.stringify(f)).join(',\n') +
      '\n]}\n',
    [REFERENCE_FILES.actors]: json(actors.actors),
  };
  files[REFERENCE_FILES.sources] = writeSources({
    inputs: [
      ...Object.values(GEONAMES_FILES).map((f) => ({ name: f, sha256: sha256(join(options.geoDir, f)) })),
      { name: 'actor-aliases.json', sha256: sha256(options.actorAliasesPath) },
    ],
    gazetteer: gazetteer.report,
    adminUnits,
    countries: countryList.length,
    actors: actors.actors,
    actorReport: actors.report,
    corrections,
    outlineCountries: outlines.features.map((f) => f.properties.iso3),
  });

  mkdirSync(options.outDir, { recursive: true });
  const sizes: Record<string, number> = {};
  for (const [name, content] of Object.entries(files)) {
    const bytes = Buffer.from(content, 'utf8');
    writeFileSync(join(options.outDir, name), bytes);
    sizes[name] = bytes.length;
  }
  return sizes;
}
