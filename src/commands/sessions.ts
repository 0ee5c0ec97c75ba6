/**
 * Sign-in sessions. The browser holds a random 256-bit id in an HttpOnly cookie; the database holds
 * only its SHA-256, so a copy of the database signs nobody in. The CSRF token is an HMAC of the id:
 * nothing more to store, and a page that reloads gets the same token back from GET /api/session.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { absoluteExpiry, sessionExpiry, SESSION_TOUCH_MS } from '../domain/session-policy.ts';
import type { TokenScope } from '../domain/token-scope.ts';
import type { Session, User } from '../domain/user.ts';
import type { Store } from '../store/store.ts';
import { hashToken } from './token-hash.ts';

/** 32 random bytes in base64url: 43 characters. */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newSessionSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function isSessionSecret(text: string): boolean {
  return SECRET_PATTERN.test(text);
}

/** The CSRF token of a session: HMAC-SHA-256 keyed by the session's secret id. */
export function csrfTokenFor(secret: string): string {
  return createHmac('sha256', secret).update('liptako csrf v1').digest('base64url');
}

/** Whether a request's X-CSRF-Token matches the session's, compared in constant time. */
export function csrfMatches(secret: string, header: string | undefined): boolean {
  if (header === undefined) return false;
  const expected = Buffer.from(csrfTokenFor(secret));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface ActiveSession {
  readonly secret: string;
  readonly session: Session;
  readonly user: User;
}

export async function startSession(
  store: Store,
  input: {
    readonly user: User;
    readonly tokenId: number | null;
    readonly scope: TokenScope;
    readonly tokenExpiresAt: string | null;
    readonly userAgent: string | null;
  },
  now: Date,
): Promise<ActiveSession> {
  const secret = newSessionSecret();
  const absolute = absoluteExpiry(now, input.tokenExpiresAt);
  const session = await store.createSession({
    idHash: hashToken(secret),
    userId: input.user.id,
    tokenId: input.tokenId,
    scope: input.scope,
    createdAt: now.toISOString(),
    expiresAt: sessionExpiry(now, absolute),
    absoluteExpiresAt: absolute,
    userAgent: input.userAgent === null ? null : input.userAgent.slice(0, 512),
  });
  return { secret, session, user: input.user };
}

/**
 * The live session of a cookie's secret, its idle expiry moved on by this request (written at most
 * once a minute); null when unknown, expired or signed out.
 */
export async function resumeSession(store: Store, secret: string, now: Date): Promise<ActiveSession | null> {
  if (!isSessionSecret(secret)) return null;
  const found = await store.findSession(hashToken(secret), now.toISOString());
  if (found === null) return null;
  let { session } = found;
  if (now.getTime() - Date.parse(session.lastSeenAt) >= SESSION_TOUCH_MS) {
    const expiresAt = sessionExpiry(now, session.absoluteExpiresAt);
    await store.touchSession(session.id, now.toISOString(), expiresAt);
    session = { ...session, lastSeenAt: now.toISOString(), expiresAt };
  }
  return { secret, session, user: found.user };
}

/** Signs out: the session is deleted; false when it did not exist. */
export async function endSession(store: Store, secret: string): Promise<boolean> {
  if (!isSessionSecret(secret)) return false;
  return store.deleteSession(hashToken(secret));
}
