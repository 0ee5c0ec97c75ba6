/**
 * Reads and writes of the Charter workflow records (tables of migration 0003), shared by both
 * dialects. A record is visible when the incident it is about is: the same rule as incidents, applied
 * through a sub-select on `incidents`.
 */
import type { Kysely, Transaction } from 'kysely';
import type { AssistanceCase } from '../domain/charter/workflow/assistance-case.ts';
import type { Decision, DecisionState } from '../domain/charter/workflow/decision.ts';
import {
  currentVersion,
  versionState,
  type ProposalRecord,
} from '../domain/charter/workflow/proposal-record.ts';
import type { Visibility } from '../domain/classification.ts';
import type { Schema } from './schema.ts';
import type { RecordChange } from './kysely-store.ts';
import type { CharterWrite, Stored, StoredProposal } from './store.ts';
import {
  incidentKey,
  LostWrite,
  recordChange as change,
  visibleIncidents,
  writeConsultation,
  writeMembership,
  writeRebellion,
} from './charter-case-records.ts';

// The JSON columns are written only by this module, from the types they are read back as.
const parseRecord = (text: string): ProposalRecord => JSON.parse(text) as ProposalRecord;
const parseDecision = (text: string): Decision => JSON.parse(text) as Decision;
const parseCase = (text: string): AssistanceCase => JSON.parse(text) as AssistanceCase;

