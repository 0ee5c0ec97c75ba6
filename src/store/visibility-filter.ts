/**
 * The visibility rule as SQL, applied by every read of incidents and reports: a record is visible when
 * its classification is one the viewer sees, or it is NATIONAL and owned by the viewer's party.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Visibility } from '../domain/classification.ts';
import type { Schema } from './schema.ts';

export function visibleTo(
  eb:
    | ExpressionBuilder<Schema, 'incidents'>
    | ExpressionBuilder<Schema, 'reports'>
    | ExpressionBuilder<Schema, 'incident_cells'>
    | ExpressionBuilder<Schema, 'incident_cells' | 'incident_weeks'>
    | ExpressionBuilder<Schema, 'alert_events'>,
  visibility: Visibility,
): Expression<SqlBool> {
  // Each table has these two columns; the builder of any of them makes the same SQL (incident_cells
  // writes no owner party as '', which no party is).
  const b = eb as ExpressionBuilder<Schema, 'incidents'>;
  const allowed: Expression<SqlBool>[] = [];
  if (visibility.classifications.length > 0)
    allowed.push(b('classification', 'in', visibility.classifications));
  if (visibility.nationalOf !== null && !visibility.classifications.includes('NATIONAL'))
    allowed.push(b.and([b('classification', '=', 'NATIONAL'), b('owner_party', '=', visibility.nationalOf)]));
  return allowed.length === 0 ? sql<boolean>`1 = 0` : b.or(allowed);
}
