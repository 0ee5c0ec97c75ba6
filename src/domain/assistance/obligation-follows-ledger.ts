/**
 * The ledger moves a party's duty-of-assistance obligation forward: its first pledge on a request of
 * the case makes it `pledged`, its first dispatch `delivering`, and when every one of its pledges on
 * the case's requests is received in full, `fulfilled`. The moves follow the obligation's own state
 * machine (OBLIGATION_TRANSITIONS) one step at a time, only ever forward: an obligation already past
 * the target, declined or fulfilled is left as it is, and so is a case without an obligation for the
 * party (it owes nothing there; its pledge is still welcome).
 */
import {
  OBLIGATION_TRANSITIONS,
  type AssistanceCase,
  type AssistanceObligation,
  type ObligationState,
} from '../charter/workflow/assistance-case.ts';
import { isBefore } from '../charter/workflow/workflow-time.ts';

const ORDER: readonly ObligationState[] = ['pending', 'acknowledged', 'pledged', 'delivering', 'fulfilled'];

export type LedgerTarget = 'pledged' | 'delivering' | 'fulfilled';

/** The case with `party`'s obligation moved up to `target`; the same object when nothing moves. */
export function obligationFollowsLedger(
  c: AssistanceCase,
  input: {
    readonly party: string;
    readonly target: LedgerTarget;
    readonly at: string;
    readonly by: number;
    readonly note: string;
  },
): AssistanceCase {
  const o = c.obligations.find((x) => x.party === input.party);
  if (o === undefined) return c;
  let moved: AssistanceObligation = o;
  while (ORDER.indexOf(moved.state) >= 0 && ORDER.indexOf(moved.state) < ORDER.indexOf(input.target)) {
    const next = ORDER[ORDER.indexOf(moved.state) + 1];
    if (next === undefined || !OBLIGATION_TRANSITIONS[moved.state].includes(next)) break;
    // A ledger event is dated now; an obligation changed later than that (clock skew between nodes)
    // keeps its date order by taking the later instant.
    const at = isBefore(input.at, moved.enteredAt) ? moved.enteredAt : input.at;
    moved = {
      ...moved,
      state: next,
      enteredAt: at,
      history: [...moved.history, { from: moved.state, to: next, at, by: input.by, note: input.note }],
    };
  }
  if (moved === o) return c;
  return { ...c, obligations: c.obligations.map((x) => (x.party === input.party ? moved : x)) };
}
