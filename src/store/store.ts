/**
 * The storage interface. Two implementations share one schema and one set of migrations:
 * SQLite (better-sqlite3, the embedded default) and PostgreSQL (pg). Only src/store knows SQL.
 */
import type { AdminUnitDayRow } from '../domain/early-warning/admin-unit-series.ts';
import type { StoredSurge, SurgeListQuery, SurgeWrite } from './surge-records.ts';
import type { EventType, SubEventType } from '../domain/acled-taxonomy.ts';
import type { AssistanceLedger } from '../domain/assistance/assistance-ledger.ts';
import type { AlertEvent, NewAlertEvent } from '../domain/alerts/alert-event.ts';
import type { AlertSubscription } from '../domain/alerts/alert-subscription.ts';
import type { AuditActor } from '../domain/audit/audit-entry.ts';
import type { CharterFacts } from '../domain/charter/charter-facts.ts';
import type { AssistanceCase } from '../domain/charter/workflow/assistance-case.ts';
import type { Consultation } from '../domain/charter/workflow/consultation.ts';
import type { MembershipEvent } from '../domain/charter/workflow/membership-event.ts';
import type { RebellionCase } from '../domain/charter/workflow/rebellion-case.ts';
import type { Decision, DecisionState } from '../domain/charter/workflow/decision.ts';
import type { ProposalRecord } from '../domain/charter/workflow/proposal-record.ts';
import type { Visibility } from '../domain/classification.ts';
import type {
  Incident,
  IncidentCoding,
  IncidentRecord,
  IncidentRevision,
  IncidentStatus,
} from '../domain/incident.ts';
import type { MergeRefusal } from '../domain/incident-merge.ts';
import type { TimelineWeek } from '../domain/iso-week.ts';
import type { BoundingBox } from '../domain/place.ts';
import type { Report, ReportInput } from '../domain/report.ts';
import type { IncidentSource, ReportLink } from '../domain/report-link.ts';
import type { UserRole } from '../domain/role.ts';
import type { TokenScope } from '../domain/token-scope.ts';
import type { ApiToken, Session, User } from '../domain/user.ts';

import type {
  AssistanceLedgerWrite,
  AssistanceListQuery,
  NewAssistanceRequest,
} from './assistance-records.ts';

export type {
  AssistanceLedgerWrite,
  AssistanceListQuery,
  NewAssistanceRequest,
} from './assistance-records.ts';

import type {
  AlertDelivery,
  ClaimedDelivery,
  DeliveryResult,
  SubscriptionWrite,
  WebhookTarget,
} from './alert-records.ts';

export type { AlertDelivery, ClaimedDelivery, DeliveryResult, SubscriptionWrite, WebhookTarget };

export type Dialect = 'sqlite' | 'postgres';

/** A running watch of the alert outbox (Store.watchAlerts). */
export interface AlertWatch {
  /** Stops the watch (and closes its connection); safe to call twice. */
  close(): Promise<void>;
}

/**
 * Who makes a change, and when. Every write of the store takes one and appends, in the transaction of
 * the change, an audit entry per change (src/domain/audit): a write cannot be made without naming
 * its actor.
 */
export interface AuditContext {
  readonly actor: AuditActor;
  /** ISO timestamp of the change. */
  readonly at: string;
}

/** An audit log row as stored: verify trusts none of it. */
export interface StoredAuditEntry {
  readonly seq: number;
  /** The entry's canonical JSON. */
  readonly entry: string;
  /** SHA-256(0x00 ‖ entry), hex. */
  readonly leafHash: string;
}

export interface AuditPageQuery {
  readonly subjectType?: string;
  readonly subjectId?: string;
  readonly limit: number;
  /** Entries below this seq (the previous page's `nextBefore`). */
  readonly before?: number;
}

export interface AuditCheckpointInput {
  readonly size: number;
  /** hex */
  readonly rootHash: string;
  readonly signedAt: string;
  readonly keyId: string;
  /** The signed note (src/domain/audit/checkpoint.ts). */
  readonly note: string;
}

export interface StoredCheckpoint extends AuditCheckpointInput {
  readonly id: number;
}

/** An incident as an import or a command hands it to the store. */
export interface IncidentInput extends IncidentCoding, IncidentRecord {
  /** Idempotency key: "acled:<event_id_cnty>", "ucdp:<id>" or "sha256:<hex>". */
  readonly sourceKey: string;
  /** Hash of the coded content: an unchanged row is skipped on re-import. */
  readonly contentHash: string;
}

