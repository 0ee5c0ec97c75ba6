/**
 * The live alert stream of a signed-in user: one EventSource on /api/stream (the browser reconnects
 * by itself and sends Last-Event-ID, so nothing is missed), the alerts received, and the notice of
 * the newest. The scope (every alert the user may read, or only their subscriptions') is remembered.
 */
import { Observable } from './store.ts';

export interface Alert {
  readonly seq: number;
  readonly kind: string;
  readonly incident_id: number | null;
  readonly classification: 'PUBLIC' | 'AES_RESTRICTED' | 'NATIONAL';
  readonly owner_party: string | null;
  readonly created_at: string;
  readonly payload: Record<string, unknown>;
}

export type AlertScope = 'all' | 'mine';
const SCOPE_KEY = 'liptako.alerts.scope';

/** Alerts received live, newest first (at most 100). */
export const liveAlerts = new Observable<readonly Alert[]>([]);
/** The alert the notice shows; null once dismissed. */
export const liveNotice = new Observable<Alert | null>(null);
export const streamState = new Observable<'off' | 'live' | 'lost'>('off');
/** Bumped when the server said too much was missed: lists reload. */
export const streamReset = new Observable<number>(0);
export const alertScope = new Observable<AlertScope>(
  localStorage.getItem(SCOPE_KEY) === 'mine' ? 'mine' : 'all',
);

let source: EventSource | null = null;

export function startAlertStream(): void {
  stopAlertStream();
  const url = alertScope.get() === 'mine' ? '/api/stream?subscription=mine' : '/api/stream';
  const es = new EventSource(url, { withCredentials: true });
  source = es;
  es.onopen = () => streamState.set('live');
  es.onerror = () => streamState.set(es.readyState === EventSource.CLOSED ? 'off' : 'lost');
  es.addEventListener('alert', (e) => {
    const alert = JSON.parse((e as MessageEvent<string>).data) as Alert;
    liveAlerts.set([alert, ...liveAlerts.get().filter((a) => a.seq !== alert.seq)].slice(0, 100));
    liveNotice.set(alert);
  });
  es.addEventListener('reset', () => {
    liveAlerts.set([]);
    streamReset.set(streamReset.get() + 1);
  });
  es.addEventListener('end', () => stopAlertStream());
}

export function stopAlertStream(): void {
  source?.close();
  source = null;
  streamState.set('off');
}

export function setAlertScope(scope: AlertScope): void {
  localStorage.setItem(SCOPE_KEY, scope);
  alertScope.set(scope);
  if (source !== null) startAlertStream();
}
