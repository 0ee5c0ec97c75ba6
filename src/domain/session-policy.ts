/**
 * How long a signed-in session lasts: it ends after 8 hours without a request (idle) and 7 days after
 * sign-in (absolute), whichever comes first, and never outlives the API token it was made from.
 */

export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** A session's last-seen time is written at most this often, not on every request. */
export const SESSION_TOUCH_MS = 60 * 1000;
/**
 * An API token's last use is written at most this often: a write on every request would put each read
 * behind SQLite's one writer and cost PostgreSQL a round trip and a WAL record.
 */
export const TOKEN_TOUCH_MS = 60 * 1000;

/** The latest a session begun at `createdAt` may last (ISO), capped by its token's expiry. */
export function absoluteExpiry(createdAt: Date, tokenExpiresAt: string | null): string {
  const absolute = new Date(createdAt.getTime() + SESSION_ABSOLUTE_MS).toISOString();
  return tokenExpiresAt !== null && tokenExpiresAt < absolute ? tokenExpiresAt : absolute;
}

/** When a session seen last at `lastSeen` ends if nothing else happens (ISO). */
export function sessionExpiry(lastSeen: Date, absoluteExpiresAt: string): string {
  const idle = new Date(lastSeen.getTime() + SESSION_IDLE_MS).toISOString();
  return idle < absoluteExpiresAt ? idle : absoluteExpiresAt;
}
