/**
 * Builds the HTTP application without listening: tests inject requests, server.ts binds a port.
 * Every route declares its access rule and its schemas; the OpenAPI document comes from them.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { extractorFor } from '../commands/ingest-report.ts';
import { actorLookup } from '../reference/actor-lookup.ts';
import type { ReferenceData } from '../reference/load-reference.ts';
import { loadTreaties } from '../reference/treaties.ts';
import type { AlertWatch, Store } from '../store/store.ts';
import { PUBLIC, type Access } from './access.ts';
import { installAuth } from './auth.ts';
import { installErrorMapper } from './error-mapper.ts';
import { installNulGuard } from './nul-guard.ts';
import { assistanceRoutes } from './routes/assistance/assistance-routes.ts';
import { auditRoutes } from './routes/audit/audit-routes.ts';
import { charterCaseRoutes } from './routes/charter/charter-case-routes.ts';
import { charterRoutes } from './routes/charter/charter-routes.ts';
import { exportRoutes } from './routes/exports/export-routes.ts';
import { feedRoutes } from './routes/feeds/feed-routes.ts';
import { capImportRoutes } from './routes/imports/cap-import-routes.ts';
import { healthRoutes } from './routes/health/health-routes.ts';
import { incidentRoutes } from './routes/incidents/incident-routes.ts';
import { meRoutes } from './routes/me/me-routes.ts';
import { meTokenRoutes } from './routes/me/me-token-routes.ts';
import { referenceRoutes } from './routes/reference/reference-routes.ts';
import { reportRoutes } from './routes/reports/report-routes.ts';
import { sessionRoutes, type SecureCookies } from './routes/session/session-routes.ts';
import { surgeRoutes } from './routes/surges/surge-routes.ts';
import { DEFAULT_SURGE_RULE, type SurgeRule } from '../domain/early-warning/surge-rule.ts';
import { webRoutes } from './routes/web/web-routes.ts';
import { alertRoutes } from './routes/alerts/alert-routes.ts';
import { AlertHub, type AlertHubOptions } from './alert-hub.ts';
import { WebhookDispatcher, type WebhookOptions } from '../commands/webhook-dispatcher.ts';

export interface AppOptions {
  readonly store: Store;
  readonly reference: ReferenceData;
  readonly publicRead?: boolean;
  readonly bodyLimit?: number;
  readonly logLevel?: string;
  readonly now?: () => Date;
  /** Where the built web app is (web/dist by default). */
  readonly webRoot?: string;
  /** Secure attribute of the session cookie: on HTTPS requests ('auto', the default), always, never. */
  readonly secureCookies?: SecureCookies;
  /**
   * Behind a reverse proxy: take the client's address and protocol from X-Forwarded-For and
   * X-Forwarded-Proto (sign-in limits count per address; 'auto' cookies follow the protocol).
   */
  readonly trustProxy?: boolean;
  /** Runs when the server closes (the CLI closes its store here). */
  readonly onClose?: () => Promise<void>;
  /**
   * Told of every route as it is registered, with its access rule: the authorisation matrix test
   * compares this list with its table, so that a new route cannot go unlisted.
   */
  readonly onRoute?: (route: RegisteredRoute) => void;
  /** The surge rule detection runs with (LIPTAKO_SURGE_*), shown with the surges; the default when absent. */
  readonly surgeRule?: SurgeRule;
  /** The alert stream's hub and the webhook worker (see alert-hub.ts, commands/webhook-dispatcher.ts). */
  readonly alerts?: {
    readonly hub?: AlertHubOptions;
    /** false: no webhook worker in this process (tests that drive one themselves). */
    readonly webhooks?: WebhookOptions | false;
    /** Hosts webhooks may go to; null or absent: any (config LIPTAKO_WEBHOOK_ALLOW). */
    readonly webhookAllow?: readonly string[] | null;
  };
}

/** A route as registered: one method (Fastify adds a HEAD for each GET), its URL and access rule. */
declare module 'fastify' {
  interface FastifyInstance {
    /** The alert hub and webhook worker of this server (tests and the benchmark read their state). */
    alerts: { readonly hub: AlertHub; readonly webhooks: WebhookDispatcher | null };
  }
}

export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
  readonly access: Access | undefined;
}

