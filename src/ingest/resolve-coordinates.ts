/**
 * A row's coordinates: read from its latitude and longitude cells, or, when both are blank, looked up
 * in the gazetteer by location name through the injected `geocode`.
 */
import { isValidCoordinate } from '../domain/place.ts';
import { decimalOf } from './cell-values.ts';
import type { GeocodeQuery, GeocodeResult } from './mapping-context.ts';

export interface PlaceCells {
  readonly latitude: string | null;
  readonly longitude: string | null;
  readonly location: string | null;
  /** ISO3, or null when the row's country is unknown (reported on its own). */
  readonly country: string | null;
  readonly admin1: string | null;
  readonly admin2: string | null;
}

export type PlaceResolution =
  | {
      readonly ok: true;
      readonly latitude: number;
      readonly longitude: number;
      readonly admin1: string | null;
      readonly admin2: string | null;
      readonly geocoded: boolean;
    }
  | { readonly ok: false; readonly problems: readonly string[] };

export function resolveCoordinates(
  cells: PlaceCells,
  geocode: (query: GeocodeQuery) => GeocodeResult | null,
): PlaceResolution {
  if (cells.latitude === null && cells.longitude === null) return lookUp(cells, geocode);
  if (cells.latitude === null || cells.longitude === null) {
    const blank = cells.latitude === null ? 'latitude' : 'longitude';
    return { ok: false, problems: [`${blank}: blank while the other coordinate is given`] };
  }
  const problems: string[] = [];
  const latitude = coordinate('latitude', cells.latitude, 90, problems);
  const longitude = coordinate('longitude', cells.longitude, 180, problems);
  if (latitude === null || longitude === null) return { ok: false, problems };
  return { ok: true, latitude, longitude, admin1: cells.admin1, admin2: cells.admin2, geocoded: false };
}

function coordinate(field: string, text: string, limit: number, problems: string[]): number | null {
  const value = decimalOf(text);
  if (value === null) {
    problems.push(`${field}: "${text}" is not a number`);
    return null;
  }
  if (value < -limit || value > limit) {
    problems.push(`${field}: ${text} is out of range (-${limit} to ${limit})`);
    return null;
  }
  return value;
}

function lookUp(cells: PlaceCells, geocode: (query: GeocodeQuery) => GeocodeResult | null): PlaceResolution {
  const location = cells.location;
  if (location === null)
    return { ok: false, problems: ['latitude, longitude: blank, and no location to look up'] };
  // Without a country the gazetteer cannot be asked; the country's own problem is reported already.
  if (cells.country === null) return { ok: false, problems: [] };
  const found = geocode({ location, country: cells.country, admin1: cells.admin1, admin2: cells.admin2 });
  if (found === null || !isValidCoordinate(found.latitude, found.longitude)) {
    return {
      ok: false,
      problems: [`latitude, longitude: blank, and location "${location}" is not in the gazetteer`],
    };
  }
  return {
    ok: true,
    latitude: found.latitude,
    longitude: found.longitude,
    admin1: cells.admin1 ?? found.admin1 ?? null,
    admin2: cells.admin2 ?? found.admin2 ?? null,
    geocoded: true,
  };
}
