/**
 * What the Charter workflow does by the clock, run on a schedule inside `liptako serve` and by
 * `liptako charter tick`: evaluate the verified incidents no evaluation has read yet (imports, an edit
 * whose evaluation failed), close the decisions whose deadline passed (what was not adopted by then is
 * rejected, decision.ts closeAtDeadline), and flag the obligations that became overdue.
 *
 * Idempotent, and safe with several API nodes on one PostgreSQL: every write names the row version it
 * read, so of two nodes closing the same decision one wins and the other's write changes nothing (it
 * counts a conflict and moves on; the next tick finds nothing left to do).
 */
import { systemActor } from '../domain/audit/audit-entry.ts';
import { closeAtDeadline } from '../domain/charter/workflow/decision.ts';
import { flagOverdue, type OverdueFlag } from '../domain/charter/workflow/overdue-flags.ts';
import { isBefore } from '../domain/charter/workflow/workflow-time.ts';
import { currentTreaties, SYSTEM_VISIBILITY, type CharterDeps } from './charter-deps.ts';
import { charterTreatiesKey, evaluateIncident } from './charter-workflow.ts';

/** Verified incidents evaluated per tick at most: a large import is worked through over several ticks. */
export const DEFAULT_EVALUATIONS_PER_TICK = 200;

export interface CharterTickResult {
  /** Incidents evaluated (proposals stored or found unchanged). */
  readonly evaluated: readonly number[];
  /** Decisions closed at their deadline. */
  readonly closed: readonly string[];
  /** Overdue obligations flagged for the first time. */
  readonly flagged: readonly (OverdueFlag & { readonly caseId: string })[];
  /** Writes another node or request won meanwhile; the next tick sees their result. */
  readonly conflicts: number;
}

/** Who the tick's writes are made by in the audit log. */
const TICK_ACTOR = systemActor('charter-tick');

export async function charterTick(
  deps: CharterDeps,
  now: Date,
  options: { readonly evaluations?: number } = {},
): Promise<CharterTickResult> {
  const { store } = deps;
  const at = now.toISOString();
  let conflicts = 0;

  const evaluated: number[] = [];
  const waiting = await store.listIncidentsToEvaluate({
    treaties: charterTreatiesKey(await currentTreaties(deps)),
    limit: options.evaluations ?? DEFAULT_EVALUATIONS_PER_TICK,
  });
  for (const incidentId of waiting) {
    const result = await evaluateIncident(deps, {
      incidentId,
      visibility: SYSTEM_VISIBILITY,
      at,
      cause: 'verified incident evaluated by the Charter tick',
      by: TICK_ACTOR,
    });
    if (result.ok) evaluated.push(incidentId);
    else if (result.error.code === 'conflict') conflicts += 1;
    // 'unknown' or 'invalid-input': deleted or no longer verified since the list was read.
  }

  const closed: string[] = [];
  const open = await store.listCharterDecisions({ visibility: SYSTEM_VISIBILITY, state: 'open' });
  for (const stored of open) {
    const { deadline } = stored.value;
    if (deadline === null || !isBefore(deadline, at)) continue;
    const closing = closeAtDeadline(stored.value, at);
    if (!closing.ok) continue;
    const won = await store.writeCharter(
      [{ kind: 'decision', decision: closing.value, expectedVersion: stored.version }],
      { actor: TICK_ACTOR, at },
    );
    if (won) closed.push(stored.value.id);
    else conflicts += 1;
  }

  const flagged: (OverdueFlag & { caseId: string })[] = [];
  for (const stored of await store.listAssistanceCases(SYSTEM_VISIBILITY)) {
    const { assistanceCase, added } = flagOverdue(stored.value, at);
    if (added.length === 0) continue;
    const won = await store.writeCharter(
      [{ kind: 'case', assistanceCase, expectedVersion: stored.version }],
      {
        actor: TICK_ACTOR,
        at,
      },
    );
    if (won) flagged.push(...added.map((f) => ({ ...f, caseId: assistanceCase.id })));
    else conflicts += 1;
  }
  return { evaluated, closed, flagged, conflicts };
}

/** A running schedule of Charter ticks; `stop` waits for a tick under way to end. */
export interface CharterSchedule {
  stop(): Promise<void>;
}

/**
 * Runs `charterTick` every `intervalMs` (never two at once in this process), reporting each result
 * and each failure; a failure does not stop the schedule. The timer does not keep the process alive.
 */
export function scheduleCharterTicks(
  deps: CharterDeps,
  options: {
    readonly intervalMs: number;
    readonly now: () => Date;
    readonly onTick?: (result: CharterTickResult) => void;
    readonly onError: (error: unknown) => void;
  },
): CharterSchedule {
  let running: Promise<void> | null = null;
  const run = (): void => {
    if (running !== null) return;
    running = charterTick(deps, options.now())
      .then((result) => options.onTick?.(result))
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
