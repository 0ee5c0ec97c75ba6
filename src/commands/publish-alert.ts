/**
 * Announcing changes as alerts: each helper writes its alert through the store it is given, which is
 * the store of the change's transaction (Store.atomically), so that an alert commits with its change
 * or not at all. Surge detection and other producers call publishAlert.
 */
import {
  incidentAlert,
  type AlertEvent,
  type AlertKind,
  type NewAlertEvent,
} from '../domain/alerts/alert-event.ts';
import type { Incident } from '../domain/incident.ts';
import type { AuditContext, MergeOutcome, MergeRequest, Store } from '../store/store.ts';

/** Writes one alert of any kind (a surge, an import summary…) in the caller's transaction. */
export async function publishAlert(
  store: Store,
  event: NewAlertEvent,
  by: AuditContext,
): Promise<AlertEvent> {
  const [written] = await store.publishAlerts([event], by);
  if (written === undefined) throw new Error('the outbox wrote no event');
  return written;
}

/** The alert kind of an incident's change: its new status if it changed to verified or rejected. */
export function changeKind(
  before: Incident,
  after: Incident,
): Exclude<AlertKind, 'import.completed' | 'surge'> {
  if (before.status !== after.status && after.status === 'verified') return 'incident.verified';
  if (before.status !== after.status && after.status === 'rejected') return 'incident.rejected';
  return 'incident.updated';
}

/** Writes the alert of an incident's change (nothing when the change made no new revision). */
export async function announceIncident(
  store: Store,
  kind: Exclude<AlertKind, 'import.completed' | 'surge'>,
  incident: Incident,
  by: AuditContext,
  reason: string | null,
): Promise<void> {
  await store.publishAlerts([incidentAlert(kind, incident, { reason })], by);
}

/** Merges two incidents and announces the merged one, in one transaction. */
export function mergeAndAnnounce(store: Store, request: MergeRequest): Promise<MergeOutcome> {
  return store.atomically(async (tx) => {
    const outcome = await tx.mergeIncidents(request);
    if (outcome.ok)
      await announceIncident(
        tx,
        'incident.merged',
        outcome.other,
        { actor: request.actor, at: request.at },
        request.reason,
      );
    return outcome;
  });
}
