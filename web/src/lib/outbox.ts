/**
 * Field reports written offline: each is stored in IndexedDB with a client_ref before any attempt
 * to send it, sent when the connection returns, and removed only when the server has it. The server
 * stores a client_ref once, so a retry after a lost answer never creates a second report.
 */
import { api, ApiError, hasCsrf, setCsrf, type Session } from './api.ts';
import { Observable } from './store.ts';

export interface ReportDraft {
  readonly kind: 'field';
  readonly source: string;
  readonly text: string;
  readonly published: string | null;
  readonly place_text: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly classification: 'PUBLIC' | 'AES_RESTRICTED' | 'NATIONAL';
  readonly owner_party: string | null;
  readonly language: string | null;
}

export interface OutboxItem {
  readonly client_ref: string;
  readonly report: ReportDraft;
  readonly created_at: string;
  readonly attempts: number;
  /** Set when the server refused the report (bad input): kept for the user to correct or delete. */
  readonly refused: string | null;
}

const DB = 'liptako-outbox';
const STORE = 'reports';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'client_ref' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB unavailable'));
  });
}

async function tx<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = run(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB write failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB write aborted'));
    });
  } finally {
    db.close();
  }
}

export const outbox = new Observable<readonly OutboxItem[]>([]);

async function refresh(): Promise<readonly OutboxItem[]> {
  const items = await tx<OutboxItem[]>('readonly', (s) => s.getAll() as IDBRequest<OutboxItem[]>);
  items.sort((a, b) => a.created_at.localeCompare(b.created_at));
  outbox.set(items);
  return items;
}

/** Keep the report on the device (durably) before anything else. */
export async function enqueue(report: ReportDraft): Promise<OutboxItem> {
  const item: OutboxItem = {
    client_ref: crypto.randomUUID(),
    report,
    created_at: new Date().toISOString(),
    attempts: 0,
    refused: null,
  };
  await tx('readwrite', (s) => s.add(item));
  await refresh();
  // Background Sync (where the browser has it) wakes the page's flush when the connection returns.
  void navigator.serviceWorker?.ready
    .then((r) =>
      (r as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }).sync?.register(
        'liptako-outbox',
      ),
    )
    .catch(() => undefined);
  return item;
}

export async function discard(clientRef: string): Promise<void> {
  await tx('readwrite', (s) => s.delete(clientRef));
  await refresh();
}

export interface FlushResult {
  readonly sent: { client_ref: string; report_id: number }[];
  readonly offline: boolean;
}

let running: Promise<FlushResult> | null = null;

/** Send what waits, oldest first; one flush at a time in this page. */
export function flush(): Promise<FlushResult> {
  running ??= doFlush().finally(() => (running = null));
  return running;
}

async function doFlush(): Promise<FlushResult> {
  const sent: FlushResult['sent'] = [];
  const items = await refresh();
  if (items.length > 0 && !hasCsrf()) {
    // The page was opened offline: get the session's CSRF token back before sending.
    try {
      setCsrf((await api.get<Session>('/api/session')).csrf);
    } catch (error) {
      return { sent, offline: error instanceof ApiError && error.status === 0 };
    }
  }
  for (const item of items) {
    if (item.refused !== null) continue;
    try {
      const result = await api.post<{ id: number }>('/api/reports', {
        ...item.report,
        client_ref: item.client_ref,
      });
      await tx('readwrite', (s) => s.delete(item.client_ref));
      sent.push({ client_ref: item.client_ref, report_id: result.id });
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      if (status === 0 || status === 401 || status === 403 || status === 429 || status >= 500) {
        // Not the report's fault: keep it as it is and try again later.
        await tx('readwrite', (s) => s.put({ ...item, attempts: item.attempts + 1 }));
        await refresh();
        return { sent, offline: status === 0 };
      }
      await tx('readwrite', (s) =>
        s.put({
          ...item,
          attempts: item.attempts + 1,
          refused: error instanceof Error ? error.message : String(error),
        }),
      );
    }
  }
  await refresh();
  return { sent, offline: false };
}

/** Make a refused report sendable again (after the user corrected the cause or the server changed). */
export async function retry(clientRef: string): Promise<void> {
  const item = outbox.get().find((i) => i.client_ref === clientRef);
  if (item === undefined) return;
  await tx('readwrite', (s) => s.put({ ...item, refused: null }));
  await refresh();
}

/** Send on start, when the connection returns, when the service worker asks, and every 30 s. */
export function startOutbox(): void {
  const kick = () => void flush().catch(() => undefined);
  window.addEventListener('online', kick);
  navigator.serviceWorker?.addEventListener('message', (event: MessageEvent) => {
    if ((event.data as { type?: string } | null)?.type === 'flush-outbox') kick();
  });
  window.setInterval(() => {
    if (navigator.onLine && outbox.get().length > 0) kick();
  }, 30_000);
  void refresh().then(kick, () => undefined);
}
