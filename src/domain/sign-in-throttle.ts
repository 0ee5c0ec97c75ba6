/**
 * Lockout after failed sign-ins (issue 7). Failures are counted per key — the user name tried, and the
 * client's address — in the database, so that every API node sees the same counts. A key that reaches
 * its threshold is locked for 15 minutes; each further failure doubles the lock, up to a day. A key
 * forgets its failures a day after the last one; a successful sign-in clears the user name's count
 * (not the address's: one valid account must not reset an attacker's budget for guessing others).
 */

export type ThrottleKind = 'user' | 'address';

export interface ThrottlePolicy {
  /** Failures that lock the key. */
  readonly threshold: number;
}

export const THROTTLE_POLICIES: Readonly<Record<ThrottleKind, ThrottlePolicy>> = {
  user: { threshold: 5 },
  // Offices share an address behind NAT: lock an address only after more failures than one user.
  address: { threshold: 20 },
};

export const BASE_LOCK_MS = 15 * 60 * 1000;
export const MAX_LOCK_MS = 24 * 60 * 60 * 1000;
/** Failures older than this (since the last one) are forgotten. */
export const FAILURE_MEMORY_MS = 24 * 60 * 60 * 1000;

/** The counter's key: kind and value. User names are case-folded: "Awa" and "awa" share one budget. */
export function throttleKey(kind: ThrottleKind, value: string): string {
  return `${kind}:${kind === 'user' ? value.trim().toLowerCase() : value}`;
}

/** How long a key that has just reached `failures` is locked, in ms; 0 below the threshold. */
export function lockDuration(kind: ThrottleKind, failures: number): number {
  const over = failures - THROTTLE_POLICIES[kind].threshold;
  if (over < 0) return 0;
  return Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** Math.min(over, 16));
}

/** Seconds until the latest of these locks ends (at least 1), or 0 when none is in force at `now`. */
export function retryAfterSeconds(lockedUntil: readonly (string | null)[], now: Date): number {
  let latest = 0;
  for (const until of lockedUntil) {
    if (until === null) continue;
    const ms = Date.parse(until) - now.getTime();
    if (ms > latest) latest = ms;
  }
  return latest > 0 ? Math.max(1, Math.ceil(latest / 1000)) : 0;
}
