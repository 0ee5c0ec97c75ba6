/**
 * CAP 1.2 alerts (OASIS Common Alerting Protocol, Version 1.2, 2010) announcing incidents, derived from
 * an incident and its revision history. Pure: the XML is written elsewhere (src/ingest/export/cap-xml.ts).
 *
 * Which revisions are announced: the incident's first revision (msgType Alert), then each revision that
 * changes what a reader of the alert would act on — the coding (date, type, actors, place, coordinates,
 * fatalities, notes…), the review status or the classification (msgType Update, referencing the
 * previous alert) — and the revision that rejects it or merges it into another (msgType Cancel). An
 * incident rejected from its first revision is never announced. A revision that changes only the
 * Charter facts or the linked sources announces nothing. Each alert shows the incident as it was at its
 * revision: the state is rebuilt by undoing the later revisions' changes (each records before and after).
 *
 * How the CAP fields are derived (documented in README "Feeds and exports"):
 * - status Actual; category Security; scope Public for a PUBLIC record, Restricted (with a restriction
 *   text naming the classification) for AES_RESTRICTED and NATIONAL ones.
 * - urgency: Immediate when the event is at most 3 days older than the alert, else Past.
 * - severity from the best fatality estimate: 0 Minor, 1–9 Moderate, 10–49 Severe, 50 or more Extreme.
 * - certainty from the review status: verified Observed, reported Possible, machine-coded Likely.
 * - one info in French (fr-FR) and one in English (en-US); area: the place, admin-1 and country, a
 *   circle "lat,lon radius-km" whose radius follows the geo precision (1: 2 km, 2: 25 km, 3: 100 km),
 *   and geocodes of the country (ISO 3166-1 alpha-3) and admin-1 name.
 */
import { EVENT_TYPE_LABELS_FR, SUB_EVENT_TYPE_LABELS_FR } from './acled-taxonomy.ts';
import type { Classification, Visibility } from './classification.ts';
import type { Incident, IncidentRevision, IncidentStatus } from './incident.ts';

export type CapMsgType = 'Alert' | 'Update' | 'Cancel';
export type CapScope = 'Public' | 'Restricted';
export type CapUrgency = 'Immediate' | 'Past';
export type CapSeverity = 'Extreme' | 'Severe' | 'Moderate' | 'Minor';
export type CapCertainty = 'Observed' | 'Likely' | 'Possible' | 'Unlikely';

export interface CapValue {
  readonly valueName: string;
  readonly value: string;
}

export interface CapInfo {
  readonly language: 'fr-FR' | 'en-US';
  readonly category: 'Security';
  readonly event: string;
  readonly urgency: CapUrgency;
  readonly severity: CapSeverity;
  readonly certainty: CapCertainty;
  /** CAP dateTime: the day of the event, at midnight UTC. */
  readonly onset: string;
  readonly senderName: string;
  readonly headline: string;
  readonly description: string;
  readonly web: string;
  readonly parameters: readonly CapValue[];
  readonly area: {
    readonly areaDesc: string;
    /** "lat,lon radius" (km), or null without coordinates. */
    readonly circle: string | null;
    readonly geocodes: readonly CapValue[];
  };
}

export interface CapAlert {
  readonly identifier: string;
  readonly sender: string;
  /** CAP dateTime: YYYY-MM-DDThh:mm:ss+00:00. */
  readonly sent: string;
  readonly status: 'Actual';
  readonly msgType: CapMsgType;
  readonly scope: CapScope;
  readonly restriction: string | null;
  readonly note: string | null;
  /** "sender,identifier,sent" of the previous alert of the incident, for an Update or a Cancel. */
  readonly references: string | null;
  readonly infos: readonly CapInfo[];
  /** What the alert is about, for the caller's bookkeeping (not in the XML). */
  readonly incidentId: number;
  readonly revision: number;
  readonly classification: Classification;
  readonly ownerParty: string | null;
}

/** The sender of Liptako's alerts (CAP: no spaces, commas or reserved characters). */
export const CAP_SENDER = 'liptako@aes-liptako.org';

const IDENTIFIER = /^liptako-incident-(\d{1,12})-r(\d{1,9})$/;

export function capIdentifier(incidentId: number, revision: number): string {
  return `liptako-incident-${incidentId}-r${revision}`;
}

/** The incident and revision an identifier of ours names, or null. */
export function parseCapIdentifier(identifier: string): { incidentId: number; revision: number } | null {
  const m = IDENTIFIER.exec(identifier);
  return m === null ? null : { incidentId: Number(m[1]), revision: Number(m[2]) };
}

