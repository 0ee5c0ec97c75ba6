/**
 * Reads and writes of the Charter workflow's rebellion cases, consultations and membership events
 * (tables of migration 0007), shared by both dialects; `writeCharter` (charter-records.ts) runs these
 * writes in its transaction. A case or consultation is visible when the incident it rests on is; a
 * consultation raised without an incident is AES_RESTRICTED: the parties' users, analysts and admins
 * see it. Membership events are public.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Consultation } from '../domain/charter/workflow/consultation.ts';
import type { MembershipEvent } from '../domain/charter/workflow/membership-event.ts';
import type { RebellionCase } from '../domain/charter/workflow/rebellion-case.ts';
import type { Visibility } from '../domain/classification.ts';
import type { Schema } from './schema.ts';
import type { RecordChange } from './kysely-store.ts';
import type { CharterWrite, Stored, StoredMembershipEvent } from './store.ts';
import { visibleTo } from './visibility-filter.ts';

/**
 * The audit entry of a workflow record's write: the record before (null when new) and after. An
 * update checks the version it read, so the row read just before it is the one it replaces.
 */
export function recordChange(type: string, id: string, before: unknown, after: unknown) {
  return { action: `${type}.${before === null ? 'create' : 'update'}`, subject: { type, id }, before, after };
}

/** Thrown inside writeCharter's transaction to roll it back when an optimistic check fails. */
export class LostWrite extends Error {}

/** The incident id of a workflow record: the store's integer id, written as a string in the domain. */
export function incidentKey(incidentId: string): number {
  const id = Number(incidentId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`not a stored incident id: ${incidentId}`);
  return id;
}

export function visibleIncidents(db: Kysely<Schema>, visibility: Visibility) {
  return db
    .selectFrom('incidents')
    .select('id')
    .where((eb) => visibleTo(eb, visibility));
}

// The JSON columns are written only by this module, from the types they are read back as.
const parseRebellion = (text: string): RebellionCase => JSON.parse(text) as RebellionCase;
const parseConsultation = (text: string): Consultation => JSON.parse(text) as Consultation;
const parseMembership = (text: string): MembershipEvent => JSON.parse(text) as MembershipEvent;

