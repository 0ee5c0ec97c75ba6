/**
 * Early warning: detects surges of violence per admin unit on a day (domain/early-warning/), and
 * records what changed — surges newly raised, open ones whose figures moved, lapsed ones closed — in
 * one transaction. Run by `liptako surges detect [--on DAY]` and, in `liptako serve`, on the schedule
 * of the Charter tick (for today, UTC).
 *
 * Alerts: `opened` is exactly the surges raised by this run, each once in its life (a surge that stays
 * open, or lapses and comes back within its cool-down, is never in `opened` again). `publish`, when
 * given, is called with them inside the run's transaction, on the store bound to it: an alert written
 * there (an outbox row) commits with the surge or not at all, and a throw rolls the whole run back. The
 * alert pipeline plugs in there, one `surge` alert per opened surge: pass it to `scheduleSurgeDetection`
 * in cli/serve.ts and to `detectSurges` in cli/surges.ts (neither has a publisher before that pipeline).
 *
 * Safe beside a server or on several API nodes: runs take the lane 'surges' (on PostgreSQL an advisory
 * lock held to the end of the transaction), so two never move the same surge; a run for a day before
 * the last day a surge was changed is refused, detection only moves forward.
 */
import { systemActor } from '../domain/audit/audit-entry.ts';
import { groupByAdminUnit, unitId, type AdminUnitRef } from '../domain/early-warning/admin-unit-series.ts';
import { PUBLIC_MARKING } from '../domain/early-warning/surge-marking.ts';
import { measureSurge, spanStart } from '../domain/early-warning/surge-measure.ts';
import { DEFAULT_SURGE_RULE, surgeRuleProblems, type SurgeRule } from '../domain/early-warning/surge-rule.ts';
import { stepSurge } from '../domain/early-warning/surge.ts';
import type { Store } from '../store/store.ts';
import type { StoredSurge, SurgeWrite } from '../store/surge-records.ts';

/** Who detection's writes are made by in the audit log. */
export const SURGE_ACTOR = systemActor('surge-detection');

export interface DetectSurgesResult {
  /** The day of detection. */
  readonly on: string;
  /** Admin units measured: those with counted incidents in the 395 days read, and those with an open surge. */
  readonly units: number;
  /** Surges raised by this run: what an alert is published for. */
  readonly opened: readonly StoredSurge[];
  /** Open surges whose figures, level or lapse changed. */
  readonly updated: readonly StoredSurge[];
  /** Surges closed by this run (lapsed for their whole cool-down). */
  readonly closed: readonly StoredSurge[];
}

/** Told of the surges a run raised, inside its transaction, with the store bound to it. */
export type SurgePublisher = (store: Store, opened: readonly StoredSurge[]) => Promise<void>;

export type DetectSurgesOutcome =
  | { readonly ok: true; readonly value: DetectSurgesResult }
  | {
      readonly ok: false;
      readonly error: {
        readonly code: 'invalid-day' | 'invalid-rule' | 'before-last-run';
        readonly message: string;
      };
    };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC calendar day of an instant. */
export const dayOf = (instant: Date): string => instant.toISOString().slice(0, 10);

export function isCalendarDay(text: string): boolean {
  return (
    DAY.test(text) &&
    !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) &&
    dayOf(new Date(`${text}T00:00:00Z`)) === text
  );
}