/** What happened to one incident of a batch. */
export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

export interface IncidentFilter {
  readonly visibility: Visibility;
  readonly bbox?: BoundingBox;
  /** Inclusive YYYY-MM-DD bounds on event_date. */
  readonly from?: string;
  readonly to?: string;
  readonly country?: readonly string[];
  readonly eventType?: readonly EventType[];
  readonly subEventType?: readonly SubEventType[];
  /** Admin-1 names, matched with accents, case and punctuation folded (domain foldName). */
  readonly admin1?: readonly string[];
  /** Matches actor1, actor2 and associated actors, case-insensitively, as a substring. */
  readonly actor?: string;
  readonly status?: readonly IncidentStatus[];
  /** Full-text query on notes, location and actors. */
  readonly q?: string;
}

export interface IncidentPage {
  readonly items: Incident[];
  /** Opaque cursor for the next page, or null on the last page. */
  readonly nextCursor: string | null;
}

/** date_desc: newest event first (the default); created_asc: oldest record first (the triage queue). */
export type IncidentSort = 'date_desc' | 'created_asc';

export interface ListQuery extends IncidentFilter {
  readonly limit: number;
  /** A cursor continues the sort it was made by. */
  readonly cursor?: string;
  readonly sort?: IncidentSort;
}

/** One week of a timeline as the store reads it (weeks without incidents are absent). */
export type { TimelineWeek } from '../domain/iso-week.ts';

export interface AggregateQuery extends IncidentFilter {
  /** Web-map zoom level 0–22: the grid's cell is about 64 screen pixels at that zoom. */
  readonly zoom: number;
}

/** A cluster of incidents in one grid cell. */
export interface Cluster {
  /** Mean position of the incidents in the cell. */
  readonly latitude: number;
  readonly longitude: number;
  readonly count: number;
  readonly fatalities: number;
  readonly dominantEventType: EventType;
  readonly byEventType: Partial<Record<EventType, number>>;
  /** Bounds of the incidents in the cell, so that a click can zoom to them. */
  readonly bbox: BoundingBox;
  /** The incident's id when the cell holds exactly one. */
  readonly incidentId: number | null;
}

export interface IncidentChange {
  readonly coding?: Partial<IncidentCoding>;
  readonly status?: IncidentStatus;
  readonly classification?: IncidentRecord['classification'];
  readonly ownerParty?: string | null;
  /** Marks the incident as merged into another one (recorded in the revision). */
  readonly mergedInto?: number;
  /** Records that another incident was merged into this one (its id, in the revision). */
  readonly absorbed?: number;
  /** Charter facts to set (null clears one); the others keep their value. Imports never set them. */
  readonly charterFacts?: Partial<CharterFacts>;
  /**
   * The incident's sources (report ids) before and after a fusion or a split: recorded in the revision,
   * which is then written even when no field changes.
   */
  readonly sources?: { readonly before: readonly number[]; readonly after: readonly number[] };
  readonly changedBy: string;
  readonly reason: string;
  /** ISO timestamp. */
  readonly at: string;
  /** Who, for the audit log (changedBy is the name the revision shows). */
  readonly actor: AuditActor;
}

/** Where to look for the incidents that an event read in a report may be (see domain/fusion.ts). */
export interface FusionQuery {
  /** Only incidents this visibility sees are candidates. */
  readonly visibility: Visibility;
  /** ISO3: candidates are in this country. */
  readonly country: string;
  /** YYYY-MM-DD: candidates are dated at most `days` away. */
  readonly eventDate: string;
  readonly days: number;
  /** With `radiusKm`: candidates within that distance of the point (great circle). */
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly radiusKm: number;
  /** Or candidates of the same place name, accents and case folded. */
  readonly location: string | null;
}

export interface MergeRequest {
  readonly survivorId: number;
  readonly otherId: number;
  readonly visibility: Visibility;
  readonly changedBy: string;
  /** The analyst's reason; the revisions name the merge around it. */
  readonly reason: string;
  /** ISO timestamp. */
  readonly at: string;
  /** Who, for the audit log. */
  readonly actor: AuditActor;
}

export type MergeOutcome =
  | { readonly ok: true; readonly survivor: Incident; readonly other: Incident; readonly moved: number }
  | { readonly ok: false; readonly error: 'not_found'; readonly id: number }
  | { readonly ok: false; readonly error: 'refused'; readonly refusal: MergeRefusal };

