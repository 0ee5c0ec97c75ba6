/**
 * Reads and writes of identity (tables of migration 0005, and users and api_tokens): password hashes,
 * API tokens with their scope and expiry, sign-in sessions and failed sign-in counters. Shared by both
 * dialects. Timestamps are ISO text, so that they compare as strings in SQL.
 */
import type { Kysely } from 'kysely';
import { TOKEN_TOUCH_MS } from '../domain/session-policy.ts';
import type { TokenScope } from '../domain/token-scope.ts';
import type { ApiToken, Session, User } from '../domain/user.ts';
import { inTransaction } from './in-transaction.ts';
import type { ApiTokenRow, Schema, SessionRow } from './schema.ts';
import type { NewSession, NewToken, SignInFailures, UserCredentials } from './store.ts';
import { rowToUser } from './user-row.ts';

// Scopes are written only from TokenScope values (NewToken, NewSession, the migration's 'write').
const scopeOf = (text: string): TokenScope => text as TokenScope;

export function rowToToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    prefix: row.prefix,
    label: row.label,
    scope: scopeOf(row.scope),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

function rowToSession(row: SessionRow): Session {
  return {
    id: row.id,
    userId: row.user_id,
    tokenId: row.token_id,
    scope: scopeOf(row.scope),
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    absoluteExpiresAt: row.absolute_expires_at,
    userAgent: row.user_agent,
  };
}

// --- tokens ----------------------------------------------------------------------------------

/** Runs `work` in `db` when it is a transaction already (the store's audited one), else in a new one. */

export async function createToken(db: Kysely<Schema>, token: NewToken): Promise<ApiToken> {
  const row = await db
    .insertInto('api_tokens')
    .values({
      user_id: token.userId,
      token_hash: token.tokenHash,
      prefix: token.prefix,
      created_at: token.createdAt,
      scope: token.scope ?? 'write',
      label: token.label ?? null,
      expires_at: token.expiresAt ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return rowToToken(row);
}

export async function findToken(
  db: Kysely<Schema>,
  tokenHash: string,
  now: string,
): Promise<{ user: User; token: ApiToken } | null> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.prefix',
      'api_tokens.label',
      'api_tokens.scope',
      'api_tokens.created_at as token_created_at',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .executeTakeFirst();
  if (row === undefined) return null;
  const stale = row.last_used_at === null || Date.parse(now) - Date.parse(row.last_used_at) >= TOKEN_TOUCH_MS;
  if (stale)
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
  return {
    user: rowToUser(row),
    token: {
      id: row.token_id,
      userId: row.id,
      prefix: row.prefix,
      label: row.label,
      scope: scopeOf(row.scope),
      createdAt: row.token_created_at,
      expiresAt: row.expires_at,
      lastUsedAt: stale ? now : row.last_used_at,
      revokedAt: row.revoked_at,
    },
  };
}

export async function listTokens(db: Kysely<Schema>, userId: number): Promise<ApiToken[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
  return rows.map(rowToToken);
}

export async function findTokensByPrefix(db: Kysely<Schema>, prefix: string): Promise<ApiToken[]> {
  // Prefixes are short base64url text: a range scan on the index instead of LIKE and its wildcards.
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('prefix', '>=', prefix)
    .where('prefix', '<', `${prefix}\u{10FFFF}`)
    .orderBy('id')
    .execute();
  return rows.filter((r) => r.prefix.startsWith(prefix)).map(rowToToken);
}

export async function revokeToken(
  db: Kysely<Schema>,
  tokenId: number,
  at: string,
  userId: number | undefined,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    let update = trx
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', tokenId)
      .where('revoked_at', 'is', null);
    if (userId !== undefined) update = update.where('user_id', '=', userId);
    const result = await update.executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    // A session made from the token ends with it.
    await trx.deleteFrom('sessions').where('token_id', '=', tokenId).execute();
    return true;
  });
}

export async function revokeTokens(db: Kysely<Schema>, userId: number, at: string): Promise<number> {
  return inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    await trx
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .where('token_id', 'is not', null)
      .execute();
    return Number(result.numUpdatedRows);
  });
}

// --- passwords -------------------------------------------------------------------------------

export async function findUserCredentials(db: Kysely<Schema>, name: string): Promise<UserCredentials | null> {
  const row = await db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
  return row === undefined ? null : { user: rowToUser(row), passwordHash: row.password_hash };
}

export async function setPasswordHash(
  db: Kysely<Schema>,
  userId: number,
  passwordHash: string,
  at: string,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, password_changed_at: at })
      .where('id', '=', userId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    // Whoever knew the old password is signed out everywhere.
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    return true;
  });
}

// --- sessions --------------------------------------------------------------------------------

export async function createSession(db: Kysely<Schema>, session: NewSession): Promise<Session> {
  const row = await db
    .insertInto('sessions')
    .values({
      id_hash: session.idHash,
      user_id: session.userId,
      token_id: session.tokenId,
      scope: session.scope,
      created_at: session.createdAt,
      last_seen_at: session.createdAt,
      expires_at: session.expiresAt,
      absolute_expires_at: session.absoluteExpiresAt,
      user_agent: session.userAgent,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return rowToSession(row);
}

export async function findSession(
  db: Kysely<Schema>,
  idHash: string,
  now: string,
): Promise<{ session: Session; user: User } | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('sessions')
    .select([
      'users.name',
      'users.role',
      'users.party',
      'users.created_at as user_created_at',
      'users.password_hash',
      'users.password_changed_at',
    ])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
  if (row === undefined) return null;
  return {
    session: rowToSession(row),
    user: rowToUser({
      id: row.user_id,
      name: row.name,
      role: row.role,
      party: row.party,
      created_at: row.user_created_at,
      password_hash: row.password_hash,
      password_changed_at: row.password_changed_at,
    }),
  };
}

export async function touchSession(
  db: Kysely<Schema>,
  id: number,
  lastSeenAt: string,
  expiresAt: string,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: Kysely<Schema>, idHash: string): Promise<boolean> {
  const result = await db.deleteFrom('sessions').where('id_hash', '=', idHash).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteExpiredSessions(db: Kysely<Schema>, now: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

// --- failed sign-ins -------------------------------------------------------------------------

export async function signInFailures(db: Kysely<Schema>, keys: readonly string[]): Promise<SignInFailures[]> {
  if (keys.length === 0) return [];
  const rows = await db.selectFrom('sign_in_failures').selectAll().where('key', 'in', keys).execute();
  return rows.map((r) => ({
    key: r.key,
    failures: r.failures,
    lastFailureAt: r.last_failure_at,
    lockedUntil: r.locked_until,
  }));
}

export async function recordSignInFailure(
  db: Kysely<Schema>,
  key: string,
  at: string,
  forgetBefore: string,
): Promise<number> {
  // One atomic statement, so that concurrent failures on several nodes each count.
  const row = await db
    .insertInto('sign_in_failures')
    .values({ key, failures: 1, last_failure_at: at, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        failures: eb
          .case()
          .when('sign_in_failures.last_failure_at', '<', forgetBefore)
          .then(1)
          .else(eb('sign_in_failures.failures', '+', 1))
          .end(),
        last_failure_at: at,
      })),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

export async function lockSignIn(db: Kysely<Schema>, key: string, until: string): Promise<void> {
  // Only ever later: of two racing failures, the one that computed the longer lock wins.
  await db
    .updateTable('sign_in_failures')
    .set({ locked_until: until })
    .where('key', '=', key)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', until)]))
    .execute();
}

export async function clearSignInFailures(db: Kysely<Schema>, key: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
}