async function writeProposal(
  trx: Transaction<Schema>,
  w: Extract<CharterWrite, { kind: 'proposal' }>,
  record: RecordChange,
): Promise<void> {
  const current = currentVersion(w.record);
  const columns = {
    status: current.proposal.status,
    state: versionState(current),
    confidence: current.proposal.confidence,
    proposal: JSON.stringify(current.proposal),
    review: current.review === null ? null : JSON.stringify(current.review),
    record: JSON.stringify(w.record),
    updated_at: w.at,
  };
  const key = {
    incident_id: incidentKey(w.record.incidentId),
    treaty_id: w.record.treaty,
    article: w.record.article,
  };
  if (w.expectedVersion === null) {
    const inserted = await trx
      .insertInto('charter_proposals')
      .values({ ...key, ...columns, version: 1 })
      .onConflict((oc) => oc.columns(['incident_id', 'treaty_id', 'article']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted === undefined) throw new LostWrite();
    record(change('charter-proposal', String(inserted.id), null, w.record));
    return;
  }
  const previous = await trx
    .selectFrom('charter_proposals')
    .select(['id', 'record'])
    .where('incident_id', '=', key.incident_id)
    .where('treaty_id', '=', key.treaty_id)
    .where('article', '=', key.article)
    .executeTakeFirst();
  const updated = await trx
    .updateTable('charter_proposals')
    .set({ ...columns, version: w.expectedVersion + 1 })
    .where('incident_id', '=', key.incident_id)
    .where('treaty_id', '=', key.treaty_id)
    .where('article', '=', key.article)
    .where('version', '=', w.expectedVersion)
    .executeTakeFirst();
  if (updated.numUpdatedRows !== 1n || previous === undefined) throw new LostWrite();
  record(change('charter-proposal', String(previous.id), parseRecord(previous.record), w.record));
}

async function writeDecision(
  trx: Transaction<Schema>,
  w: Extract<CharterWrite, { kind: 'decision' }>,
  record: RecordChange,
): Promise<void> {
  const d = w.decision;
  const columns = {
    treaty_id: d.treaty,
    subject: d.subject.kind,
    outcome: d.state,
    opened_at: d.openedAt,
    closed_at: d.closedAt,
    decision: JSON.stringify(d),
  };
  if (w.expectedVersion === null) {
    const inserted = await trx
      .insertInto('charter_decisions')
      .values({
        id: d.id,
        incident_id:
          d.subject.kind === 'activation' ? incidentKey(d.subject.incidentId) : (w.incidentId ?? null),
        ...columns,
        version: 1,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted === undefined) throw new LostWrite();
    record(change('charter-decision', d.id, null, d));
    return;
  }
  const previous = await trx
    .selectFrom('charter_decisions')
    .select('decision')
    .where('id', '=', d.id)
    .executeTakeFirst();
  const updated = await trx
    .updateTable('charter_decisions')
    .set({ ...columns, version: w.expectedVersion + 1 })
    .where('id', '=', d.id)
    .where('version', '=', w.expectedVersion)
    .executeTakeFirst();
  if (updated.numUpdatedRows !== 1n || previous === undefined) throw new LostWrite();
  record(change('charter-decision', d.id, parseDecision(previous.decision), d));
}

async function writeCase(
  trx: Transaction<Schema>,
  w: Extract<CharterWrite, { kind: 'case' }>,
  record: RecordChange,
): Promise<void> {
  const c = w.assistanceCase;
  const columns = {
    incident_id: incidentKey(c.incidentId),
    treaty_id: c.treaty,
    decision_id: c.decisionId,
    victim: c.victim,
    activated_at: c.activatedAt,
    assistance_case: JSON.stringify(c),
  };
  if (w.expectedVersion === null) {
    const inserted = await trx
      .insertInto('assistance_cases')
      .values({ id: c.id, ...columns, version: 1 })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted === undefined) throw new LostWrite();
    record(change('assistance-case', c.id, null, c));
    return;
  }
  const previous = await trx
    .selectFrom('assistance_cases')
    .select('assistance_case')
    .where('id', '=', c.id)
    .executeTakeFirst();
  const updated = await trx
    .updateTable('assistance_cases')
    .set({ ...columns, version: w.expectedVersion + 1 })
    .where('id', '=', c.id)
    .where('version', '=', w.expectedVersion)
    .executeTakeFirst();
  if (updated.numUpdatedRows !== 1n || previous === undefined) throw new LostWrite();
  record(change('assistance-case', c.id, parseCase(previous.assistance_case), c));
}

async function writeEvaluation(
  trx: Transaction<Schema>,
  w: Extract<CharterWrite, { kind: 'evaluation' }>,
  record: RecordChange,
): Promise<void> {
  const columns = { incident_revision: w.incidentRevision, treaties: w.treaties, evaluated_at: w.at };
  await trx
    .insertInto('charter_evaluations')
    .values({ incident_id: w.incidentId, ...columns })
    .onConflict((oc) => oc.column('incident_id').doUpdateSet(columns))
    .execute();
  record({
    action: 'charter-evaluation.record',
    subject: { type: 'incident', id: String(w.incidentId) },
    before: null,
    after: { incidentRevision: w.incidentRevision, treaties: w.treaties },
  });
}

/** See Store.writeCharter; `audited` runs the writes in the store's audited transaction. */
export async function writeCharter(
  audited: (work: (trx: Transaction<Schema>, record: RecordChange) => Promise<void>) => Promise<void>,
  writes: readonly CharterWrite[],
): Promise<boolean> {
  try {
    await audited(async (trx, record) => {
      for (const w of writes) {
        if (w.kind === 'proposal') await writeProposal(trx, w, record);
        else if (w.kind === 'decision') await writeDecision(trx, w, record);
        else if (w.kind === 'case') await writeCase(trx, w, record);
        else if (w.kind === 'rebellion') await writeRebellion(trx, w, record);
        else if (w.kind === 'consultation') await writeConsultation(trx, w, record);
        else if (w.kind === 'membership') await writeMembership(trx, w, record);
        else await writeEvaluation(trx, w, record);
      }
    });
    return true;
  } catch (error) {
    if (error instanceof LostWrite) return false;
    throw error;
  }
}

export async function listCharterProposals(
  db: Kysely<Schema>,
  incidentId: number,
  visibility: Visibility,
): Promise<StoredProposal[]> {
  const rows = await db
    .selectFrom('charter_proposals')
    .select(['id', 'version', 'record'])
    .where('incident_id', '=', incidentId)
    .where('incident_id', 'in', visibleIncidents(db, visibility))
    .orderBy('treaty_id')
    .orderBy('article')
    .execute();
  return rows.map((r) => ({ id: r.id, version: r.version, value: parseRecord(r.record) }));
}

/** Proposals waiting for a person's review (state open, engine says engaged or proposed), newest first. */
export async function listOpenCharterProposals(
  db: Kysely<Schema>,
  visibility: Visibility,
  limit: number,
): Promise<StoredProposal[]> {
  const rows = await db
    .selectFrom('charter_proposals')
    .select(['id', 'version', 'record'])
    .where('state', '=', 'open')
    .where('status', '!=', 'not_engaged')
    .where('incident_id', 'in', visibleIncidents(db, visibility))
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, version: r.version, value: parseRecord(r.record) }));
}

