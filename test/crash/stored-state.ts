/**
 * Reads a database that `liptako` processes wrote (and were killed while writing) from outside the
 * store, in plain SQL, and checks what a crash must never leave: summaries out of step with the
 * incidents, a full-text index that disagrees with its table, a damaged file.
 *
 * The summaries are recomputed here in plain code from the incidents table, independently of the
 * store's delta code (incident-cells.ts, incident-weeks.ts), and compared row by row.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { connectionUrl } from '../../src/store/postgres/connection-url.ts';

export type Row = Record<string, unknown>;

/** A plain SQL connection to one database: `?` parameters in SQLite, `$1…` in PostgreSQL. */
export interface Plain {
  readonly dialect: 'sqlite' | 'postgres';
  all(text: string, params?: readonly unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

export function plainSqlite(file: string): Plain {
  const db = new Database(file, { fileMustExist: true });
  return {
    dialect: 'sqlite',
    all: (text, params = []) => {
      const statement = db.prepare(text);
      if (statement.reader) return Promise.resolve(statement.all(...params) as Row[]);
      statement.run(...params);
      return Promise.resolve([]);
    },
    close: () => Promise.resolve(void db.close()),
  };
}

export async function plainPostgres(databaseUrl: string, schema: string): Promise<Plain> {
  const client = new pg.Client({
    connectionString: connectionUrl(databaseUrl),
    options: `-c search_path=${schema}`,
    // Counts and sums (bigint, numeric) as numbers, as the store reads them: far below 2^53 here.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === 20 || oid === 1700
          ? (value: string) => Number(value)
          : format === 'binary'
            ? pg.types.getTypeParser(oid, 'binary')
            : pg.types.getTypeParser(oid)) as pg.CustomTypesConfig['getTypeParser'], // pg's overloads cannot be implemented by one signature
    },
  });
  await client.connect();
  return {
    dialect: 'postgres',
    all: async (text, params = []) => (await client.query(text, [...params])).rows as Row[],
    close: () => client.end(),
  };
}

const num = (v: unknown): number => Number(v);
const str = (v: unknown): string => String(v);

/**
 * The stored levels of incident_cells, their cell size in degrees and the length of their period in
 * `month`: monthly rows of the grid levels, and yearly ones of level 100 + L (see
 * src/store/incident-cells.ts).
 */
const LEVELS = [2, 4, 6, 8].flatMap((level) => [
  { level, size: 360 / (2 ** level * 4), period: 7 },
  { level: 100 + level, size: 360 / (2 ** level * 4), period: 4 },
]);

/** The Monday of a day's ISO week. */
function monday(day: string): string {
  const ms = Date.parse(`${day}T00:00:00Z`);
  const back = (new Date(ms).getUTCDay() + 6) % 7;
  return new Date(ms - back * 86_400_000).toISOString().slice(0, 10);
}

