/**
 * The tables as Kysely sees them: one definition for SQLite and PostgreSQL. Columns are snake_case
 * as in SQL; the row mappers (`*-row.ts`) turn rows into domain objects.
 *
 * Dates are 'YYYY-MM-DD' text and timestamps ISO 8601 text in both dialects, so that they compare as
 * strings and read back exactly as written; booleans are integers 0/1. Full-text search structures
 * (SQLite FTS5 tables, PostgreSQL tsvector columns) are dialect-only and deliberately absent here:
 * only the dialect files refer to them.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { AssistanceTables } from './assistance-tables.ts';

/** An integer primary key: SQLite INTEGER PRIMARY KEY, PostgreSQL bigint identity (parsed as number). */
type Id = Generated<number>;

export interface IncidentsTable {
  id: Id;
  source_key: string;
  content_hash: string;
  event_id_cnty: string | null;
  event_date: string;
  time_precision: number;
  event_type: string;
  sub_event_type: string;
  actor1: string;
  assoc_actor_1: string | null;
  inter1: number | null;
  actor2: string | null;
  assoc_actor_2: string | null;
  inter2: number | null;
  interaction: number | null;
  /** 0 or 1. */
  civilian_targeting: number;
  country: string;
  admin1: string | null;
  admin2: string | null;
  admin3: string | null;
  location: string | null;
  latitude: number | null;
  longitude: number | null;
  geo_precision: number | null;
  /** The best estimate. */
  fatalities: number;
  fatalities_low: number | null;
  fatalities_high: number | null;
  source: string | null;
  source_scale: string | null;
  notes: string | null;
  tags: string | null;
  status: string;
  classification: string;
  owner_party: string | null;
  origin: string;
  revision: number;
  created_at: string;
  updated_at: string;
  /** The incident this one was merged into (migration 0007); null for a live one. */
  merged_into: ColumnType<number | null, number | null | undefined, number | null>;
  /** admin1 folded as place names are (domain foldName), for the admin-1 filter (migration 0008). */
  admin1_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** Charter facts (migration 0006), null when unknown; see domain/charter/charter-facts.ts. */
  target: string | null;
  launched_from: string | null;
  /** 0 or 1. */
  territory_seized: number | null;
  actor1_type: string | null;
  actor2_type: string | null;
  actor1_state: string | null;
  actor2_state: string | null;
}

export interface IncidentRevisionsTable {
  incident_id: number;
  revision: number;
  changed_at: string;
  changed_by: string;
  reason: string;
  /** JSON object: field → { before, after }. */
  changes: string;
}

export interface ReportsTable {
  id: Id;
  kind: string;
  source: string;
  url: string | null;
  language: string | null;
  title: string | null;
  text: string;
  published: string | null;
  place_text: string | null;
  latitude: number | null;
  longitude: number | null;
  classification: string;
  owner_party: string | null;
  client_ref: string | null;
  submitted_by: string;
  received_at: string;
}

/** A report linked to an incident it describes: one row per event extracted from the report. */
export interface ReportIncidentsTable {
  report_id: number;
  event_index: number;
  incident_id: number;
  confidence: number;
  /** JSON array of { start, end, text }. */
  evidence: string;
  /** JSON of the event as the report codes it (domain ReportEvent). */
  event: string;
  /** 0 or 1. */
  needs_review: number;
  created_at: string;
}