export interface NewUser {
  readonly name: string;
  readonly role: UserRole;
  readonly party: string | null;
  readonly createdAt: string;
}

export interface NewToken {
  readonly userId: number;
  /** SHA-256 of the token, hex: the token itself is never stored. */
  readonly tokenHash: string;
  readonly prefix: string;
  readonly createdAt: string;
  /** 'write' when absent. */
  readonly scope?: TokenScope;
  readonly label?: string | null;
  /** ISO timestamp; null or absent: no expiry. */
  readonly expiresAt?: string | null;
}

/** A user with the password hash that only sign-in reads. */
export interface UserCredentials {
  readonly user: User;
  /** argon2id PHC string; null when the user has no password. */
  readonly passwordHash: string | null;
}

export interface NewSession {
  /** SHA-256 of the session's secret id, hex. */
  readonly idHash: string;
  readonly userId: number;
  readonly tokenId: number | null;
  readonly scope: TokenScope;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly absoluteExpiresAt: string;
  readonly userAgent: string | null;
}

/** The failed sign-ins counted against one key (see domain/sign-in-throttle.ts). */
export interface SignInFailures {
  readonly key: string;
  readonly failures: number;
  readonly lastFailureAt: string;
  readonly lockedUntil: string | null;
}

/** A partner's CAP alert as imported (POST /api/imports/cap, liptako import-cap). */
export interface CapImportRecord {
  readonly sender: string;
  readonly identifier: string;
  /** The alert's sent, as written. */
  readonly sent: string;
  readonly msgType: string;
  /** imported, updated or cancelled. */
  readonly outcome: string;
  /** The report it was filed as; null for a Cancel. */
  readonly reportId: number | null;
  /** The identifier of the earlier alert an Update or Cancel applied to. */
  readonly appliesTo: string | null;
  readonly importedAt: string;
  readonly importedBy: string;
}

export interface NewImportRun {
  readonly kind: string;
  readonly file: string;
  readonly startedAt: string;
}

export interface ImportRunSummary {
  readonly imported: number;
  readonly updated: number;
  readonly skipped: number;
  readonly rejected: number;
  readonly finishedAt: string;
}

/** A Charter workflow record as stored, with the row version a later write must name. */
export interface Stored<T> {
  readonly value: T;
  /** Optimistic-lock counter: 1 on insert, +1 on each write. */
  readonly version: number;
}

/** A proposal record with its row id (the id the API names it by). */
export interface StoredProposal extends Stored<ProposalRecord> {
  readonly id: number;
}

/** A recorded membership event of a treaty: the `seq`-th, in the order they apply. */
export interface StoredMembershipEvent {
  readonly treaty: string;
  readonly seq: number;
  readonly event: MembershipEvent;
  readonly recordedAt: string;
  /** User id. */
  readonly recordedBy: number;
}

/**
 * One record to write in `writeCharter`. `expectedVersion` is the version read (null: the record is
 * new); the write loses when the row moved on meanwhile, or, for a new one, already exists.
 */
export type CharterWrite =
  | {
      readonly kind: 'proposal';
      readonly record: ProposalRecord;
      readonly expectedVersion: number | null;
      readonly at: string;
    }
  | {
      readonly kind: 'decision';
      readonly decision: Decision;
      readonly expectedVersion: number | null;
      /**
       * For a new decision that is not an activation (use of force, extension): the incident whose
       * visibility it takes. An activation names its incident itself; others without one are visible
       * to every signed-in user.
       */
      readonly incidentId?: number | null;
    }
  | {
      readonly kind: 'case';
      readonly assistanceCase: AssistanceCase;
      readonly expectedVersion: number | null;
    }
  | {
      readonly kind: 'rebellion';
      readonly rebellionCase: RebellionCase;
      readonly expectedVersion: number | null;
    }
  | {
      readonly kind: 'consultation';
      readonly consultation: Consultation;
      readonly expectedVersion: number | null;
    }
  /** Appended as the `seq`-th event of the treaty; loses when another took that number. */
  | {
      readonly kind: 'membership';
      readonly treaty: string;
      readonly seq: number;
      readonly event: MembershipEvent;
      readonly at: string;
      readonly by: number;
    }
  /** The engine read this revision of the incident against these treaties (inserted or replaced). */
  | {
      readonly kind: 'evaluation';
      readonly incidentId: number;
      readonly incidentRevision: number;
      /** "treaty@version,…": see charterTreatiesKey. */
      readonly treaties: string;
      readonly at: string;
    };

