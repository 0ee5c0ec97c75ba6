/**
 * How a map read is split between the summary (incident_cells) and raw incidents, so that the sum of
 * the parts is exactly the raw computation: the summary answers the whole months inside the window
 * and the cells wholly inside the box, those of the stored level read (the query's zoom or finer) and,
 * around them, the finest level's (8); raw rows answer the partial months at the window's ends and
 * the strips of the box around the finest level's cells, less than one of them wide. Whole years
 * come from the yearly rows. Pure: no SQL here.
 */
import type { BoundingBox } from '../domain/place.ts';
import { summaryCanAnswer } from './incident-filter.ts';
import type { AggregateQuery } from './store.ts';
import { cellIndex, levelSize, MAX_CELL_LEVEL, storedLevelFor, yearLevel } from './incident-cells.ts';

/** A band of latitude rows (incidents_cell index, level 8) and the raw incidents' part in it. */
export interface RawStrip {
  /** Level-8 latitude rows that hold the strip: the index probes each. */
  readonly rows: readonly number[];
  /** Exact test in level-8 cells: cy below/above the level-8 interior, or inside it with cx out. */
  readonly cy?: { readonly lt?: number; readonly gt?: number; readonly between?: [number, number] };
  readonly cx?: { readonly lt?: number; readonly gt?: number };
  /**
   * The query's box cut down to hold the strip, a little wider: read in place of the box, so that the
   * index range is the strip's (SQLite takes one bound per side of a range, not the tighter of two).
   */
  readonly box: BoundingBox;
}

/**
 * A run of whole periods read from the summary: months of the grid level, or whole years of its
 * yearly rows. Inclusive bounds in the rows' `month` form ('YYYY-MM' or 'YYYY'); undefined is open.
 */
export interface SummarySpan {
  readonly level: number;
  readonly from: string | undefined;
  readonly to: string | undefined;
}

/** Inclusive ranges of cell indexes of one grid level. */
export interface CellRange {
  readonly ax: number;
  readonly bx: number;
  readonly ay: number;
  readonly by: number;
}

/** One read of the summary: cells of a grid level, over the whole months of the window. */
export interface SummaryRead {
  /** The grid level read; its cells group into the query's zoom cells by `shift` bits. */
  readonly level: number;
  readonly shift: number;
  /** The whole months as the summary reads them: the whole years from yearly rows, months around. */
  readonly spans: readonly SummarySpan[];
  /** The cells read; null when there is no box (every cell). */
  readonly cells: CellRange | null;
}

