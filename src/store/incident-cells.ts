/**
 * The map's summary table `incident_cells`: incidents counted per grid cell of levels 2, 4, 6 and 8,
 * month and filter key (type, country, status, classification, owner party), with the sums and bounds
 * a cluster needs. A map read at zoom z ≤ 8 reads the stored level L ≥ z nearest z for the months and
 * L-cells that lie wholly inside its window and box, and only the incidents at the edges (see
 * aggregate-plan.ts).
 *
 * Each grid level also has yearly rows, of level `YEAR_LEVEL + L` with the year ('YYYY') in `month`,
 * so that a read over years sums a row per year rather than twelve (see aggregate-plan.ts).
 *
 * Every write path turns the incidents it writes into deltas here and applies them in the same
 * transaction. Counts and sums are exact under additions and subtractions (sums of coordinates up
 * to floating rounding). Bounds cannot shrink by subtraction: when an incident leaves a row on the
 * row's bound, the row is recomputed from `incidents`.
 */
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { DialectSql } from './dialect-sql.ts';
import type { IncidentCellRow, Schema } from './schema.ts';

/**
 * The grid levels stored; level L is the web-map grid of zoom L, cell = 90 / 2^L degrees. Every other
 * level: a cell of level L lies wholly in one cell of each zoom z ≤ L (cx >> (L − z)), so a read at
 * zoom z groups the next stored level up; the odd levels would cost the import a third more
 * summary rows for reads that are barely faster.
 */
export const CELL_LEVELS = [2, 4, 6, 8] as const;
export const MAX_CELL_LEVEL = 8;

/**
 * Yearly rows of grid level L have level YEAR_LEVEL + L and the year in `month`: a level of their own,
 * so that a read of one level never meets them.
 */
export const YEAR_LEVEL = 100;

/** The level of the yearly rows of grid level `level`. */
export function yearLevel(level: number): number {
  return YEAR_LEVEL + level;
}

/** The grid level of a stored level, monthly or yearly. */
export function gridLevel(level: number): number {
  return level % YEAR_LEVEL;
}

/** The stored level a read at zoom z (0 ≤ z ≤ MAX_CELL_LEVEL) groups: the coarsest one at least z. */
export function storedLevelFor(zoom: number): number {
  return CELL_LEVELS.find((level) => level >= zoom) ?? MAX_CELL_LEVEL;
}

/** Cell size in degrees of a level (the same value as cellSizeAt(level)). */
export function levelSize(level: number): number {
  return 360 / (2 ** level * 4);
}

/** The cell index of a coordinate, as the dialects' gridCell computes it (offset 180 or 90). */
export function cellIndex(value: number, offset: number, size: number): number {
  return Math.floor((value + offset) / size);
}

/** What the summary needs of an incident row (a new row may leave nullable columns out). */
export interface CellPoint {
  readonly id: number;
  readonly event_date: string;
  readonly latitude?: number | null;
  readonly longitude?: number | null;
  readonly event_type: string;
  readonly country: string;
  readonly status: string;
  readonly classification: string;
  readonly owner_party?: string | null;
  readonly fatalities: number;
}

export type CellKey = Pick<
  IncidentCellRow,
  'level' | 'cx' | 'cy' | 'month' | 'event_type' | 'country' | 'status' | 'classification' | 'owner_party'
>;

/** The key columns, in the order of the table's primary key. */
export const CELL_KEY_COLUMNS = [
  'level',
  'month',
  'cy',
  'cx',
  'event_type',
  'country',
  'status',
  'classification',
  'owner_party',
] as const satisfies readonly (keyof CellKey)[];

/** Every column, in the order in which CellDeltas builds its rows. */
export const CELL_COLUMNS = [
  ...CELL_KEY_COLUMNS,
  'count',
  'fatalities',
  'sum_lat',
  'sum_lon',
  'sum_id',
  'min_lat',
  'max_lat',
  'min_lon',
  'max_lon',
] as const satisfies readonly (keyof IncidentCellRow)[];

/**
 * Every stored level with its cell size and the length of its period in `month` ('YYYY-MM' or
 * 'YYYY'): the monthly levels first, so that a row's monthly losses are recounted before its yearly
 * ones (a yearly row is recounted from its months).
 */
