/**
 * A small Server-Sent Events client over node:http for tests and the benchmark: it parses frames as
 * the EventSource specification does (id, event, data, comments) and can stop reading (a slow client).
 */
import http from 'node:http';

export interface SseEvent {
  readonly id: string | null;
  readonly event: string;
  readonly data: string;
  /** performance.now() when the frame was complete. */
  readonly at: number;
}

export interface SseConnection {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly events: SseEvent[];
  /** Resolves when `count` events (of the kind, `alert` by default) have arrived. */
  waitFor(count: number, kind?: string, timeoutMs?: number): Promise<SseEvent[]>;
  /** Stops reading from the socket: the server's buffer fills. */
  pause(): void;
  close(): void;
  /** Resolves when the server ended or dropped the connection. */
  readonly ended: Promise<void>;
  /** Whether the server ended or dropped the connection. */
  closedByServer(): boolean;
  onEvent?: (e: SseEvent) => void;
}

export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const events: SseEvent[] = [];
      const waiters: { count: number; kind: string; resolve: (e: SseEvent[]) => void }[] = [];
      let buffer = '';
      let done = false;
      let endResolve: () => void = () => undefined;
      const ended = new Promise<void>((r) => (endResolve = r)).then(() => {
        done = true;
      });
      res.setEncoding('utf8');
      const conn: SseConnection = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        waitFor(count, kind = 'alert', timeoutMs = 10_000) {
          const of = () => events.filter((e) => e.event === kind);
          if (of().length >= count) return Promise.resolve(of());
          return new Promise((ok, fail) => {
            const timer = setTimeout(
              () => fail(new Error(`${of().length} of ${count} ${kind} events after ${timeoutMs} ms`)),
              timeoutMs,
            );
            waiters.push({
              count,
              kind,
              resolve: (e) => {
                clearTimeout(timer);
                ok(e);
              },
            });
          });
        },
        pause: () => {
          res.pause();
          // Stop the kernel from reading ahead on our side too.
          res.socket.pause();
        },
        close: () => {
          req.destroy();
        },
        ended,
        closedByServer: () => done,
      };
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let id: string | null = null;
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'id') id = value;
            else if (field === 'event') event = value;
            else if (field === 'data') data.push(value);
          }
          if (data.length === 0) continue;
          const e = { id, event, data: data.join('\n'), at: performance.now() };
          events.push(e);
          conn.onEvent?.(e);
          for (const w of [...waiters]) {
            const matching = events.filter((x) => x.event === w.kind);
            if (matching.length >= w.count) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(matching);
            }
          }
        }
      });
      res.on('end', endResolve);
      res.on('close', endResolve);
      res.on('error', endResolve);
      resolve(conn);
    });
    req.on('error', reject);
  });
}

/** Reads a whole (short) response body: a refused stream's JSON error. */
export function getText(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}