export interface Store {
  readonly dialect: Dialect;
  /** Brings the schema up to date; safe to call on every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  /**
   * Runs `work` on a store bound to one transaction: everything it writes through that store commits
   * together when it resolves, and nothing when it rejects or the process dies first. Inside, the
   * bound store's own transactions (a batch of incidents, an update) join this one. The bound store is
   * good only until `work` settles, and must not be closed. Called on a bound store, it runs `work`
   * in the transaction already open. PostgreSQL runs `work` again when its transaction deadlocked with
   * another: `work` must write only through the store it is given.
   *
   * Works given the same `lane` run one at a time, across processes (PostgreSQL: an advisory lock held
   * until the transaction ends; SQLite runs one writer at a time anyway): for work that reads what a
   * concurrent one may be about to write, such as fusion looking for the incident of a report.
   */
  atomically<T>(work: (store: Store) => Promise<T>, lane?: string): Promise<T>;

  /**
   * Inserts or updates a batch in one transaction, keyed on sourceKey: all rows are written or none.
   * A row whose contentHash is unchanged is left alone. Updates record a revision by `changedBy`.
   * The audit log gets one entry per written incident when they are few (AUDIT_ROWS_PER_BATCH),
   * else one entry for the batch: counts and a digest of its keys and content hashes.
   */
  upsertIncidents(
    batch: readonly IncidentInput[],
    meta: { readonly changedBy: string; readonly at: string; readonly actor: AuditActor },
  ): Promise<UpsertOutcome[]>;
  getIncident(id: number, visibility: Visibility): Promise<Incident | null>;
  listIncidents(query: ListQuery): Promise<IncidentPage>;
  /**
   * Every incident the filter matches, by id, in pages of `pageSize` (2,000 by default): each page is
   * read when the previous one has been consumed, so an export holds one page at a time.
   */
  exportIncidents(filter: IncidentFilter, pageSize?: number): AsyncIterable<Incident[]>;
  aggregateIncidents(query: AggregateQuery): Promise<Cluster[]>;
  countIncidents(filter: IncidentFilter): Promise<number>;
  /**
   * Incidents and fatalities per ISO week (Monday) and event type, for the weeks that have any,
   * oldest first. Whole weeks come from the weekly summary when the filter allows it.
   */
  timelineIncidents(filter: IncidentFilter): Promise<TimelineWeek[]>;
  /** Applies a change and records a revision; null when the incident does not exist. */
  updateIncident(id: number, change: IncidentChange): Promise<Incident | null>;
  listRevisions(incidentId: number): Promise<IncidentRevision[]>;

  /**
   * Incidents an event read in a report may be: same country, dated within `days`, within `radiusKm`
   * (a bounding box in SQL, then the exact distance) or of the same folded place name; never rejected
   * ones. Oldest first.
   */
  findFusionCandidates(query: FusionQuery): Promise<Incident[]>;
  /** The incident of an idempotency key (e.g. "report:12:0"), if visible. */
  getIncidentBySourceKey(sourceKey: string, visibility: Visibility): Promise<Incident | null>;

  /**
   * Links one event extracted from a report to an incident. False, and nothing written, when that event
   * of the report is linked already (a re-run of an ingest).
   */
  linkReport(link: ReportLink, by: AuditContext): Promise<boolean>;
  /**
   * Merges `otherId` into `survivorId` in one transaction: every report link of the other moves to the
   * survivor, the other becomes rejected with `merged_into` set, both record a revision. Refused (and
   * nothing written) when either is not visible, or when domain/incident-merge.ts refuses the pair.
   */
  mergeIncidents(request: MergeRequest): Promise<MergeOutcome>;
  /** Moves one event's link to another incident (a split); false when there is no such link. */
  moveReportLink(
    reportId: number,
    eventIndex: number,
    to: { readonly incidentId: number; readonly needsReview: boolean },
    by: AuditContext,
  ): Promise<boolean>;
  /** The reports an incident was read from, with their evidence, oldest link first; only visible reports. */
  listIncidentSources(incidentId: number, visibility: Visibility): Promise<IncidentSource[]>;
  /** A report's links, by event index; only links to incidents the visibility sees. */
  listReportLinks(reportId: number, visibility: Visibility): Promise<ReportLink[]>;

