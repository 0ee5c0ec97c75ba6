/**
 * API tokens: issued with a scope, an optional label and expiry; only their SHA-256 is stored and the
 * secret is shown once; listed and revoked by their owner (API) or an operator (CLI, by prefix).
 */
import type { AuditActor } from '../domain/audit/audit-entry.ts';
import { randomBytes } from 'node:crypto';
import type { TokenScope } from '../domain/token-scope.ts';
import type { ApiToken } from '../domain/user.ts';
import type { Store } from '../store/store.ts';
import { hashToken } from './token-hash.ts';

/** Characters of a token kept as its prefix: "lpk_" and 8 of its random characters. */
export const TOKEN_PREFIX_LENGTH = 12;
export const MAX_TOKEN_DAYS = 3650;

/** A new random token: "lpk_" and 32 random bytes in base64url. */
export function newToken(): string {
  return `lpk_${randomBytes(32).toString('base64url')}`;
}

export interface TokenOptions {
  /** 'write' when absent (what a first token has always been). */
  readonly scope?: TokenScope;
  readonly label?: string | null;
  /** Days until it expires; none when absent. */
  readonly expiresInDays?: number | null;
}

export interface IssuedToken {
  readonly token: ApiToken;
  /** The secret, shown once. */
  readonly secret: string;
}

export async function issueApiToken(
  store: Store,
  userId: number,
  now: Date,
  /** Who issues it, for the audit log. */
  by: AuditActor,
  options: TokenOptions = {},
): Promise<IssuedToken> {
  const secret = newToken();
  const days = options.expiresInDays ?? null;
  const token = await store.createToken(
    {
      userId,
      tokenHash: hashToken(secret),
      prefix: secret.slice(0, TOKEN_PREFIX_LENGTH),
      createdAt: now.toISOString(),
      scope: options.scope ?? 'write',
      label: options.label ?? null,
      expiresAt: days === null ? null : new Date(now.getTime() + days * 86_400_000).toISOString(),
    },
    { actor: by, at: now.toISOString() },
  );
  return { token, secret };
}

/** Issues a token and returns only its secret. */
export async function issueToken(
  store: Store,
  userId: number,
  now: Date,
  by: AuditActor,
  options: TokenOptions = {},
): Promise<string> {
  return (await issueApiToken(store, userId, now, by, options)).secret;
}

export type RevokeByPrefixResult =
  { ok: true; token: ApiToken } | { ok: false; problem: 'none' | 'ambiguous'; matches: ApiToken[] };

/** Revokes the one live token whose prefix starts with `prefix`; refuses when none or several match. */
export async function revokeTokenByPrefix(
  store: Store,
  prefix: string,
  now: Date,
  by: AuditActor,
): Promise<RevokeByPrefixResult> {
  const live = (await store.findTokensByPrefix(prefix)).filter((t) => t.revokedAt === null);
  const [only] = live;
  if (only === undefined) return { ok: false, problem: 'none', matches: [] };
  if (live.length > 1) return { ok: false, problem: 'ambiguous', matches: live };
  await store.revokeToken(only.id, { actor: by, at: now.toISOString() });
  return { ok: true, token: only };
}

/** Whether a token signs in at `now`. */
export function tokenIsLive(token: ApiToken, now: Date): boolean {
  return token.revokedAt === null && (token.expiresAt === null || token.expiresAt > now.toISOString());
}
