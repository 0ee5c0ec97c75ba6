/**
 * When two incidents may be merged (an analyst found they are one event): the other incident's sources
 * move to the survivor and the other is rejected with a pointer to it. Verified incidents may be merged
 * (an analyst decides); an incident may not be merged into itself, into a rejected one, and no
 * incident that was merged already takes part again.
 */
import type { Incident } from './incident.ts';

export interface MergeRefusal {
  /** same: one incident twice; conflict: the state of one of them forbids it. */
  readonly kind: 'same' | 'conflict';
  readonly message: string;
}

export function mergeRefusal(
  survivor: Pick<Incident, 'id' | 'status' | 'mergedInto'>,
  other: Pick<Incident, 'id' | 'status' | 'mergedInto'>,
): MergeRefusal | null {
  if (survivor.id === other.id)
    return { kind: 'same', message: `incident ${survivor.id} cannot be merged into itself` };
  if (survivor.mergedInto !== null)
    return {
      kind: 'conflict',
      message: `incident ${survivor.id} was merged into ${survivor.mergedInto}: merge into that one instead`,
    };
  if (other.mergedInto !== null)
    return { kind: 'conflict', message: `incident ${other.id} was merged into ${other.mergedInto} already` };
  if (survivor.status === 'rejected')
    return {
      kind: 'conflict',
      message: `incident ${survivor.id} is rejected: nothing can be merged into it`,
    };
  return null;
}

/** The reasons the two revisions of a merge carry. */
export function mergeReasons(
  survivorId: number,
  otherId: number,
  reason: string,
): { survivor: string; other: string } {
  return {
    survivor: `merged #${otherId} into this incident: ${reason}`,
    other: `merged into #${survivorId}: ${reason}`,
  };
}
