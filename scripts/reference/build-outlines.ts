import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { ReferenceCountry } from '../../src/reference/reference-country.ts';

/** The parties and their neighbours, whose outlines the map draws. */
export const OUTLINE_ISO3 = [
  'MLI',
  'BFA',
  'NER',
  'DZA',
  'MRT',
  'SEN',
  'GIN',
  'CIV',
  'GHA',
  'TGO',
  'BEN',
  'NGA',
  'TCD',
  'LBY',
] as const;

/** Natural Earth at 1:10m: 1:50m strays up to 13 km from it along the Mali–Burkina–Niger borders. */
export const OUTLINE_SOURCE = 'world-atlas/countries-10m.json';

export interface OutlineProperties {
  readonly iso3: string;
  readonly iso2: string;
  readonly name: { readonly en: string; readonly fr: string };
  readonly party: boolean;
}

/** 4 decimals are 11 m, finer than the source's quantisation grid (0.0036° of longitude). */
const round = (p: Position): Position => p.map((x) => Math.round(x * 1e4) / 1e4);

function rounded(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  if (geometry.type === 'Polygon')
    return { type: 'Polygon', coordinates: geometry.coordinates.map((r) => r.map(round)) };
  return {
    type: 'MultiPolygon',
    coordinates: geometry.coordinates.map((poly) => poly.map((r) => r.map(round))),
  };
}

/** Outlines of the three states and their neighbours, from world-atlas, with ISO3 and names. */
export function buildOutlines(
  countries: readonly ReferenceCountry[],
  parties: readonly string[],
): FeatureCollection<Polygon | MultiPolygon, OutlineProperties> {
  const path = createRequire(import.meta.url).resolve(OUTLINE_SOURCE);
  // world-atlas ships a TopoJSON topology whose "countries" object holds one geometry per country.
  const topology = JSON.parse(readFileSync(path, 'utf8')) as Topology<{ countries: GeometryCollection }>;
  const features: Feature<Polygon | MultiPolygon, OutlineProperties>[] = [];
  for (const iso3 of OUTLINE_ISO3) {
    const country = countries.find((c) => c.iso3 === iso3);
    if (country === undefined) throw new Error(`No country ${iso3}`);
    const geometry = topology.objects.countries.geometries.find((g) => String(g.id) === country.numeric);
    if (geometry === undefined)
      throw new Error(`${OUTLINE_SOURCE} has no country ${country.numeric} (${iso3})`);
    const f = feature(topology, geometry);
    if (!('geometry' in f)) throw new Error(`${iso3}: a country is one geometry, not a collection`);
    if (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') {
      throw new Error(`${iso3}: unexpected geometry ${f.geometry.type}`);
    }
    features.push({
      type: 'Feature',
      id: iso3,
      properties: { iso3, iso2: country.iso2, name: country.name, party: parties.includes(iso3) },
      geometry: rounded(f.geometry),
    });
  }
  return { type: 'FeatureCollection', features };
}