const STORED_LEVELS = [
  ...CELL_LEVELS.map((level) => ({ level, size: levelSize(level), period: 7 })),
  ...CELL_LEVELS.map((level) => ({ level: yearLevel(level), size: levelSize(level), period: 4 })),
] as const;

/** Bounds of a delta that adds no incident: neutral in the upsert's least/greatest. */
const NO_MIN = 1e9;
const NO_MAX = -1e9;

function sameKey(a: CellPoint, b: CellPoint): boolean {
  return (
    a.event_date.slice(0, 7) === b.event_date.slice(0, 7) &&
    (a.latitude ?? null) === (b.latitude ?? null) &&
    (a.longitude ?? null) === (b.longitude ?? null) &&
    a.event_type === b.event_type &&
    a.country === b.country &&
    a.status === b.status &&
    a.classification === b.classification &&
    (a.owner_party ?? null) === (b.owner_party ?? null)
  );
}

/**
 * A cell of a stored level as one number, for the map of a batch's rows: cell indexes of any valid
 * coordinate lie within ±2^15, levels below 2^11.
 */
function cellNumber(level: number, cx: number, cy: number): number {
  return level * 2 ** 32 + (cx + 2 ** 15) * 2 ** 16 + (cy + 2 ** 15);
}

/** Net changes to the summary, gathered over a batch and applied once per touched row. */
export class CellDeltas {
  /**
   * The rows, by period and filter key ('YYYY-MM|…' or 'YYYY|…'), then by cellNumber: two string keys
   * per incident rather than one per stored level (this runs for every imported row).
   */
  readonly #groups = new Map<string, Map<number, IncidentCellRow>>();
  #size = 0;
  /** Rows that lost an incident, with its position: their bounds may need a recount. */
  readonly #losses = new Map<IncidentCellRow, { key: CellKey; lats: number[]; lons: number[] }>();

  get size(): number {
    return this.#size;
  }

  add(p: CellPoint): void {
    this.#apply(p, 1, false);
  }

  remove(p: CellPoint): void {
    this.#apply(p, -1, true);
  }

  /** An incident rewritten from `before` to `after`. */
  move(before: CellPoint, after: CellPoint): void {
    if (sameKey(before, after)) {
      // Same rows, same position: only the fatalities can differ.
      if (before.fatalities !== after.fatalities) {
        this.#apply(before, -1, false, false);
        this.#apply(after, 1, false, false);
      }
      return;
    }
    this.remove(before);
    this.add(after);
  }

