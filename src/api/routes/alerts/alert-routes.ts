/**
 * Alerts: the live stream (GET /api/stream, Server-Sent Events), the recent alerts (GET /api/alerts),
 * and each user's subscriptions with their webhook and its deliveries (/api/subscriptions).
 */
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  createSubscription,
  replaceSubscription,
  type SubscriptionDraft,
  type SubscriptionResult,
  type WebhookAllowList,
} from '../../../commands/alert-subscriptions.ts';
import { isAlertKind } from '../../../domain/alerts/alert-event.ts';
import { matchesFilter, type AlertFilter } from '../../../domain/alerts/alert-subscription.ts';
import { visibilityOf } from '../../../domain/classification.ts';
import { ROLES } from '../../../domain/role.ts';
import type { Store } from '../../../store/store.ts';
import { roles } from '../../access.ts';
import type { AlertHub, StreamClient, StreamViewer } from '../../alert-hub.ts';
import { authenticate } from '../../auth.ts';
import { HttpError, notFound } from '../../http-error.ts';
import { ErrorSchema, IdParams } from '../incidents/incident-schemas.ts';
import {
  AlertListQuery,
  AlertSchema,
  DeliverySchema,
  StreamQuery,
  SubscriptionBody,
  SubscriptionSchema,
  SubscriptionWithSecretSchema,
  type SubscriptionBodyType,
} from './alert-schemas.ts';
import { presentAlert, presentDelivery, presentSubscription } from './alert-presenter.ts';

const SIGNED_IN = roles(...ROLES);
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema };

export interface AlertRouteDeps {
  readonly store: Store;
  readonly hub: AlertHub;
  readonly now: () => Date;
  readonly webhookAllow: WebhookAllowList;
}

/** The signed-in user: routes here admit signed-in users only (SIGNED_IN). */
function streamViewerOf(request: FastifyRequest): StreamViewer {
  const { viewer } = request;
  if (viewer.userId === null || viewer.role === 'anonymous')
    throw new Error('a SIGNED_IN route ran without a user');
  return { role: viewer.role, party: viewer.party, userId: viewer.userId };
}

function draftOf(body: SubscriptionBodyType): SubscriptionDraft {
  return {
    name: body.name,
    kinds: body.kinds,
    area: body.area,
    adminUnits: body.admin_units,
    eventTypes: body.event_types,
    subEventTypes: body.sub_event_types,
    actors: body.actors,
    minFatalities: body.min_fatalities,
    articles: body.articles,
    webhook:
      body.webhook == null
        ? null
        : { url: body.webhook.url, active: body.webhook.active, rotateSecret: body.webhook.rotate_secret },
  };
}

function answer(result: SubscriptionResult) {
  if (!result.ok) {
    if (result.error === 'not_found') throw notFound('subscription');
    throw new HttpError(
      422,
      'invalid_subscription',
      result.problems.map((p) => `${p.field}: ${p.message}`).join('; '),
    );
  }
  return {
    ...presentSubscription(result.subscription),
    ...(result.secret === null ? {} : { webhook_secret: result.secret }),
  };
}

const splitList = (text: string | undefined): string[] =>
  text === undefined
    ? []
    : text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');

/** The Last-Event-ID a reconnecting EventSource sends, or the query's. */
function lastEventIdOf(request: FastifyRequest, query: number | undefined): number | null {
  const header = request.headers['last-event-id'];
  const text = typeof header === 'string' ? header.trim() : '';
  if (/^\d{1,15}$/.test(text)) return Number(text);
  if (text !== '')
    throw new HttpError(400, 'invalid_request', 'Last-Event-ID must be an alert seq (a whole number)');
  return query ?? null;
}

