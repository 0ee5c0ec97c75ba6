/**
 * Reads and writes of alerts (tables of migration 0010), shared by both dialects: the outbox of alert
 * events, subscriptions, webhook deliveries and the outbox cursors of the workers.
 *
 * Ordering: an event's `seq` is drawn under a lock held until its transaction ends (PostgreSQL: the
 * lane lock; SQLite has one writer), so that events commit in `seq` order and a reader that has seen
 * `seq` n never later finds an n − 1 committed behind it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { AlertEvent, AlertKind, AlertPayload, NewAlertEvent } from '../domain/alerts/alert-event.ts';
import type { AlertFilter, AlertSubscription } from '../domain/alerts/alert-subscription.ts';
import type { Classification, Visibility } from '../domain/classification.ts';
import type { DialectSql } from './dialect-sql.ts';
import type { Schema } from './schema.ts';
import { visibleTo } from './visibility-filter.ts';

/** The lane whose lock orders the outbox's writers (see the module's comment). */
export const ALERT_LANE = 'liptako:alert-events';

// Written only from AlertKind, Classification and AlertPayload values by insertAlertEvent.
const kindOf = (text: string): AlertKind => text as AlertKind;
const classificationOf = (text: string): Classification => text as Classification;

export function rowToAlertEvent(row: {
  seq: number;
  kind: string;
  incident_id: number | null;
  classification: string;
  owner_party: string | null;
  created_at: string;
  payload: string;
}): AlertEvent {
  return {
    seq: Number(row.seq),
    kind: kindOf(row.kind),
    incidentId: row.incident_id === null ? null : Number(row.incident_id),
    classification: classificationOf(row.classification),
    ownerParty: row.owner_party,
    createdAt: row.created_at,
    // The column holds JSON.stringify of an AlertPayload (insertAlertEvent).
    payload: JSON.parse(row.payload) as AlertPayload,
  };
}

export async function insertAlertEvents(
  trx: Transaction<Schema>,
  dialectSql: DialectSql,
  events: readonly NewAlertEvent[],
  at: string,
): Promise<AlertEvent[]> {
  if (events.length === 0) return [];
  const lock = dialectSql.laneLock(ALERT_LANE);
  if (lock !== null) await lock.execute(trx);
  const rows = await trx
    .insertInto('alert_events')
    .values(
      events.map((e) => ({
        kind: e.kind,
        incident_id: e.incidentId,
        classification: e.classification,
        owner_party: e.classification === 'NATIONAL' ? e.ownerParty : null,
        created_at: at,
        payload: JSON.stringify(e.payload),
      })),
    )
    .returningAll()
    .execute();
  const written = rows.map(rowToAlertEvent).sort((a, b) => a.seq - b.seq);
  const notify = dialectSql.notifyAlerts(written[written.length - 1]?.seq ?? 0);
  if (notify !== null) await notify.execute(trx);
  return written;
}

/** Events after `afterSeq`, oldest first, at most `limit`: every classification (the caller filters). */
export async function readAlertEvents(
  db: Kysely<Schema>,
  afterSeq: number,
  limit: number,
): Promise<AlertEvent[]> {
  const rows = await db
    .selectFrom('alert_events')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(rowToAlertEvent);
}

/** The first and last seq held (0 and 0 when the outbox is empty). */
export async function alertSeqRange(db: Kysely<Schema>): Promise<{ first: number; last: number }> {
  const row = await db
    .selectFrom('alert_events')
    .select((eb) => [eb.fn.min('seq').as('first'), eb.fn.max('seq').as('last')])
    .executeTakeFirst();
  return { first: Number(row?.first ?? 0), last: Number(row?.last ?? 0) };
}

/** Visible events, newest first, below `before` when given. */
export async function listAlertEvents(
  db: Kysely<Schema>,
  query: { readonly visibility: Visibility; readonly limit: number; readonly before?: number },
): Promise<AlertEvent[]> {
  let q = db
    .selectFrom('alert_events')
    .selectAll()
    .where((eb) => visibleTo(eb, query.visibility))
    .orderBy('seq', 'desc')
    .limit(query.limit);
  if (query.before !== undefined) q = q.where('seq', '<', query.before);
  return (await q.execute()).map(rowToAlertEvent);
}

// --- subscriptions ---------------------------------------------------------------------------

export interface SubscriptionRow {
  id: number;
  user_id: number;
  name: string;
  filter: string;
  webhook_url: string | null;
  webhook_secret: string | null;
  webhook_active: number;
  created_at: string;
  updated_at: string;
}

