/**
 * The classification of a surge: the highest of the incidents its figures were computed from, so that
 * a surge never shows a reader a total that a NATIONAL incident they may not see went into.
 *
 * A surge's figures (the current total and the baseline, which is the highest window of a year) are
 * read from every counted incident of its unit in the 395 days they span; all of them count as
 * contributors. NATIONAL incidents of one owning party make the surge NATIONAL of that party; NATIONAL
 * incidents of several parties (or of none named) make it NATIONAL with no owner, which only the
 * alliance's analysts and admins see (classification.ts). A surge's marking only ever rises while it is
 * open: its history showed earlier figures too.
 */
import type { Classification } from '../classification.ts';

export interface Marking {
  readonly classification: Classification;
  /** The owning party of a NATIONAL marking; null otherwise, or NATIONAL of several or no party. */
  readonly ownerParty: string | null;
}

export const PUBLIC_MARKING: Marking = { classification: 'PUBLIC', ownerParty: null };

const RANK: Readonly<Record<Classification, number>> = { PUBLIC: 0, AES_RESTRICTED: 1, NATIONAL: 2 };

/** The higher of two markings; two NATIONAL markings of different (or unknown) owners have none. */
export function higherMarking(a: Marking, b: Marking): Marking {
  if (RANK[a.classification] !== RANK[b.classification])
    return RANK[a.classification] > RANK[b.classification] ? a : b;
  if (a.classification !== 'NATIONAL') return a;
  return a.ownerParty !== null && a.ownerParty === b.ownerParty
    ? a
    : { classification: 'NATIONAL', ownerParty: null };
}

export function highestMarking(markings: Iterable<Marking>): Marking {
  let m = PUBLIC_MARKING;
  for (const x of markings) m = higherMarking(m, x);
  return m;
}