export function alertRoutes(deps: AlertRouteDeps): FastifyPluginAsyncTypebox {
  const { store, hub } = deps;
  const by = (request: FastifyRequest) => ({ actor: request.viewer, at: deps.now().toISOString() });

  /** The filters a stream or list applies: a subscription of the user, "mine", or query filters. */
  async function filtersOf(
    userId: number,
    query: {
      subscription?: string | number;
      kind?: string;
      event_type?: string;
      country?: string;
      min_fatalities?: number;
    },
  ): Promise<AlertFilter[] | null> {
    // Null: no subscription named (every alert passes); a list: alerts any of them matches.
    let scoped: AlertFilter[] | null = null;
    if (query.subscription === 'mine') {
      scoped = (await store.listSubscriptions(userId)).map((s) => s.filter);
    } else if (query.subscription !== undefined) {
      const one = await store.getSubscription(Number(query.subscription), userId);
      if (one === null) throw notFound(`subscription ${query.subscription}`);
      scoped = [one.filter];
    }
    const kinds = splitList(query.kind);
    for (const k of kinds)
      if (!isAlertKind(k)) throw new HttpError(400, 'invalid_request', `kind: "${k}" is not a kind of alert`);
    const extra: AlertFilter = {
      ...(kinds.length > 0 ? { kinds: kinds.filter(isAlertKind) } : {}),
      ...(query.event_type === undefined ? {} : { eventTypes: splitList(query.event_type) }),
      ...(query.country === undefined
        ? {}
        : { adminUnits: splitList(query.country).map((c) => ({ country: c, admin1: null })) }),
      ...(query.min_fatalities === undefined ? {} : { minFatalities: query.min_fatalities }),
    };
    if (Object.keys(extra).length === 0) return scoped;
    // Query filters narrow each subscription's, or stand alone.
    return scoped === null ? [extra] : scoped.map((f) => ({ ...f, ...extra }));
  }

  return async (app) => {
    app.get(
      '/api/stream',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['alerts'],
          summary:
            'Live alerts as Server-Sent Events (`event: alert`, `id:` its seq); resumes after Last-Event-ID (or ?lastEventId=), a `reset` event when too much was missed; follow=false answers the missed alerts and ends',
          querystring: Type.Object(
            {
              ...StreamQuery.properties,
              follow: Type.Optional(Type.Boolean({ description: 'false: answer what was missed, then end' })),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.String({ description: 'text/event-stream' }), ...errors, 404: ErrorSchema },
        },
      },
      async (request, reply) => {
        const viewer = streamViewerOf(request);
        const filters = await filtersOf(viewer.userId, request.query);
        const lastEventId = lastEventIdOf(request, request.query.lastEventId);
        reply.hijack();
        const res = reply.raw;
        // No chunked encoding: the stream ends when the connection does, and each frame goes to the
        // socket as the bytes the hub encoded once, without a chunk header per client.
        res.removeHeader('transfer-encoding');
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-store, no-transform',
          // Proxies (nginx) must pass each frame on at once.
          'x-accel-buffering': 'no',
          'x-content-type-options': 'nosniff',
        });
        // Each frame goes out at once (the in-process test transport has no real socket).
        if (typeof res.socket?.setNoDelay === 'function') res.socket.setNoDelay(true);
        res.write('retry: 3000\n: connected\n\n');
        const client: StreamClient = {
          res,
          viewer,
          filters,
          revalidate: async () => {
            const auth = await authenticate(request, store, deps.now()).catch(() => null);
            if (auth === null || auth.viewer.userId === null || auth.viewer.role === 'anonymous') return null;
            return { role: auth.viewer.role, party: auth.viewer.party, userId: auth.viewer.userId };
          },
          credential: createHash('sha256')
            .update(`${request.headers.authorization ?? ''}\n${request.headers.cookie ?? ''}`)
            .digest('base64url'),
          sent: 0,
          pending: null,
          closed: false,
        };
        if (request.query.follow === false) {
          await hub.settle();
          await hub.replay(client, lastEventId ?? hub.lastSeq);
          res.end();
          return;
        }
        await hub.connect(client, lastEventId);
      },
    );

    app.get(
      '/api/alerts',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['alerts'],
          summary: 'Recent alerts you may read, newest first; only one subscription’s with ?subscription=',
          querystring: AlertListQuery,
          response: {
            200: Type.Object({
              items: Type.Array(AlertSchema),
              next_before: Type.Union([Type.Null(), Type.Integer()]),
            }),
            ...errors,
            404: ErrorSchema,
          },
        },
      },
      async (request) => {
        const viewer = streamViewerOf(request);
        const limit = request.query.limit ?? 50;
        const filters = await filtersOf(viewer.userId, request.query);
        const items = [];
        let before = request.query.before;
        // A subscription's alerts are found by reading pages of visible alerts: at most a few pages.
        for (let page = 0; page < 10 && items.length < limit; page++) {
          const batch = await store.listAlertEvents({
            visibility: visibilityOf(request.viewer),
            limit: filters === null ? limit : 500,
            ...(before === undefined ? {} : { before }),
          });
          for (const e of batch)
            if (items.length < limit && (filters === null || filters.some((f) => matchesFilter(e, f))))
              items.push(e);
          if (batch.length === 0) break;
          before = batch[batch.length - 1]?.seq;
          if (filters === null) break;
        }
        const last = items[items.length - 1];
        return {
          items: items.map(presentAlert),
          next_before: items.length === limit && last !== undefined ? last.seq : null,
        };
      },
    );

    app.get(
      '/api/subscriptions',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['alerts'],
          summary: 'Your alert subscriptions',
          response: { 200: Type.Object({ items: Type.Array(SubscriptionSchema) }), ...errors },
        },
      },
      async (request) => ({
        items: (await store.listSubscriptions(streamViewerOf(request).userId)).map(presentSubscription),
      }),
    );

    app.post(
      '/api/subscriptions',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['alerts'],
          summary: 'Subscribe to alerts; with a webhook, its signing secret is in this answer only',
          body: SubscriptionBody,
          response: { 201: SubscriptionWithSecretSchema, ...errors, 422: ErrorSchema },
        },
      },
      async (request, reply) => {
        const result = await createSubscription(
          store,
          streamViewerOf(request).userId,
          draftOf(request.body),
          by(request),
          deps.webhookAllow,
        );
        reply.header('cache-control', 'no-store');
        return reply.code(201).send(answer(result));
      },
    );

    app.get(
      '/api/subscriptions/:id',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['alerts'],
          summary: 'One of your subscriptions',
          params: IdParams,
          response: { 200: SubscriptionSchema, ...errors, 404: ErrorSchema },
        },
      },
      async (request) => {
        const found = await store.getSubscription(request.params.id, streamViewerOf(request).userId);
        // Another user's subscription answers as an unknown one.
        if (found === null) throw notFound(`subscription ${request.params.id}`);
        return presentSubscription(found);
      },
    );

    app.put(
      '/api/subscriptions/:id',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['alerts'],
          summary:
            'Replace one of your subscriptions; a new or rotated webhook secret is in this answer only',
          params: IdParams,
          body: SubscriptionBody,
          response: { 200: SubscriptionWithSecretSchema, ...errors, 404: ErrorSchema, 422: ErrorSchema },
        },
      },
      async (request, reply) => {
        const result = await replaceSubscription(
          store,
          request.params.id,
          streamViewerOf(request).userId,
          draftOf(request.body),
          by(request),
          deps.webhookAllow,
        );
        reply.header('cache-control', 'no-store');
        return answer(result);
      },
    );

    app.delete(
      '/api/subscriptions/:id',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['alerts'],
          summary: 'Delete one of your subscriptions and its webhook deliveries',
          params: IdParams,
          response: { 204: Type.Null(), ...errors, 404: ErrorSchema },
        },
      },
      async (request, reply) => {
        const done = await store.deleteSubscription(
          request.params.id,
          streamViewerOf(request).userId,
          by(request),
        );
        if (!done) throw notFound(`subscription ${request.params.id}`);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/subscriptions/:id/deliveries',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['alerts'],
          summary:
            "A subscription's webhook deliveries, newest first: delivered, pending (with the next attempt) or failed",
          params: IdParams,
          querystring: Type.Object(
            { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(DeliverySchema) }), ...errors, 404: ErrorSchema },
        },
      },
      async (request) => {
        const found = await store.getSubscription(request.params.id, streamViewerOf(request).userId);
        if (found === null) throw notFound(`subscription ${request.params.id}`);
        const items = await store.listWebhookDeliveries(found.id, request.query.limit ?? 100);
        return { items: items.map(presentDelivery) };
      },
    );
  };
}
