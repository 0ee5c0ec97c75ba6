/** How domain records look on the wire: ACLED's snake_case column names. */
import type { Incident, IncidentRevision } from '../domain/incident.ts';
import type { Report } from '../domain/report.ts';
import type { IncidentSource } from '../domain/report-link.ts';

export function presentIncident(i: Incident) {
  return {
    id: i.id,
    event_id_cnty: i.eventIdCnty,
    event_date: i.eventDate,
    time_precision: i.timePrecision,
    event_type: i.eventType,
    sub_event_type: i.subEventType,
    actor1: i.actor1,
    assoc_actor_1: i.assocActor1,
    inter1: i.inter1,
    actor2: i.actor2,
    assoc_actor_2: i.assocActor2,
    inter2: i.inter2,
    interaction: i.interaction,
    civilian_targeting: i.civilianTargeting,
    country: i.country,
    admin1: i.admin1,
    admin2: i.admin2,
    admin3: i.admin3,
    location: i.location,
    latitude: i.latitude,
    longitude: i.longitude,
    geo_precision: i.geoPrecision,
    fatalities: i.fatalities.best,
    fatalities_low: i.fatalities.low,
    fatalities_high: i.fatalities.high,
    source: i.source,
    source_scale: i.sourceScale,
    notes: i.notes,
    tags: i.tags,
    status: i.status,
    classification: i.classification,
    owner_party: i.ownerParty,
    origin: i.origin,
    revision: i.revision,
    merged_into: i.mergedInto,
    charter_facts: {
      target: i.charterFacts.target,
      launched_from: i.charterFacts.launchedFrom,
      territory_seized: i.charterFacts.territorySeized,
      actor1_type: i.charterFacts.actor1Type,
      actor2_type: i.charterFacts.actor2Type,
      actor1_state: i.charterFacts.actor1State,
      actor2_state: i.charterFacts.actor2State,
    },
    created_at: i.createdAt,
    updated_at: i.updatedAt,
  };
}

export function presentRevision(r: IncidentRevision) {
  return {
    revision: r.revision,
    changed_at: r.changedAt,
    changed_by: r.changedBy,
    reason: r.reason,
    changes: r.changes,
  };
}

export function presentReport(r: Report) {
  return {
    id: r.id,
    kind: r.kind,
    source: r.source,
    url: r.url,
    language: r.language,
    title: r.title,
    text: r.text,
    published: r.published,
    place_text: r.placeText,
    latitude: r.latitude,
    longitude: r.longitude,
    classification: r.classification,
    owner_party: r.ownerParty,
    client_ref: r.clientRef,
    submitted_by: r.submittedBy,
    received_at: r.receivedAt,
  };
}

/** One source of an incident: the report (without its text) and what was read from it. */
export function presentSource(s: IncidentSource) {
  const { report: r, link: l } = s;
  const e = l.event;
  return {
    report_id: r.id,
    kind: r.kind,
    source: r.source,
    url: r.url,
    title: r.title,
    language: r.language,
    published: r.published,
    received_at: r.receivedAt,
    event_index: l.eventIndex,
    confidence: l.confidence,
    needs_review: l.needsReview,
    linked_at: l.createdAt,
    evidence: l.evidence.map((span) => ({ start: span.start, end: span.end, text: span.text })),
    event: {
      event_date: e.eventDate,
      date_stated: e.dateStated,
      country: e.country,
      admin1: e.admin1,
      location: e.location,
      latitude: e.latitude,
      longitude: e.longitude,
      event_type: e.eventType,
      sub_event_type: e.subEventType,
      actor1: e.actor1,
      actor2: e.actor2,
      fatalities: e.fatalities,
    },
  };
}
