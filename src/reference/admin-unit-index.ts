import { foldName } from '../domain/place.ts';
import type { ReferenceAdminUnit } from './reference-admin-unit.ts';

/** Options of an admin unit look-up by name. */
export interface AdminUnitQuery {
  /** ISO3 of the country. */
  readonly country?: string;
  readonly level?: 1 | 2;
}

/**
 * Generic words around a unit's name that sources add or drop: "Cercle de Douentza", "Douentza
 * Cercle", "Province du Soum", "Région de Ségou", "Tillaberi Department".
 */
const GENERIC_PREFIX =
  /^(region|province|cercle|departement|department|district|prefecture|ville|commune)( (de la|de l|du|des|de|d|of))? /;
const GENERIC_SUFFIX = / (region|province|cercle|department|departement|district)$/;

/** The core of a unit's name, folded: "Province de l’Oudalan" → "oudalan". */
export function adminNameCore(name: string): string {
  const folded = foldName(name);
  const core = folded.replace(GENERIC_PREFIX, '').replace(GENERIC_SUFFIX, '');
  return core === '' ? folded : core;
}

/**
 * The admin-1 and admin-2 units of the three states, by GeoNames code or by name (English, French or
 * GeoNames alternate, with or without the generic words "Cercle", "Province", "Region"…).
 */
export class AdminUnitIndex {
  readonly #all: readonly ReferenceAdminUnit[];
  readonly #byCode = new Map<string, ReferenceAdminUnit>();
  readonly #byName = new Map<string, ReferenceAdminUnit[]>();

  constructor(units: readonly ReferenceAdminUnit[]) {
    this.#all = units;
    for (const u of units) {
      this.#byCode.set(u.code, u);
      const keys = new Set(
        [u.name.en, u.name.fr, ...u.alternateNames].flatMap((n) => [foldName(n), adminNameCore(n)]),
      );
      for (const key of keys) {
        if (key === '') continue;
        const list = this.#byName.get(key);
        if (list === undefined) this.#byName.set(key, [u]);
        else list.push(u);
      }
    }
  }

  /** The unit of a GeoNames code ("ML.04", "BF.12.40"), or null. */
  byCode(code: string): ReferenceAdminUnit | null {
    return this.#byCode.get(code) ?? null;
  }

  /** Units whose name matches, admin-1 before admin-2, filtered by country and level. */
  find(name: string, query: AdminUnitQuery = {}): readonly ReferenceAdminUnit[] {
    const country = query.country?.toUpperCase();
    const byKey = (key: string): ReferenceAdminUnit[] =>
      (this.#byName.get(key) ?? []).filter(
        (u) =>
          (country === undefined || u.country === country) &&
          (query.level === undefined || u.level === query.level),
      );
    const exact = byKey(foldName(name));
    const found = exact.length > 0 ? exact : byKey(adminNameCore(name));
    return [...found].sort((a, b) => a.level - b.level || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  /** The admin-1 unit of this name in this country (ISO3), or null: a region as incidents name it. */
  region(country: string, name: string): ReferenceAdminUnit | null {
    return this.find(name, { country, level: 1 })[0] ?? null;
  }

  /** The admin-2 units of an admin-1 unit. */
  childrenOf(code: string): readonly ReferenceAdminUnit[] {
    return this.#all.filter((u) => u.parent === code);
  }

  all(): readonly ReferenceAdminUnit[] {
    return this.#all;
  }
}
