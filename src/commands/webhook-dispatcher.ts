/**
 * Webhook delivery, in two steps that each work from the database, so that several API nodes can run
 * them on one PostgreSQL and every delivery is made by exactly one of them:
 *
 * 1. match: read the outbox after the `webhooks` cursor, match each alert against every active
 *    webhook subscription whose owner may read it, and insert one delivery row per pair while moving
 *    the cursor, in one transaction (another node that read the same events loses the cursor's check
 *    and writes nothing);
 * 2. deliver: claim due deliveries (a lease; PostgreSQL skips rows another node is claiming), POST
 *    each, signed (webhook-signature.ts), with a timeout, and record the outcome: delivered, retried
 *    later with backoff and jitter (domain/alerts/retry-schedule.ts), or failed for good.
 *
 * One endpoint never delays the others: requests run concurrently, at most `perEndpoint` per endpoint
 * (its origin) and `concurrency` in all, each bounded by `timeoutMs`; a delivery whose endpoint is
 * full waits in the database, not in a queue in front of the others.
 */
import { alertJson } from '../domain/alerts/alert-json.ts';
import { matchesFilter, mayReceive } from '../domain/alerts/alert-subscription.ts';
import { DEFAULT_RETRY, retryDelayMs, type RetryPolicy } from '../domain/alerts/retry-schedule.ts';
import type { Role } from '../domain/role.ts';
import type { ClaimedDelivery, Store } from '../store/store.ts';
import { signWebhook } from './webhook-signature.ts';

export interface WebhookOptions {
  readonly timeoutMs?: number;
  readonly concurrency?: number;
  readonly perEndpoint?: number;
  readonly retry?: RetryPolicy;
  /** How often the outbox and the due deliveries are read when nothing wakes the worker. */
  readonly pollMs?: number;
  readonly now?: () => Date;
  readonly random?: () => number;
  readonly fetch?: typeof fetch;
}

const CURSOR = 'webhooks';
const MATCH_BATCH = 500;

/** The fields of the JSON a webhook receives. */
export function webhookBody(delivery: ClaimedDelivery): string {
  return JSON.stringify({
    delivery_id: delivery.id,
    subscription_id: delivery.subscriptionId,
    alert: alertJson(delivery.event),
  });
}

function endpointOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

export class WebhookDispatcher {
  readonly #store: Store;
  readonly #o: Required<Omit<WebhookOptions, 'fetch'>> & { fetch: typeof fetch };
  readonly #inFlight = new Map<string, number>();
  #running = 0;
  #timer: NodeJS.Timeout | null = null;
  #ticking: Promise<void> | null = null;
  #again = false;
  #stopped = true;
  /** This worker has read the cursor once (see match). */
  #cursorSeen = false;
  readonly #requests = new Set<Promise<void>>();

