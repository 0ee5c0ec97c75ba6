/**
 * Reads and writes of the mutual-assistance ledger (tables of migration 0009), shared by both
 * dialects. A request is visible by its own classification (the same rule as incidents), and its
 * pledges, dispatches and receipts with it. Every ledger write first moves the request's version on
 * from the one the caller checked its rules against: when another write came first, nothing is
 * written (null), and the caller reads the ledger again. On PostgreSQL that UPDATE also holds the
 * request's row lock to the end of the transaction, so a concurrent writer waits, then finds the
 * version moved.
 */
import type { ExpressionBuilder, Kysely, Selectable, Transaction } from 'kysely';
import type {
  AssistanceLedger,
  AssistanceRequest,
  Dispatch,
  Pledge,
  Receipt,
} from '../domain/assistance/assistance-ledger.ts';
import type { AssistanceCategory, AssistancePriority } from '../domain/assistance/assistance-category.ts';
import type { RequestState } from '../domain/assistance/assistance-ledger.ts';
import type { Classification, Visibility } from '../domain/classification.ts';
import type { RecordChange } from './kysely-store.ts';
import type { Schema } from './schema.ts';
import type { Stored } from './store.ts';
import { visibleTo } from './visibility-filter.ts';

export type NewAssistanceRequest = Omit<AssistanceRequest, 'id'>;

/** One write to a request's ledger, checked against the ledger at `expectedVersion`. */
export type AssistanceLedgerWrite = { readonly requestId: number; readonly expectedVersion: number } & (
  | { readonly kind: 'pledge'; readonly pledge: Omit<Pledge, 'id'> }
  | { readonly kind: 'dispatch'; readonly dispatch: Omit<Dispatch, 'id'> }
  | { readonly kind: 'receipt'; readonly receipt: Omit<Receipt, 'id'> }
  | { readonly kind: 'cancel'; readonly request: AssistanceRequest }
  /** The pledge with its `withdrawn` set. */
  | { readonly kind: 'withdraw'; readonly pledge: Pledge }
);

export interface AssistanceListQuery {
  readonly visibility: Visibility;
  /** The requesting party. */
  readonly party?: string;
  readonly caseId?: string;
  readonly category?: AssistanceCategory;
}

type RequestRow = Selectable<Schema['assistance_requests']>;

type Audited = <T>(work: (trx: Transaction<Schema>, record: RecordChange) => Promise<T>) => Promise<T>;

const created = (type: string, id: number, after: unknown) => ({
  action: `${type}.create`,
  subject: { type, id: String(id) },
  before: null,
  after,
});

