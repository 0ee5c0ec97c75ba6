import type { ReferenceAdminUnit, CentroidBasis } from '../../src/reference/reference-admin-unit.ts';
import type { GazetteerRecord } from '../../src/reference/gazetteer-tsv.ts';
import { frenchNameOf, keptAlternateNames } from './place-names.ts';
import type { GeonamesAdminCode, GeonamesRow } from './read-geonames.ts';

interface Centroid {
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly centroidBasis: CentroidBasis | null;
  readonly placeCount: number;
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

function mean(places: readonly GazetteerRecord[]): { latitude: number; longitude: number } {
  if (places.length === 0) return { latitude: 0, longitude: 0 };
  let lat = 0;
  let lon = 0;
  for (const p of places) {
    lat += p.latitude;
    lon += p.longitude;
  }
  return { latitude: round4(lat / places.length), longitude: round4(lon / places.length) };
}

/** Below this many populated places, the unit's own GeoNames point is the better centroid. */
const MIN_PLACES = 5;

function centroidOf(places: readonly GazetteerRecord[], own: GeonamesRow | undefined): Centroid {
  const populated = places.filter((p) => p.featureClass === 'P');
  const fromPlaces = {
    ...mean(populated),
    centroidBasis: 'populated-places' as const,
    placeCount: populated.length,
  };
  if (populated.length >= MIN_PLACES) return fromPlaces;
  if (own !== undefined) {
    return {
      latitude: own.latitude,
      longitude: own.longitude,
      centroidBasis: 'admin-feature',
      placeCount: 0,
    };
  }
  if (populated.length > 0) return fromPlaces;
  const others = places.filter((p) => p.featureClass !== 'A');
  if (others.length > 0) return { ...mean(others), centroidBasis: 'features', placeCount: others.length };
  return { latitude: null, longitude: null, centroidBasis: null, placeCount: 0 };
}

/**
 * The admin-1 and admin-2 units of GeoNames' code lists, named in English (the lists' names) and in
 * French (a French form among the alternate names of the unit's own GeoNames feature, else the name),
 * with a centroid averaged over the gazetteer places that carry the unit's code.
 */
export function buildAdminUnits(
  admin1: readonly GeonamesAdminCode[],
  admin2: readonly GeonamesAdminCode[],
  rows: readonly GeonamesRow[],
  places: readonly GazetteerRecord[],
  iso3Of: (iso2: string) => string,
): ReferenceAdminUnit[] {
  const rowById = new Map(rows.map((r) => [r.geonameId, r]));
  const byAdmin1 = new Map<string, GazetteerRecord[]>();
  const byAdmin2 = new Map<string, GazetteerRecord[]>();
  for (const p of places) {
    for (const [code, index] of [
      [p.admin1, byAdmin1],
      [p.admin2, byAdmin2],
    ] as const) {
      if (code === null) continue;
      const list = index.get(code);
      if (list === undefined) index.set(code, [p]);
      else list.push(p);
    }
  }
  const unit = (c: GeonamesAdminCode, level: 1 | 2): ReferenceAdminUnit => {
    const own = rowById.get(c.geonameId);
    const alternates = own === undefined ? [] : [own.name, ...own.alternateNames];
    const fr = frenchNameOf(c.name, alternates, 'A');
    const parts = c.code.split('.');
    return {
      code: c.code,
      level,
      country: iso3Of(parts[0] ?? ''),
      name: { en: c.name, fr },
      geonameId: own === undefined && !Number.isFinite(c.geonameId) ? null : c.geonameId,
      ...centroidOf((level === 1 ? byAdmin1 : byAdmin2).get(c.code) ?? [], own),
      parent: level === 2 ? parts.slice(0, 2).join('.') : null,
      alternateNames: keptAlternateNames(c.name, c.asciiName, fr, alternates),
    };
  };
  const sortByCode = (a: ReferenceAdminUnit, b: ReferenceAdminUnit): number =>
    a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  return [...admin1.map((c) => unit(c, 1)), ...admin2.map((c) => unit(c, 2))].sort(
    (a, b) => a.level - b.level || sortByCode(a, b),
  );
}