export function rowToSubscription(row: SubscriptionRow): AlertSubscription {
  return {
    id: Number(row.id),
    userId: Number(row.user_id),
    name: row.name,
    // The column holds JSON.stringify of an AlertFilter checked by filterProblems.
    filter: JSON.parse(row.filter) as AlertFilter,
    webhook: row.webhook_url === null ? null : { url: row.webhook_url, active: row.webhook_active === 1 },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface SubscriptionWrite {
  readonly name: string;
  readonly filter: AlertFilter;
  /** null: no webhook. A secret left out keeps the one stored (an update that does not rotate it). */
  readonly webhook: { readonly url: string; readonly secret?: string; readonly active: boolean } | null;
}

export async function insertSubscription(
  db: Kysely<Schema>,
  userId: number,
  write: SubscriptionWrite,
  at: string,
): Promise<AlertSubscription> {
  const row = await db
    .insertInto('alert_subscriptions')
    .values({
      user_id: userId,
      name: write.name,
      filter: JSON.stringify(write.filter),
      webhook_url: write.webhook?.url ?? null,
      webhook_secret: write.webhook?.secret ?? null,
      webhook_active: write.webhook?.active === true ? 1 : 0,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return rowToSubscription(row);
}

export async function getSubscriptionRow(db: Kysely<Schema>, id: number): Promise<SubscriptionRow | null> {
  return (
    (await db.selectFrom('alert_subscriptions').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
  );
}

export async function listSubscriptions(db: Kysely<Schema>, userId: number): Promise<AlertSubscription[]> {
  const rows = await db
    .selectFrom('alert_subscriptions')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
  return rows.map(rowToSubscription);
}

export async function updateSubscription(
  db: Kysely<Schema>,
  id: number,
  write: SubscriptionWrite,
  at: string,
): Promise<AlertSubscription> {
  const row = await db
    .updateTable('alert_subscriptions')
    .set({
      name: write.name,
      filter: JSON.stringify(write.filter),
      webhook_url: write.webhook?.url ?? null,
      webhook_secret: write.webhook?.secret ?? null,
      webhook_active: write.webhook?.active === true ? 1 : 0,
      updated_at: at,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return rowToSubscription(row);
}

export async function deleteSubscription(db: Kysely<Schema>, id: number): Promise<void> {
  await db.deleteFrom('alert_deliveries').where('subscription_id', '=', id).execute();
  await db.deleteFrom('alert_subscriptions').where('id', '=', id).execute();
}

/** A subscription with an active webhook, with what delivery needs: its secret and its owner's role. */
export interface WebhookTarget {
  readonly subscription: AlertSubscription;
  readonly secret: string;
  readonly owner: { readonly role: string; readonly party: string | null };
}

export async function listWebhookTargets(db: Kysely<Schema>): Promise<WebhookTarget[]> {
  const rows = await db
    .selectFrom('alert_subscriptions')
    .innerJoin('users', 'users.id', 'alert_subscriptions.user_id')
    .selectAll('alert_subscriptions')
    .select(['users.role as owner_role', 'users.party as owner_party'])
    .where('alert_subscriptions.webhook_active', '=', 1)
    .where('alert_subscriptions.webhook_url', 'is not', null)
    .orderBy('alert_subscriptions.id')
    .execute();
  return rows.map((r) => ({
    subscription: rowToSubscription(r),
    secret: r.webhook_secret ?? '',
    owner: { role: r.owner_role, party: r.owner_party },
  }));
}

// --- deliveries ------------------------------------------------------------------------------

export interface AlertDelivery {
  readonly id: number;
  readonly eventSeq: number;
  readonly subscriptionId: number;
  readonly url: string;
  readonly status: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

function rowToDelivery(row: {
  id: number;
  event_seq: number;
  subscription_id: number;
  url: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}): AlertDelivery {
  return {
    id: Number(row.id),
    eventSeq: Number(row.event_seq),
    subscriptionId: Number(row.subscription_id),
    url: row.url,
    // Written only as one of the three by this file.
    status: row.status as AlertDelivery['status'],
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastStatus: row.last_status === null ? null : Number(row.last_status),
    lastError: row.last_error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

export async function readCursor(db: Kysely<Schema>, name: string): Promise<number> {
  const row = await db.selectFrom('alert_cursors').select('seq').where('name', '=', name).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/**
 * Moves a cursor from `from` to `to` and inserts the deliveries matched in between, in one
 * transaction; false, and nothing written, when another worker moved the cursor first.
 */
export async function advanceCursor(
  trx: Transaction<Schema>,
  dialectSql: DialectSql,
  name: string,
  from: number,
  to: number,
  deliveries: readonly { readonly eventSeq: number; readonly subscriptionId: number; readonly url: string }[],
  at: string,
): Promise<boolean> {
  const lock = dialectSql.laneLock(`liptako:cursor:${name}`);
  if (lock !== null) await lock.execute(trx);
  const current = await readCursor(trx, name);
  if (current !== from) return false;
  if (from === 0 && current === 0) {
    const exists = await trx
      .selectFrom('alert_cursors')
      .select('name')
      .where('name', '=', name)
      .executeTakeFirst();
    if (exists === undefined) await trx.insertInto('alert_cursors').values({ name, seq: to }).execute();
    else await trx.updateTable('alert_cursors').set({ seq: to }).where('name', '=', name).execute();
  } else await trx.updateTable('alert_cursors').set({ seq: to }).where('name', '=', name).execute();
  for (let i = 0; i < deliveries.length; i += 500)
    await trx
      .insertInto('alert_deliveries')
      .values(
        deliveries.slice(i, i + 500).map((d) => ({
          event_seq: d.eventSeq,
          subscription_id: d.subscriptionId,
          url: d.url,
          status: 'pending',
          attempts: 0,
          next_attempt_at: at,
          created_at: at,
        })),
      )
      .onConflict((oc) => oc.columns(['event_seq', 'subscription_id']).doNothing())
      .execute();
  return true;
}

/** A delivery a worker holds, with what it sends. */
export interface ClaimedDelivery extends AlertDelivery {
  readonly secret: string;
  readonly event: AlertEvent;
  readonly owner: { readonly role: string; readonly party: string | null };
}

/**
 * Takes up to `limit` due deliveries (pending, next attempt passed, no live lease) and leases them
 * until `leaseUntil`: PostgreSQL skips rows another worker is claiming (FOR UPDATE SKIP LOCKED).
 */
export async function claimDeliveries(
  trx: Transaction<Schema>,
  dialectSql: DialectSql,
  now: string,
  leaseUntil: string,
  limit: number,
): Promise<ClaimedDelivery[]> {
  let pick = trx
    .selectFrom('alert_deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit);
  if (dialectSql.dialect === 'postgres') pick = pick.forUpdate().skipLocked();
  const ids = (await pick.execute()).map((r) => Number(r.id));
  if (ids.length === 0) return [];
  await trx
    .updateTable('alert_deliveries')
    .set({ claimed_until: leaseUntil })
    .where('id', 'in', ids)
    .execute();
  const rows = await trx
    .selectFrom('alert_deliveries')
    .innerJoin('alert_events', 'alert_events.seq', 'alert_deliveries.event_seq')
    .innerJoin('alert_subscriptions', 'alert_subscriptions.id', 'alert_deliveries.subscription_id')
    .innerJoin('users', 'users.id', 'alert_subscriptions.user_id')
    .selectAll('alert_deliveries')
    .select([
      'alert_events.kind',
      'alert_events.incident_id',
      'alert_events.classification',
      'alert_events.owner_party',
      'alert_events.created_at as event_created_at',
      'alert_events.payload',
      'alert_subscriptions.webhook_secret',
      'users.role as owner_role',
      'users.party as owner_party_of_user',
    ])
    .where('alert_deliveries.id', 'in', ids)
    .orderBy('alert_deliveries.id')
    .execute();
  return rows.map((r) => ({
    ...rowToDelivery(r),
    secret: r.webhook_secret ?? '',
    event: rowToAlertEvent({
      seq: r.event_seq,
      kind: r.kind,
      incident_id: r.incident_id,
      classification: r.classification,
      owner_party: r.owner_party,
      created_at: r.event_created_at,
      payload: r.payload,
    }),
    owner: { role: r.owner_role, party: r.owner_party_of_user },
  }));
}

export type DeliveryResult =
  /** Handed back unattempted (its endpoint was busy): only the lease is cleared. */
  | { readonly outcome: 'release' }
  | { readonly outcome: 'delivered'; readonly status: number }
  | {
      readonly outcome: 'retry';
      readonly status: number | null;
      readonly error: string;
      readonly nextAttemptAt: string;
    }
  | { readonly outcome: 'failed'; readonly status: number | null; readonly error: string };

export async function finishDelivery(
  db: Kysely<Schema>,
  id: number,
  result: DeliveryResult,
  at: string,
): Promise<void> {
  if (result.outcome === 'release') {
    await db.updateTable('alert_deliveries').set({ claimed_until: null }).where('id', '=', id).execute();
    return;
  }
  await db
    .updateTable('alert_deliveries')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      claimed_until: null,
      last_status: result.status,
      last_error: result.outcome === 'delivered' ? null : result.error,
      status: result.outcome === 'retry' ? 'pending' : result.outcome,
      ...(result.outcome === 'retry' ? { next_attempt_at: result.nextAttemptAt } : { finished_at: at }),
    }))
    .where('id', '=', id)
    .execute();
}

export async function listDeliveries(
  db: Kysely<Schema>,
  subscriptionId: number,
  limit: number,
): Promise<AlertDelivery[]> {
  const rows = await db
    .selectFrom('alert_deliveries')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(rowToDelivery);
}