export async function createRequest(
  audited: Audited,
  r: NewAssistanceRequest,
): Promise<Stored<AssistanceLedger>> {
  return audited(async (trx, record) => {
    const row = await trx
      .insertInto('assistance_requests')
      .values({
        party: r.party,
        case_id: r.caseId,
        category: r.category,
        unit: r.unit,
        quantity: r.quantity,
        place: r.place,
        needed_by: r.neededBy,
        priority: r.priority,
        description: r.description,
        classification: r.classification,
        owner_party: r.ownerParty,
        created_at: r.createdAt,
        created_by: r.createdBy,
        state: r.state,
        cancelled_at: r.cancelled?.at ?? null,
        cancelled_by: r.cancelled?.by ?? null,
        cancel_reason: r.cancelled?.reason ?? null,
        version: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const request: AssistanceRequest = { id: Number(row.id), ...r };
    record(created('assistance-request', request.id, request));
    return { version: 1, value: { request, pledges: [], dispatches: [], receipts: [] } };
  });
}

/** See AssistanceLedgerWrite; the new record's id (the request's for a cancel), or null when it lost. */
export async function writeLedger(
  audited: Audited,
  w: AssistanceLedgerWrite,
): Promise<{ readonly id: number; readonly version: number } | null> {
  return audited(async (trx, record) => {
    const version = w.expectedVersion + 1;
    const cancel = w.kind === 'cancel' ? w.request.cancelled : null;
    const moved = await trx
      .updateTable('assistance_requests')
      .set({
        version,
        ...(w.kind === 'cancel'
          ? {
              state: w.request.state,
              cancelled_at: cancel?.at ?? null,
              cancelled_by: cancel?.by ?? null,
              cancel_reason: cancel?.reason ?? null,
            }
          : {}),
      })
      .where('id', '=', w.requestId)
      .where('version', '=', w.expectedVersion)
      .executeTakeFirst();
    if (moved.numUpdatedRows !== 1n) return null;
    if (w.kind === 'cancel') {
      record({
        action: 'assistance-request.cancel',
        subject: { type: 'assistance-request', id: String(w.requestId) },
        before: { state: 'open' },
        after: { state: w.request.state, cancelled: w.request.cancelled },
      });
      return { id: w.requestId, version };
    }
    if (w.kind === 'withdraw') {
      const p = w.pledge;
      const updated = await trx
        .updateTable('assistance_pledges')
        .set({
          withdrawn_quantity: p.withdrawn?.quantity ?? null,
          withdrawn_at: p.withdrawn?.at ?? null,
          withdrawn_by: p.withdrawn?.by ?? null,
          withdraw_reason: p.withdrawn?.reason ?? null,
        })
        .where('id', '=', p.id)
        .where('request_id', '=', w.requestId)
        .where('withdrawn_at', 'is', null)
        .executeTakeFirst();
      if (updated.numUpdatedRows !== 1n)
        throw new Error(`pledge ${p.id} of request ${w.requestId} cannot be withdrawn`);
      record({
        action: 'assistance-pledge.withdraw',
        subject: { type: 'assistance-pledge', id: String(p.id) },
        before: { withdrawn: null },
        after: { withdrawn: p.withdrawn },
      });
      return { id: p.id, version };
    }
    if (w.kind === 'pledge') {
      const p = w.pledge;
      const row = await trx
        .insertInto('assistance_pledges')
        .values({
          request_id: w.requestId,
          party: p.party,
          unit: p.unit,
          quantity: p.quantity,
          rate: p.rate,
          rate_date: p.rateDate,
          counted: p.counted,
          available_from: p.availableFrom,
          note: p.note,
          pledged_at: p.pledgedAt,
          pledged_by: p.pledgedBy,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(row.id);
      record(created('assistance-pledge', id, { id, ...p }));
      return { id, version };
    }
    if (w.kind === 'dispatch') {
      const d = w.dispatch;
      const row = await trx
        .insertInto('assistance_dispatches')
        .values({
          request_id: w.requestId,
          pledge_id: d.pledgeId,
          quantity: d.quantity,
          counted: d.counted,
          sent_at: d.sentAt,
          sent_by: d.sentBy,
          expected_by: d.expectedBy,
          reference: d.reference,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(row.id);
      record(created('assistance-dispatch', id, { id, requestId: w.requestId, ...d }));
      return { id, version };
    }
    const x = w.receipt;
    const row = await trx
      .insertInto('assistance_receipts')
      .values({
        request_id: w.requestId,
        dispatch_id: x.dispatchId,
        quantity: x.quantity,
        counted: x.counted,
        received_at: x.receivedAt,
        received_by: x.receivedBy,
        note: x.note,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    record(created('assistance-receipt', id, { id, requestId: w.requestId, ...x }));
    return { id, version };
  });
}

function visibleRequests(db: Kysely<Schema>, visibility: Visibility) {
  return db.selectFrom('assistance_requests').where((eb) =>
    // visibleTo reads only `classification` and `owner_party`, which this table has with the same
    // meaning; its builder type lists the incident-like tables only.
    visibleTo(eb as unknown as ExpressionBuilder<Schema, 'incidents'>, visibility),
  );
}

function toRequest(r: RequestRow): AssistanceRequest {
  return {
    id: Number(r.id),
    party: r.party,
    caseId: r.case_id,
    // Written only from the domain's values (assistance-rules.ts checks them before any write).
    category: r.category as AssistanceCategory,
    unit: r.unit,
    quantity: Number(r.quantity),
    place: r.place,
    neededBy: r.needed_by,
    priority: r.priority as AssistancePriority,
    description: r.description,
    classification: r.classification as Classification,
    ownerParty: r.owner_party,
    createdAt: r.created_at,
    createdBy: Number(r.created_by),
    state: r.state as RequestState,
    cancelled:
      r.cancelled_at === null
        ? null
        : { at: r.cancelled_at, by: Number(r.cancelled_by), reason: r.cancel_reason ?? '' },
  };
}

/** The ledgers of these requests (rows already visible), in the order given. */
async function ledgersOf(
  db: Kysely<Schema>,
  rows: readonly RequestRow[],
): Promise<Stored<AssistanceLedger>[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => Number(r.id));
  const [pledges, dispatches, receipts] = await Promise.all([
    db.selectFrom('assistance_pledges').selectAll().where('request_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('assistance_dispatches').selectAll().where('request_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('assistance_receipts').selectAll().where('request_id', 'in', ids).orderBy('id').execute(),
  ]);
  return rows.map((r) => {
    const id = Number(r.id);
    return {
      version: Number(r.version),
      value: {
        request: toRequest(r),
        pledges: pledges
          .filter((p) => Number(p.request_id) === id)
          .map((p) => ({
            id: Number(p.id),
            requestId: id,
            party: p.party,
            unit: p.unit,
            quantity: Number(p.quantity),
            rate: Number(p.rate),
            rateDate: p.rate_date,
            counted: Number(p.counted),
            availableFrom: p.available_from,
            note: p.note,
            pledgedAt: p.pledged_at,
            pledgedBy: Number(p.pledged_by),
            withdrawn:
              p.withdrawn_at === null
                ? null
                : {
                    quantity: Number(p.withdrawn_quantity),
                    at: p.withdrawn_at,
                    by: Number(p.withdrawn_by),
                    reason: p.withdraw_reason ?? '',
                  },
          })),
        dispatches: dispatches
          .filter((d) => Number(d.request_id) === id)
          .map((d) => ({
            id: Number(d.id),
            pledgeId: Number(d.pledge_id),
            quantity: Number(d.quantity),
            counted: Number(d.counted),
            sentAt: d.sent_at,
            sentBy: Number(d.sent_by),
            expectedBy: d.expected_by,
            reference: d.reference,
          })),
        receipts: receipts
          .filter((x) => Number(x.request_id) === id)
          .map((x) => ({
            id: Number(x.id),
            dispatchId: Number(x.dispatch_id),
            quantity: Number(x.quantity),
            counted: Number(x.counted),
            receivedAt: x.received_at,
            receivedBy: Number(x.received_by),
            note: x.note,
          })),
      },
    };
  });
}

export async function getLedger(
  db: Kysely<Schema>,
  id: number,
  visibility: Visibility,
): Promise<Stored<AssistanceLedger> | null> {
  const row = await visibleRequests(db, visibility).selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) return null;
  const [ledger] = await ledgersOf(db, [row]);
  return ledger ?? null;
}

/** Visible requests and their ledgers, newest first. */
export async function listLedgers(
  db: Kysely<Schema>,
  query: AssistanceListQuery,
): Promise<Stored<AssistanceLedger>[]> {
  let q = visibleRequests(db, query.visibility).selectAll();
  if (query.party !== undefined) q = q.where('party', '=', query.party);
  if (query.caseId !== undefined) q = q.where('case_id', '=', query.caseId);
  if (query.category !== undefined) q = q.where('category', '=', query.category);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  return ledgersOf(db, rows);
}
