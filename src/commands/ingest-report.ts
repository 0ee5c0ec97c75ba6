/**
 * A stored report → incidents: the extractor reads the report's text; each event it finds either fuses
 * into an incident the platform holds (domain/fusion.ts decides) or becomes a new machine-coded
 * incident, and is linked to the report with its confidence and evidence spans.
 *
 * Idempotent per report: a report that already has links is not extracted again (a retried POST, a
 * re-run `liptako ingest`). Classification is a wall: a report fuses only into incidents of its own
 * classification (and owner, for NATIONAL), so that no field of a PUBLIC incident is ever derived from
 * a restricted report, and a new incident takes the report's classification and owner.
 */
import {
  isEventType,
  isSubEventTypeOf,
  type EventType,
  type SubEventType,
} from '../domain/acled-taxonomy.ts';
import type { AuditActor } from '../domain/audit/audit-entry.ts';
import type { Visibility } from '../domain/classification.ts';
import {
  decideFusion,
  FUSION_DAYS,
  FUSION_RADIUS_KM,
  fuseSources,
  isMachineFusable,
  type FusedFields,
} from '../domain/fusion.ts';
import type { Incident, IncidentCoding } from '../domain/incident.ts';
import type { Report } from '../domain/report.ts';
import type { EvidenceSpan, IncidentSource, ReportEvent, ReportLink } from '../domain/report-link.ts';
import { contentHashOf } from '../ingest/content-hash.ts';
import { Extractor } from '../ingest/extract/extractor.ts';
import type { ExtractedEvent } from '../ingest/extract/extracted-event.ts';
import type { ReferenceData } from '../reference/load-reference.ts';
import type { IncidentInput, Store } from '../store/store.ts';
import { announceIncident } from './publish-alert.ts';

/** What ingestion needs of the extractor (the real one, or a stand-in in tests). */
export interface TextExtractor {
  extract(
    text: string,
    options: { readonly lang?: 'fr' | 'en' | null; readonly published?: string | null },
  ): ExtractedEvent[];
}

const extractors = new WeakMap<ReferenceData, Extractor>();

/** The extractor over this reference data, built once (it indexes the gazetteer and dictionaries). */
export function extractorFor(reference: ReferenceData): TextExtractor {
  let extractor = extractors.get(reference);
  if (extractor === undefined) {
    extractor = new Extractor(reference);
    extractors.set(reference, extractor);
  }
  return extractor;
}

/** Who fusion writes revisions as. */
export const INGEST_ACTOR = 'ingest';

/** Every record: ingestion works on behalf of the platform, with the walls set by the report. */
export const SEE_ALL: Visibility = {
  classifications: ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL'],
  nationalOf: null,
};

export type IngestOutcome = 'created' | 'fused' | 'review';

export interface IngestedEvent {
  readonly eventIndex: number;
  readonly incidentId: number;
  /** created: a new incident; fused: into an incident, fields re-derived; review: linked for review. */
  readonly outcome: IngestOutcome;
}

export interface IngestResult {
  readonly reportId: number;
  /** True when the report had been ingested before: nothing was extracted or written. */
  readonly alreadyIngested: boolean;
  readonly events: IngestedEvent[];
  /** Events the extractor gave that cannot be stored (an unknown type), with why. */
  readonly skipped: { readonly eventIndex: number; readonly reason: string }[];
  /** Set when the extractor failed on this text; nothing was written. */
  readonly error: string | null;
}

const COUNTRY_NAMES: Readonly<Record<string, string>> = { MLI: 'Mali', BFA: 'Burkina Faso', NER: 'Niger' };

/** Only the records of the report's own classification (and owner). */
function sameClassification(report: Report): Visibility {
  if (report.classification === 'NATIONAL') return { classifications: [], nationalOf: report.ownerParty };
  return { classifications: [report.classification], nationalOf: null };
}

function languageOf(report: Report): 'fr' | 'en' | null {
  const lang = report.language?.slice(0, 2).toLowerCase();
  return lang === 'fr' || lang === 'en' ? lang : null;
}

