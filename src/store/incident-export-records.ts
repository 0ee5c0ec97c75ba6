/**
 * Reads every incident a filter matches, page after page, for the streamed exports: keyset-paged on
 * the primary key (id > last id, ascending), so each page is one index range whatever its depth, and
 * nothing but the current page is held. Visibility is part of the filter, as in every read.
 */
import type { CompiledQuery, Kysely } from 'kysely';
import type { Incident } from '../domain/incident.ts';
import type { DialectSql } from './dialect-sql.ts';
import { incidentFilter } from './incident-filter.ts';
import { INCIDENT_COLUMNS, rowToIncident } from './incident-row.ts';
import type { IncidentRow, Schema } from './schema.ts';
import type { IncidentFilter } from './store.ts';

/** Rows per page when the caller names none. */
export const EXPORT_PAGE_SIZE = 1000;
/** The largest page a caller may ask for. */
const MAX_EXPORT_PAGE = 10_000;

/**
 * Runs one page's query and returns all its rows. A dialect may read them its own way (PostgreSQL
 * through a cursor, postgres/cursor-page-reader.ts); by default Kysely runs it.
 */
export type PageReader = (query: CompiledQuery<IncidentRow>) => Promise<readonly IncidentRow[]>;

export async function* incidentPages(
  db: Kysely<Schema>,
  dialectSql: DialectSql,
  filter: IncidentFilter,
  pageSize: number = EXPORT_PAGE_SIZE,
  readPage: PageReader = async (query) => (await db.executeQuery(query)).rows,
): AsyncGenerator<Incident[], void, undefined> {
  const limit = Math.min(MAX_EXPORT_PAGE, Math.max(1, Math.floor(pageSize)));
  let after = 0;
  for (;;) {
    const rows = await readPage(
      db
        .selectFrom('incidents')
        // Named columns, not selectAll(): PostgreSQL's table also holds the search tsvector.
        .select(INCIDENT_COLUMNS)
        .where(incidentFilter(dialectSql, filter))
        .where('id', '>', after)
        .orderBy('id', 'asc')
        .limit(limit)
        .compile(),
    );
    if (rows.length === 0) return;
    const last = rows[rows.length - 1]?.id ?? after;
    yield rows.map(rowToIncident);
    if (rows.length < limit) return;
    after = last;
  }
}
