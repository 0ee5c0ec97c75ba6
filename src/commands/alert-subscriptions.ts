/**
 * A user's alert subscriptions: checked (filter, webhook URL), stored with a webhook secret made here
 * and shown once, replaced, deleted. The webhook URL must be http(s); with an allow-list configured
 * (LIPTAKO_WEBHOOK_ALLOW), its host must be on it (see docs/SECURITY.md on server-side request forgery).
 */
import type { AlertArea } from '../domain/alerts/alert-area.ts';
import type { AlertKind } from '../domain/alerts/alert-event.ts';
import {
  filterProblems,
  type AlertFilter,
  type AlertSubscription,
} from '../domain/alerts/alert-subscription.ts';
import type { FieldProblem } from '../domain/incident.ts';
import type { AuditContext, Store } from '../store/store.ts';
import { newWebhookSecret } from './webhook-signature.ts';

export interface SubscriptionDraft {
  readonly name: string;
  readonly kinds?: readonly AlertKind[] | undefined;
  readonly area?: AlertArea | null | undefined;
  readonly adminUnits?:
    readonly { readonly country: string; readonly admin1?: string | null | undefined }[] | undefined;
  readonly eventTypes?: readonly string[] | undefined;
  readonly subEventTypes?: readonly string[] | undefined;
  readonly actors?: readonly string[] | undefined;
  readonly minFatalities?: number | null | undefined;
  readonly articles?: readonly string[] | undefined;
  readonly webhook?:
    | {
        readonly url: string;
        readonly active?: boolean | undefined;
        readonly rotateSecret?: boolean | undefined;
      }
    | null
    | undefined;
}

export type SubscriptionResult =
  | { readonly ok: true; readonly subscription: AlertSubscription; readonly secret: string | null }
  | { readonly ok: false; readonly error: 'invalid'; readonly problems: readonly FieldProblem[] }
  | { readonly ok: false; readonly error: 'not_found' };

/** Hosts a webhook may be sent to: null allows every host (development); see docs/SECURITY.md. */
export type WebhookAllowList = readonly string[] | null;

export function webhookUrlProblems(url: string, allow: WebhookAllowList): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return ['is not a URL'];
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return ['must be an http or https URL'];
  if (parsed.username !== '' || parsed.password !== '') return ['must not carry a user name or password'];
  if (allow !== null) {
    const host = parsed.hostname.toLowerCase();
    const allowed = allow.some((a) => {
      const rule = a.toLowerCase();
      return rule.startsWith('*.') ? host.endsWith(rule.slice(1)) : host === rule;
    });
    if (!allowed) return [`host ${host} is not on the webhook allow-list (LIPTAKO_WEBHOOK_ALLOW)`];
  }
  return [];
}

function filterOf(d: SubscriptionDraft): AlertFilter {
  const nonEmpty = <T>(list: readonly T[] | undefined) =>
    list !== undefined && list.length > 0 ? list : undefined;
  const f: {
    -readonly [K in keyof AlertFilter]: AlertFilter[K];
  } = {};
  const kinds = nonEmpty(d.kinds);
  if (kinds) f.kinds = [...new Set(kinds)];
  if (d.area != null) f.area = d.area;
  const units = nonEmpty(d.adminUnits);
  if (units) f.adminUnits = units.map((u) => ({ country: u.country, admin1: u.admin1 ?? null }));
  const types = nonEmpty(d.eventTypes);
  if (types) f.eventTypes = [...new Set(types)];
  const subs = nonEmpty(d.subEventTypes);
  if (subs) f.subEventTypes = [...new Set(subs)];
  const actors = nonEmpty(d.actors);
  if (actors) f.actors = [...new Set(actors.map((a) => a.trim()))];
  if (d.minFatalities != null) f.minFatalities = d.minFatalities;
  const articles = nonEmpty(d.articles);
  if (articles) f.articles = [...new Set(articles)];
  return f;
}

function check(d: SubscriptionDraft, allow: WebhookAllowList): FieldProblem[] {
  const problems = filterProblems(filterOf(d));
  if (d.name.trim() === '') problems.push({ field: 'name', message: 'must not be empty' });
  if (d.webhook != null)
    for (const message of webhookUrlProblems(d.webhook.url, allow))
      problems.push({ field: 'webhook.url', message });
  return problems;
}

export async function createSubscription(
  store: Store,
  userId: number,
  draft: SubscriptionDraft,
  by: AuditContext,
  allow: WebhookAllowList,
): Promise<SubscriptionResult> {
  const problems = check(draft, allow);
  if (problems.length > 0) return { ok: false, error: 'invalid', problems };
  const secret = draft.webhook == null ? null : newWebhookSecret();
  const subscription = await store.createSubscription(
    userId,
    {
      name: draft.name.trim(),
      filter: filterOf(draft),
      webhook:
        draft.webhook == null || secret === null
          ? null
          : { url: draft.webhook.url, secret, active: draft.webhook.active ?? true },
    },
    by,
  );
  return { ok: true, subscription, secret };
}

/**
 * Replaces a subscription. A webhook keeps its secret unless it is new (none before) or rotation is
 * asked for; the new secret is then in the result, once.
 */
export async function replaceSubscription(
  store: Store,
  id: number,
  userId: number,
  draft: SubscriptionDraft,
  by: AuditContext,
  allow: WebhookAllowList,
): Promise<SubscriptionResult> {
  const current = await store.getSubscription(id, userId);
  if (current === null) return { ok: false, error: 'not_found' };
  const problems = check(draft, allow);
  if (problems.length > 0) return { ok: false, error: 'invalid', problems };
  const fresh = draft.webhook != null && (current.webhook === null || draft.webhook.rotateSecret === true);
  const secret = fresh ? newWebhookSecret() : null;
  const subscription = await store.updateSubscription(
    id,
    userId,
    {
      name: draft.name.trim(),
      filter: filterOf(draft),
      webhook:
        draft.webhook == null
          ? null
          : {
              url: draft.webhook.url,
              active: draft.webhook.active ?? true,
              ...(secret === null ? {} : { secret }),
            },
    },
    by,
  );
  if (subscription === null) return { ok: false, error: 'not_found' };
  return { ok: true, subscription, secret };
}