  /** Stores a report; a report with the clientRef of an earlier one by the same user is not stored twice. */
  insertReport(
    input: ReportInput,
    meta: { readonly submittedBy: string; readonly receivedAt: string; readonly actor: AuditActor },
  ): Promise<{ report: Report; created: boolean }>;
  getReport(id: number, visibility: Visibility): Promise<Report | null>;
  /** Newest first; `q` searches the report's title and text in full. */
  listReports(query: {
    readonly visibility: Visibility;
    readonly q?: string;
    readonly limit: number;
    readonly cursor?: string;
  }): Promise<{ items: Report[]; nextCursor: string | null }>;

  createUser(user: NewUser, by: AuditContext): Promise<User>;
  findUserByName(name: string): Promise<User | null>;
  countUsers(): Promise<number>;
  createToken(token: NewToken, by: AuditContext): Promise<ApiToken>;
  /** The user owning an unrevoked, unexpired token with this hash (the store's clock). */
  findUserByTokenHash(tokenHash: string): Promise<User | null>;
  /**
   * The unrevoked token with this hash, unexpired at `now` (ISO), and its user; records `now` as its
   * last use.
   */
  findToken(tokenHash: string, now: string): Promise<{ user: User; token: ApiToken } | null>;
  /** A user's tokens, revoked and expired ones too, oldest first. */
  listTokens(userId: number): Promise<ApiToken[]>;
  /** Tokens whose prefix starts with this text, oldest first. */
  findTokensByPrefix(prefix: string): Promise<ApiToken[]>;
  /**
   * Revokes one live token — only if it belongs to `userId`, when given — and ends the sessions made
   * from it; false when there is no such live token.
   */
  revokeToken(tokenId: number, by: AuditContext, userId?: number): Promise<boolean>;
  /** Revokes all of a user's live tokens and ends the sessions made from them. */
  revokeTokens(userId: number, by: AuditContext): Promise<number>;

  /** A user by exact name, with their password hash. */
  findUserCredentials(name: string): Promise<UserCredentials | null>;
  /** Sets a user's password hash and ends all their sessions; false when there is no such user. */
  setPasswordHash(userId: number, passwordHash: string, by: AuditContext): Promise<boolean>;

  createSession(session: NewSession): Promise<Session>;
  /** The session with this id hash that has not expired at `now` (ISO), and its user. */
  findSession(idHash: string, now: string): Promise<{ session: Session; user: User } | null>;
  /** Records activity: the new last-seen time and the expiry it gives. */
  touchSession(id: number, lastSeenAt: string, expiresAt: string): Promise<void>;
  /** Ends a session (sign-out); false when there was none. */
  deleteSession(idHash: string): Promise<boolean>;
  /** Removes the sessions expired at `now`; returns how many. */
  deleteExpiredSessions(now: string): Promise<number>;

  /** The failed sign-in counters of these keys (absent keys have none). */
  signInFailures(keys: readonly string[]): Promise<SignInFailures[]>;
  /**
   * Counts one failed sign-in against a key, atomically; a key whose last failure is older than
   * `forgetBefore` starts again at 1. Returns the key's count.
   */
  recordSignInFailure(key: string, at: string, forgetBefore: string): Promise<number>;
  /** Locks a key until `until`, unless it is already locked longer. */
  lockSignIn(key: string, until: string): Promise<void>;
  /** Forgets a key's failures and lock. */
  clearSignInFailures(key: string): Promise<void>;

