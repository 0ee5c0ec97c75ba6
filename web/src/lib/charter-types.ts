/** The Charter workflow's API shapes (see /openapi.json, tag "charter"). */

export interface ProposalReason {
  readonly fact: string;
  readonly value: string | number | boolean | null;
  readonly clause: string;
  readonly text_fr: string | null;
  readonly text_en: string | null;
}

export interface Proposal {
  readonly id: number;
  readonly incident_id: number;
  readonly treaty: string;
  readonly article: string;
  readonly version: number;
  readonly status: string;
  readonly state: 'open' | 'confirmed' | 'rejected';
  readonly confidence: number;
  readonly missing: string[];
  readonly reasons: ProposalReason[];
  readonly obligations: { party: string; duty: string }[];
  readonly review: { verdict: string; reason: string; by: number; at: string } | null;
}

export interface Decision {
  readonly id: string;
  readonly treaty: string;
  readonly subject: {
    kind: string;
    article: string | null;
    incident_id: number | null;
    victim: string | null;
  };
  readonly reference_date: string;
  readonly voters: string[];
  readonly state: 'open' | 'adopted' | 'rejected';
  readonly votes: { party: string; choice: string | null }[];
  readonly awaiting: string[];
  readonly required: number;
  readonly explanation: string;
  readonly ballots: { party: string; choice: string; by: number; at: string }[];
  readonly opened_at: string;
  readonly deadline: string | null;
  readonly closed_at: string | null;
}

export const OBLIGATION_NEXT: Record<string, readonly string[]> = {
  pending: ['acknowledged', 'declined'],
  acknowledged: ['pledged', 'declined'],
  pledged: ['delivering', 'declined'],
  delivering: ['fulfilled', 'declined'],
  fulfilled: [],
  declined: [],
};

export interface Obligation {
  readonly party: string;
  readonly state: string;
  readonly entered_at: string;
  readonly owed_from: string;
  readonly hours_in_state: number;
  readonly overdue: { expected: string; due_at: string }[];
  readonly history: { from: string | null; to: string; at: string; by: number | null; note: string | null }[];
}

export interface AssistanceCase {
  readonly id: string;
  readonly treaty: string;
  readonly decision_id: string;
  readonly article: string;
  readonly incident_id: number;
  readonly incident_date: string;
  readonly victim: string;
  readonly activated_at: string;
  readonly hours_since_activation: number;
  readonly obligations: Obligation[];
}

export interface Closed {
  readonly at: string;
  readonly by: number;
  readonly outcome: string;
}

export const ESCALATION_LEVELS = ['monitoring', 'dialogue', 'mediation', 'use-of-force'] as const;

export interface RebellionCase {
  readonly id: string;
  readonly treaty: string;
  readonly party: string;
  readonly incident_ids: number[];
  readonly level: string;
  readonly has_peaceful_step: boolean;
  readonly steps: {
    level: string;
    at: string;
    by: number;
    peaceful_means: string[];
    note: string | null;
    decision_id: string | null;
  }[];
  readonly closed: Closed | null;
}

export interface Consultation {
  readonly id: string;
  readonly treaty: string;
  readonly incident_id: number | null;
  readonly subject: string;
  readonly concerned: string[];
  readonly opened_at: string;
  readonly statements: { party: string; by: number; at: string; text: string }[];
  readonly closed: Closed | null;
}
