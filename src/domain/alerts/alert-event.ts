/**
 * Alert events: what the platform tells the people who watch an area. Each is a row of a durable,
 * ordered table (the outbox, `alert_events`), written in the transaction of the change it announces;
 * the stream (SSE) and the webhooks read them from there. Pure data: no I/O.
 */
import type { Classification } from '../classification.ts';
import type { Incident } from '../incident.ts';

/**
 * incident.created: a new incident (from a field report, an article, or by hand).
 * incident.updated: re-coded (corrected) or fused with a new report.
 * incident.verified / incident.rejected: its status changed so.
 * incident.merged: folded into another incident (`mergedInto`).
 * incident.charter: the Charter engine found articles engaged.
 * import.completed: a bulk import finished (one summary, never one event per row).
 * surge: fatalities in an admin unit passed a threshold (raised by surge detection).
 */
export const ALERT_KINDS = [
  'incident.created',
  'incident.updated',
  'incident.verified',
  'incident.rejected',
  'incident.merged',
  'incident.charter',
  'import.completed',
  'surge',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export function isAlertKind(value: string): value is AlertKind {
  return (ALERT_KINDS as readonly string[]).includes(value);
}

/** What an incident alert carries: enough to match a subscription and show a notice. */
export interface IncidentAlertPayload {
  readonly incidentId: number;
  readonly eventType: string;
  readonly subEventType: string;
  /** actor1, actor2 and associated actors, as coded. */
  readonly actors: readonly string[];
  readonly country: string;
  readonly admin1: string | null;
  readonly admin2: string | null;
  readonly location: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly fatalities: number;
  /** YYYY-MM-DD. */
  readonly eventDate: string;
  readonly status: string;
  /** Charter articles engaged ("liptako-gourma-charter:6"), when the engine has read the incident. */
  readonly articles: readonly string[];
  /** Why: the revision's reason, when there is one. */
  readonly reason: string | null;
  /** incident.merged: the incident it was merged into. */
  readonly mergedInto: number | null;
}

export interface ImportAlertPayload {
  /** acled or ucdp. */
  readonly source: string;
  readonly file: string;
  readonly imported: number;
  readonly updated: number;
  readonly skipped: number;
  readonly rejected: number;
}

export interface SurgeAlertPayload {
  /** ISO3. */
  readonly country: string;
  readonly admin1: string;
  readonly fatalities30d: number;
  readonly threshold: number;
  /** Other figures surge detection gives (window, baseline…). */
  readonly [extra: string]: unknown;
}

export type AlertPayload =
  | ({ readonly kind: Exclude<AlertKind, 'import.completed' | 'surge'> } & IncidentAlertPayload)
  | ({ readonly kind: 'import.completed' } & ImportAlertPayload)
  | ({ readonly kind: 'surge' } & SurgeAlertPayload);

/** An alert to write: who may read it is the classification of what it is about. */
export interface NewAlertEvent {
  readonly kind: AlertKind;
  readonly incidentId: number | null;
  readonly classification: Classification;
  /** NATIONAL: the owning party. */
  readonly ownerParty: string | null;
  readonly payload: AlertPayload;
}

/** An alert as stored: `seq` orders them and is the SSE event id. */
export interface AlertEvent extends NewAlertEvent {
  readonly seq: number;
  /** ISO timestamp of the change. */
  readonly createdAt: string;
}

/** The incident fields an incident alert is made of. */
export type AlertIncident = Pick<
  Incident,
  | 'id'
  | 'eventType'
  | 'subEventType'
  | 'actor1'
  | 'actor2'
  | 'assocActor1'
  | 'assocActor2'
  | 'country'
  | 'admin1'
  | 'admin2'
  | 'location'
  | 'latitude'
  | 'longitude'
  | 'fatalities'
  | 'eventDate'
  | 'status'
  | 'classification'
  | 'ownerParty'
  | 'mergedInto'
>;

/** ACLED's associated actors are one field, "A; B". */
function splitActors(value: string | null): string[] {
  return value === null
    ? []
    : value
        .split(';')
        .map((a) => a.trim())
        .filter((a) => a !== '');
}

/** The alert announcing a change of one incident. */
export function incidentAlert(
  kind: Exclude<AlertKind, 'import.completed' | 'surge'>,
  incident: AlertIncident,
  extra: { readonly reason?: string | null; readonly articles?: readonly string[] } = {},
): NewAlertEvent {
  const actors = [
    incident.actor1,
    ...(incident.actor2 === null ? [] : [incident.actor2]),
    ...splitActors(incident.assocActor1),
    ...splitActors(incident.assocActor2),
  ];
  return {
    kind,
    incidentId: incident.id,
    classification: incident.classification,
    ownerParty: incident.classification === 'NATIONAL' ? incident.ownerParty : null,
    payload: {
      kind,
      incidentId: incident.id,
      eventType: incident.eventType,
      subEventType: incident.subEventType,
      actors,
      country: incident.country,
      admin1: incident.admin1,
      admin2: incident.admin2,
      location: incident.location,
      latitude: incident.latitude,
      longitude: incident.longitude,
      fatalities: incident.fatalities.best,
      eventDate: incident.eventDate,
      status: incident.status,
      articles: extra.articles ?? [],
      reason: extra.reason ?? null,
      mergedInto: incident.mergedInto,
    },
  };
}