interface CellSums {
  count: number;
  fatalities: number;
  sumLat: number;
  sumLon: number;
  sumId: number;
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

/**
 * Problems of the summaries (incident_cells, incident_weeks) against a recomputation from
 * `incidents`; empty when they agree. Merged incidents count as stored rows do: the summaries follow
 * every row of `incidents`.
 */
export async function summaryProblems(db: Plain): Promise<string[]> {
  const problems: string[] = [];
  const incidents = await db.all(
    `SELECT id, event_date, latitude, longitude, event_type, country, status, classification, owner_party, fatalities
       FROM incidents`,
  );
  const cells = new Map<string, CellSums>();
  const weeks = new Map<string, { count: number; fatalities: number }>();
  for (const i of incidents) {
    const owner = i['owner_party'] === null ? '' : str(i['owner_party']);
    const filter = `${str(i['event_type'])}|${str(i['country'])}|${str(i['status'])}|${str(i['classification'])}|${owner}`;
    const date = str(i['event_date']);
    const weekKey = `${monday(date)}|${filter}`;
    const week = weeks.get(weekKey) ?? { count: 0, fatalities: 0 };
    week.count++;
    week.fatalities += num(i['fatalities']);
    weeks.set(weekKey, week);
    if (i['latitude'] === null || i['longitude'] === null) continue;
    const lat = num(i['latitude']);
    const lon = num(i['longitude']);
    for (const { level, size, period } of LEVELS) {
      const key = `${level}|${date.slice(0, period)}|${Math.floor((lon + 180) / size)}|${Math.floor((lat + 90) / size)}|${filter}`;
      const c = cells.get(key) ?? {
        count: 0,
        fatalities: 0,
        sumLat: 0,
        sumLon: 0,
        sumId: 0,
        minLat: Infinity,
        maxLat: -Infinity,
        minLon: Infinity,
        maxLon: -Infinity,
      };
      c.count++;
      c.fatalities += num(i['fatalities']);
      c.sumLat += lat;
      c.sumLon += lon;
      c.sumId += num(i['id']);
      c.minLat = Math.min(c.minLat, lat);
      c.maxLat = Math.max(c.maxLat, lat);
      c.minLon = Math.min(c.minLon, lon);
      c.maxLon = Math.max(c.maxLon, lon);
      cells.set(key, c);
    }
  }

  const storedCells = await db.all('SELECT * FROM incident_cells');
  const seenCells = new Set<string>();
  for (const r of storedCells) {
    const key = `${num(r['level'])}|${str(r['month'])}|${num(r['cx'])}|${num(r['cy'])}|${str(r['event_type'])}|${str(r['country'])}|${str(r['status'])}|${str(r['classification'])}|${str(r['owner_party'])}`;
    seenCells.add(key);
    const c = cells.get(key);
    if (c === undefined) {
      problems.push(`incident_cells ${key}: stored (count ${num(r['count'])}) but no incident falls in it`);
      continue;
    }
    const exact: [string, number, number][] = [
      ['count', num(r['count']), c.count],
      ['fatalities', num(r['fatalities']), c.fatalities],
      ['sum_id', num(r['sum_id']), c.sumId],
      ['min_lat', num(r['min_lat']), c.minLat],
      ['max_lat', num(r['max_lat']), c.maxLat],
      ['min_lon', num(r['min_lon']), c.minLon],
      ['max_lon', num(r['max_lon']), c.maxLon],
    ];
    // Sums of coordinates are added in another order than here: equal up to rounding.
    const close: [string, number, number][] = [
      ['sum_lat', num(r['sum_lat']), c.sumLat],
      ['sum_lon', num(r['sum_lon']), c.sumLon],
    ];
    for (const [column, stored, expected] of exact)
      if (stored !== expected)
        problems.push(`incident_cells ${key}: ${column} ${stored}, recomputed ${expected}`);
    for (const [column, stored, expected] of close)
      if (Math.abs(stored - expected) > 1e-6 * Math.max(1, c.count))
        problems.push(`incident_cells ${key}: ${column} ${stored}, recomputed ${expected}`);
  }
  for (const [key, c] of cells)
    if (!seenCells.has(key)) problems.push(`incident_cells ${key}: ${c.count} incidents, no row`);

  const storedWeeks = await db.all('SELECT * FROM incident_weeks');
  const seenWeeks = new Set<string>();
  for (const r of storedWeeks) {
    const key = `${str(r['week'])}|${str(r['event_type'])}|${str(r['country'])}|${str(r['status'])}|${str(r['classification'])}|${str(r['owner_party'])}`;
    seenWeeks.add(key);
    const w = weeks.get(key) ?? { count: 0, fatalities: 0 };
    if (num(r['count']) !== w.count || num(r['fatalities']) !== w.fatalities)
      problems.push(
        `incident_weeks ${key}: ${num(r['count'])} incidents and ${num(r['fatalities'])} fatalities, recomputed ${w.count} and ${w.fatalities}`,
      );
  }
  for (const [key, w] of weeks)
    if (!seenWeeks.has(key)) problems.push(`incident_weeks ${key}: ${w.count} incidents, no row`);
  return problems;
}

/**
 * Problems of the full-text indexes: SQLite's FTS5 integrity check against the content tables (which
 * finds an incident missing from the index, indexed twice or with stale text), and the incidents a
 * search for `everywhere` (a word in every incident's notes, when there is one) finds, which must be
 * all of them.
 */
export async function searchProblems(db: Plain, everywhere: string | null): Promise<string[]> {
  const problems: string[] = [];
  const total = num((await db.all('SELECT count(*) AS n FROM incidents'))[0]?.['n']);
  let found = total;
  if (db.dialect === 'sqlite') {
    for (const table of ['incidents_fts', 'reports_fts'])
      try {
        await db.all(`INSERT INTO ${table} (${table}, rank) VALUES ('integrity-check', 1)`);
      } catch (error) {
        problems.push(`${table}: ${error instanceof Error ? error.message : String(error)}`);
      }
    if (everywhere !== null)
      found = num(
        (
          await db.all('SELECT count(*) AS n FROM incidents_fts WHERE incidents_fts MATCH ?', [everywhere])
        )[0]?.['n'],
      );
  } else if (everywhere !== null) {
    found = num(
      (
        await db.all(`SELECT count(*) AS n FROM incidents WHERE search @@ to_tsquery('simple', $1)`, [
          everywhere,
        ])
      )[0]?.['n'],
    );
  }
  if (everywhere !== null && found !== total)
    problems.push(`a search for "${everywhere}" finds ${found} of ${total} incidents`);
  return problems;
}

/** SQLite's own check of the file (pages, indexes); "ok" when sound. */
export async function sqliteIntegrity(db: Plain): Promise<string> {
  const rows = await db.all('PRAGMA integrity_check');
  return rows.map((r) => str(Object.values(r)[0])).join('; ');
}