  /**
   * Writes Charter workflow records in one transaction: all, or none when one of them lost its
   * optimistic check (false). Records are keyed by incident × treaty × article (proposals) or id.
   */
  writeCharter(writes: readonly CharterWrite[], by: AuditContext): Promise<boolean>;
  /** An incident's proposal records, by treaty then article; empty when the incident is not visible. */
  listCharterProposals(incidentId: number, visibility: Visibility): Promise<StoredProposal[]>;
  /** Proposals waiting for review across incidents the viewer may read, newest first. */
  listOpenCharterProposals(visibility: Visibility, limit: number): Promise<StoredProposal[]>;
  /** A proposal record by row id, if its incident is visible. */
  getCharterProposal(id: number, visibility: Visibility): Promise<StoredProposal | null>;
  /** A decision, if the incident it is about (when any) is visible. */
  getCharterDecision(id: string, visibility: Visibility): Promise<Stored<Decision> | null>;
  /** Decisions whose incident (when any) is visible, oldest first; only those in `state` when given. */
  listCharterDecisions(query: {
    readonly visibility: Visibility;
    readonly state?: DecisionState;
  }): Promise<Stored<Decision>[]>;
  /** A duty-of-assistance case, if its incident is visible. */
  getAssistanceCase(id: string, visibility: Visibility): Promise<Stored<AssistanceCase> | null>;
  /** Cases whose incident is visible, oldest activation first. */
  listAssistanceCases(visibility: Visibility): Promise<Stored<AssistanceCase>[]>;
  /**
   * Verified incidents the Charter engine has not read in their current revision against `treaties`
   * (never evaluated, re-coded since, or read against other treaty versions), oldest id first.
   */
  listIncidentsToEvaluate(query: { readonly treaties: string; readonly limit: number }): Promise<number[]>;
  /** A rebellion case, if the incident that opened it is visible. */
  getRebellionCase(id: string, visibility: Visibility): Promise<Stored<RebellionCase> | null>;
  /** Rebellion cases whose opening incident is visible, oldest first; filtered by treaty, party, open. */
  listRebellionCases(query: {
    readonly visibility: Visibility;
    readonly treaty?: string;
    readonly party?: string;
    readonly open?: boolean;
  }): Promise<Stored<RebellionCase>[]>;
  /** A consultation, if its incident is visible (without one: if the visibility has AES_RESTRICTED). */
  getConsultation(id: string, visibility: Visibility): Promise<Stored<Consultation> | null>;
  listConsultations(visibility: Visibility): Promise<Stored<Consultation>[]>;
  /** Membership events, by treaty then in order; of one treaty when given. Public records. */
  listMembershipEvents(treaty?: string): Promise<StoredMembershipEvent[]>;

  /** Stores a new assistance request (assistance-records.ts); its ledger is empty, at version 1. */
  createAssistanceRequest(request: NewAssistanceRequest, by: AuditContext): Promise<Stored<AssistanceLedger>>;
  /**
   * Adds a pledge, dispatch or receipt to a request's ledger, or cancels it, if the ledger is still at
   * the version the write was checked against: the new record's id and the ledger's version, or null
   * (nothing written) when another write came first.
   */
  writeAssistanceLedger(
    write: AssistanceLedgerWrite,
    by: AuditContext,
  ): Promise<{ readonly id: number; readonly version: number } | null>;
  /** A request with its pledges, dispatches and receipts, if its classification is visible. */
  getAssistanceLedger(id: number, visibility: Visibility): Promise<Stored<AssistanceLedger> | null>;
  /** Visible requests with their ledgers, newest first, filtered by requesting party, case, category. */
  listAssistanceLedgers(query: AssistanceListQuery): Promise<Stored<AssistanceLedger>[]>;
  /** The imported CAP alerts of these sender × identifier keys (absent keys: none). */
  findCapImports(
    keys: readonly { readonly sender: string; readonly identifier: string }[],
  ): Promise<CapImportRecord[]>;
  /** Records an imported CAP alert; false, and nothing written, when its key is there already. */
  recordCapImport(record: CapImportRecord, by: AuditContext): Promise<boolean>;
  /**
   * Early warning (surge-records.ts): incidents and fatalities per day and admin-1 unit over a range of
   * days, every classification (detection runs as the system), each row with its marking; a day, unit
   * and marking may come in several rows (one per status), to be added up.
   */
  surgeDailyCounts(range: { readonly from: string; readonly to: string }): Promise<AdminUnitDayRow[]>;
  /** Surges the viewer may see: open ones by default, highest level and total first. */
  listSurges(query: SurgeListQuery): Promise<StoredSurge[]>;
  getSurge(id: number, visibility: Visibility): Promise<StoredSurge | null>;
  /** Every open surge, whatever its marking: what detection moves forward. */
  listOpenSurges(): Promise<StoredSurge[]>;
  /** The last day a measure changed any surge; null when there is none. */
  lastSurgeChange(): Promise<string | null>;
  /** Opens, updates and closes surges in one transaction; null (nothing written) when one lost its version check. */
  writeSurges(writes: readonly SurgeWrite[], by: AuditContext): Promise<StoredSurge[] | null>;

