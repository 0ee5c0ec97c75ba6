/**
 * Settings of the crash suite, from the environment so that a failure can be replayed and a bigger run
 * asked for without editing code:
 *
 *   LIPTAKO_CRASH_SEED=1234 npm test -- test/crash/        # replay the kill moments of a failed run
 *   LIPTAKO_CRASH_ROWS=200000 LIPTAKO_CRASH_KILLS=10 LIPTAKO_CRASH_REPORTS=2000 …
 *
 * Every test prints its seed (as a test diagnostic, and in each assertion message).
 */
import { seededRandom } from '../../src/commands/seeded-random.ts';

function whole(name: string, fallback: number, min: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}`);
  return value;
}

export const crashSettings = {
  /** Seed of every random choice of the suite (kill moments, report texts, senders' order). */
  seed: whole('LIPTAKO_CRASH_SEED', Math.floor(Math.random() * 2 ** 31), 0),
  /** Rows of the synthetic ACLED file that `liptako import` is killed while writing. */
  rows: whole('LIPTAKO_CRASH_ROWS', 30_000, 1_000),
  /** Kills of the import before the run that completes it. */
  importKills: whole('LIPTAKO_CRASH_KILLS', 5, 1),
  /** Reports of the burst. */
  reports: whole('LIPTAKO_CRASH_REPORTS', 300, 10),
  /** Concurrent senders of the burst. */
  senders: whole('LIPTAKO_CRASH_SENDERS', 4, 1),
  /** Kills of the server during the burst, each followed by a restart. */
  serverKills: whole('LIPTAKO_CRASH_SERVER_KILLS', 2, 1),
} as const;

/**
 * A random generator for one test (`stream` keeps the tests' sequences apart under one seed), and a
 * message suffix that names the seed to replay.
 */
export function seeded(stream: number): { rand: () => number; replay: string } {
  return {
    rand: seededRandom(crashSettings.seed * 31 + stream),
    replay: `(replay with LIPTAKO_CRASH_SEED=${crashSettings.seed})`,
  };
}

/** Time a test may take, grown with the sizes asked for (the defaults need well under a minute each). */
export const crashTimeouts = {
  import: 60_000 + crashSettings.rows * (crashSettings.importKills + 1),
  reports: 60_000 + crashSettings.reports * (crashSettings.serverKills + 1) * 150,
} as const;
