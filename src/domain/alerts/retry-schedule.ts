/**
 * When a failed webhook delivery is tried again: exponential backoff with full jitter (AWS
 * architecture blog, "Exponential Backoff and Jitter"), capped, for a bounded number of attempts.
 */

export interface RetryPolicy {
  /** Attempts in all, the first included; after the last failure the delivery is failed for good. */
  readonly maxAttempts: number;
  readonly baseMs: number;
  readonly capMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseMs: 5_000, capMs: 3_600_000 };

/**
 * The delay before attempt `attempt + 1`, after `attempt` failed (1-based), or null when none is left.
 * `random` is in [0, 1): the delay is uniform in [ceiling / 2, ceiling], ceiling = min(cap, base·2^(n−1)),
 * so that retries spread out yet never come sooner than half the schedule.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: number): number | null {
  if (attempt >= policy.maxAttempts) return null;
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
