/** What every command shares: the database options, the configuration and an open, migrated store. */
import { userInfo } from 'node:os';
import { parseConfig, type Config } from '../config/config.ts';
import { systemActor, type AuditActor } from '../domain/audit/audit-entry.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';

/** Options every command takes. */
export const DATABASE_OPTIONS = {
  db: { type: 'string' },
  'database-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export class UsageError extends Error {}

/**
 * Who a command's changes are made by in the audit log: the command and the operating-system account
 * that ran it (no user signs in at the command line), e.g. "cli:users@amadou".
 */
export function cliActor(command: string): AuditActor {
  let account: string;
  try {
    account = userInfo().username;
  } catch {
    // No passwd entry for the uid (some containers).
    account = process.env['USER'] ?? `uid-${process.getuid?.() ?? '?'}`;
  }
  return systemActor(`cli:${command}@${account}`);
}

/** Exits with every configuration problem listed, or returns the configuration. */
export function configFrom(values: {
  db?: string | undefined;
  'database-url'?: string | undefined;
  host?: string | undefined;
  port?: string | undefined;
}): Config {
  const result = parseConfig(
    { db: values.db, databaseUrl: values['database-url'], host: values.host, port: values.port },
    process.env,
    process.cwd(),
  );
  if (!result.ok) throw new UsageError(`configuration problems:\n  - ${result.problems.join('\n  - ')}`);
  return result.config;
}

export async function openConfiguredStore(config: Config): Promise<Store> {
  const store =
    config.database.kind === 'sqlite'
      ? await openStore({ sqlitePath: config.database.path })
      : await openStore({
          databaseUrl: config.database.url,
          ...(config.database.schema === undefined ? {} : { schema: config.database.schema }),
        });
  await store.migrate();
  return store;
}

/** Where the data lives, for messages (no password shown). */
export function describeDatabase(config: Config): string {
  if (config.database.kind === 'sqlite') return `SQLite ${config.database.path}`;
  return `PostgreSQL ${config.database.url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`;
}