export interface UsersTable {
  id: Id;
  name: string;
  role: string;
  party: string | null;
  created_at: string;
  /** argon2id PHC string; null: the user signs in with API tokens only. */
  password_hash: ColumnType<string | null, string | null | undefined, string | null>;
  password_changed_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ApiTokensTable {
  id: Id;
  user_id: number;
  token_hash: string;
  prefix: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
  /** 'read' or 'write' (domain/token-scope.ts). */
  scope: ColumnType<string, string | undefined, string>;
  label: string | null;
  expires_at: string | null;
}

/** A sign-in session: the SHA-256 of its secret id, never the id. */
export interface SessionsTable {
  id: Id;
  id_hash: string;
  user_id: number;
  token_id: number | null;
  scope: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  absolute_expires_at: string;
  user_agent: string | null;
}

/** Failed sign-ins per key ("user:<name>" or "address:<ip>"), see domain/sign-in-throttle.ts. */
export interface SignInFailuresTable {
  key: string;
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
}

export interface ImportRunsTable {
  id: Id;
  kind: string;
  file: string;
  started_at: string;
  finished_at: string | null;
  imported: ColumnType<number, number | undefined, number>;
  updated: ColumnType<number, number | undefined, number>;
  skipped: ColumnType<number, number | undefined, number>;
  rejected: ColumnType<number, number | undefined, number>;
}

/**
 * The map's pre-aggregated incidents: one row per grid cell of one level, month (or year, for the
 * yearly levels 100 + L) and key of the filters that a map read applies (type, country, status,
 * visibility). Kept in step with `incidents` by every
 * write path of the store, in the same transaction (see incident-cells.ts). owner_party is '' for none,
 * so that the key can be unique in both dialects.
 */
export interface IncidentCellsTable {
  level: number;
  cx: number;
  cy: number;
  /** 'YYYY-MM'; 'YYYY' in the rows of a yearly level (see incident-cells.ts, YEAR_LEVEL). */
  month: string;
  event_type: string;
  country: string;
  status: string;
  classification: string;
  owner_party: string;
  count: number;
  fatalities: number;
  sum_lat: number;
  sum_lon: number;
  /** The sum of the ids: the incident's id when the row counts one incident. */
  sum_id: number;
  min_lat: number;
  max_lat: number;
  min_lon: number;
  max_lon: number;
}

/**
 * The timeline's pre-aggregated incidents (migration 0008): one row per ISO week (its Monday,
 * 'YYYY-MM-DD') and key of the filters a summary read applies. Kept in step with `incidents` by every
 * write path, in the same transaction (see incident-weeks.ts). owner_party is '' for none.
 */
export interface IncidentWeeksTable {
  week: string;
  country: string;
  event_type: string;
  status: string;
  classification: string;
  owner_party: string;
  count: number;
  fatalities: number;
}

/** Charter workflow records (migration 0003): the pure record as JSON text plus indexed columns. */
export interface CharterProposalsTable {
  id: Id;
  incident_id: number;
  treaty_id: string;
  article: string;
  /** Optimistic-lock counter of the row. */
  version: number;
  status: string;
  state: string;
  confidence: number;
  proposal: string;
  review: string | null;
  /** The ProposalRecord, every version. */
  record: string;
  updated_at: string;
}

/** Which revision of an incident the Charter engine last read, against which treaties (migration 0006). */
export interface CharterEvaluationsTable {
  incident_id: number;
  incident_revision: number;
  treaties: string;
  evaluated_at: string;
}

export interface CharterDecisionsTable {
  id: string;
  incident_id: number | null;
  treaty_id: string;
  subject: string;
  outcome: string;
  opened_at: string;
  closed_at: string | null;
  version: number;
  /** The Decision, every ballot. */
  decision: string;
}

export interface AssistanceCasesTable {
  id: string;
  incident_id: number;
  treaty_id: string;
  decision_id: string;
  victim: string;
  activated_at: string;
  version: number;
  /** The AssistanceCase, every obligation with its history. */
  assistance_case: string;
}

/** The audit log (migration 0004): one row per entry, seq 0, 1, 2… without gaps. */
export interface AuditLogTable {
  seq: number;
  entry: string;
  leaf_hash: string;
  action: string;
  subject_type: string;
  subject_id: string;
  actor_name: string;
  time: string;
}

/** One row (id 1): the log's size, whose row lock orders the writers. */
export interface AuditHeadTable {
  id: number;
  size: number;
}

export interface AuditCheckpointsTable {
  id: Id;
  size: number;
  root_hash: string;
  signed_at: string;
  key_id: string;
  note: string;
}

/** Art. 5 rebellion cases (migration 0007): the RebellionCase as JSON plus columns to filter by. */
export interface RebellionCasesTable {
  id: string;
  incident_id: number;
  treaty_id: string;
  party: string;
  level: string;
  opened_at: string;
  closed_at: string | null;
  version: number;
  rebellion_case: string;
}

/** Art. 8 consultations (migration 0007). */
export interface ConsultationsTable {
  id: string;
  incident_id: number | null;
  treaty_id: string;
  opened_at: string;
  closed_at: string | null;
  version: number;
  consultation: string;
}

/** Membership events of a treaty (migration 0007), numbered from 1 per treaty. */
export interface MembershipEventsTable {
  treaty_id: string;
  seq: number;
  kind: string;
  party: string;
  day: string;
  recorded_at: string;
  recorded_by: number;
  /** The MembershipEvent (an accession with the decision it rests on). */
  event: string;
}

/** The alerts' outbox (migration 0010): one row per alert, in `seq` order. */
export interface AlertEventsTable {
  seq: Id;
  kind: string;
  incident_id: number | null;
  classification: string;
  owner_party: string | null;
  created_at: string;
  /** The AlertPayload as JSON. */
  payload: string;
}

/** A user's alert subscriptions (migration 0010). */
export interface AlertSubscriptionsTable {
  id: Id;
  user_id: number;
  name: string;
  /** The AlertFilter as JSON. */
  filter: string;
  webhook_url: string | null;
  webhook_secret: string | null;
  /** 0 or 1. */
  webhook_active: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
}

/** One webhook delivery of one alert to one subscription (migration 0010). */
export interface AlertDeliveriesTable {
  id: Id;
  event_seq: number;
  subscription_id: number;
  url: string;
  status: string;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  claimed_until: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

/** How far a worker has read the outbox (migration 0010). */
export interface AlertCursorsTable {
  name: string;
  seq: number;
}

export interface Schema extends AssistanceTables {
  incidents: IncidentsTable;
  incident_cells: IncidentCellsTable;
  incident_weeks: IncidentWeeksTable;
  incident_revisions: IncidentRevisionsTable;
  reports: ReportsTable;
  report_incidents: ReportIncidentsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  sign_in_failures: SignInFailuresTable;
  import_runs: ImportRunsTable;
  charter_proposals: CharterProposalsTable;
  charter_decisions: CharterDecisionsTable;
  charter_evaluations: CharterEvaluationsTable;
  rebellion_cases: RebellionCasesTable;
  consultations: ConsultationsTable;
  membership_events: MembershipEventsTable;
  assistance_cases: AssistanceCasesTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  audit_checkpoints: AuditCheckpointsTable;
  cap_imports: CapImportsTable;
  alert_events: AlertEventsTable;
  alert_subscriptions: AlertSubscriptionsTable;
  alert_deliveries: AlertDeliveriesTable;
  alert_cursors: AlertCursorsTable;
}

/** Partners' CAP alerts as imported (migration 0011). */
export interface CapImportsTable {
  sender: string;
  identifier: string;
  sent: string;
  msg_type: string;
  outcome: string;
  report_id: number | null;
  applies_to: string | null;
  imported_at: string;
  imported_by: string;
}

export type IncidentRow = Selectable<IncidentsTable>;
export type NewIncidentRow = Insertable<IncidentsTable>;
export type IncidentCellRow = Selectable<IncidentCellsTable>;
export type IncidentWeekRow = Selectable<IncidentWeeksTable>;
export type IncidentRevisionRow = Selectable<IncidentRevisionsTable>;
export type ReportRow = Selectable<ReportsTable>;
export type ReportIncidentRow = Selectable<ReportIncidentsTable>;
export type UserRow = Selectable<UsersTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type SessionRow = Selectable<SessionsTable>;
