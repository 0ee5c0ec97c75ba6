/**
 * Overdue obligations, flagged once: the clocks (assistance-clocks.ts) say at any instant what is
 * overdue; a flag records on the case the first time a scheduled check saw each (party, state) late,
 * so that alerts and the audit log have an event with a date, and a second check adds nothing.
 */
import type { AssistanceCase, DeadlineState } from './assistance-case.ts';
import { overdue } from './assistance-clocks.ts';

export interface OverdueFlag {
  readonly party: string;
  /** The state the obligation should have reached. */
  readonly expected: DeadlineState;
  readonly dueAt: string;
  /** When a check first saw it overdue. */
  readonly flaggedAt: string;
}

/** The flags recorded on a case (none on a case written before flags existed). */
export function overdueFlags(c: AssistanceCase): readonly OverdueFlag[] {
  return c.overdueFlags ?? [];
}

/**
 * The case with a flag for each (party, expected state) overdue at `now` and not flagged yet, and the
 * flags added; the case itself (same object) and no flags when there is nothing new.
 */
export function flagOverdue(
  c: AssistanceCase,
  now: string,
): { readonly assistanceCase: AssistanceCase; readonly added: readonly OverdueFlag[] } {
  const flagged = overdueFlags(c);
  const added: OverdueFlag[] = overdue(c, now)
    .filter((o) => !flagged.some((f) => f.party === o.party && f.expected === o.expected))
    .map((o) => ({ party: o.party, expected: o.expected, dueAt: o.dueAt, flaggedAt: now }));
  if (added.length === 0) return { assistanceCase: c, added };
  return { assistanceCase: { ...c, overdueFlags: [...flagged, ...added] }, added };
}
