/**
 * Instants in the workflow are ISO 8601 strings with a zone ("2024-05-10T08:00:00Z"), passed in by the
 * caller. An unparseable one is a bug of the caller (the edge validates them), so it throws.
 */

export function instantMs(at: string): number {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new Error(`not an ISO instant: ${at}`);
  return ms;
}

/** Whether `at` comes before `previous` (an event dated before the last one on the same record). */
export function isBefore(at: string, previous: string): boolean {
  return instantMs(at) < instantMs(previous);
}

export const HOUR_MS = 3_600_000;

/** The ISO day (UTC) of an instant. */
export function dayOf(at: string): string {
  return new Date(instantMs(at)).toISOString().slice(0, 10);
}
