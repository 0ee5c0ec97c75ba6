/**
 * Configuration, parsed once from command-line options and the environment. Every problem is
 * collected so that startup fails with the whole list, not the first one.
 */
import path from 'node:path';
import { DEFAULT_SURGE_RULE, surgeRuleProblems, type SurgeRule } from '../domain/early-warning/surge-rule.ts';

export type DatabaseTarget =
  | { readonly kind: 'sqlite'; readonly path: string }
  | {
      readonly kind: 'postgres';
      readonly url: string;
      /**
       * The schema the URL's libpq `options` set search_path to (`?options=-c search_path=NAME`): the
       * store keeps every table there and creates it when missing. Absent: the server's search_path.
       */
      readonly schema?: string;
    };

export interface Config {
  readonly database: DatabaseTarget;
  readonly host: string;
  readonly port: number;
  /** Anonymous visitors may read PUBLIC records (a deployment's choice; off by default). */
  readonly publicRead: boolean;
  /** Largest accepted request body, in bytes. */
  readonly bodyLimit: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /**
   * The deployment's Ed25519 key that signs audit checkpoints (PKCS#8 PEM, mode 0600): created on first
   * start. LIPTAKO_AUDIT_KEY, else `audit-key.pem` next to the SQLite file, else ./data/audit-key.pem.
   */
  readonly auditKeyPath: string;
  /** Secure attribute of the session cookie: on HTTPS requests (auto), always or never. */
  readonly secureCookies: 'auto' | 'always' | 'never';
  /** Trust X-Forwarded-For and X-Forwarded-Proto from a reverse proxy. */
  readonly trustProxy: boolean;
  /** Seconds between two Charter ticks inside `serve` (deadlines, overdue flags, evaluations); 0 is off. */
  readonly charterTickSeconds: number;
  /**
   * Early warning's surge rule (domain/early-warning/surge-rule.ts): LIPTAKO_SURGE_MIN_FATALITIES,
   * LIPTAKO_SURGE_MIN_INCREASE, LIPTAKO_SURGE_HIGH_RATIO and LIPTAKO_SURGE_COOL_DOWN_DAYS over the defaults.
   */
  readonly surgeRule: SurgeRule;
  /**
   * Hosts alert webhooks may be sent to (LIPTAKO_WEBHOOK_ALLOW, comma-separated; `*.example.org` for
   * subdomains); null: any host (see docs/SECURITY.md on server-side request forgery).
   */
  readonly webhookAllow: readonly string[] | null;
}

