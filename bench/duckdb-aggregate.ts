/**
 * The DuckDB reference for /api/incidents/aggregate, on a table `incidents` loaded with `read_csv` from
 * the synthetic ACLED-shaped CSV: the same box and days, grid cells of 360 / (2^zoom × 4) degrees, per
 * cell and event type the count, fatalities, centre, extent and one event id. Used by bench/run.ts and
 * bench/scale.ts, so both compare the API with the same query.
 */

export interface AggregateWindow {
  /** minLon, minLat, maxLon, maxLat */
  readonly bbox: readonly [number, number, number, number];
  readonly zoom: number;
  /** YYYY-MM-DD, inclusive */
  readonly from: string;
  readonly to: string;
}

/** The grid aggregate of `q` in DuckDB's SQL (the window's fields are numbers and checked dates). */
export function duckdbAggregateSql(q: AggregateWindow): string {
  for (const day of [q.from, q.to])
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a date: ${day}`);
  const cell = 360 / (2 ** q.zoom * 4);
  return `SELECT floor((longitude + 180) / ${cell}) AS cx, floor((latitude + 90) / ${cell}) AS cy, event_type,
        count(*) AS n, sum(fatalities) AS f, avg(latitude) AS lat, avg(longitude) AS lon,
        min(latitude), max(latitude), min(longitude), max(longitude), min(event_id_cnty)
      FROM incidents
      WHERE event_date BETWEEN DATE '${q.from}' AND DATE '${q.to}'
        AND longitude BETWEEN ${q.bbox[0]} AND ${q.bbox[2]} AND latitude BETWEEN ${q.bbox[1]} AND ${q.bbox[3]}
      GROUP BY 1, 2, 3`;
}