/** The extractor's event as the domain keeps it; null when its type is not ACLED's. */
export function reportEventOf(e: ExtractedEvent, report: Report): ReportEvent | string {
  if (!isEventType(e.event_type)) return `"${e.event_type}" is not an ACLED event type`;
  if (!isSubEventTypeOf(e.event_type, e.sub_event_type))
    return `"${e.sub_event_type}" is not a sub-event type of "${e.event_type}"`;
  const fallbackDay = report.published ?? report.receivedAt.slice(0, 10);
  const located = e.latitude !== null && e.longitude !== null;
  return {
    eventDate: e.event_date ?? fallbackDay,
    dateStated: e.event_date !== null,
    country: e.country_iso3,
    admin1: e.admin1,
    location: e.location,
    latitude: located ? e.latitude : null,
    longitude: located ? e.longitude : null,
    eventType: e.event_type,
    subEventType: e.sub_event_type,
    actor1: e.actor1,
    actor2: e.actor2,
    fatalities: e.fatalities,
  };
}

/** The coded fields an incident takes from fused values (types were checked when the events were read). */
function codingOf(
  f: FusedFields,
  extra: { readonly source: string; readonly notes: string | null },
): IncidentCoding {
  const unidentified = `Unidentified Armed Group (${COUNTRY_NAMES[f.country] ?? f.country})`;
  return {
    eventIdCnty: null,
    eventDate: f.eventDate,
    timePrecision: f.dateStated ? 1 : 2,
    // Checked by reportEventOf before any event is stored.
    eventType: f.eventType as EventType,
    subEventType: f.subEventType as SubEventType,
    actor1: f.actor1 ?? unidentified,
    assocActor1: null,
    inter1: null,
    actor2: f.actor2,
    assocActor2: null,
    inter2: null,
    interaction: null,
    civilianTargeting: f.actor2?.startsWith('Civilians') ?? false,
    country: f.country,
    admin1: f.admin1,
    admin2: null,
    admin3: null,
    location: f.location,
    latitude: f.latitude,
    longitude: f.longitude,
    geoPrecision: f.location !== null ? 1 : f.latitude !== null ? 2 : null,
    fatalities: f.fatalities,
    source: extra.source,
    sourceScale: null,
    notes: extra.notes,
    tags: null,
  };
}

function notesOf(evidence: readonly EvidenceSpan[]): string | null {
  const text = evidence
    .map((s) => s.text.trim())
    .filter((t) => t !== '')
    .join(' … ');
  if (text === '') return null;
  return text.length > 2000 ? `${text.slice(0, 1999)}…` : text;
}

/** A new machine-coded incident from one event of one report. */
export function newIncidentFrom(
  report: Report,
  link: {
    readonly event: ReportEvent;
    readonly confidence: number;
    readonly evidence: readonly EvidenceSpan[];
  },
  sourceKey: string,
): IncidentInput {
  const fused = fuseSources([
    { event: link.event, confidence: link.confidence, published: report.published, order: report.id },
  ]);
  const coding = codingOf(fused, { source: report.source, notes: notesOf(link.evidence) });
  return {
    ...coding,
    status: 'machine-coded',
    classification: report.classification,
    ownerParty: report.classification === 'NATIONAL' ? report.ownerParty : null,
    origin: 'report',
    sourceKey,
    contentHash: contentHashOf(coding),
  };
}

/** The coding an incident machine-coded from reports takes from all its sources. */
export function refusedCoding(current: Incident, sources: readonly IncidentSource[]): IncidentCoding | null {
  if (sources.length === 0) return null;
  const fused = fuseSources(
    sources.map((s) => ({
      event: s.link.event,
      confidence: s.link.confidence,
      published: s.report.published,
      order: s.report.id,
    })),
  );
  const names = [...new Set(sources.map((s) => s.report.source))].join('; ');
  return codingOf(fused, { source: names, notes: current.notes });
}

/** Creates an incident from one event of a report and returns it (read back by its key). */
export async function createIncident(
  store: Store,
  input: IncidentInput,
  at: string,
  actor: AuditActor,
): Promise<Incident> {
  await store.upsertIncidents([input], { changedBy: INGEST_ACTOR, at, actor });
  const incident = await store.getIncidentBySourceKey(input.sourceKey, SEE_ALL);
  if (incident === null) throw new Error(`incident ${input.sourceKey} was not stored`);
  return incident;
}

const reportIds = (sources: readonly IncidentSource[]): number[] =>
  [...new Set(sources.map((s) => s.report.id))].sort((a, b) => a - b);

