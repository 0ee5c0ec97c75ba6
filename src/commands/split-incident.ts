/**
 * An analyst undoes a wrong fusion: one report is detached from an incident into a new machine-coded
 * incident of its own, built from what that report said; the incident it leaves is re-derived from its
 * remaining sources when the machine coded it. Both histories record the move and the reason.
 */
import type { AuditActor } from '../domain/audit/audit-entry.ts';
import type { Visibility } from '../domain/classification.ts';
import { isMachineFusable } from '../domain/fusion.ts';
import type { Incident } from '../domain/incident.ts';
import type { Store } from '../store/store.ts';
import { announceIncident } from './publish-alert.ts';
import { createIncident, newIncidentFrom, refusedCoding, SEE_ALL } from './ingest-report.ts';

export interface SplitRequest {
  readonly incidentId: number;
  readonly reportId: number;
  readonly reason: string;
  /** Name of the analyst. */
  readonly by: string;
  /** The analyst, as the audit log names them. */
  readonly actor: AuditActor;
  /** What the analyst sees: the incident must be visible to them. */
  readonly visibility: Visibility;
}

export type SplitResult =
  | { readonly ok: true; readonly incident: Incident; readonly detached: Incident }
  | {
      readonly ok: false;
      readonly error: 'not_found' | 'not_a_source' | 'only_source';
      readonly message: string;
    };

/** One transaction: the new incident, the moved links, both revisions and the new incident's alert. */
export function splitIncident(store: Store, request: SplitRequest, now: Date): Promise<SplitResult> {
  return store.atomically((tx) => splitIn(tx, request, now));
}

async function splitIn(store: Store, request: SplitRequest, now: Date): Promise<SplitResult> {
  const at = now.toISOString();
  const incident = await store.getIncident(request.incidentId, request.visibility);
  if (incident === null)
    return { ok: false, error: 'not_found', message: `incident ${request.incidentId} not found` };
  const sources = await store.listIncidentSources(incident.id, SEE_ALL);
  const moving = sources.filter((s) => s.report.id === request.reportId);
  const staying = sources.filter((s) => s.report.id !== request.reportId);
  const first = moving[0];
  if (first === undefined)
    return {
      ok: false,
      error: 'not_a_source',
      message: `report ${request.reportId} is not a source of incident ${incident.id}`,
    };
  if (staying.length === 0)
    return {
      ok: false,
      error: 'only_source',
      message: `report ${request.reportId} is the only source of incident ${incident.id}: nothing to split`,
    };

  // The key tells the new incident from the one the report's event may have created first.
  const detached = await createIncident(
    store,
    newIncidentFrom(
      first.report,
      first.link,
      `report:${first.report.id}:${first.link.eventIndex}:split-from:${incident.id}`,
    ),
    at,
    request.actor,
  );
  for (const s of moving)
    await store.moveReportLink(
      s.report.id,
      s.link.eventIndex,
      { incidentId: detached.id, needsReview: false },
      { actor: request.actor, at },
    );
  const reason = `split: report ${request.reportId} detached from incident ${incident.id} into ${detached.id}: ${request.reason}`;
  const ids = (xs: typeof sources): number[] =>
    [...new Set(xs.map((s) => s.report.id))].sort((a, b) => a - b);
  const coding = isMachineFusable(incident) ? refusedCoding(incident, staying) : null;
  const updated = await store.updateIncident(incident.id, {
    ...(coding === null ? {} : { coding }),
    sources: { before: ids(sources), after: ids(staying) },
    changedBy: request.by,
    actor: request.actor,
    reason,
    at,
  });
  const after = await store.updateIncident(detached.id, {
    sources: { before: [], after: [request.reportId] },
    changedBy: request.by,
    actor: request.actor,
    reason,
    at,
  });
  if (updated === null || after === null) throw new Error('an incident vanished during a split');
  await announceIncident(store, 'incident.created', after, { actor: request.actor, at }, reason);
  return { ok: true, incident: updated, detached: after };
}
