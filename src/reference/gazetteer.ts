import { foldName, type Place } from '../domain/place.ts';
import type { AdminUnitIndex } from './admin-unit-index.ts';
import type { GazetteerRecord } from './gazetteer-tsv.ts';
import { placeImportance } from './place-importance.ts';
import type { ReferenceAdminUnit } from './reference-admin-unit.ts';
import { SpatialGrid } from './spatial-grid.ts';

export interface SearchOptions {
  /** ISO3 of the country. */
  readonly country?: string;
  /** GeoNames feature class: "P" populated places, "A" admin units, "H" water, "T" relief… */
  readonly featureClass?: string;
  /** At most this many results; 10 by default. */
  readonly limit?: number;
}

export interface LookupOptions {
  /** ISO3 of the country. */
  readonly country?: string;
  /**
   * The admin-1 unit, as a GeoNames code ("BF.12") or a name ("Sahel", "Tombouctou"). A name the
   * reference does not know (a region created after the GeoNames snapshot) is ignored.
   */
  readonly admin1?: string;
  readonly featureClass?: string;
}

export interface NearestOptions {
  readonly featureClass?: string;
  /** ISO3 of the country. */
  readonly country?: string;
  /** Nothing farther than this counts; no limit by default. */
  readonly maxKm?: number;
}

export interface NearestPlace {
  readonly place: Place;
  readonly distanceKm: number;
}

/**
 * The admin units of a point, read from the nearest gazetteer place that carries known admin codes.
 * Approximate: near a boundary the nearest place may lie in the neighbouring unit, and GeoNames codes
 * follow the units of its snapshot (Burkina Faso's 13 regions, Niger's old codes, Mali before 2023).
 */
export interface AdminLocation {
  readonly approximate: true;
  /** ISO3 of the country. */
  readonly country: string;
  readonly admin1: ReferenceAdminUnit;
  /** Null when no place with a known admin-2 code lies within reach in the same admin-1 unit. */
  readonly admin2: ReferenceAdminUnit | null;
  /** The place the admin-1 unit was read from. */
  readonly basis: NearestPlace;
}

const DEFAULT_LIMIT = 10;
/** adminFor ignores places farther than this (the gazetteer's places are rarely 50 km apart). */
const ADMIN_MAX_KM = 100;

/**
 * The GeoNames gazetteer of Mali, Burkina Faso and Niger (about 60,000 features): search by name
 * ignoring case and accents, nearest place, admin units of a point. Indexes are built on first use.
 */
export class Gazetteer {
  readonly #places: readonly GazetteerRecord[];
  readonly #units: AdminUnitIndex;
  readonly #byId = new Map<number, number>();
  readonly #lat: Float64Array;
  readonly #lon: Float64Array;
  readonly #importance: Float64Array;
  #byName: Map<string, number[]> | null = null;
  #sortedNames: string[] | null = null;
  readonly #grids = new Map<string, SpatialGrid>();

  constructor(places: readonly GazetteerRecord[], units: AdminUnitIndex) {
    this.#places = places;
    this.#units = units;
    this.#lat = new Float64Array(places.length);
    this.#lon = new Float64Array(places.length);
    this.#importance = new Float64Array(places.length);
    places.forEach((p, i) => {
      this.#byId.set(p.geonameId, i);
      this.#lat[i] = p.latitude;
      this.#lon[i] = p.longitude;
      this.#importance[i] = placeImportance(p);
    });
  }

  get size(): number {
    return this.#places.length;
  }

  /** Populated places from the most populous down: the map's town labels. */
  largestPlaces(limit: number, minPopulation = 1): Place[] {
    return this.#places
      .filter((p) => p.featureClass === 'P' && p.population >= minPopulation)
      .sort((a, b) => b.population - a.population || a.name.localeCompare(b.name))
      .slice(0, limit);
  }