export async function getCharterProposal(
  db: Kysely<Schema>,
  id: number,
  visibility: Visibility,
): Promise<StoredProposal | null> {
  const r = await db
    .selectFrom('charter_proposals')
    .select(['id', 'version', 'record'])
    .where('id', '=', id)
    .where('incident_id', 'in', visibleIncidents(db, visibility))
    .executeTakeFirst();
  return r === undefined ? null : { id: r.id, version: r.version, value: parseRecord(r.record) };
}

function decisionsQuery(db: Kysely<Schema>, visibility: Visibility) {
  return db
    .selectFrom('charter_decisions')
    .select(['id', 'version', 'decision'])
    .where((eb) =>
      eb.or([eb('incident_id', 'is', null), eb('incident_id', 'in', visibleIncidents(db, visibility))]),
    );
}

export async function getCharterDecision(
  db: Kysely<Schema>,
  id: string,
  visibility: Visibility,
): Promise<Stored<Decision> | null> {
  const r = await decisionsQuery(db, visibility).where('id', '=', id).executeTakeFirst();
  return r === undefined ? null : { version: r.version, value: parseDecision(r.decision) };
}

export async function listCharterDecisions(
  db: Kysely<Schema>,
  query: { readonly visibility: Visibility; readonly state?: DecisionState },
): Promise<Stored<Decision>[]> {
  let q = decisionsQuery(db, query.visibility);
  if (query.state !== undefined) q = q.where('outcome', '=', query.state);
  const rows = await q.orderBy('opened_at').orderBy('id').execute();
  return rows.map((r) => ({ version: r.version, value: parseDecision(r.decision) }));
}

function casesQuery(db: Kysely<Schema>, visibility: Visibility) {
  return db
    .selectFrom('assistance_cases')
    .select(['id', 'version', 'assistance_case'])
    .where('incident_id', 'in', visibleIncidents(db, visibility));
}

export async function getAssistanceCase(
  db: Kysely<Schema>,
  id: string,
  visibility: Visibility,
): Promise<Stored<AssistanceCase> | null> {
  const r = await casesQuery(db, visibility).where('id', '=', id).executeTakeFirst();
  return r === undefined ? null : { version: r.version, value: parseCase(r.assistance_case) };
}

export async function listAssistanceCases(
  db: Kysely<Schema>,
  visibility: Visibility,
): Promise<Stored<AssistanceCase>[]> {
  const rows = await casesQuery(db, visibility).orderBy('activated_at').orderBy('id').execute();
  return rows.map((r) => ({ version: r.version, value: parseCase(r.assistance_case) }));
}

export async function listIncidentsToEvaluate(
  db: Kysely<Schema>,
  query: { readonly treaties: string; readonly limit: number },
): Promise<number[]> {
  const rows = await db
    .selectFrom('incidents')
    .leftJoin('charter_evaluations', 'charter_evaluations.incident_id', 'incidents.id')
    .select('incidents.id')
    .where('incidents.status', '=', 'verified')
    .where((eb) =>
      eb.or([
        eb('charter_evaluations.incident_id', 'is', null),
        eb('charter_evaluations.incident_revision', '<>', eb.ref('incidents.revision')),
        eb('charter_evaluations.treaties', '<>', query.treaties),
      ]),
    )
    .orderBy('incidents.id')
    .limit(query.limit)
    .execute();
  return rows.map((r) => r.id);
}
