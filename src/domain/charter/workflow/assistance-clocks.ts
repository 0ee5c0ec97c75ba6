/**
 * The clocks of a duty-of-assistance case at an instant the caller passes in: time since activation,
 * time each obligation has spent in its state, and what is overdue. A deadline of H hours for a state
 * means "reach it within H hours of the obligation's start" (the activation, or the decision that
 * added it); an obligation is overdue for every such state it has not reached by then. Fulfilled and
 * declined obligations are never overdue; a state reached late is not overdue any more (its history
 * shows when it was reached).
 */
import type { AssistanceCase, DeadlineState, ObligationState } from './assistance-case.ts';
import { HOUR_MS, instantMs } from './workflow-time.ts';

const RANK: Readonly<Record<DeadlineState, number>> = {
  acknowledged: 1,
  pledged: 2,
  delivering: 3,
  fulfilled: 4,
};
const RANK_OF_STATE: Readonly<Record<ObligationState, number>> = { pending: 0, ...RANK, declined: -1 };

export interface ObligationClock {
  readonly party: string;
  readonly state: ObligationState;
  readonly sinceOwedMs: number;
  readonly timeInStateMs: number;
}

export interface AssistanceClocks {
  readonly sinceActivationMs: number;
  readonly obligations: readonly ObligationClock[];
}

export function assistanceClocks(c: AssistanceCase, now: string): AssistanceClocks {
  const t = instantMs(now);
  return {
    sinceActivationMs: t - instantMs(c.activatedAt),
    obligations: c.obligations.map((o) => ({
      party: o.party,
      state: o.state,
      sinceOwedMs: t - instantMs(o.owedFrom),
      timeInStateMs: t - instantMs(o.enteredAt),
    })),
  };
}

export interface OverdueItem {
  readonly party: string;
  /** The state the obligation is in. */
  readonly state: ObligationState;
  /** The state it should have reached. */
  readonly expected: DeadlineState;
  readonly dueAt: string;
  readonly lateByMs: number;
}

/** Every (party, state) whose deadline passed before `now` without the state being reached, latest deadline first per party. */
export function overdue(c: AssistanceCase, now: string): OverdueItem[] {
  const t = instantMs(now);
  const targets = (Object.entries(c.deadlines) as [DeadlineState, number | undefined][]) // keys come from AssistanceDeadlines
    .filter((e): e is [DeadlineState, number] => typeof e[1] === 'number')
    .sort((a, b) => RANK[b[0]] - RANK[a[0]]);
  const late: OverdueItem[] = [];
  for (const o of c.obligations) {
    if (o.state === 'declined' || o.state === 'fulfilled') continue;
    for (const [expected, hours] of targets) {
      if (RANK_OF_STATE[o.state] >= RANK[expected]) continue;
      const due = instantMs(o.owedFrom) + hours * HOUR_MS;
      if (t > due)
        late.push({
          party: o.party,
          state: o.state,
          expected,
          dueAt: new Date(due).toISOString(),
          lateByMs: t - due,
        });
    }
  }
  return late;
}
