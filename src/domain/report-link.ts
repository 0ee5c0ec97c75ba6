/**
 * The link between a report and an incident it describes: which of the report's extracted events it
 * is, how sure the extractor was, the spans of text it was read from and the event as the report
 * codes it (kept, so that an incident's fields can be re-derived from all its sources).
 */
import type { Report } from './report.ts';

/** A span of the report's text: [start, end) in UTF-16 code units, with the text itself. */
export interface EvidenceSpan {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** One incident as one report codes it (ACLED's names for types and actors). */
export interface ReportEvent {
  /** YYYY-MM-DD; the report's publication day when the text gives none. */
  readonly eventDate: string;
  /** Whether the text gave the day (false: the publication day stands in). */
  readonly dateStated: boolean;
  /** ISO3. */
  readonly country: string;
  readonly admin1: string | null;
  readonly location: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly eventType: string;
  readonly subEventType: string;
  readonly actor1: string | null;
  readonly actor2: string | null;
  readonly fatalities: number | null;
}

export interface ReportLink {
  readonly reportId: number;
  /** Position of the event among those extracted from the report (0, 1, …). */
  readonly eventIndex: number;
  readonly incidentId: number;
  /** 0–1, as the extractor gave it. */
  readonly confidence: number;
  readonly evidence: readonly EvidenceSpan[];
  readonly event: ReportEvent;
  /**
   * The report was linked to an incident that fusion may not change (verified, or coded by a person
   * or a curated dataset): an analyst should read it.
   */
  readonly needsReview: boolean;
  /** ISO timestamp. */
  readonly createdAt: string;
}

/** A report as one of an incident's sources. */
export interface IncidentSource {
  readonly report: Report;
  readonly link: ReportLink;
}
