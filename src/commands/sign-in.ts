/**
 * Sign-in with a user name and password, or with an API token, into a new session. Failures count
 * against the name tried and the client's address (domain/sign-in-throttle.ts); a locked key is
 * refused before any password is checked. The answer to a wrong password and to an unknown name is
 * the same, and takes as long: an unknown name is verified against a dummy hash.
 */
import {
  FAILURE_MEMORY_MS,
  lockDuration,
  retryAfterSeconds,
  throttleKey,
  type ThrottleKind,
} from '../domain/sign-in-throttle.ts';
import type { Store } from '../store/store.ts';
import { dummyHash, verifyPassword } from './password-hashing.ts';
import { startSession, type ActiveSession } from './sessions.ts';
import { hashToken } from './token-hash.ts';

export type SignInCredentials =
  | { readonly kind: 'password'; readonly username: string; readonly password: string }
  | { readonly kind: 'token'; readonly token: string };

export interface SignInClient {
  /** The client's IP address as the server sees it. */
  readonly address: string;
  readonly userAgent: string | null;
}

export type SignInOutcome =
  | ({ ok: true } & ActiveSession)
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number };

export async function signIn(
  store: Store,
  credentials: SignInCredentials,
  client: SignInClient,
  now: Date,
): Promise<SignInOutcome> {
  const username = credentials.kind === 'password' ? credentials.username.trim() : null;
  const keys: [ThrottleKind, string][] = [['address', throttleKey('address', client.address)]];
  if (username !== null) keys.push(['user', throttleKey('user', username)]);

  const counters = await store.signInFailures(keys.map(([, key]) => key));
  const wait = retryAfterSeconds(
    counters.map((c) => c.lockedUntil),
    now,
  );
  if (wait > 0) return { ok: false, reason: 'locked', retryAfterSeconds: wait };

  const verified = await verify(store, credentials, now);
  if (verified === null) {
    const at = now.toISOString();
    const forgetBefore = new Date(now.getTime() - FAILURE_MEMORY_MS).toISOString();
    for (const [kind, key] of keys) {
      const failures = await store.recordSignInFailure(key, at, forgetBefore);
      const lock = lockDuration(kind, failures);
      if (lock > 0) await store.lockSignIn(key, new Date(now.getTime() + lock).toISOString());
    }
    return { ok: false, reason: 'invalid' };
  }
  if (username !== null) await store.clearSignInFailures(throttleKey('user', username));
  // Sign-in is rare and expired sessions are dead weight: sweep them here rather than on a timer.
  await store.deleteExpiredSessions(now.toISOString());
  const active = await startSession(store, { ...verified, userAgent: client.userAgent }, now);
  return { ok: true, ...active };
}

async function verify(store: Store, credentials: SignInCredentials, now: Date) {
  if (credentials.kind === 'token') {
    const found = await store.findToken(hashToken(credentials.token), now.toISOString());
    if (found === null) return null;
    return {
      user: found.user,
      tokenId: found.token.id,
      scope: found.token.scope,
      tokenExpiresAt: found.token.expiresAt,
    };
  }
  const found = await store.findUserCredentials(credentials.username.trim());
  const stored = found?.passwordHash ?? null;
  // Always one argon2 computation, so that an unknown name answers as slowly as a wrong password.
  const matches = await verifyPassword(credentials.password, stored ?? (await dummyHash()));
  if (found === null || stored === null || !matches) return null;
  return { user: found.user, tokenId: null, scope: 'write' as const, tokenExpiresAt: null };
}
