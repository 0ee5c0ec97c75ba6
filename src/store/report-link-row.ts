/** Report–incident links between the domain and the `report_incidents` table. */
import type { EvidenceSpan, ReportEvent, ReportLink } from '../domain/report-link.ts';
import type { ReportIncidentRow } from './schema.ts';

export function newReportLinkRow(link: ReportLink): ReportIncidentRow {
  return {
    report_id: link.reportId,
    event_index: link.eventIndex,
    incident_id: link.incidentId,
    confidence: link.confidence,
    evidence: JSON.stringify(link.evidence),
    event: JSON.stringify(link.event),
    needs_review: link.needsReview ? 1 : 0,
    created_at: link.createdAt,
  };
}

export function rowToReportLink(row: ReportIncidentRow): ReportLink {
  return {
    reportId: row.report_id,
    eventIndex: row.event_index,
    incidentId: row.incident_id,
    confidence: row.confidence,
    // The store writes these two columns only with JSON.stringify of those domain types.
    evidence: JSON.parse(row.evidence) as EvidenceSpan[],
    event: JSON.parse(row.event) as ReportEvent,
    needsReview: row.needs_review !== 0,
    createdAt: row.created_at,
  };
}