export interface ConfigOptions {
  readonly db?: string | undefined;
  readonly databaseUrl?: string | undefined;
  readonly host?: string | undefined;
  readonly port?: string | undefined;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

export const DEFAULT_SQLITE_PATH = 'data/liptako.sqlite';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;
const SECURE_COOKIES = ['auto', 'always', 'never'] as const;

/** A schema name the PostgreSQL store takes (src/store/postgres/postgres-store.ts). */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The one schema a PostgreSQL URL's `options` parameter sets search_path to, as libpq and pg read it
 * (`-c search_path=NAME` or `--search_path=NAME`); undefined for none, a list or a quoted name, which
 * are left to the server as they are.
 */
function searchPathSchema(url: string): string | undefined {
  let options: string | null;
  try {
    options = new URL(url).searchParams.get('options');
  } catch {
    return undefined;
  }
  const value = /(?:^|\s)(?:-c\s*|--)search_path=(\S+)/.exec(options ?? '')?.[1];
  return value !== undefined && SCHEMA_NAME.test(value) ? value : undefined;
}

/** Options win over the environment; the SQLite file under ./data is the default. */
export function parseConfig(options: ConfigOptions, env: NodeJS.ProcessEnv, cwd: string): ConfigResult {
  const problems: string[] = [];
  const db = options.db ?? env['LIPTAKO_DB'];
  const url = options.databaseUrl ?? env['DATABASE_URL'];
  let database: DatabaseTarget = { kind: 'sqlite', path: path.resolve(cwd, DEFAULT_SQLITE_PATH) };
  if (db !== undefined && db !== '' && url !== undefined && url !== '') {
    problems.push(
      'choose one database: --db/LIPTAKO_DB (SQLite) or --database-url/DATABASE_URL (PostgreSQL), not both',
    );
  } else if (url !== undefined && url !== '') {
    if (!/^postgres(ql)?:\/\//.test(url))
      problems.push(`database URL must start with postgres:// (got "${url}")`);
    const schema = searchPathSchema(url);
    database = { kind: 'postgres', url, ...(schema === undefined ? {} : { schema }) };
  } else if (db !== undefined && db !== '') {
    database = { kind: 'sqlite', path: path.resolve(cwd, db) };
  }

  const portText = options.port ?? env['PORT'] ?? env['LIPTAKO_PORT'] ?? '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`port must be 0–65535 (got "${portText}")`);

  const host = options.host ?? env['LIPTAKO_HOST'] ?? '127.0.0.1';
  if (host.trim() === '') problems.push('host must not be empty');

  const publicText = env['LIPTAKO_PUBLIC_READ'] ?? 'false';
  if (!['true', 'false', '1', '0'].includes(publicText))
    problems.push(`LIPTAKO_PUBLIC_READ must be true or false (got "${publicText}")`);

  const limitText = env['LIPTAKO_BODY_LIMIT'] ?? '1048576';
  const bodyLimit = Number(limitText);
  if (!Number.isInteger(bodyLimit) || bodyLimit < 1024)
    problems.push(`LIPTAKO_BODY_LIMIT must be a whole number of bytes ≥ 1024 (got "${limitText}")`);

  const logText = env['LIPTAKO_LOG_LEVEL'] ?? 'warn';
  const logLevel = LOG_LEVELS.find((l) => l === logText);
  if (logLevel === undefined) problems.push(`LIPTAKO_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const secureText = env['LIPTAKO_SECURE_COOKIES'] ?? 'auto';
  const secureCookies = SECURE_COOKIES.find((s) => s === secureText);
  if (secureCookies === undefined)
    problems.push(`LIPTAKO_SECURE_COOKIES must be one of ${SECURE_COOKIES.join(', ')} (got "${secureText}")`);

  const proxyText = env['LIPTAKO_TRUST_PROXY'] ?? 'false';
  if (!['true', 'false', '1', '0'].includes(proxyText))
    problems.push(`LIPTAKO_TRUST_PROXY must be true or false (got "${proxyText}")`);

  const tickText = env['LIPTAKO_CHARTER_TICK_SECONDS'] ?? '60';
  const charterTickSeconds = Number(tickText);
  if (!Number.isInteger(charterTickSeconds) || charterTickSeconds < 0 || charterTickSeconds > 86400)
    problems.push(
      `LIPTAKO_CHARTER_TICK_SECONDS must be a whole number of seconds, 0 (off) to 86400 (got "${tickText}")`,
    );

  const surgeNumber = (name: string, fallback: number): number => {
    const text = env[name];
    if (text === undefined || text.trim() === '') return fallback;
    const n = Number(text);
    if (!Number.isFinite(n)) problems.push(`${name} must be a number (got "${text}")`);
    return n;
  };
  const surgeRule: SurgeRule = {
    ...DEFAULT_SURGE_RULE,
    minFatalities: surgeNumber('LIPTAKO_SURGE_MIN_FATALITIES', DEFAULT_SURGE_RULE.minFatalities),
    minRelativeIncrease: surgeNumber('LIPTAKO_SURGE_MIN_INCREASE', DEFAULT_SURGE_RULE.minRelativeIncrease),
    highRatio: surgeNumber('LIPTAKO_SURGE_HIGH_RATIO', DEFAULT_SURGE_RULE.highRatio),
    coolDownDays: surgeNumber('LIPTAKO_SURGE_COOL_DOWN_DAYS', DEFAULT_SURGE_RULE.coolDownDays),
  };
  problems.push(...surgeRuleProblems(surgeRule).map((p) => `surge rule (LIPTAKO_SURGE_*): ${p}`));

  const allowText = env['LIPTAKO_WEBHOOK_ALLOW'];
  const webhookAllow =
    allowText === undefined || allowText.trim() === ''
      ? null
      : allowText
          .split(',')
          .map((h) => h.trim().toLowerCase())
          .filter((h) => h !== '');
  for (const h of webhookAllow ?? [])
    if (!/^(\*\.)?[a-z0-9.-]+$/.test(h) && !/^\[[0-9a-f:.]+\]$/.test(h))
      problems.push(`LIPTAKO_WEBHOOK_ALLOW: "${h}" is not a host name (or *.domain)`);

  if (problems.length > 0 || logLevel === undefined || secureCookies === undefined)
    return { ok: false, problems };
  return {
    ok: true,
    config: {
      database,
      host,
      port,
      publicRead: publicText === 'true' || publicText === '1',
      bodyLimit,
      logLevel,
      auditKeyPath: path.resolve(
        cwd,
        env['LIPTAKO_AUDIT_KEY'] ||
          path.join(database.kind === 'sqlite' ? path.dirname(database.path) : 'data', 'audit-key.pem'),
      ),
      secureCookies,
      trustProxy: proxyText === 'true' || proxyText === '1',
      charterTickSeconds,
      surgeRule,
      webhookAllow,
    },
  };
}
