/** Revisions between the domain and the `incident_revisions` table. */
import type { IncidentRevision } from '../domain/incident.ts';
import type { IncidentRevisionRow } from './schema.ts';

export function newRevisionRow(
  incidentId: number,
  revision: number,
  changes: IncidentRevision['changes'],
  by: { readonly changedBy: string; readonly reason: string; readonly at: string },
): IncidentRevisionRow {
  return {
    incident_id: incidentId,
    revision,
    changed_at: by.at,
    changed_by: by.changedBy,
    reason: by.reason,
    changes: JSON.stringify(changes),
  };
}

export function rowToRevision(row: IncidentRevisionRow): IncidentRevision {
  return {
    incidentId: row.incident_id,
    revision: row.revision,
    changedAt: row.changed_at,
    changedBy: row.changed_by,
    reason: row.reason,
    // The store writes this column only with JSON.stringify of a revision's changes.
    changes: JSON.parse(row.changes) as IncidentRevision['changes'],
  };
}
