/**
 * A user sends a raw report (field report, article, partner message): it is checked and stored once,
 * even when the sender retries, and, given an extractor, ingested into incidents (ingest-report.ts):
 * a retry finds the report's links and extracts nothing again. The report and all that its ingestion
 * writes are one transaction: a crash leaves both or neither.
 */
import type { Classification } from '../domain/classification.ts';
import { isIsoDate, type FieldProblem } from '../domain/incident.ts';
import { isValidCoordinate } from '../domain/place.ts';
import type { Report, ReportInput, ReportKind } from '../domain/report.ts';
import type { Role } from '../domain/role.ts';
import type { Store } from '../store/store.ts';
import { ingestReport, type IngestResult, type TextExtractor } from './ingest-report.ts';

export interface ReportDraft {
  readonly kind?: ReportKind | undefined;
  readonly source: string;
  readonly url?: string | null | undefined;
  readonly language?: string | null | undefined;
  readonly title?: string | null | undefined;
  readonly text: string;
  readonly published?: string | null | undefined;
  readonly placeText?: string | null | undefined;
  readonly latitude?: number | null | undefined;
  readonly longitude?: number | null | undefined;
  readonly classification?: Classification | undefined;
  readonly ownerParty?: string | null | undefined;
  readonly clientRef?: string | null | undefined;
}

/** Who sends: also who the audit log names (a signed-in user, or a system process). */
export interface Sender {
  readonly name: string;
  readonly userId: number | null;
  readonly role: Role | 'system';
  readonly party: string | null;
}

export type SubmitResult =
  | { ok: true; report: Report; created: boolean; ingest: IngestResult | null }
  | { ok: false; problems: FieldProblem[] };

/** Checks a draft against who sends it; the defaults: AES RESTRICTED, owned by the sender's party. */
export function checkReport(draft: ReportDraft, sender: Sender, today: string): ReportInput | FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (draft.text.trim() === '') problems.push({ field: 'text', message: 'must not be empty' });
  if (draft.published != null) {
    if (!isIsoDate(draft.published)) problems.push({ field: 'published', message: 'is not a calendar date' });
    else if (draft.published > today) problems.push({ field: 'published', message: 'is in the future' });
  }
  const lat = draft.latitude ?? null;
  const lon = draft.longitude ?? null;
  if ((lat === null) !== (lon === null))
    problems.push({
      field: lat === null ? 'latitude' : 'longitude',
      message: 'latitude and longitude go together',
    });
  else if (lat !== null && lon !== null && !isValidCoordinate(lat, lon))
    problems.push({ field: 'latitude', message: 'is not a coordinate on Earth' });
  const classification = draft.classification ?? 'AES_RESTRICTED';
  let ownerParty = draft.ownerParty ?? (classification === 'NATIONAL' ? sender.party : null);
  if (classification !== 'NATIONAL') ownerParty = null;
  if (classification === 'NATIONAL' && ownerParty === null)
    problems.push({ field: 'owner_party', message: 'a NATIONAL report must name the party that owns it' });
  // A party's officer cannot file a national report in another party's name.
  if (
    classification === 'NATIONAL' &&
    sender.party !== null &&
    ownerParty !== sender.party &&
    (sender.role === 'liaison' || sender.role === 'decision-maker')
  )
    problems.push({ field: 'owner_party', message: `you may own reports only for ${sender.party}` });
  if (problems.length > 0) return problems;
  return {
    kind: draft.kind ?? 'field',
    source: draft.source,
    url: draft.url ?? null,
    language: draft.language ?? null,
    title: draft.title ?? null,
    text: draft.text,
    published: draft.published ?? null,
    placeText: draft.placeText ?? null,
    latitude: lat,
    longitude: lon,
    classification,
    ownerParty,
    clientRef: draft.clientRef ?? null,
  };
}

/** The lane of Store.atomically that report ingestion runs in. */
export const INGEST_LANE = 'liptako:ingest';

export async function submitReport(
  store: Store,
  draft: ReportDraft,
  sender: Sender,
  now: Date,
  extractor?: TextExtractor,
): Promise<SubmitResult> {
  const checked = checkReport(draft, sender, now.toISOString().slice(0, 10));
  if (Array.isArray(checked)) return { ok: false, problems: checked };
  // One transaction: a report is stored with everything its ingestion writes (incidents, links,
  // fusions), or not at all. A crash between the two would otherwise leave a report whose retry finds
  // it stored — and, once it had a first link, "already ingested" — with some of its events never filed.
  // One at a time (the ingest lane): fusion must see the incident a concurrent report of the same
  // event has just made, or both would make one.
  return store.atomically(async (tx) => {
    const { report, created } = await tx.insertReport(checked, {
      submittedBy: sender.name,
      receivedAt: now.toISOString(),
      actor: sender,
    });
    const ingest = extractor === undefined ? null : await ingestReport(tx, extractor, report, now, sender);
    return { ok: true, report, created, ingest };
  }, INGEST_LANE);
}
