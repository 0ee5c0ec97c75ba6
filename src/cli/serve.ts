/** `liptako serve [--port N] [--host H]`: serves the API and the web pages. */
import { parseArgs } from 'node:util';
import { createApp } from '../api/create-app.ts';
import { listen } from '../api/server.ts';
import { scheduleCharterTicks, type CharterSchedule } from '../commands/charter-tick.ts';
import { scheduleSurgeDetection, type SurgeSchedule } from '../commands/detect-surges.ts';
import { publishSurgeAlerts } from '../commands/surge-alerts.ts';
import { actorLookup } from '../reference/actor-lookup.ts';
import { loadTreaties } from '../reference/treaties.ts';
import type { Config } from '../config/config.ts';
import { formatVerifierKey } from '../domain/audit/checkpoint.ts';
import { loadAuditKey } from '../commands/audit-key.ts';
import { loadReference } from '../reference/load-reference.ts';
import type { Store } from '../store/store.ts';
import { configFrom, DATABASE_OPTIONS, describeDatabase, openConfiguredStore } from './cli-context.ts';

export const SERVE_OPTIONS = {
  ...DATABASE_OPTIONS,
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
} as const;

export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: SERVE_OPTIONS, strict: true });
  if (values.help) {
    console.log('Usage: liptako serve [--port N] [--host H] [--db PATH | --database-url URL]');
    return 0;
  }
  const config = configFrom(values);
  const store = await openConfiguredStore(config);
  await serveWith(store, config);
  return 0;
}

/**
 * Serves with an open store; prints where. The Charter tick runs every `charterTickSeconds` while the
 * server is up; every node of a PostgreSQL deployment runs its own, and their writes do not collide.
 */
export async function serveWith(store: Store, config: Config): Promise<string> {
  // The deployment's audit key exists from the first start on (created here when missing).
  const auditKey = loadAuditKey(config.auditKeyPath, { create: true });
  const reference = loadReference();
  let ticks: CharterSchedule | null = null;
  let surges: SurgeSchedule | null = null;
  const app = await createApp({
    store,
    reference,
    publicRead: config.publicRead,
    bodyLimit: config.bodyLimit,
    logLevel: config.logLevel,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    surgeRule: config.surgeRule,
    alerts: {
      webhookAllow: config.webhookAllow,
      hub: { pollMs: config.alertPollMs },
      webhooks: { pollMs: config.alertPollMs },
    },
    onClose: async () => {
      await ticks?.stop();
      await surges?.stop();
      await store.close();
    },
  });
  if (config.charterTickSeconds > 0)
    ticks = scheduleCharterTicks(
      { store, treaties: loadTreaties(), lookup: actorLookup(reference) },
      {
        intervalMs: config.charterTickSeconds * 1000,
        now: () => new Date(),
        onError: (error) => {
          app.log.error({ err: error }, 'Charter tick failed');
        },
      },
    );
  // Early warning runs on the Charter tick's schedule, for today (UTC); each surge it raises is announced
  // as a `surge` alert in the same transaction (surge-alerts.ts).
  if (config.charterTickSeconds > 0)
    surges = scheduleSurgeDetection(store, {
      intervalMs: config.charterTickSeconds * 1000,
      now: () => new Date(),
      rule: config.surgeRule,
      publish: publishSurgeAlerts({
        rule: config.surgeRule,
        now: () => new Date(),
        region: (country, admin1) => reference.adminUnits.region(country, admin1),
      }),
      onRun: (outcome) => {
        if (!outcome.ok) app.log.warn({ error: outcome.error }, 'surge detection refused');
        else if (outcome.value.opened.length + outcome.value.closed.length > 0)
          app.log.info(
            { opened: outcome.value.opened.map((s) => s.id), closed: outcome.value.closed.map((s) => s.id) },
            'surges changed',
          );
      },
      onError: (error) => {
        app.log.error({ err: error }, 'surge detection failed');
      },
    });
  const address = await listen(app, config.host, config.port);
  console.log(`Liptako is serving on ${address} (${describeDatabase(config)})`);
  console.log(`  web page:      ${address}/`);
  console.log(`  API docs:      ${address}/docs   (OpenAPI: ${address}/openapi.json)`);
  console.log(`  audit key:     ${formatVerifierKey(auditKey.verifier)}`);
  return address;
}