/** An ISO timestamp as CAP writes dateTime: seconds, and +00:00 for UTC (the schema refuses "Z"). */
export function capDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`not a timestamp: ${iso}`);
  return `${d.toISOString().slice(0, 19)}+00:00`;
}

export function capSeverity(fatalities: number): CapSeverity {
  if (fatalities >= 50) return 'Extreme';
  if (fatalities >= 10) return 'Severe';
  if (fatalities >= 1) return 'Moderate';
  return 'Minor';
}

export function capCertainty(status: IncidentStatus): CapCertainty {
  switch (status) {
    case 'verified':
      return 'Observed';
    case 'machine-coded':
      return 'Likely';
    case 'reported':
      return 'Possible';
    case 'rejected':
      return 'Unlikely';
  }
}

export function capUrgency(eventDate: string, sent: string): CapUrgency {
  const days = (Date.parse(sent) - Date.parse(`${eventDate}T00:00:00Z`)) / 86_400_000;
  return days <= 3 ? 'Immediate' : 'Past';
}

const RADIUS_KM = { 1: 2, 2: 25, 3: 100 } as const;

/** Fields whose change is worth an Update. */
const ANNOUNCED = new Set<string>([
  'eventDate',
  'timePrecision',
  'eventType',
  'subEventType',
  'actor1',
  'assocActor1',
  'actor2',
  'assocActor2',
  'civilianTargeting',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geoPrecision',
  'fatalities',
  'notes',
  'status',
  'classification',
  'ownerParty',
]);

/** Revision keys that are fields of Incident under another name. */
const RENAMED: Readonly<Record<string, keyof Incident>> = { merged_into: 'mergedInto' };

/** The incident as it was at each revision, oldest first (revision 1 … current). */
export function incidentStates(current: Incident, revisions: readonly IncidentRevision[]): Incident[] {
  const sorted = [...revisions].sort((a, b) => a.revision - b.revision);
  const states: Incident[] = [current];
  let state: Record<string, unknown> = { ...current };
  for (let k = sorted.length - 1; k >= 0; k--) {
    const r = sorted[k];
    if (r === undefined || r.revision > current.revision) continue;
    const undone: Record<string, unknown> = { ...state, revision: r.revision - 1 };
    for (const [key, change] of Object.entries(r.changes)) {
      const field = RENAMED[key] ?? key;
      if (field in current) undone[field] = change.before;
    }
    undone['updatedAt'] = sorted[k - 1]?.changedAt ?? current.createdAt;
    // Each key undone was a field of Incident, holding the value the revision recorded it had.
    state = undone;
    states.unshift(state as unknown as Incident);
  }
  return states;
}

function changedSomethingAnnounced(revision: IncidentRevision | undefined): boolean {
  return revision === undefined || Object.keys(revision.changes).some((k) => ANNOUNCED.has(k));
}

const isGone = (i: Incident): boolean => i.status === 'rejected' || i.mergedInto !== null;

function visibleIn(
  visibility: Visibility,
  i: { readonly classification: Classification; readonly ownerParty: string | null },
): boolean {
  return (
    visibility.classifications.includes(i.classification) ||
    (i.classification === 'NATIONAL' &&
      visibility.nationalOf !== null &&
      i.ownerParty === visibility.nationalOf)
  );
}

export interface CapOptions {
  readonly sender?: string;
  /** What the caller may read: an alert of a revision classified above it is left out. */
  readonly visibility: Visibility;
  /** Path of an incident's page in the web app, e.g. "/incidents/12". */
  readonly webPath?: (incidentId: number) => string;
}

/** The alerts announcing an incident, oldest first. */
export function capAlerts(
  current: Incident,
  revisions: readonly IncidentRevision[],
  options: CapOptions,
): CapAlert[] {
  const sender = options.sender ?? CAP_SENDER;
  const byRevision = new Map(revisions.map((r) => [r.revision, r]));
  const alerts: CapAlert[] = [];
  let previous: CapAlert | null = null;
  for (const state of incidentStates(current, revisions)) {
    const revision = byRevision.get(state.revision);
    const sent = capDateTime(revision?.changedAt ?? state.createdAt);
    let msgType: CapMsgType;
    if (isGone(state)) {
      if (previous === null || previous.msgType === 'Cancel') continue;
      msgType = 'Cancel';
    } else if (previous === null || previous.msgType === 'Cancel') msgType = 'Alert';
    else if (changedSomethingAnnounced(revision)) msgType = 'Update';
    else continue;
    const alert = alertOf(state, {
      sender,
      sent,
      msgType,
      previous: msgType === 'Alert' ? null : previous,
      reason: revision?.reason ?? null,
      web: options.webPath?.(state.id) ?? `/incidents/${state.id}`,
    });
    alerts.push(alert);
    previous = alert;
  }
  return alerts.filter((a) => visibleIn(options.visibility, a));
}