export interface SummaryPlan {
  /** Inclusive 'YYYY-MM' bounds of the whole months; undefined is open. */
  readonly fromMonth: string | undefined;
  readonly toMonth: string | undefined;
  /** Disjoint: the stored level's interior, and the level-8 cells of the box around it. */
  readonly reads: readonly SummaryRead[];
  /**
   * Raw parts: the days of the partial months at the window's ends, each as the window to read in
   * place of the query's (SQLite takes one bound per side of an index range, not the tighter of two:
   * the query's own end would have the first days read through the whole year), and the strips of
   * the whole months.
   */
  readonly before: { readonly from: string; readonly to: string } | undefined;
  readonly after: { readonly from: string; readonly to: string } | undefined;
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

/**
 * The whole months fromMonth…toMonth (inclusive, undefined open) of a grid level as spans: the whole
 * years among them from the yearly rows, the months before and after the first and last whole year
 * from the monthly ones.
 */
export function summarySpans(
  level: number,
  fromMonth: string | undefined,
  toMonth: string | undefined,
): SummarySpan[] {
  const firstYear =
    fromMonth === undefined
      ? undefined
      : fromMonth.endsWith('-01')
        ? Number(fromMonth.slice(0, 4))
        : Number(fromMonth.slice(0, 4)) + 1;
  const lastYear =
    toMonth === undefined
      ? undefined
      : toMonth.endsWith('-12')
        ? Number(toMonth.slice(0, 4))
        : Number(toMonth.slice(0, 4)) - 1;
  if (firstYear !== undefined && lastYear !== undefined && firstYear > lastYear)
    return [{ level, from: fromMonth, to: toMonth }];
  const year = (y: number): string => String(y).padStart(4, '0');
  const spans: SummarySpan[] = [];
  if (fromMonth !== undefined && firstYear !== undefined && !fromMonth.endsWith('-01'))
    spans.push({ level, from: fromMonth, to: `${year(firstYear - 1)}-12` });
  spans.push({
    level: yearLevel(level),
    from: firstYear === undefined ? undefined : year(firstYear),
    to: lastYear === undefined ? undefined : year(lastYear),
  });
  if (toMonth !== undefined && lastYear !== undefined && !toMonth.endsWith('-12'))
    spans.push({ level, from: `${year(lastYear + 1)}-01`, to: toMonth });
  return spans;
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
    from !== undefined && fromMonth !== undefined && from < `${fromMonth}-01`
      ? { from, to: lastDay(shiftMonth(fromMonth, -1)) }
      : undefined;
  const after =
    to !== undefined && toMonth !== undefined && to > lastDay(toMonth)
      ? { from: `${shiftMonth(toMonth, 1)}-01`, to }
      : undefined;

  const level = storedLevelFor(zoom);
  const read = (at: number, cells: CellRange | null): SummaryRead => ({
    level: at,
    shift: at - zoom,
    spans: summarySpans(at, fromMonth, toMonth),
    cells,
  });
  if (bbox === undefined)
    return { fromMonth, toMonth, reads: [read(level, null)], before, after, strips: [] };
  if (bbox.minLon > bbox.maxLon) return null; // across the antimeridian: rare, raw
  const inner = interiorCells(bbox, level);
  // The finest level's cells wholly inside the box: they hold the stored level's (a cell of level L
  // is 4^(8 − L) cells of level 8), and what lies outside them is less than one of them wide.
  const fine = interiorCells(bbox, MAX_CELL_LEVEL);
  if (fine === null) return null;
  const reads: SummaryRead[] = [];
  if (inner === null || level === MAX_CELL_LEVEL) reads.push(read(MAX_CELL_LEVEL, fine));
  else {
    reads.push(read(level, inner));
    const f = 2 ** (MAX_CELL_LEVEL - level);
    const x0 = inner.ax * f;
    const x1 = (inner.bx + 1) * f - 1;
    const y0 = inner.ay * f;
    const y1 = (inner.by + 1) * f - 1;
    const ring: CellRange[] = [
      { ax: fine.ax, bx: fine.bx, ay: fine.ay, by: y0 - 1 },
      { ax: fine.ax, bx: fine.bx, ay: y1 + 1, by: fine.by },
      { ax: fine.ax, bx: x0 - 1, ay: y0, by: y1 },
      { ax: x1 + 1, bx: fine.bx, ay: y0, by: y1 },
    ];
    for (const r of ring) if (r.ax <= r.bx && r.ay <= r.by) reads.push(read(MAX_CELL_LEVEL, r));
  }

  const { ax, bx, ay, by } = fine;
  const size = levelSize(MAX_CELL_LEVEL);
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
  return { fromMonth, toMonth, reads, before, after, strips };
}

/** The cells of a level wholly inside a box, or null when there is none. */
function interiorCells(bbox: BoundingBox, level: number): CellRange | null {
  const size = levelSize(level);
  const ax = Math.ceil((bbox.minLon + 180 + EPS) / size);
  const bx = Math.floor((bbox.maxLon + 180 - EPS) / size) - 1;
  const ay = Math.ceil((bbox.minLat + 90 + EPS) / size);
  const by = Math.floor((bbox.maxLat + 90 - EPS) / size) - 1;
  return ax > bx || ay > by ? null : { ax, bx, ay, by };
}
