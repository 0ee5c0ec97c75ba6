/** Reports between the domain and the `reports` table. */
import type { Classification } from '../domain/classification.ts';
import type { Report, ReportInput, ReportKind } from '../domain/report.ts';
import type { ReportRow } from './schema.ts';

export function newReportRow(
  input: ReportInput,
  meta: { readonly submittedBy: string; readonly receivedAt: string },
): Omit<ReportRow, 'id'> {
  return {
    kind: input.kind,
    source: input.source,
    url: input.url,
    language: input.language,
    title: input.title,
    text: input.text,
    published: input.published,
    place_text: input.placeText,
    latitude: input.latitude,
    longitude: input.longitude,
    classification: input.classification,
    owner_party: input.ownerParty,
    client_ref: input.clientRef,
    submitted_by: meta.submittedBy,
    received_at: meta.receivedAt,
  };
}

export function rowToReport(row: ReportRow): Report {
  return {
    id: row.id,
    // kind and classification are written only from ReportInput's unions.
    kind: row.kind as ReportKind,
    source: row.source,
    url: row.url,
    language: row.language,
    title: row.title,
    text: row.text,
    published: row.published,
    placeText: row.place_text,
    latitude: row.latitude,
    longitude: row.longitude,
    classification: row.classification as Classification,
    ownerParty: row.owner_party,
    clientRef: row.client_ref,
    submittedBy: row.submitted_by,
    receivedAt: row.received_at,
  };
}
