/** `liptako serve [--port N] [--host H]`: serves the API and the web pages. */
import { parseArgs } from 'node:util';
import { createApp } from '../api/create-app.ts';
import { listen } from '../api/server.ts';
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

/** Serves with an open store; prints where. */
export async function serveWith(store: Store, config: Config): Promise<string> {
  // The deployment's audit key exists from the first start on (created here when missing).
  const auditKey = loadAuditKey(config.auditKeyPath, { create: true });
  const app = await createApp({
    store,
    reference: loadReference(),
    publicRead: config.publicRead,
    bodyLimit: config.bodyLimit,
    logLevel: config.logLevel,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    onClose: () => store.close(),
  });
  const address = await listen(app, config.host, config.port);
  console.log(`Liptako is serving on ${address} (${describeDatabase(config)})`);
  console.log(`  web page:      ${address}/`);
  console.log(`  API docs:      ${address}/docs   (OpenAPI: ${address}/openapi.json)`);
  console.log(`  audit key:     ${formatVerifierKey(auditKey.verifier)}`);
  return address;
}
