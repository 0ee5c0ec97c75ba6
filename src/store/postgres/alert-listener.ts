/**
 * Store.watchAlerts on PostgreSQL: LISTEN on the outbox's channel (postgres-sql.ts, ALERT_CHANNEL) on a
 * connection of its own, outside the pool (a pooled connection goes back to the pool, and LISTEN with
 * it). Each node of a deployment holds one, so that an alert committed by any node wakes the readers of
 * every node at once. A lost connection is opened again with growing delays (with jitter, up to
 * 30 s); once it listens again, `onWake` runs, since NOTIFYs sent meanwhile were not kept for it.
 */
import pg from 'pg';
import type { AlertWatch } from '../store.ts';
import { ALERT_CHANNEL } from './postgres-sql.ts';

const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 30_000;

export interface AlertListenerOptions {
  /** How to connect: the pool's settings (URL, search_path), so that the channel is the same schema's. */
  readonly client: pg.ClientConfig;
  readonly onWake: () => void;
  /** Told of each lost connection and failed reconnection (the watch goes on trying). */
  readonly onError?: (error: unknown) => void;
}

/** Resolves once the first connection listens; rejects when it cannot (the database was just reached). */
export async function listenForAlerts(options: AlertListenerOptions): Promise<AlertWatch> {
  let closed = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let delay = FIRST_RETRY_MS;

  const lost = (from: pg.Client, error?: unknown) => {
    if (client !== from || closed) return;
    client = null;
    options.onError?.(error ?? new Error('the alert listener lost its connection'));
    from.end().catch(() => undefined);
    retry();
  };

  const connect = async (): Promise<pg.Client> => {
    const c = new pg.Client({ ...options.client, keepAlive: true });
    // Every client error is handled here: an unhandled 'error' event would end the process.
    c.on('error', (error) => lost(c, error));
    c.on('end', () => lost(c));
    c.on('notification', () => options.onWake());
    try {
      await c.connect();
      const { rows } = await c.query<{ channel: string | null }>(`SELECT ${ALERT_CHANNEL} AS channel`);
      const channel = rows[0]?.channel;
      if (typeof channel !== 'string') throw new Error('no schema to listen on: is the database migrated?');
      // liptako_alerts_ and hex digits: nothing to quote.
      await c.query(`LISTEN ${channel}`);
      return c;
    } catch (error) {
      await c.end().catch(() => undefined);
      throw error;
    }
  };

  const retry = () => {
    if (closed || timer !== null) return;
    const wait = delay * (0.5 + Math.random() / 2);
    delay = Math.min(delay * 2, LAST_RETRY_MS);
    timer = setTimeout(() => {
      timer = null;
      connect().then(
        async (c) => {
          if (closed) return c.end();
          client = c;
          delay = FIRST_RETRY_MS;
          options.onWake();
        },
        (error: unknown) => {
          options.onError?.(error);
          retry();
        },
      );
    }, wait);
  };

  client = await connect();
  return {
    async close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
