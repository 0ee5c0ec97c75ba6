import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Party } from '../domain/party.ts';
import { ActorRegistry } from './actor-registry.ts';
import { AdminUnitIndex } from './admin-unit-index.ts';
import { CountryIndex } from './country-index.ts';
import { Gazetteer } from './gazetteer.ts';
import { parseGazetteerTsv } from './gazetteer-tsv.ts';
import type { ReferenceActor } from './reference-actor.ts';
import type { ReferenceAdminUnit } from './reference-admin-unit.ts';
import type { ReferenceCountry } from './reference-country.ts';
import { REFERENCE_DIR, REFERENCE_FILES } from './reference-dir.ts';

/** Properties of a feature of country-outlines.geojson. */
export interface OutlineProperties {
  readonly iso3: string;
  readonly iso2: string;
  readonly name: { readonly en: string; readonly fr: string };
  /** Whether the country is a party to the Charter. */
  readonly party: boolean;
}

export type CountryOutlines = FeatureCollection<Polygon | MultiPolygon, OutlineProperties>;

/**
 * The shipped reference data. Each part is read from data/reference the first time it is used and kept:
 * asking for the actors does not parse the gazetteer.
 */
export interface ReferenceData {
  readonly parties: readonly Party[];
  readonly countries: CountryIndex;
  readonly adminUnits: AdminUnitIndex;
  readonly gazetteer: Gazetteer;
  readonly actors: ActorRegistry;
  /** Outlines of the three states and their neighbours (GeoJSON, WGS84). */
  readonly outlines: CountryOutlines;
}

function lazy<T>(load: () => T): () => T {
  let value: T | undefined;
  let loaded = false;
  return () => {
    if (!loaded) {
      value = load();
      loaded = true;
    }
    return value as T; // set on the first call above
  };
}

/** Reads the reference data of a folder, lazily, part by part. */
export function readReference(dir: string): ReferenceData {
  const text = (file: string): string => readFileSync(join(dir, file), 'utf8');
  // The files are written by scripts/build-reference.ts from these same types; reading them back as
  // those types is what the build guarantees (and test/reference checks).
  const json = <T>(file: string): T => JSON.parse(text(file)) as T;
  const parties = lazy(() => json<Party[]>(REFERENCE_FILES.parties));
  const countries = lazy(() => new CountryIndex(json<ReferenceCountry[]>(REFERENCE_FILES.countries)));
  const adminUnits = lazy(() => new AdminUnitIndex(json<ReferenceAdminUnit[]>(REFERENCE_FILES.adminUnits)));
  const gazetteer = lazy(
    () => new Gazetteer(parseGazetteerTsv(text(REFERENCE_FILES.gazetteer)), adminUnits()),
  );
  const actors = lazy(() => new ActorRegistry(json<ReferenceActor[]>(REFERENCE_FILES.actors)));
  const outlines = lazy(() => json<CountryOutlines>(REFERENCE_FILES.outlines));
  return {
    get parties() {
      return parties();
    },
    get countries() {
      return countries();
    },
    get adminUnits() {
      return adminUnits();
    },
    get gazetteer() {
      return gazetteer();
    },
    get actors() {
      return actors();
    },
    get outlines() {
      return outlines();
    },
  };
}

let shipped: ReferenceData | null = null;

/** The reference data shipped in data/reference, read once per process. */
export function loadReference(): ReferenceData {
  shipped ??= readReference(REFERENCE_DIR);
  return shipped;
}
