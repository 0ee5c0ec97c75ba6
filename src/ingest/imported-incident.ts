/**
 * An incident as an import produces it: the coded fields, the record fields and the two keys that make
 * re-imports idempotent. The same shape as the store's `IncidentInput`, declared here because ingest
 * does not depend on the store.
 */
import type { IncidentCoding, IncidentRecord } from '../domain/incident.ts';

export interface ImportedIncident extends IncidentCoding, IncidentRecord {
  /** "acled:<event_id_cnty>", "ucdp:<id>" or "sha256:<content hash>". */
  readonly sourceKey: string;
  /** SHA-256 (hex) of the coded content; unchanged on re-import of the same row. */
  readonly contentHash: string;
}

/** What mapping one CSV row gives: an incident, or the reason it was rejected. */
export type RowMapping =
  | {
      readonly ok: true;
      readonly incident: ImportedIncident;
      /** Things worth telling the user about an accepted row, e.g. "coordinates from gazetteer". */
      readonly remarks: readonly string[];
    }
  | { readonly ok: false; readonly reason: string };

/** The remarks of most rows: none, shared rather than allocated per row. */
export const NO_REMARKS: readonly string[] = Object.freeze([]);
/** The remark of a row whose coordinates were looked up. */
export const GEOCODED_REMARKS: readonly string[] = Object.freeze(['coordinates from gazetteer']);
