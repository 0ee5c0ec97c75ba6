/**
 * How a map read is split between the summary (incident_cells) and raw incidents, so that the sum of
 * the parts is exactly the raw computation: the summary answers the whole months inside the window and
 * the cells of the stored level read (the query's zoom or finer) wholly inside the box; raw rows answer the partial months at the
 * window's ends and the strips of the box around those cells. Pure: no SQL here.
 */
import type { BoundingBox } from '../domain/place.ts';
import { summaryCanAnswer } from './incident-filter.ts';
import type { AggregateQuery } from './store.ts';
import { cellIndex, levelSize, MAX_CELL_LEVEL, storedLevelFor } from './incident-cells.ts';

/** A band of latitude rows (incidents_cell index, level 8) and the raw incidents' part in it. */
export interface RawStrip {
  /** Level-8 latitude rows that hold the strip: the index probes each. */
  readonly rows: readonly number[];
  /** Exact test in cells of the summary level: cy below/above the interior, or inside it with cx out. */
  readonly cy?: { readonly lt?: number; readonly gt?: number; readonly between?: [number, number] };
  readonly cx?: { readonly lt?: number; readonly gt?: number };
  /**
   * The query's box cut down to hold the strip, a little wider: read in place of the box, so that the
   * index range is the strip's (SQLite takes one bound per side of a range, not the tighter of two).
   */
  readonly box: BoundingBox;
}

export interface SummaryPlan {
  /** The stored level read; its cells group into the query's zoom cells by `shift` bits. */
  readonly level: number;
  readonly shift: number;
  /** Inclusive 'YYYY-MM' bounds of the whole months; undefined is open. */
  readonly fromMonth: string | undefined;
  readonly toMonth: string | undefined;
  /** Cells of the level wholly inside the box; null when there is no box. */
  readonly interior: { ax: number; bx: number; ay: number; by: number } | null;
  /** Raw parts: the partial months (as extra date bounds) and the strips of the whole months. */
  readonly before: string | undefined;
  readonly after: string | undefined;
  readonly strips: readonly RawStrip[];
}

/** A box whose height is at most this many degrees is read through the incidents_cell index. */
export const SMALL_BOX_DEGREES = 1;
/** Margin against rounding when a cell's bounds are compared with the box's. */
const EPS = 1e-9;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function shiftMonth(month: string, by: number): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

function lastDay(month: string): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0));
  return d.toISOString().slice(0, 10);
}

/** The level-8 latitude rows that hold latitudes lo…hi. */
export function latitudeRows(lo: number, hi: number): number[] {
  const size = levelSize(MAX_CELL_LEVEL);
  const rows: number[] = [];
  for (let k = cellIndex(Math.max(-90, lo), 90, size); k <= cellIndex(Math.min(90, hi), 90, size); k++)
    rows.push(k);
  return rows;
}

/** The summary plan of a read, or null when only raw incidents can answer it. */
export function planAggregate(query: AggregateQuery): SummaryPlan | null {
  const zoom = Number.isFinite(query.zoom) ? Math.min(22, Math.max(0, Math.floor(query.zoom))) : 0;
  if (zoom > MAX_CELL_LEVEL) return null;
  if (!summaryCanAnswer(query)) return null;
  const { from, to, bbox } = query;
  if ((from !== undefined && !ISO_DATE.test(from)) || (to !== undefined && !ISO_DATE.test(to))) return null;
  const fromMonth =
    from === undefined ? undefined : from.endsWith('-01') ? from.slice(0, 7) : shiftMonth(from, 1);
  const toMonth =
    to === undefined ? undefined : to >= lastDay(to.slice(0, 7)) ? to.slice(0, 7) : shiftMonth(to, -1);
  if (fromMonth !== undefined && toMonth !== undefined && fromMonth > toMonth) return null;
  const before =
    from !== undefined && fromMonth !== undefined && from < `${fromMonth}-01` ? fromMonth : undefined;
  const after = to !== undefined && toMonth !== undefined && to > lastDay(toMonth) ? toMonth : undefined;

  const level = storedLevelFor(zoom);
  const shift = level - zoom;
  const size = levelSize(level);
  if (bbox === undefined)
    return { level, shift, fromMonth, toMonth, interior: null, before, after, strips: [] };
  if (bbox.minLon > bbox.maxLon) return null; // across the antimeridian: rare, raw
  const ax = Math.ceil((bbox.minLon + 180 + EPS) / size);
  const bx = Math.floor((bbox.maxLon + 180 - EPS) / size) - 1;
  const ay = Math.ceil((bbox.minLat + 90 + EPS) / size);
  const by = Math.floor((bbox.maxLat + 90 - EPS) / size) - 1;
  if (ax > bx || ay > by) return null;
  const innerLo = ay * size - 90;
  const innerHi = (by + 1) * size - 90;
  const margin = 1e-6;
  const strip = (box: BoundingBox, cy: RawStrip['cy'], cx?: RawStrip['cx']): RawStrip | null => {
    const cut = {
      minLat: Math.max(box.minLat, bbox.minLat),
      maxLat: Math.min(box.maxLat, bbox.maxLat),
      minLon: Math.max(box.minLon, bbox.minLon),
      maxLon: Math.min(box.maxLon, bbox.maxLon),
    };
    if (cut.minLat > cut.maxLat || cut.minLon > cut.maxLon) return null;
    return { rows: latitudeRows(cut.minLat, cut.maxLat), box: cut, cy, ...(cx === undefined ? {} : { cx }) };
  };
  const { minLon, maxLon, minLat, maxLat } = bbox;
  const all = [
    strip({ minLat, maxLat: innerLo + margin, minLon, maxLon }, { lt: ay }),
    strip({ minLat: innerHi - margin, maxLat, minLon, maxLon }, { gt: by }),
    strip(
      { minLat: innerLo - margin, maxLat: innerHi + margin, minLon, maxLon: ax * size - 180 + margin },
      { between: [ay, by] },
      { lt: ax },
    ),
    strip(
      { minLat: innerLo - margin, maxLat: innerHi + margin, minLon: (bx + 1) * size - 180 - margin, maxLon },
      { between: [ay, by] },
      { gt: bx },
    ),
  ];
  const strips = all.filter((s): s is RawStrip => s !== null);
  return { level, shift, fromMonth, toMonth, interior: { ax, bx, ay, by }, before, after, strips };
}