function alertOf(
  i: Incident,
  at: {
    sender: string;
    sent: string;
    msgType: CapMsgType;
    previous: CapAlert | null;
    reason: string | null;
    web: string;
  },
): CapAlert {
  const restricted = i.classification !== 'PUBLIC';
  const place = [i.location, i.admin1, i.country].filter((p): p is string => p !== null && p !== '');
  const circle =
    i.latitude === null || i.longitude === null
      ? null
      : `${round(i.latitude)},${round(i.longitude)} ${RADIUS_KM[i.geoPrecision ?? 2]}`;
  const geocodes: CapValue[] = [{ valueName: 'ISO3166-1-alpha-3', value: i.country }];
  if (i.admin1 !== null) geocodes.push({ valueName: 'ADM1', value: i.admin1 });
  if (i.admin2 !== null) geocodes.push({ valueName: 'ADM2', value: i.admin2 });
  const parameters: CapValue[] = [
    { valueName: 'liptako:incident-id', value: String(i.id) },
    { valueName: 'liptako:revision', value: String(i.revision) },
    { valueName: 'liptako:classification', value: i.classification },
    { valueName: 'liptako:status', value: i.status },
    { valueName: 'fatalities', value: String(i.fatalities.best) },
    { valueName: 'ACLED:sub_event_type', value: i.subEventType },
  ];
  if (i.eventIdCnty !== null) parameters.push({ valueName: 'ACLED:event_id_cnty', value: i.eventIdCnty });
  const common = {
    category: 'Security' as const,
    urgency: capUrgency(i.eventDate, at.sent),
    severity: capSeverity(i.fatalities.best),
    certainty: capCertainty(i.status),
    onset: `${i.eventDate}T00:00:00+00:00`,
    senderName: 'Liptako — Alliance des États du Sahel',
    web: at.web,
    parameters,
    area: { areaDesc: place.join(', '), circle, geocodes },
  };
  const where = place.join(', ');
  const actors = [i.actor1, i.actor2].filter((a): a is string => a !== null).join(' / ');
  const cancelled = at.msgType === 'Cancel';
  const fr: CapInfo = {
    ...common,
    language: 'fr-FR',
    event: EVENT_TYPE_LABELS_FR[i.eventType],
    headline: `${cancelled ? 'ANNULÉ — ' : ''}${SUB_EVENT_TYPE_LABELS_FR[i.subEventType]} : ${where}, ${i.eventDate}`,
    description: description(i, actors, 'fr'),
  };
  const en: CapInfo = {
    ...common,
    language: 'en-US',
    event: i.eventType,
    headline: `${cancelled ? 'CANCELLED — ' : ''}${i.subEventType}: ${where}, ${i.eventDate}`,
    description: description(i, actors, 'en'),
  };
  return {
    identifier: capIdentifier(i.id, i.revision),
    sender: at.sender,
    sent: at.sent,
    status: 'Actual',
    msgType: at.msgType,
    scope: restricted ? 'Restricted' : 'Public',
    restriction: restricted
      ? i.classification === 'NATIONAL'
        ? `NATIONAL (${i.ownerParty ?? '?'}): the owning party and the alliance's analysts only`
        : 'AES RESTRICTED / DIFFUSION RESTREINTE: users of the parties of the Alliance of Sahel States only'
      : null,
    note: at.msgType === 'Alert' || at.reason === null ? null : at.reason,
    references:
      at.previous === null ? null : `${at.previous.sender},${at.previous.identifier},${at.previous.sent}`,
    infos: [fr, en],
    incidentId: i.id,
    revision: i.revision,
    classification: i.classification,
    ownerParty: i.ownerParty,
  };
}

function description(i: Incident, actors: string, language: 'fr' | 'en'): string {
  const lines =
    language === 'fr'
      ? [`Acteurs : ${actors}.`, `Décès (meilleure estimation) : ${i.fatalities.best}.`]
      : [`Actors: ${actors}.`, `Fatalities (best estimate): ${i.fatalities.best}.`];
  if (i.notes !== null) lines.push(i.notes);
  if (i.source !== null) lines.push(language === 'fr' ? `Source : ${i.source}` : `Source: ${i.source}`);
  return lines.join('\n');
}

const round = (x: number): string => String(Math.round(x * 1e6) / 1e6);
