/**
 * Yearly rows in the map's summary `incident_cells`: for each grid level L, rows of level 100 + L
 * with the year ('YYYY') in `month`, the sums of that year's monthly rows (see incident-cells.ts,
 * YEAR_LEVEL), so that a map read over five years sums five rows per cell and key rather than sixty.
 * Filled here from the monthly rows already stored; written by every write path from here on.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export function yearlyCellsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // substr and the aggregates are the same in both dialects; the sums are cast back to the
      // columns' types (PostgreSQL sums integers as bigint and bigints as numeric).
      await sql`
        INSERT INTO incident_cells (level, month, cy, cx, event_type, country, status, classification,
          owner_party, count, fatalities, sum_lat, sum_lon, sum_id, min_lat, max_lat, min_lon, max_lon)
        SELECT level + 100, substr(month, 1, 4), cy, cx, event_type, country, status, classification,
          owner_party, CAST(sum(count) AS integer), CAST(sum(fatalities) AS bigint), sum(sum_lat),
          sum(sum_lon), CAST(sum(sum_id) AS bigint), min(min_lat), max(max_lat), min(min_lon), max(max_lon)
        FROM incident_cells
        WHERE level < 100
        GROUP BY level, substr(month, 1, 4), cy, cx, event_type, country, status, classification, owner_party
      `.execute(db);
    },
  };
}