  #apply(p: CellPoint, sign: 1 | -1, loss: boolean, counts = true): void {
    const lat = p.latitude ?? null;
    const lon = p.longitude ?? null;
    if (lat === null || lon === null) return;
    const owner = p.owner_party ?? '';
    const filter = `|${p.event_type}|${p.country}|${p.status}|${p.classification}|${owner}`;
    let group: Map<number, IncidentCellRow> | undefined;
    let period = 0;
    for (const stored of STORED_LEVELS) {
      if (stored.period !== period) {
        period = stored.period;
        const key = p.event_date.slice(0, period) + filter;
        group = this.#groups.get(key);
        if (group === undefined) {
          group = new Map();
          this.#groups.set(key, group);
        }
      }
      if (group === undefined) throw new Error('unreachable: a group is set at the first level');
      const level = stored.level;
      const size = stored.size;
      const cx = cellIndex(lon, 180, size);
      const cy = cellIndex(lat, 90, size);
      const id = cellNumber(level, cx, cy);
      let row = group.get(id);
      if (row === undefined) {
        row = {
          level,
          month: p.event_date.slice(0, period),
          cy,
          cx,
          event_type: p.event_type,
          country: p.country,
          status: p.status,
          classification: p.classification,
          owner_party: owner,
          count: 0,
          fatalities: 0,
          sum_lat: 0,
          sum_lon: 0,
          sum_id: 0,
          min_lat: NO_MIN,
          max_lat: NO_MAX,
          min_lon: NO_MIN,
          max_lon: NO_MAX,
        };
        group.set(id, row);
        this.#size++;
      }
      row.fatalities += sign * p.fatalities;
      if (!counts) continue;
      row.count += sign;
      row.sum_lat += sign * lat;
      row.sum_lon += sign * lon;
      row.sum_id += sign * p.id;
      if (sign > 0) {
        if (lat < row.min_lat) row.min_lat = lat;
        if (lat > row.max_lat) row.max_lat = lat;
        if (lon < row.min_lon) row.min_lon = lon;
        if (lon > row.max_lon) row.max_lon = lon;
      }
      if (loss) {
        let l = this.#losses.get(row);
        if (l === undefined) {
          l = { key: row, lats: [], lons: [] };
          this.#losses.set(row, l);
        }
        l.lats.push(lat);
        l.lons.push(lon);
      }
    }
  }

  /** The rows to add to the summary (upsert: counts and sums add, bounds widen). */
  upserts(): IncidentCellRow[] {
    const rows: IncidentCellRow[] = [];
    for (const group of this.#groups.values()) for (const row of group.values()) rows.push(row);
    return rows;
  }

  /** Rows that lost an incident, with the lost positions: the monthly rows before the yearly ones. */
  losses(): { key: CellKey; lats: number[]; lons: number[] }[] {
    const all = [...this.#losses.values()];
    return [...all.filter((l) => l.key.level < YEAR_LEVEL), ...all.filter((l) => l.key.level >= YEAR_LEVEL)];
  }
}

/** A key's row lost an incident: true when its bounds may have shrunk, so that it needs a recount. */
export function needsRecount(
  row: Pick<IncidentCellRow, 'min_lat' | 'max_lat' | 'min_lon' | 'max_lon'>,
  lost: { lats: readonly number[]; lons: readonly number[] },
): boolean {
  return (
    lost.lats.some((v) => v <= row.min_lat || v >= row.max_lat) ||
    lost.lons.some((v) => v <= row.min_lon || v >= row.max_lon)
  );
}

/** The upsert of summary deltas, as one statement (its rows in one parameter where `rowsOf` is given). */
export function cellUpsert(
  db: Kysely<Schema>,
  rows: readonly IncidentCellRow[],
  rowsOf: DialectSql['rowsOf'] = null,
) {
  const insert = db.insertInto('incident_cells');
  return (
    rowsOf === null
      ? insert.values(rows)
      : insert.columns([...CELL_COLUMNS]).expression(rowsOf('incident_cells', CELL_COLUMNS, rows))
  ).onConflict((oc) =>
    oc.columns([...CELL_KEY_COLUMNS]).doUpdateSet((eb) => ({
      count: eb('incident_cells.count', '+', eb.ref('excluded.count')),
      fatalities: eb('incident_cells.fatalities', '+', eb.ref('excluded.fatalities')),
      sum_lat: eb('incident_cells.sum_lat', '+', eb.ref('excluded.sum_lat')),
      sum_lon: eb('incident_cells.sum_lon', '+', eb.ref('excluded.sum_lon')),
      sum_id: eb('incident_cells.sum_id', '+', eb.ref('excluded.sum_id')),
      // Portable least/greatest: SQLite's min(a, b) and PostgreSQL's least(a, b) differ.
      min_lat: sql<number>`CASE WHEN excluded.min_lat < incident_cells.min_lat THEN excluded.min_lat ELSE incident_cells.min_lat END`,
      max_lat: sql<number>`CASE WHEN excluded.max_lat > incident_cells.max_lat THEN excluded.max_lat ELSE incident_cells.max_lat END`,
      min_lon: sql<number>`CASE WHEN excluded.min_lon < incident_cells.min_lon THEN excluded.min_lon ELSE incident_cells.min_lon END`,
      max_lon: sql<number>`CASE WHEN excluded.max_lon > incident_cells.max_lon THEN excluded.max_lon ELSE incident_cells.max_lon END`,
    })),
  );
}

/** The summary row of a key. */
export function cellSelect(db: Kysely<Schema>, key: CellKey) {
  return db
    .selectFrom('incident_cells')
    .select(['count', 'min_lat', 'max_lat', 'min_lon', 'max_lon'])
    .where((eb) => eb.and(CELL_KEY_COLUMNS.map((c) => eb(c, '=', key[c]))));
}

export function cellDelete(db: Kysely<Schema>, key: CellKey) {
  return db
    .deleteFrom('incident_cells')
    .where((eb) => eb.and(CELL_KEY_COLUMNS.map((c) => eb(c, '=', key[c]))));
}

/**
 * Recounts a key's row (run after cellDelete); inserts nothing when it is empty. A monthly row from
 * `incidents`; a yearly row from its level's monthly rows of that year, which are recounted first.
 */
export function cellRecount(db: Kysely<Schema>, dialectSql: DialectSql, key: CellKey) {
  if (key.level >= YEAR_LEVEL) return yearRecount(db, key);
  const size = levelSize(key.level);
  const select = db
    .selectFrom('incidents')
    .where('event_date', '>=', `${key.month}-01`)
    .where('event_date', '<=', `${key.month}-31`)
    // A little wider than the cell, for the index; the cell itself is matched exactly below.
    .where('latitude', '>=', key.cy * size - 90 - 1e-6)
    .where('latitude', '<=', (key.cy + 1) * size - 90 + 1e-6)
    .where((eb) =>
      eb.and([
        eb(dialectSql.gridCell(eb.ref('longitude'), 180, size), '=', key.cx),
        eb(dialectSql.gridCell(eb.ref('latitude'), 90, size), '=', key.cy),
        eb('event_type', '=', key.event_type),
        eb('country', '=', key.country),
        eb('status', '=', key.status),
        eb('classification', '=', key.classification),
        key.owner_party === '' ? eb('owner_party', 'is', null) : eb('owner_party', '=', key.owner_party),
      ]),
    )
    .select((eb) => [
      ...keyValues(eb, key),
      eb.fn.countAll<number>().as('count'),
      eb.fn.sum<number>('fatalities').as('fatalities'),
      eb.fn.sum<number>('latitude').as('sum_lat'),
      eb.fn.sum<number>('longitude').as('sum_lon'),
      eb.fn.sum<number>('id').as('sum_id'),
      eb.fn.min<number>('latitude').as('min_lat'),
      eb.fn.max<number>('latitude').as('max_lat'),
      eb.fn.min<number>('longitude').as('min_lon'),
      eb.fn.max<number>('longitude').as('max_lon'),
    ])
    .having((eb) => eb(eb.fn.countAll(), '>', 0));
  return db
    .insertInto('incident_cells')
    .columns([...CELL_COLUMNS])
    .expression(select);
}

/** A row key's values as a select list, typed, as PostgreSQL cannot infer a parameter's type there. */
function keyValues<TB extends keyof Schema>(eb: ExpressionBuilder<Schema, TB>, key: CellKey) {
  return [
    eb.cast<number>(eb.val(key.level), 'integer').as('level'),
    eb.cast<string>(eb.val(key.month), 'text').as('month'),
    eb.cast<number>(eb.val(key.cy), 'integer').as('cy'),
    eb.cast<number>(eb.val(key.cx), 'integer').as('cx'),
    eb.cast<string>(eb.val(key.event_type), 'text').as('event_type'),
    eb.cast<string>(eb.val(key.country), 'text').as('country'),
    eb.cast<string>(eb.val(key.status), 'text').as('status'),
    eb.cast<string>(eb.val(key.classification), 'text').as('classification'),
    eb.cast<string>(eb.val(key.owner_party), 'text').as('owner_party'),
  ] as const;
}

/** A yearly row recounted from its monthly rows. */
function yearRecount(db: Kysely<Schema>, key: CellKey) {
  const select = db
    .selectFrom('incident_cells')
    .where('level', '=', gridLevel(key.level))
    .where('month', '>=', `${key.month}-01`)
    .where('month', '<=', `${key.month}-12`)
    .where((eb) =>
      eb.and(CELL_KEY_COLUMNS.filter((c) => c !== 'level' && c !== 'month').map((c) => eb(c, '=', key[c]))),
    )
    .select((eb) => [
      ...keyValues(eb, key),
      eb.fn.sum<number>('count').as('count'),
      eb.fn.sum<number>('fatalities').as('fatalities'),
      eb.fn.sum<number>('sum_lat').as('sum_lat'),
      eb.fn.sum<number>('sum_lon').as('sum_lon'),
      eb.fn.sum<number>('sum_id').as('sum_id'),
      eb.fn.min<number>('min_lat').as('min_lat'),
      eb.fn.max<number>('max_lat').as('max_lat'),
      eb.fn.min<number>('min_lon').as('min_lon'),
      eb.fn.max<number>('max_lon').as('max_lon'),
    ])
    .having((eb) => eb(eb.fn.countAll(), '>', 0));
  return db
    .insertInto('incident_cells')
    .columns([...CELL_COLUMNS])
    .expression(select);
}
