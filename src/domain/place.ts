/** A named place of the gazetteer, and administrative units. */

export interface AdminUnit {
  /** GeoNames code, e.g. "ML.03" (admin-1) or "ML.03.0416" (admin-2). */
  readonly code: string;
  readonly level: 1 | 2;
  readonly country: string;
  readonly name: { readonly en: string; readonly fr: string };
  readonly geonameId: number | null;
  /** Centroid of the unit's gazetteer places, approximate. */
  readonly latitude: number | null;
  readonly longitude: number | null;
}

export interface Place {
  readonly geonameId: number;
  readonly name: string;
  /** French name where GeoNames gives one; otherwise the name. */
  readonly nameFr: string;
  readonly alternateNames: readonly string[];
  readonly latitude: number;
  readonly longitude: number;
  /** GeoNames feature class and code, e.g. "P" and "PPLA". */
  readonly featureClass: string;
  readonly featureCode: string;
  /** ISO3 of the country. */
  readonly country: string;
  readonly admin1: string | null;
  readonly admin2: string | null;
  readonly population: number;
}

/**
 * Folds a name for accent- and case-insensitive lookup: "Tillabéri" and "TILLABERI" both fold to
 * "tillaberi"; apostrophes, hyphens and repeated spaces become one space.
 */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’'`\-‐–—_.,()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface BoundingBox {
  readonly minLon: number;
  readonly minLat: number;
  readonly maxLon: number;
  readonly maxLat: number;
}

/** The bounding box of the three parties, a little wider, for checks of plausibility. */
export const AES_BBOX: BoundingBox = { minLon: -12.5, minLat: 9.3, maxLon: 16.1, maxLat: 25.1 };

export function isValidCoordinate(latitude: number, longitude: number): boolean {
  return (
    Number.isFinite(latitude) &&
    Number.isFinite(longitude) &&
    latitude >= -90 &&
    latitude <= 90 &&
    longitude >= -180 &&
    longitude <= 180
  );
}

/** Great-circle distance in kilometres. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}
