/**
 * The in-process hub of the alert stream (GET /api/stream). The outbox table is the source of truth:
 * the hub only wakes up (right after a change commits in this process; when the store's alert watch
 * tells of events any node appended, create-app.ts; and by a periodic poll, a safety net for a lost
 * wake-up), reads the events after the last one it saw, and fans each out once to the connected
 * clients that may read it and whose filter it meets.
 *
 * A client never stalls the others: frames are written without waiting, and a client whose socket
 * buffer passes `maxBufferedBytes` is dropped (it resumes with Last-Event-ID). Each event's frame is
 * serialised once, whoever receives it.
 */
import type { ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { AlertEvent } from '../domain/alerts/alert-event.ts';
import { alertJson } from '../domain/alerts/alert-json.ts';
import { matchesFilter, mayReceive, type AlertFilter } from '../domain/alerts/alert-subscription.ts';
import type { Viewer } from '../domain/classification.ts';
import type { Store } from '../store/store.ts';

export interface AlertHubOptions {
  /** The safety-net poll of the outbox (a wake-up lost with the store's connection, say). */
  readonly pollMs?: number;
  /** Comment lines that keep proxies from closing an idle stream. */
  readonly heartbeatMs?: number;
  /** How often each client's credentials are checked again (a revoked token, a changed role). */
  readonly revalidateMs?: number;
  /** A client whose unsent bytes pass this is dropped. */
  readonly maxBufferedBytes?: number;
  /** At most this many missed events are replayed on resume; more, and the client is told to reload. */
  readonly replayLimit?: number;
}

/** Who a stream is for, as checked when it opened and again every `revalidateMs`. */
export interface StreamViewer extends Viewer {
  readonly userId: number;
}

export interface StreamClient {
  readonly res: ServerResponse;
  viewer: StreamViewer;
  /** Null: every alert the viewer may read. Several: any of them. */
  readonly filters: readonly AlertFilter[] | null;
  /** Checks the credentials again: the viewer now, or null when they no longer hold. */
  readonly revalidate: () => Promise<StreamViewer | null>;
  /**
   * Names the credentials (a digest of the token or cookie): clients that share them are checked
   * once per round, not once each.
   */
  readonly credential: string;
  /** Last seq written to this client. */
  sent: number;
  /** Live frames held while the missed events are replayed. */
  pending: { seq: number; frame: Buffer; event: AlertEvent }[] | null;
  closed: boolean;
}

const DEFAULTS = {
  pollMs: 1000,
  heartbeatMs: 15_000,
  revalidateMs: 60_000,
  maxBufferedBytes: 1024 * 1024,
  replayLimit: 1000,
};

/** The SSE frame of an event: the same bytes for every client that receives it, encoded once. */
export function alertFrame(event: AlertEvent): Buffer {
  return Buffer.from(`id: ${event.seq}\nevent: alert\ndata: ${JSON.stringify(alertJson(event))}\n\n`);
}

export class AlertHub {
  readonly #store: Store;
  readonly #options: typeof DEFAULTS;
  readonly #clients = new Set<StreamClient>();
  #lastSeq = 0;
  #started = false;
  #pumping: Promise<void> | null = null;
  #again = false;
  #timers: NodeJS.Timeout[] = [];
  /** Counters for tests and the benchmark. */
  readonly stats = { delivered: 0, dropped: 0, events: 0 };

  constructor(store: Store, options: AlertHubOptions = {}) {
    this.#store = store;
    this.#options = { ...DEFAULTS, ...options };
  }

  get clientCount(): number {
    return this.#clients.size;
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  get replayLimit(): number {
    return this.#options.replayLimit;
  }

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#lastSeq = (await this.#store.alertSeqRange()).last;
    const every = (ms: number, run: () => void) => {
      const t = setInterval(run, ms);
      t.unref();
      this.#timers.push(t);
    };
    every(this.#options.pollMs, () => this.wake());
    every(this.#options.heartbeatMs, () => this.#heartbeat());
    every(this.#options.revalidateMs, () => void this.#revalidate());
  }

  /** Ends every stream and stops the timers (the server is closing). */
  async stop(): Promise<void> {
    for (const t of this.#timers) clearInterval(t);
    this.#timers = [];
    await this.#pumping;
    for (const c of [...this.#clients]) this.drop(c, false);
    this.#started = false;
  }

  /** Something may have been written: read the outbox now (coalesced with a read under way). */
  wake(): void {
    if (!this.#started) return;
    if (this.#pumping !== null) {
      this.#again = true;
      return;
    }
    this.#pumping = this.#pump().finally(() => {
      this.#pumping = null;
      if (this.#again) {
        this.#again = false;
        this.wake();
      }
    });
  }

  /** Resolves once the outbox has been read up to now (tests). */
  async settle(): Promise<void> {
    this.wake();
    while (this.#pumping !== null) await this.#pumping;
  }

  async #pump(): Promise<void> {
    try {
      for (;;) {
        const events = await this.#store.readAlertEvents(this.#lastSeq, 500);
        if (events.length === 0) return;
        this.#dropStuck();
        for (const event of events) this.#fanOut(event);
        this.#lastSeq = events[events.length - 1]?.seq ?? this.#lastSeq;
        // Let the sockets write what was queued before the next batch (SQLite answers without a turn
        // of the event loop), so that a backlog measured then is a reader's, not this batch's.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      // The store is closing or unreachable: the next wake or poll tries again.
      if (process.env['LIPTAKO_DEBUG_HUB']) console.error(error);
    }
  }

  #fanOut(event: AlertEvent): void {
    this.stats.events += 1;
    let frame: Buffer | null = null;
    for (const client of this.#clients) {
      if (!wants(client, event)) continue;
      frame ??= alertFrame(event);
      if (client.pending !== null) client.pending.push({ seq: event.seq, frame, event });
      else this.#write(client, event.seq, frame);
    }
  }

  /**
   * Never wait for a slow reader: one whose socket still holds more than the bound when a new batch
   * comes (what it had a turn of the event loop to take) is dropped, and resumes with Last-Event-ID.
   */
  #dropStuck(): void {
    for (const c of this.#clients)
      if (c.res.writableLength > this.#options.maxBufferedBytes) this.drop(c, true);
  }

  #write(client: StreamClient, seq: number, frame: Buffer): void {
    if (client.closed || seq <= client.sent) return;
    // Straight to the socket once the headers are out (no chunked encoding: see the route): the
    // response object's bookkeeping costs more than the write itself at 10,000 clients.
    // (An injected request, in tests, has no real socket: it goes through the response.)
    const socket = client.res.socket;
    if (socket instanceof Socket && client.res.headersSent && !socket.destroyed) socket.write(frame);
    else client.res.write(frame);
    client.sent = seq;
    this.stats.delivered += 1;
    // Within one batch the bound is checked loosely: a burst is written before the socket can drain.
    if (backlog(client) > this.#options.maxBufferedBytes * 16) this.drop(client, true);
  }

  /**
   * Adds a client. With `lastEventId`, the events it missed are replayed from the outbox first (live
   * events meanwhile are held, then sent in order).
   */
  async connect(client: StreamClient, lastEventId: number | null): Promise<void> {
    client.pending = lastEventId === null ? null : [];
    client.sent = lastEventId ?? this.#lastSeq;
    this.#clients.add(client);
    client.res.on('close', () => this.drop(client, false));
    if (lastEventId === null) return;
    await this.replay(client, lastEventId);
    const held = client.pending ?? [];
    client.pending = null;
    for (const p of held) this.#write(client, p.seq, p.frame);
  }

  /**
   * Writes to the client the events after `lastEventId` that it may read, up to the last the hub has
   * seen; when they are more than `replayLimit`, older than the outbox keeps, or `lastEventId` is from
   * the future (another database), a `reset` event instead, naming where the stream goes on from.
   */
  async replay(client: StreamClient, lastEventId: number): Promise<void> {
    client.sent = Math.max(client.sent, lastEventId);
    const upTo = this.#lastSeq;
    const { first } = await this.#store.alertSeqRange();
    const pruned = first > 0 && lastEventId < first - 1;
    if (lastEventId > upTo || upTo - lastEventId > this.#options.replayLimit || pruned) {
      this.#reset(client, upTo);
      return;
    }
    let from = lastEventId;
    while (from < upTo && !client.closed) {
      const batch = await this.#store.readAlertEvents(from, 500);
      for (const event of batch) {
        if (event.seq > upTo) break;
        if (wants(client, event)) this.#write(client, event.seq, alertFrame(event));
      }
      const last = batch[batch.length - 1];
      if (last === undefined) break;
      from = last.seq;
    }
    client.sent = Math.max(client.sent, upTo);
  }

  #reset(client: StreamClient, upTo: number): void {
    if (client.closed) return;
    client.res.write(
      `id: ${upTo}\nevent: reset\ndata: ${JSON.stringify({ last_event_id: upTo, reason: 'too many missed alerts to replay: reload the list' })}\n\n`,
    );
    client.sent = upTo;
  }

  drop(client: StreamClient, slow: boolean): void {
    if (!this.#clients.delete(client)) return;
    client.closed = true;
    if (slow) this.stats.dropped += 1;
    if (!client.res.destroyed) {
      if (slow) client.res.destroy();
      else client.res.end();
    }
  }

  #heartbeat(): void {
    this.#dropStuck();
    for (const c of this.#clients) if (c.pending === null && !c.closed) c.res.write(': heartbeat\n\n');
  }

  async #revalidate(): Promise<void> {
    const checked = new Map<string, Promise<StreamViewer | null>>();
    for (const c of [...this.#clients]) {
      if (c.closed) continue;
      let check = checked.get(c.credential);
      if (check === undefined) {
        check = c.revalidate().catch(() => c.viewer);
        checked.set(c.credential, check);
      }
      const viewer = await check;
      if (viewer === null) {
        if (!c.closed) c.res.write('event: end\ndata: {"reason":"signed out"}\n\n');
        this.drop(c, false);
      } else c.viewer = viewer;
    }
  }
}

/** Bytes written to the client that its socket has not sent yet. */
function backlog(client: StreamClient): number {
  return client.res.writableLength + (client.res.socket?.writableLength ?? 0);
}

function wants(client: StreamClient, event: AlertEvent): boolean {
  if (client.closed || event.seq <= client.sent) return false;
  if (!mayReceive(client.viewer, event)) return false;
  return client.filters === null || client.filters.some((f) => matchesFilter(event, f));
}
