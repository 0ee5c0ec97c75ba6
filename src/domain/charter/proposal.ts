/** What the engine says about one article of one treaty for one incident: a proposal, never a decision. */
import type { Wording } from '../treaty.ts';

export const PROPOSAL_STATUSES = ['engaged', 'proposed', 'not_engaged'] as const;
/**
 * engaged: a standing commitment that applies by itself (Art. 4); proposed: the facts point to the
 * article and the parties must decide; not_engaged: the facts do not point to it.
 */
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** A clause as a reason cites it: its id and its text in both languages, with how each was obtained. */
export interface ClauseCitation {
  readonly id: string;
  readonly text: { readonly fr: string | null; readonly en: string | null };
  readonly wording: { readonly fr: Wording | null; readonly en: Wording | null };
}

export type FactValue = string | number | boolean | null;

/** One fact the rule used, with its value and the clause it was read against. */
export interface Reason {
  readonly fact: string;
  readonly value: FactValue;
  readonly clause: ClauseCitation;
}

/** What a party would owe if the proposal is confirmed (and, for a decision, decided). */
export interface Obligation {
  /** ISO3 of the party. */
  readonly party: string;
  readonly duty: string;
}

export interface Proposal {
  readonly treaty: string;
  /** The clause id: "4" … "8" for the Liptako-Gourma Charter. */
  readonly article: string;
  readonly status: ProposalStatus;
  /** 0–1: how strongly the facts support the status; lowered by each missing fact. */
  readonly confidence: number;
  readonly reasons: readonly Reason[];
  /** Names of the facts (incident fields) that were unknown and would have mattered. */
  readonly missing: readonly string[];
  readonly obligations: readonly Obligation[];
}