/**
 * Runs the extractor on a stored report and files each event it finds (see the module's comment).
 * The audit log names `actor`, the user whose report it is: revisions name the ingestion.
 */
export async function ingestReport(
  store: Store,
  extractor: TextExtractor,
  report: Report,
  now: Date,
  actor: AuditActor,
): Promise<IngestResult> {
  const at = now.toISOString();
  const by = { actor, at };
  const earlier = await store.listReportLinks(report.id, SEE_ALL);
  if (earlier.length > 0) {
    const events: IngestedEvent[] = [];
    for (const l of earlier) {
      // The report's own event made the incident when the incident carries its key.
      const incident = await store.getIncident(l.incidentId, SEE_ALL);
      const created = incident?.sourceKey === `report:${report.id}:${l.eventIndex}`;
      events.push({
        eventIndex: l.eventIndex,
        incidentId: l.incidentId,
        outcome: created ? 'created' : l.needsReview ? 'review' : 'fused',
      });
    }
    return { reportId: report.id, alreadyIngested: true, events, skipped: [], error: null };
  }

  let extracted: ExtractedEvent[];
  try {
    extracted = extractor.extract(report.text, { lang: languageOf(report), published: report.published });
  } catch (error) {
    // A bug of the extractor on one text must not lose the report: it is stored, and says why.
    return {
      reportId: report.id,
      alreadyIngested: false,
      events: [],
      skipped: [],
      error: `extraction failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }

  const events: IngestedEvent[] = [];
  const skipped: { eventIndex: number; reason: string }[] = [];
  const taken = new Set<number>();
  const walls = sameClassification(report);
  for (const [eventIndex, e] of extracted.entries()) {
    const event = reportEventOf(e, report);
    if (typeof event === 'string') {
      skipped.push({ eventIndex, reason: event });
      continue;
    }
    const candidates = await store.findFusionCandidates({
      visibility: walls,
      country: event.country,
      eventDate: event.eventDate,
      days: FUSION_DAYS,
      latitude: event.latitude,
      longitude: event.longitude,
      radiusKm: FUSION_RADIUS_KM,
      location: event.location,
    });
    const decision = decideFusion(event, candidates, taken);
    const evidence = e.evidence.map((s) => ({ start: s.start, end: s.end, text: s.text }));
    const link = {
      reportId: report.id,
      eventIndex,
      confidence: e.confidence,
      evidence,
      event,
      createdAt: at,
    };

    if (decision.kind === 'new') {
      const incident = await createIncident(
        store,
        newIncidentFrom(report, link, `report:${report.id}:${eventIndex}`),
        at,
        actor,
      );
      await store.linkReport({ ...link, incidentId: incident.id, needsReview: false }, by);
      await announceIncident(store, 'incident.created', incident, by, `report ${report.id}`);
      taken.add(incident.id);
      events.push({ eventIndex, incidentId: incident.id, outcome: 'created' });
      continue;
    }

    const { incidentId } = decision;
    const before = reportIds(await store.listIncidentSources(incidentId, SEE_ALL));
    const full: ReportLink = { ...link, incidentId, needsReview: decision.kind === 'review' };
    await store.linkReport(full, by);
    const sources = await store.listIncidentSources(incidentId, SEE_ALL);
    const current = await store.getIncident(incidentId, SEE_ALL);
    if (current === null) throw new Error(`incident ${incidentId} vanished during a fusion`);
    const coding =
      decision.kind === 'fuse' && isMachineFusable(current) ? refusedCoding(current, sources) : null;
    const fused = await store.updateIncident(incidentId, {
      ...(coding === null ? {} : { coding }),
      sources: { before, after: reportIds(sources) },
      changedBy: INGEST_ACTOR,
      actor,
      reason:
        decision.kind === 'fuse'
          ? `fusion of report ${report.id}`
          : `report ${report.id} may describe this incident: review (fields kept)`,
      at,
    });
    // A fusion that re-derived the coding is news; a link kept for review changes no field.
    if (fused !== null && coding !== null && fused.revision !== current.revision)
      await announceIncident(store, 'incident.updated', fused, by, `fusion of report ${report.id}`);
    taken.add(incidentId);
    events.push({ eventIndex, incidentId, outcome: decision.kind === 'fuse' ? 'fused' : 'review' });
  }
  return { reportId: report.id, alreadyIngested: false, events, skipped, error: null };
}
