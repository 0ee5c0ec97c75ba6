/** Alerts and subscriptions as the API shows them (snake_case, like every other answer). */
import { alertJson } from '../../../domain/alerts/alert-json.ts';
import type { AlertFilter, AlertSubscription } from '../../../domain/alerts/alert-subscription.ts';
import type { AlertDelivery } from '../../../store/store.ts';

/** The alert's JSON (domain/alerts/alert-json.ts). */
export const presentAlert = alertJson;

export function presentFilter(f: AlertFilter) {
  return {
    kinds: [...(f.kinds ?? [])],
    area: f.area ?? null,
    admin_units: (f.adminUnits ?? []).map((u) => ({ country: u.country, admin1: u.admin1 })),
    event_types: [...(f.eventTypes ?? [])],
    sub_event_types: [...(f.subEventTypes ?? [])],
    actors: [...(f.actors ?? [])],
    min_fatalities: f.minFatalities ?? null,
    articles: [...(f.articles ?? [])],
  };
}

export function presentSubscription(s: AlertSubscription) {
  return {
    id: s.id,
    name: s.name,
    ...presentFilter(s.filter),
    webhook: s.webhook === null ? null : { url: s.webhook.url, active: s.webhook.active },
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

export function presentDelivery(d: AlertDelivery) {
  return {
    id: d.id,
    event_seq: d.eventSeq,
    url: d.url,
    status: d.status,
    attempts: d.attempts,
    next_attempt_at: d.status === 'pending' ? d.nextAttemptAt : null,
    last_status: d.lastStatus,
    last_error: d.lastError,
    created_at: d.createdAt,
    finished_at: d.finishedAt,
  };
}