export async function createApp(options: AppOptions): Promise<FastifyInstance> {
  const now = options.now ?? (() => new Date());
  const app = Fastify({
    logger: { level: options.logLevel ?? 'silent' },
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    // Unknown query fields are errors, not silently dropped; numbers in query strings are coerced.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Fail closed at build time too: a route without an access rule stops the server from starting.
  const undeclared: string[] = [];
  app.addHook('onRoute', (route) => {
    if (route.config?.access === undefined && !route.url.startsWith('/docs'))
      undeclared.push(`${String(route.method)} ${route.url}`);
  });
  installErrorMapper(app);
  installAuth(app, options.store, { publicRead: options.publicRead ?? false, now });
  installNulGuard(app);

  app.addHook('onRoute', (route) => {
    // The documentation pages are public like the OpenAPI document they show.
    if (route.url.startsWith('/docs')) route.config = { ...route.config, access: PUBLIC };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods)
      options.onRoute?.({ method: String(method), url: route.url, access: route.config?.access });
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Liptako API',
        version: '0.1.0',
        description:
          'Incidents, reports and reference data of the Alliance of Sahel States. Send `Authorization: Bearer TOKEN`, ' +
          'or sign in with POST /api/session and send the session cookie with `X-CSRF-Token` on requests that change data.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'liptako_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/openapi.json', { config: { access: PUBLIC }, schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes({ store: options.store }));
  await app.register(meRoutes());
  await app.register(
    sessionRoutes({ store: options.store, now, secureCookies: options.secureCookies ?? 'auto' }),
  );
  await app.register(meTokenRoutes({ store: options.store, now }));
  const charter = {
    store: options.store,
    treaties: loadTreaties(),
    lookup: actorLookup(options.reference),
  };
  await app.register(incidentRoutes({ ...charter, now }));
  await app.register(
    reportRoutes({ store: options.store, now, extractor: () => extractorFor(options.reference) }),
  );
  await app.register(referenceRoutes({ reference: options.reference }));
  await app.register(charterRoutes({ ...charter, now }));
  await app.register(charterCaseRoutes({ ...charter, now }));
  await app.register(assistanceRoutes({ ...charter, now }));
  await app.register(auditRoutes({ store: options.store }));
  await app.register(exportRoutes({ store: options.store, now }));
  await app.register(feedRoutes({ store: options.store, now }));
  await app.register(
    capImportRoutes({ store: options.store, now, extractor: () => extractorFor(options.reference) }),
  );
  await app.register(
    surgeRoutes({
      store: options.store,
      reference: options.reference,
      rule: options.surgeRule ?? DEFAULT_SURGE_RULE,
    }),
  );
  const hub = new AlertHub(options.store, options.alerts?.hub);
  const webhookOptions = options.alerts?.webhooks;
  const webhooks =
    webhookOptions === false ? null : new WebhookDispatcher(options.store, { now, ...webhookOptions });
  app.decorate('alerts', { hub, webhooks });
  await app.register(
    alertRoutes({ store: options.store, hub, now, webhookAllow: options.alerts?.webhookAllow ?? null }),
  );
  // A change this process made has committed when its answer goes: the hub and the worker read the
  // outbox now rather than at their next poll.
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) {
      hub.wake();
      webhooks?.wake();
    }
  });
  // Alerts appended elsewhere (another node, the background surge detection): the store tells (on
  // PostgreSQL by NOTIFY), and the polls of the hub and the worker are only a safety net.
  let watch: AlertWatch | null = null;
  // Open streams would keep the server from closing: end them first.
  app.addHook('preClose', async () => {
    await watch?.close();
    await hub.stop();
    await webhooks?.stop();
  });
  await app.register(webRoutes(options.webRoot));
  if (options.onClose !== undefined) app.addHook('onClose', options.onClose);
  await app.ready();
  await hub.start();
  webhooks?.start();
  watch = await options.store.watchAlerts(
    () => {
      hub.wake();
      webhooks?.wake();
    },
    (error) => app.log.warn({ err: error }, 'alert wake-ups interrupted: polling until they are back'),
  );
  if (undeclared.length > 0) throw new Error(`routes without an access rule: ${undeclared.join(', ')}`);
  return app;
}
