/** The shape every article rule shares: a pure function of the reading and its clause. */
import type { TreatyClause } from '../treaty.ts';
import type { IncidentReading } from './incident-reading.ts';
import type { Obligation, Reason } from './proposal.ts';

export interface RuleFinding {
  /** Whether the facts point to the clause. */
  readonly applies: boolean;
  /** How strongly, before each missing fact lowers it. */
  readonly confidence: number;
  /**
   * When true, a clause that applies automatically is only proposed: a fact it needs (the place, the
   * actor's designation) is unknown or uncertain, so a person must confirm.
   */
  readonly tentative: boolean;
  readonly reasons: readonly Reason[];
  readonly missing: readonly string[];
  readonly obligations: readonly Obligation[];
}

export type ArticleRule = (reading: IncidentReading, clause: TreatyClause) => RuleFinding;