export async function detectSurges(
  store: Store,
  options: {
    readonly on: string;
    readonly now: Date;
    readonly rule?: SurgeRule;
    readonly publish?: SurgePublisher;
  },
): Promise<DetectSurgesOutcome> {
  const rule = options.rule ?? DEFAULT_SURGE_RULE;
  const { on } = options;
  if (!isCalendarDay(on))
    return { ok: false, error: { code: 'invalid-day', message: `not a calendar day (YYYY-MM-DD): ${on}` } };
  const problems = surgeRuleProblems(rule);
  if (problems.length > 0)
    return { ok: false, error: { code: 'invalid-rule', message: problems.join('; ') } };

  return store.atomically(async (s): Promise<DetectSurgesOutcome> => {
    const last = await s.lastSurgeChange();
    if (last !== null && on < last)
      return {
        ok: false,
        error: {
          code: 'before-last-run',
          message: `surges were last changed on ${last}: detection runs forward only, not for ${on}`,
        },
      };
    const series = groupByAdminUnit(await s.surgeDailyCounts({ from: spanStart(on, rule), to: on }));
    const open = new Map<string, StoredSurge>();
    for (const stored of await s.listOpenSurges()) open.set(unitId(stored.surge), stored);

    const writes: SurgeWrite[] = [];
    const ids = new Set([...series.keys(), ...open.keys()]);
    for (const id of [...ids].sort()) {
      const unitSeries = series.get(id);
      const current = open.get(id) ?? null;
      // A unit with an open surge but no counted incident left in the span is measured as all zeros.
      // `ids` holds only keys of `series` and `open`: without a series, `current` is the open surge.
      const unit: AdminUnitRef = unitSeries ?? (current as StoredSurge).surge;
      const measure = measureSurge(unitSeries?.days ?? [], on, rule);
      const step = stepSurge(
        current?.surge ?? null,
        unit,
        measure,
        unitSeries?.marking ?? PUBLIC_MARKING,
        rule,
      );
      if (step.kind === 'none') continue;
      writes.push(
        current === null
          ? { id: null, surge: step.surge }
          : { id: current.id, expectedVersion: current.version, surge: step.surge },
      );
    }
    const stored =
      writes.length === 0
        ? []
        : await s.writeSurges(writes, { actor: SURGE_ACTOR, at: options.now.toISOString() });
    // Within the lane no other writer moves a surge: a lost version check is a bug, and throwing
    // rolls the whole run back.
    if (stored === null) throw new Error('a surge changed during detection although the lane was held');
    const result = {
      on,
      units: ids.size,
      opened: [] as StoredSurge[],
      updated: [] as StoredSurge[],
      closed: [] as StoredSurge[],
    };
    stored.forEach((written, i) => {
      if (writes[i]?.id === null) result.opened.push(written);
      else if (written.surge.state === 'closed') result.closed.push(written);
      else result.updated.push(written);
    });
    if (options.publish !== undefined && result.opened.length > 0) await options.publish(s, result.opened);
    return { ok: true, value: result };
  }, 'surges');
}

/** A running schedule of detections; `stop` waits for a run under way to end. */
export interface SurgeSchedule {
  stop(): Promise<void>;
}

/**
 * Runs `detectSurges` for the day of `now()` (UTC) every `intervalMs` (never two at once in this
 * process), reporting each result and each failure; a failure does not stop the schedule. A tick on
 * the day of the last run, with nothing written to the store since, skips the run. The timer does not
 * keep the process alive.
 */
export function scheduleSurgeDetection(
  store: Store,
  options: {
    readonly intervalMs: number;
    readonly now: () => Date;
    readonly rule?: SurgeRule;
    readonly publish?: SurgePublisher;
    readonly onRun?: (result: DetectSurgesOutcome) => void | Promise<void>;
    readonly onError: (error: unknown) => void;
  },
): SurgeSchedule {
  let running: Promise<void> | null = null;
  // The day and audit log size of the last run that read the store: every write to incidents appends
  // to the log in its transaction, so while both stay the same the counts have not changed and a run
  // would change nothing (a 2.6-million-incident store is read in about half a second: BENCHMARKS.md).
  let last: { readonly on: string; readonly auditSize: number } | null = null;
  const detect = async (): Promise<void> => {
    const now = options.now();
    const on = dayOf(now);
    // Read before the run: a write that commits meanwhile moves it, and the next tick runs again.
    const auditSize = await store.auditHeadSize();
    if (last !== null && last.on === on && last.auditSize === auditSize) return;
    const result = await detectSurges(store, {
      on,
      now,
      ...(options.rule === undefined ? {} : { rule: options.rule }),
      ...(options.publish === undefined ? {} : { publish: options.publish }),
    });
    last = { on, auditSize };
    await options.onRun?.(result);
  };
  const run = (): void => {
    if (running !== null) return;
    running = detect()
      .catch(options.onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(run, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
