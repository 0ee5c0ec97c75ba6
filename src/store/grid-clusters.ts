/**
 * Grid clustering for web maps. SQL groups incidents by grid cell and event type; this module merges
 * each cell's groups into one Cluster.
 */
import { EVENT_TYPES, type EventType } from '../domain/acled-taxonomy.ts';
import type { Cluster } from './store.ts';

/**
 * Cell size in degrees at a zoom: 360 / (2^zoom × 4), a quarter of a 256-pixel tile, about 64 pixels.
 * The zoom is clamped to 0–22 and rounded down.
 */
export function cellSizeAt(zoom: number): number {
  const z = Number.isFinite(zoom) ? Math.min(22, Math.max(0, Math.floor(zoom))) : 0;
  return 360 / (2 ** z * 4);
}

/** One (cell, event type) group as SQL returns it. */
export interface CellGroup {
  readonly cx: number;
  readonly cy: number;
  readonly eventType: string;
  readonly count: number;
  readonly fatalities: number;
  readonly sumLat: number;
  readonly sumLon: number;
  readonly minLat: number;
  readonly maxLat: number;
  readonly minLon: number;
  readonly maxLon: number;
  readonly minId: number;
}

interface CellTotals {
  count: number;
  fatalities: number;
  sumLat: number;
  sumLon: number;
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
  minId: number;
  byEventType: Partial<Record<EventType, number>>;
}

/** Clusters, largest first; the dominant type of a tie is the first in ACLED's order. */
export function mergeCellGroups(groups: Iterable<CellGroup>): Cluster[] {
  const cells = new Map<string, CellTotals>();
  for (const g of groups) {
    const key = `${g.cx}:${g.cy}`;
    let cell = cells.get(key);
    if (cell === undefined) {
      cell = { ...g, byEventType: {} };
      cells.set(key, cell);
    } else {
      cell.count += g.count;
      cell.fatalities += g.fatalities;
      cell.sumLat += g.sumLat;
      cell.sumLon += g.sumLon;
      cell.minLat = Math.min(cell.minLat, g.minLat);
      cell.maxLat = Math.max(cell.maxLat, g.maxLat);
      cell.minLon = Math.min(cell.minLon, g.minLon);
      cell.maxLon = Math.max(cell.maxLon, g.maxLon);
      cell.minId = Math.min(cell.minId, g.minId);
    }
    // The store writes event_type only from EventType values.
    const type = g.eventType as EventType;
    cell.byEventType[type] = (cell.byEventType[type] ?? 0) + g.count;
  }
  const clusters: Cluster[] = [];
  for (const cell of cells.values()) {
    let dominant: EventType = EVENT_TYPES[0];
    let most = -1;
    for (const type of EVENT_TYPES) {
      const n = cell.byEventType[type] ?? 0;
      if (n > most) [dominant, most] = [type, n];
    }
    clusters.push({
      latitude: cell.sumLat / cell.count,
      longitude: cell.sumLon / cell.count,
      count: cell.count,
      fatalities: cell.fatalities,
      dominantEventType: dominant,
      byEventType: cell.byEventType,
      bbox: { minLon: cell.minLon, minLat: cell.minLat, maxLon: cell.maxLon, maxLat: cell.maxLat },
      incidentId: cell.count === 1 ? cell.minId : null,
    });
  }
  return clusters.sort((a, b) => b.count - a.count);
}