  startImportRun(run: NewImportRun, by: AuditContext): Promise<number>;
  finishImportRun(id: number, summary: ImportRunSummary, by: AuditContext): Promise<void>;

  /** Audit log entries, newest first, optionally of one subject. */
  listAuditEntries(query: AuditPageQuery): Promise<{ items: StoredAuditEntry[]; nextBefore: number | null }>;
  /** The log's size as its head row counts it (what verify compares the rows with). */
  auditHeadSize(): Promise<number>;
  /** Audit log rows in seq order from `from`, at most `limit`, exactly as stored. */
  readAuditLog(from: number, limit: number): Promise<StoredAuditEntry[]>;
  /** Stores a signed checkpoint (the log's own record: not itself an audited change). */
  addAuditCheckpoint(checkpoint: AuditCheckpointInput): Promise<void>;
  /** Every stored checkpoint, oldest first. */
  listAuditCheckpoints(): Promise<StoredCheckpoint[]>;

  /**
   * Appends alert events to the outbox in the transaction of the caller (Store.atomically): they
   * commit with the change they announce, in seq order. Returns them with their seq.
   */
  publishAlerts(events: readonly NewAlertEvent[], by: AuditContext): Promise<AlertEvent[]>;
  /** Outbox events after `afterSeq`, oldest first, every classification (the hub filters per reader). */
  readAlertEvents(afterSeq: number, limit: number): Promise<AlertEvent[]>;
  /** The outbox's first and last seq (0, 0 when empty). */
  alertSeqRange(): Promise<{ first: number; last: number }>;
  /**
   * Calls `onWake` after alert events were appended, so that readers of the outbox (the stream's hub,
   * the webhook worker) need not wait for their poll. PostgreSQL: events appended by any process on
   * the database (LISTEN/NOTIFY on a connection of its own, reconnected after a loss, with one more
   * `onWake` then to catch up); SQLite: by this process (one node). A wake may come with nothing new:
   * the reader reads after its last seq. `onError` hears of a lost connection (the watch goes on
   * trying). Resolves once the watch is in place.
   */
  watchAlerts(onWake: () => void, onError?: (error: unknown) => void): Promise<AlertWatch>;
  /** Alerts the visibility sees, newest first; below seq `before` when given. */
  listAlertEvents(query: {
    readonly visibility: Visibility;
    readonly limit: number;
    readonly before?: number;
  }): Promise<AlertEvent[]>;

  createSubscription(userId: number, write: SubscriptionWrite, by: AuditContext): Promise<AlertSubscription>;
  /** A subscription of this user (another user's answers null, as an unknown id does). */
  getSubscription(id: number, userId: number): Promise<AlertSubscription | null>;
  listSubscriptions(userId: number): Promise<AlertSubscription[]>;
  /** Replaces a subscription of this user; null when there is none. */
  updateSubscription(
    id: number,
    userId: number,
    write: SubscriptionWrite,
    by: AuditContext,
  ): Promise<AlertSubscription | null>;
  /** Deletes a subscription of this user and its deliveries; false when there is none. */
  deleteSubscription(id: number, userId: number, by: AuditContext): Promise<boolean>;

  /** Subscriptions with an active webhook, with their secret and their owner's current role. */
  listWebhookTargets(): Promise<WebhookTarget[]>;
  /** How far the named outbox reader has read (0 when it never has). */
  readAlertCursor(name: string): Promise<number>;
  /**
   * Moves the named cursor from `from` to `to` and inserts the deliveries matched in between, at
   * most once per event × subscription, in one transaction; false (nothing written) when another
   * worker moved the cursor first.
   */
  recordWebhookDeliveries(
    cursor: { readonly name: string; readonly from: number; readonly to: number },
    deliveries: readonly {
      readonly eventSeq: number;
      readonly subscriptionId: number;
      readonly url: string;
    }[],
    at: string,
  ): Promise<boolean>;
  /** Leases up to `limit` due deliveries until `leaseUntil` (ISO); a leased one is not handed out again. */
  claimWebhookDeliveries(now: string, leaseUntil: string, limit: number): Promise<ClaimedDelivery[]>;
  /** Records an attempt: delivered, to retry at a time, or failed for good. */
  finishWebhookDelivery(id: number, result: DeliveryResult, at: string): Promise<void>;
  /** A subscription's deliveries, newest first. */
  listWebhookDeliveries(subscriptionId: number, limit: number): Promise<AlertDelivery[]>;
}