export async function writeRebellion(
  trx: Transaction<Schema>,
  w: Extract<CharterWrite, { kind: 'rebellion' }>,
  record: RecordChange,
): Promise<void> {
  const c = w.rebellionCase;
  const columns = {
    level: c.level,
    closed_at: c.closed?.at ?? null,
    rebellion_case: JSON.stringify(c),
  };
  if (w.expectedVersion === null) {
    const first = c.incidentIds[0];
    if (first === undefined) throw new Error(`rebellion case ${c.id} names no incident`);
    const inserted = await trx
      .insertInto('rebellion_cases')
      .values({
        id: c.id,
        incident_id: incidentKey(first),
        treaty_id: c.treaty,
        party: c.party,
        opened_at: c.steps[0]?.at ?? '',
        ...columns,
        version: 1,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted === undefined) throw new LostWrite();
    record(recordChange('rebellion-case', c.id, null, c));
    return;
  }
  const previous = await trx
    .selectFrom('rebellion_cases')
    .select('rebellion_case')
    .where('id', '=', c.id)
    .executeTakeFirst();
  const updated = await trx
    .updateTable('rebellion_cases')
    .set({ ...columns, version: w.expectedVersion + 1 })
    .where('id', '=', c.id)
    .where('version', '=', w.expectedVersion)
    .executeTakeFirst();
  if (updated.numUpdatedRows !== 1n || previous === undefined) throw new LostWrite();
  record(recordChange('rebellion-case', c.id, parseRebellion(previous.rebellion_case), c));
}

export async function writeConsultation(
  trx: Transaction<Schema>,
  w: Extract<CharterWrite, { kind: 'consultation' }>,
  record: RecordChange,
): Promise<void> {
  const c = w.consultation;
  const columns = { closed_at: c.closed?.at ?? null, consultation: JSON.stringify(c) };
  if (w.expectedVersion === null) {
    const inserted = await trx
      .insertInto('consultations')
      .values({
        id: c.id,
        incident_id: c.incidentId === null ? null : incidentKey(c.incidentId),
        treaty_id: c.treaty,
        opened_at: c.openedAt,
        ...columns,
        version: 1,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted === undefined) throw new LostWrite();
    record(recordChange('consultation', c.id, null, c));
    return;
  }
  const previous = await trx
    .selectFrom('consultations')
    .select('consultation')
    .where('id', '=', c.id)
    .executeTakeFirst();
  const updated = await trx
    .updateTable('consultations')
    .set({ ...columns, version: w.expectedVersion + 1 })
    .where('id', '=', c.id)
    .where('version', '=', w.expectedVersion)
    .executeTakeFirst();
  if (updated.numUpdatedRows !== 1n || previous === undefined) throw new LostWrite();
  record(recordChange('consultation', c.id, parseConsultation(previous.consultation), c));
}

export async function writeMembership(
  trx: Transaction<Schema>,
  w: Extract<CharterWrite, { kind: 'membership' }>,
  record: RecordChange,
): Promise<void> {
  const e = w.event;
  const inserted = await trx
    .insertInto('membership_events')
    .values({
      treaty_id: w.treaty,
      seq: w.seq,
      kind: e.kind,
      party: e.kind === 'accession' ? e.state.iso3 : e.party,
      day: e.kind === 'accession' ? e.effectiveFrom : e.notifiedOn,
      recorded_at: w.at,
      recorded_by: w.by,
      event: JSON.stringify(e),
    })
    .onConflict((oc) => oc.columns(['treaty_id', 'seq']).doNothing())
    .returning('seq')
    .executeTakeFirst();
  if (inserted === undefined) throw new LostWrite();
  record(recordChange('membership-event', `${w.treaty}:${w.seq}`, null, e));
}

function rebellionQuery(db: Kysely<Schema>, visibility: Visibility) {
  return db
    .selectFrom('rebellion_cases')
    .select(['version', 'rebellion_case'])
    .where('incident_id', 'in', visibleIncidents(db, visibility));
}

export async function getRebellionCase(
  db: Kysely<Schema>,
  id: string,
  visibility: Visibility,
): Promise<Stored<RebellionCase> | null> {
  const r = await rebellionQuery(db, visibility).where('id', '=', id).executeTakeFirst();
  return r === undefined ? null : { version: r.version, value: parseRebellion(r.rebellion_case) };
}

export async function listRebellionCases(
  db: Kysely<Schema>,
  query: {
    readonly visibility: Visibility;
    readonly treaty?: string;
    readonly party?: string;
    readonly open?: boolean;
  },
): Promise<Stored<RebellionCase>[]> {
  let q = rebellionQuery(db, query.visibility);
  if (query.treaty !== undefined) q = q.where('treaty_id', '=', query.treaty);
  if (query.party !== undefined) q = q.where('party', '=', query.party);
  if (query.open === true) q = q.where('closed_at', 'is', null);
  const rows = await q.orderBy('opened_at').orderBy('id').execute();
  return rows.map((r) => ({ version: r.version, value: parseRebellion(r.rebellion_case) }));
}

function consultationQuery(db: Kysely<Schema>, visibility: Visibility) {
  const restricted = visibility.classifications.includes('AES_RESTRICTED');
  return db
    .selectFrom('consultations')
    .select(['version', 'consultation'])
    .where((eb) =>
      eb.or([
        restricted ? eb('incident_id', 'is', null) : sql<boolean>`1 = 0`,
        eb('incident_id', 'in', visibleIncidents(db, visibility)),
      ]),
    );
}

export async function getConsultation(
  db: Kysely<Schema>,
  id: string,
  visibility: Visibility,
): Promise<Stored<Consultation> | null> {
  const r = await consultationQuery(db, visibility).where('id', '=', id).executeTakeFirst();
  return r === undefined ? null : { version: r.version, value: parseConsultation(r.consultation) };
}

export async function listConsultations(
  db: Kysely<Schema>,
  visibility: Visibility,
): Promise<Stored<Consultation>[]> {
  const rows = await consultationQuery(db, visibility).orderBy('opened_at').orderBy('id').execute();
  return rows.map((r) => ({ version: r.version, value: parseConsultation(r.consultation) }));
}

export async function listMembershipEvents(
  db: Kysely<Schema>,
  treaty?: string,
): Promise<StoredMembershipEvent[]> {
  let q = db.selectFrom('membership_events').selectAll();
  if (treaty !== undefined) q = q.where('treaty_id', '=', treaty);
  const rows = await q.orderBy('treaty_id').orderBy('seq').execute();
  return rows.map((r) => ({
    treaty: r.treaty_id,
    seq: r.seq,
    event: parseMembership(r.event),
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
  }));
}
