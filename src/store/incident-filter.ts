/** IncidentFilter as a SQL condition on `incidents`, visibility first. */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { foldName } from '../domain/place.ts';
import type { DialectSql } from './dialect-sql.ts';
import type { Schema } from './schema.ts';
import { searchTerms } from './search-terms.ts';
import type { IncidentFilter } from './store.ts';
import { visibleTo } from './visibility-filter.ts';

/**
 * `byPlace` hides event_date from SQLite's choice of index, for reads of a small area that the
 * incidents_cell index finds faster than the date-led ones; `searchNewestFirst` reads the full-text
 * terms as DialectSql.incidentMatchesNewestFirst.
 */
export function incidentFilter(
  dialectSql: DialectSql,
  filter: IncidentFilter,
  options: { readonly byPlace?: boolean; readonly searchNewestFirst?: boolean } = {},
): (eb: ExpressionBuilder<Schema, 'incidents'>) => Expression<SqlBool> {
  return (eb) => {
    const date = options.byPlace === true ? dialectSql.unindexed(eb.ref('event_date')) : eb.ref('event_date');
    const conditions: Expression<SqlBool>[] = [visibleTo(eb, filter.visibility)];
    const { bbox } = filter;
    if (bbox !== undefined) {
      conditions.push(eb.between('latitude', bbox.minLat, bbox.maxLat));
      // A box across the antimeridian has minLon > maxLon.
      conditions.push(
        bbox.minLon <= bbox.maxLon
          ? eb.between('longitude', bbox.minLon, bbox.maxLon)
          : eb.or([eb('longitude', '>=', bbox.minLon), eb('longitude', '<=', bbox.maxLon)]),
      );
    }
    if (filter.from !== undefined) conditions.push(eb(date, '>=', filter.from));
    if (filter.to !== undefined) conditions.push(eb(date, '<=', filter.to));
    if (filter.country !== undefined) conditions.push(inList(eb, 'country', filter.country));
    if (filter.eventType !== undefined) conditions.push(inList(eb, 'event_type', filter.eventType));
    if (filter.status !== undefined) conditions.push(inList(eb, 'status', filter.status));
    if (filter.subEventType !== undefined) conditions.push(inList(eb, 'sub_event_type', filter.subEventType));
    if (filter.admin1 !== undefined) conditions.push(inList(eb, 'admin1_key', filter.admin1.map(foldName)));
    const actor = filter.actor?.trim();
    if (actor !== undefined && actor !== '') {
      const columns = ['actor1', 'actor2', 'assoc_actor_1', 'assoc_actor_2'] as const;
      conditions.push(eb.or(columns.map((c) => dialectSql.containsInsensitive(eb.ref(c), actor))));
    }
    const terms = searchTerms(filter.q);
    if (terms.length > 0)
      conditions.push(
        options.searchNewestFirst === true
          ? dialectSql.incidentMatchesNewestFirst(terms)
          : dialectSql.incidentMatches(terms),
      );
    return eb.and(conditions);
  };
}

/**
 * The filters a summary row of incident_cells or incident_weeks can answer (all but the box, the
 * window, actor, q, admin-1 and sub-type, which the caller handles: see `summaryCanAnswer`), with the
 * same meaning as on incidents.
 */
export function cellFilter(
  filter: IncidentFilter,
): (eb: ExpressionBuilder<Schema, 'incident_cells' | 'incident_weeks'>) => Expression<SqlBool> {
  return (eb) => {
    const conditions: Expression<SqlBool>[] = [visibleTo(eb, filter.visibility)];
    // The summary has the same three columns; its builder makes the same SQL.
    const b = eb as unknown as ExpressionBuilder<Schema, 'incidents'>;
    if (filter.country !== undefined) conditions.push(inList(b, 'country', filter.country));
    if (filter.eventType !== undefined) conditions.push(inList(b, 'event_type', filter.eventType));
    if (filter.status !== undefined) conditions.push(inList(b, 'status', filter.status));
    return eb.and(conditions);
  };
}

/** `column IN (values)`; an empty list matches nothing. */
function inList(
  eb: ExpressionBuilder<Schema, 'incidents'>,
  column: 'country' | 'event_type' | 'status' | 'sub_event_type' | 'admin1_key',
  values: readonly string[],
): Expression<SqlBool> {
  return values.length === 0 ? eb.lit(false) : eb(column, 'in', values);
}

/** Whether the summaries hold what the filter asks, beyond the box and the window. */
export function summaryCanAnswer(filter: IncidentFilter): boolean {
  return (
    (filter.actor ?? '').trim() === '' &&
    searchTerms(filter.q).length === 0 &&
    filter.admin1 === undefined &&
    filter.subEventType === undefined
  );
}
