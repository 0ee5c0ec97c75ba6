/**
 * The area a subscription watches, as GeoJSON (RFC 7946) Polygon or MultiPolygon in lon/lat: checked
 * (closed rings of at least four positions, lon in [-180, 180], lat in [-90, 90], a bounded number of
 * vertices) and tested against a point by ray casting, with holes (the even–odd rule over all rings).
 */

export interface PolygonArea {
  readonly type: 'Polygon';
  readonly coordinates: readonly (readonly (readonly number[])[])[];
}
export interface MultiPolygonArea {
  readonly type: 'MultiPolygon';
  readonly coordinates: readonly (readonly (readonly (readonly number[])[])[])[];
}
export type AlertArea = PolygonArea | MultiPolygonArea;

/** Vertices over all rings: a matching test per event stays cheap, a pasted coastline is refused. */
export const MAX_AREA_VERTICES = 5000;

type Ring = readonly (readonly number[])[];

function ringProblems(ring: unknown, where: string, count: { n: number }): string[] {
  if (!Array.isArray(ring)) return [`${where} is not a list of positions`];
  if (ring.length < 4) return [`${where} needs at least 4 positions (a closed triangle)`];
  const problems: string[] = [];
  for (const [i, p] of ring.entries()) {
    if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((v) => typeof v === 'number'))
      return [`${where}[${i}] is not a [longitude, latitude] position`];
    const [lon, lat] = p as number[];
    if (lon === undefined || lat === undefined || !Number.isFinite(lon) || !Number.isFinite(lat))
      return [`${where}[${i}] is not a number pair`];
    if (lon < -180 || lon > 180) problems.push(`${where}[${i}]: longitude ${lon} is outside [-180, 180]`);
    if (lat < -90 || lat > 90) problems.push(`${where}[${i}]: latitude ${lat} is outside [-90, 90]`);
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1])
    problems.push(`${where} is not closed: its last position must repeat its first`);
  count.n += ring.length;
  return problems;
}

function polygonProblems(rings: unknown, where: string, count: { n: number }): string[] {
  if (!Array.isArray(rings) || rings.length === 0) return [`${where} must be a non-empty list of rings`];
  return rings.flatMap((ring, i) => ringProblems(ring, `${where}[${i}]`, count));
}

/** Problems of a would-be area; empty when it is a valid Polygon or MultiPolygon. */
export function areaProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return ['area must be a GeoJSON Polygon or MultiPolygon'];
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  const count = { n: 0 };
  let problems: string[];
  if (type === 'Polygon') problems = polygonProblems(coordinates, 'area.coordinates', count);
  else if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0)
      return ['area.coordinates must be a non-empty list of polygons'];
    problems = coordinates.flatMap((poly, i) => polygonProblems(poly, `area.coordinates[${i}]`, count));
  } else return [`area.type must be "Polygon" or "MultiPolygon", not ${JSON.stringify(type)}`];
  if (count.n > MAX_AREA_VERTICES)
    problems.push(`area has ${count.n} positions; at most ${MAX_AREA_VERTICES} are accepted`);
  return problems;
}

/** Ray casting: is (lon, lat) inside the ring? Points on an edge may fall either side. */
function inRing(ring: Ring, lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as readonly number[];
    const b = ring[j] as readonly number[];
    const [xi, yi] = [a[0] as number, a[1] as number];
    const [xj, yj] = [b[0] as number, b[1] as number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(rings: readonly Ring[], lon: number, lat: number): boolean {
  // Even–odd over all rings: inside the outer ring and in no hole.
  let inside = false;
  for (const ring of rings) if (inRing(ring, lon, lat)) inside = !inside;
  return inside;
}

/** Whether the point lies inside the area (a valid one: see areaProblems). */
export function areaContains(area: AlertArea, lon: number, lat: number): boolean {
  if (area.type === 'Polygon') return inPolygon(area.coordinates, lon, lat);
  return area.coordinates.some((poly) => inPolygon(poly, lon, lat));
}

/** A rectangle as a Polygon (what the map's drawn box gives). */
export function bboxArea(minLon: number, minLat: number, maxLon: number, maxLat: number): PolygonArea {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [minLon, minLat],
        [maxLon, minLat],
        [maxLon, maxLat],
        [minLon, maxLat],
        [minLon, minLat],
      ],
    ],
  };
}