  constructor(store: Store, options: WebhookOptions = {}) {
    this.#store = store;
    this.#o = {
      timeoutMs: options.timeoutMs ?? 10_000,
      concurrency: options.concurrency ?? 32,
      perEndpoint: options.perEndpoint ?? 4,
      retry: options.retry ?? DEFAULT_RETRY,
      pollMs: options.pollMs ?? 1000,
      now: options.now ?? (() => new Date()),
      random: options.random ?? Math.random,
      fetch: options.fetch ?? fetch,
    };
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#timer = setInterval(() => this.wake(), this.#o.pollMs);
    this.#timer.unref();
    this.wake();
  }

  /** Stops claiming; requests under way finish (each is bounded by its timeout). */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    await this.#ticking;
    await Promise.allSettled([...this.#requests]);
  }

  wake(): void {
    if (this.#stopped) return;
    if (this.#ticking !== null) {
      this.#again = true;
      return;
    }
    this.#ticking = this.tick()
      .catch(() => undefined)
      .finally(() => {
        this.#ticking = null;
        if (this.#again) {
          this.#again = false;
          this.wake();
        }
      });
  }

  /** One round: match new alerts, then start the due deliveries there is room for. */
  async tick(): Promise<void> {
    await this.match();
    await this.deliver();
  }

  /** Step 1 (see the module's comment). Returns the deliveries written. */
  async match(): Promise<number> {
    let written = 0;
    for (;;) {
      const from = await this.#store.readAlertCursor(CURSOR);
      const at = this.#o.now().toISOString();
      if (from === 0 && !this.#cursorSeen) {
        // A first run starts at the present: a new subscription gets no backlog of old alerts. Only at
        // this worker's first look: a cursor still at 0 later means the outbox was empty then, and the
        // alerts since are new (skipping them lost a fresh deployment's first alerts).
        this.#cursorSeen = true;
        const { last } = await this.#store.alertSeqRange();
        if (last > 0) await this.#store.recordWebhookDeliveries({ name: CURSOR, from: 0, to: last }, [], at);
        if (last > 0) return written;
      }
      this.#cursorSeen = true;
      const events = await this.#store.readAlertEvents(from, MATCH_BATCH);
      if (events.length === 0) return written;
      const targets = await this.#store.listWebhookTargets();
      const deliveries: { eventSeq: number; subscriptionId: number; url: string }[] = [];
      for (const event of events)
        for (const t of targets) {
          if (t.subscription.webhook === null) continue;
          // Owner roles are read as stored: a role string the domain does not know reads nothing.
          const owner = { role: t.owner.role as Role, party: t.owner.party };
          if (mayReceive(owner, event) && matchesFilter(event, t.subscription.filter))
            deliveries.push({
              eventSeq: event.seq,
              subscriptionId: t.subscription.id,
              url: t.subscription.webhook.url,
            });
        }
      const to = events[events.length - 1]?.seq ?? from;
      if (await this.#store.recordWebhookDeliveries({ name: CURSOR, from, to }, deliveries, at))
        written += deliveries.length;
      if (events.length < MATCH_BATCH) return written;
    }
  }

  /** Step 2: claims as many due deliveries as there is room for and starts them (not awaited). */
  async deliver(): Promise<void> {
    const room = this.#o.concurrency - this.#running;
    if (room <= 0 || this.#stopped) return;
    const now = this.#o.now();
    // The lease outlives a request: a node that dies mid-request lets another retry after it.
    const lease = new Date(now.getTime() + this.#o.timeoutMs * 3 + 5000).toISOString();
    const claimed = await this.#store.claimWebhookDeliveries(now.toISOString(), lease, room);
    for (const d of claimed) {
      const endpoint = endpointOf(d.url);
      const busy = this.#inFlight.get(endpoint) ?? 0;
      if (busy >= this.#o.perEndpoint) {
        // Its endpoint is full: hand the row back untouched, for a later round.
        await this.#store.finishWebhookDelivery(d.id, { outcome: 'release' }, now.toISOString());
        continue;
      }
      this.#inFlight.set(endpoint, busy + 1);
      this.#running += 1;
      const request = this.#send(d).finally(() => {
        this.#inFlight.set(endpoint, (this.#inFlight.get(endpoint) ?? 1) - 1);
        this.#running -= 1;
        this.#requests.delete(request);
        // A slot is free: the next due delivery need not wait for the poll.
        this.wake();
      });
      this.#requests.add(request);
    }
  }

  /** Resolves when no request is under way and nothing is due (tests). */
  async drain(): Promise<void> {
    for (;;) {
      await this.tick();
      if (this.#requests.size === 0) return;
      await Promise.race([...this.#requests]);
    }
  }

  async #send(d: ClaimedDelivery): Promise<void> {
    const owner = { role: d.owner.role as Role, party: d.owner.party };
    if (!mayReceive(owner, d.event)) {
      // The owner's role changed since the match: they may no longer read what the alert is about.
      await this.#store.finishWebhookDelivery(
        d.id,
        { outcome: 'failed', status: null, error: 'the subscription owner may no longer read this alert' },
        this.#o.now().toISOString(),
      );
      return;
    }
    const body = webhookBody(d);
    const timestamp = Math.floor(this.#o.now().getTime() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await this.#o.fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Liptako-Webhooks/1',
          'x-liptako-signature': signWebhook(d.secret, timestamp, body),
          'x-liptako-event': d.event.kind,
          'x-liptako-delivery': String(d.id),
          'idempotency-key': `alert-${d.eventSeq}-sub-${d.subscriptionId}`,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#o.timeoutMs),
      });
      status = res.status;
      // The body is not read: only the status counts, and a slow body must not hold the slot.
      await res.body?.cancel().catch(() => undefined);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (e) {
      error =
        e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')
          ? `no answer within ${this.#o.timeoutMs} ms`
          : `request failed: ${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)}`;
    }
    const at = this.#o.now();
    if (error === null) {
      await this.#store.finishWebhookDelivery(
        d.id,
        { outcome: 'delivered', status: status ?? 0 },
        at.toISOString(),
      );
      return;
    }
    const delay = retryDelayMs(this.#o.retry, d.attempts + 1, this.#o.random());
    await this.#store.finishWebhookDelivery(
      d.id,
      delay === null
        ? { outcome: 'failed', status, error }
        : { outcome: 'retry', status, error, nextAttemptAt: new Date(at.getTime() + delay).toISOString() },
      at.toISOString(),
    );
  }
}