  byId(geonameId: number): Place | null {
    const i = this.#byId.get(geonameId);
    return i === undefined ? null : (this.#places[i] ?? null);
  }

  /** Folded name → indexes of the places bearing it (name, ASCII name, French name, alternate names). */
  #names(): Map<string, number[]> {
    if (this.#byName !== null) return this.#byName;
    const index = new Map<string, number[]>();
    const keys: string[] = [];
    this.#places.forEach((p, i) => {
      keys.length = 0;
      for (const name of [p.name, p.asciiName, p.nameFr, ...p.alternateNames]) {
        const key = foldName(name);
        if (key !== '' && !keys.includes(key)) keys.push(key);
      }
      for (const key of keys) {
        const list = index.get(key);
        if (list === undefined) index.set(key, [i]);
        else list.push(i);
      }
    });
    this.#byName = index;
    return index;
  }

  #sorted(): string[] {
    this.#sortedNames ??= [...this.#names().keys()].sort();
    return this.#sortedNames;
  }

  #filter(options: { country?: string; featureClass?: string }): (i: number) => boolean {
    const country = options.country?.toUpperCase();
    const featureClass = options.featureClass?.toUpperCase();
    return (i) => {
      const p = this.#places[i];
      return (
        p !== undefined &&
        (country === undefined || p.country === country) &&
        (featureClass === undefined || p.featureClass === featureClass)
      );
    };
  }

  /** Higher importance first, then larger population, then lower geonameId: a total, stable order. */
  #byImportance = (a: number, b: number): number => {
    const pa = this.#places[a];
    const pb = this.#places[b];
    if (pa === undefined || pb === undefined) return 0;
    return (
      (this.#importance[b] ?? 0) - (this.#importance[a] ?? 0) ||
      pb.population - pa.population ||
      pa.geonameId - pb.geonameId
    );
  };

  /**
   * Places whose name (or ASCII, French or alternate name) equals the query, ignoring case and accents,
   * then those whose name starts with it; each group ranked by importance (capital, regional capital,
   * town… then population).
   */
  search(query: string, options: SearchOptions = {}): Place[] {
    const q = foldName(query);
    const limit = options.limit ?? DEFAULT_LIMIT;
    if (q === '' || limit <= 0) return [];
    const keep = this.#filter(options);
    const exact = (this.#names().get(q) ?? []).filter(keep).sort(this.#byImportance);
    const results = exact.slice(0, limit);
    if (results.length < limit) {
      const seen = new Set(exact);
      const prefixed: number[] = [];
      const names = this.#sorted();
      for (let k = lowerBound(names, q); k < names.length; k++) {
        const name = names[k];
        if (name === undefined || !name.startsWith(q)) break;
        if (name === q) continue;
        for (const i of this.#names().get(name) ?? []) {
          if (!seen.has(i) && keep(i)) {
            seen.add(i);
            prefixed.push(i);
          }
        }
      }
      results.push(...prefixed.sort(this.#byImportance).slice(0, limit - results.length));
    }
    return results.map((i) => this.#places[i]).filter((p): p is GazetteerRecord => p !== undefined);
  }

  /**
   * The one place a name most likely denotes, for geocoding a row without coordinates: exact names only
   * (no prefixes), populated places before other features, the most important first. Null when nothing
   * matches, or when `admin1` names a known unit that holds no place of that name.
   */
  lookup(name: string, options: LookupOptions = {}): Place | null {
    const q = foldName(name);
    if (q === '') return null;
    const keep = this.#filter(options);
    let found = (this.#names().get(q) ?? []).filter(keep);
    if (options.admin1 !== undefined && options.admin1.trim() !== '') {
      const units = this.#admin1Units(options.admin1, options.country);
      if (units !== null) found = found.filter((i) => units.has(this.#places[i]?.admin1 ?? ''));
    }
    if (options.featureClass === undefined) {
      const populated = found.filter((i) => this.#places[i]?.featureClass === 'P');
      if (populated.length > 0) found = populated;
    }
    // A place called so outranks one that merely has it among its alternate names (Boni, Mopti,
    // over Bouani, Ségou, alias Boni).
    const named = found.filter((i) => {
      const p = this.#places[i];
      return p !== undefined && (foldName(p.name) === q || foldName(p.nameFr) === q);
    });
    if (named.length > 0) found = named;
    const best = found.sort(this.#byImportance)[0];
    return best === undefined ? null : (this.#places[best] ?? null);
  }

  /**
   * Every place a name denotes (exact names, ignoring case and accents, no prefixes), most important
   * first; `named` tells a place called so from one that merely has it among its alternate names.
   */
  homonyms(name: string): { readonly place: Place; readonly named: boolean }[] {
    const q = foldName(name);
    if (q === '') return [];
    return [...(this.#names().get(q) ?? [])].sort(this.#byImportance).flatMap((i) => {
      const p = this.#places[i];
      return p === undefined ? [] : [{ place: p, named: foldName(p.name) === q || foldName(p.nameFr) === q }];
    });
  }

  /** All places, in the order of the reference file. */
  all(): readonly Place[] {
    return this.#places;
  }

  /** Codes of the admin-1 units an option names, or null when it names none the reference knows. */
  #admin1Units(admin1: string, country: string | undefined): Set<string> | null {
    const byCode = this.#units.byCode(admin1.trim());
    if (byCode !== null && byCode.level === 1) return new Set([byCode.code]);
    const units = this.#units.find(admin1, { level: 1, ...(country === undefined ? {} : { country }) });
    return units.length === 0 ? null : new Set(units.map((u) => u.code));
  }

  #grid(name: string, include: (i: number) => boolean): SpatialGrid {
    let grid = this.#grids.get(name);
    if (grid === undefined) {
      grid = new SpatialGrid(this.#lat, this.#lon, include);
      this.#grids.set(name, grid);
    }
    return grid;
  }

  /** The nearest place to a point, optionally of one feature class or country and within maxKm. */
  nearest(latitude: number, longitude: number, options: NearestOptions = {}): NearestPlace | null {
    const featureClass = options.featureClass?.toUpperCase();
    const grid =
      featureClass === undefined
        ? this.#grid('all', () => true)
        : this.#grid(`class:${featureClass}`, (i) => this.#places[i]?.featureClass === featureClass);
    const country = options.country?.toUpperCase();
    const accept =
      country === undefined ? undefined : (i: number): boolean => this.#places[i]?.country === country;
    const hit = grid.nearest(latitude, longitude, options.maxKm, accept);
    const place = hit === null ? undefined : this.#places[hit.index];
    return hit === null || place === undefined ? null : { place, distanceKm: hit.distanceKm };
  }

  /**
   * The country, admin-1 and admin-2 units of a point, approximately: from the nearest gazetteer place
   * with a known admin-1 code, and the nearest in that admin-1 unit with a known admin-2 code. Null
   * when no such place lies within maxKm (100 km by default), e.g. far outside the three states.
   */
  adminFor(latitude: number, longitude: number, options: { maxKm?: number } = {}): AdminLocation | null {
    const maxKm = options.maxKm ?? ADMIN_MAX_KM;
    const unitOf = (code: string | null): ReferenceAdminUnit | null =>
      code === null ? null : this.#units.byCode(code);
    const withAdmin1 = this.#grid('admin1', (i) => unitOf(this.#places[i]?.admin1 ?? null)?.level === 1);
    const hit1 = withAdmin1.nearest(latitude, longitude, maxKm);
    const basis = hit1 === null ? undefined : this.#places[hit1.index];
    const admin1 = unitOf(basis?.admin1 ?? null);
    if (hit1 === null || basis === undefined || admin1 === null) return null;
    const withAdmin2 = this.#grid('admin2', (i) => unitOf(this.#places[i]?.admin2 ?? null)?.level === 2);
    const hit2 = withAdmin2.nearest(
      latitude,
      longitude,
      maxKm,
      (i) => this.#places[i]?.admin1 === admin1.code,
    );
    const admin2 = hit2 === null ? null : unitOf(this.#places[hit2.index]?.admin2 ?? null);
    return {
      approximate: true,
      country: admin1.country,
      admin1,
      admin2,
      basis: { place: basis, distanceKm: hit1.distanceKm },
    };
  }
}

/** First index whose name is not below the key. */
function lowerBound(names: readonly string[], key: string): number {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((names[mid] ?? '') < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
