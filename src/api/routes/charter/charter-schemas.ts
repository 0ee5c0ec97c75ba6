/**
 * The Charter workflow's HTTP shapes (TypeBox, also the OpenAPI document) and how stored records are
 * presented in them: snake_case, one item per proposal record, decision or case.
 */
import { Type, type Static } from 'typebox';
import { OBLIGATION_STATES, type AssistanceCase } from '../../../domain/charter/workflow/assistance-case.ts';
import { assistanceClocks, overdue } from '../../../domain/charter/workflow/assistance-clocks.ts';
import { VOTE_CHOICES } from '../../../domain/charter/workflow/decision-tally.ts';
import {
  DECISION_STATES,
  decisionOutcome,
  type Decision,
} from '../../../domain/charter/workflow/decision.ts';
import {
  currentVersion,
  REVIEW_VERDICTS,
  versionState,
} from '../../../domain/charter/workflow/proposal-record.ts';
import { overdueFlags } from '../../../domain/charter/workflow/overdue-flags.ts';
import { HOUR_MS } from '../../../domain/charter/workflow/workflow-time.ts';
import type { StoredProposal } from '../../../store/store.ts';
import { Nullable } from '../../nullable.ts';

const Review = Type.Object({
  verdict: Type.String(),
  reason: Type.String(),
  by: Type.Integer({ description: 'user id of the reviewer' }),
  at: Type.String(),
});

export const ProposalSchema = Type.Object({
  id: Type.Integer({ description: 'the proposal record (incident × treaty × article)' }),
  incident_id: Type.Integer(),
  treaty: Type.String(),
  article: Type.String(),
  version: Type.Integer({ description: 'the current version: the one a review names' }),
  status: Type.String({ description: 'engaged, proposed or not_engaged' }),
  state: Type.String({ description: 'open, confirmed or rejected' }),
  confidence: Type.Number(),
  missing: Type.Array(Type.String()),
  reasons: Type.Array(
    Type.Object({
      fact: Type.String(),
      value: Nullable(Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
      clause: Type.String(),
      text_fr: Nullable(Type.String()),
      text_en: Nullable(Type.String()),
    }),
  ),
  obligations: Type.Array(Type.Object({ party: Type.String(), duty: Type.String() })),
  review: Nullable(Review),
  history: Type.Array(
    Type.Object({
      version: Type.Integer(),
      state: Type.String(),
      evaluated_at: Type.String(),
      cause: Type.String(),
      review: Nullable(Review),
    }),
  ),
});

export const ReviewBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'the version read: a superseded one is refused' }),
    verdict: Type.Enum(REVIEW_VERDICTS),
    reason: Type.String({ minLength: 1, maxLength: 4000 }),
    decision_deadline: Type.Optional(
      Nullable(
        Type.String({
          format: 'date-time',
          description:
            'for a confirmation that opens a decision: the instant after which no ballot is taken; the Charter tick then closes it, rejected unless adopted',
        }),
      ),
    ),
  },
  { additionalProperties: false },
);

export const DecisionSchema = Type.Object({
  id: Type.String(),
  treaty: Type.String(),
  subject: Type.Object({
    kind: Type.String(),
    article: Nullable(Type.String()),
    incident_id: Nullable(Type.Integer()),
    victim: Nullable(Type.String()),
    rebellion_case_id: Nullable(Type.String({ description: 'use-of-force' })),
    justification: Nullable(Type.String({ description: 'use-of-force' })),
    state: Nullable(Type.String({ description: 'accession: the state admitted' })),
    effective_from: Nullable(Type.String({ description: 'accession' })),
    case_id: Nullable(Type.String({ description: 'assistance-extension' })),
    parties: Nullable(Type.Array(Type.String(), { description: 'assistance-extension' })),
  }),
  reference_date: Type.String(),
  voters: Type.Array(Type.String()),
  state: Type.String({ description: 'open, adopted or rejected' }),
  votes: Type.Array(Type.Object({ party: Type.String(), choice: Nullable(Type.String()) })),
  awaiting: Type.Array(Type.String(), { description: 'voting parties that have not voted yet' }),
  required: Type.Integer({ description: 'assents needed' }),
  explanation: Type.String(),
  ballots: Type.Array(
    Type.Object({ party: Type.String(), choice: Type.String(), by: Type.Integer(), at: Type.String() }),
  ),
  opened_at: Type.String(),
  deadline: Nullable(Type.String()),
  closed_at: Nullable(Type.String()),
});

export const DecisionListQuery = Type.Object(
  { state: Type.Optional(Type.Enum([...DECISION_STATES, 'all'], { description: 'default open' })) },
  { additionalProperties: false },
);

export const VoteBody = Type.Object(
  { choice: Type.Enum(VOTE_CHOICES, { description: 'an abstention is not assent' }) },
  { additionalProperties: false },
);

export const CaseSchema = Type.Object({
  id: Type.String(),
  treaty: Type.String(),
  decision_id: Type.String(),
  article: Type.String(),
  incident_id: Type.Integer(),
  incident_date: Type.String(),
  victim: Type.String(),
  activated_at: Type.String(),
  hours_since_activation: Type.Number(),
  obligations: Type.Array(
    Type.Object({
      party: Type.String(),
      state: Type.String(),
      entered_at: Type.String(),
      owed_from: Type.String(),
      hours_in_state: Type.Number(),
      overdue: Type.Array(
        Type.Object({
          expected: Type.String(),
          due_at: Type.String(),
          flagged_at: Nullable(
            Type.String({ description: 'when the scheduled Charter tick first saw it overdue' }),
          ),
        }),
      ),
      history: Type.Array(
        Type.Object({
          from: Nullable(Type.String()),
          to: Type.String(),
          at: Type.String(),
          by: Nullable(Type.Integer()),
          note: Nullable(Type.String()),
        }),
      ),
    }),
  ),
});

export const AdvanceBody = Type.Object(
  {
    state: Type.Enum(OBLIGATION_STATES),
    reason: Type.Optional(
      Nullable(
        Type.String({ maxLength: 4000, description: 'what was pledged or delivered, or why declined' }),
      ),
    ),
  },
  { additionalProperties: false },
);

export const CaseParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 200 }), party: Type.String({ pattern: '^[A-Z]{3}$' }) },
  { additionalProperties: false },
);
export const DecisionParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export function presentProposal(p: StoredProposal): Static<typeof ProposalSchema> {
  const record = p.value;
  const current = currentVersion(record);
  return {
    id: p.id,
    incident_id: Number(record.incidentId),
    treaty: record.treaty,
    article: record.article,
    version: current.version,
    status: current.proposal.status,
    state: versionState(current),
    confidence: current.proposal.confidence,
    missing: [...current.proposal.missing],
    reasons: current.proposal.reasons.map((r) => ({
      fact: r.fact,
      value: r.value,
      clause: r.clause.id,
      text_fr: r.clause.text.fr,
      text_en: r.clause.text.en,
    })),
    obligations: current.proposal.obligations.map((o) => ({ party: o.party, duty: o.duty })),
    review: current.review,
    history: record.versions.map((v) => ({
      version: v.version,
      state: versionState(v),
      evaluated_at: v.evaluatedAt,
      cause: v.cause,
      review: v.review,
    })),
  };
}

export function presentDecision(d: Decision): Static<typeof DecisionSchema> {
  const { tally, explanation } = decisionOutcome(d);
  const s = d.subject;
  return {
    id: d.id,
    treaty: d.treaty,
    subject: {
      kind: s.kind,
      article: s.kind === 'activation' ? s.article : null,
      incident_id: s.kind === 'activation' ? Number(s.incidentId) : null,
      victim: s.kind === 'activation' ? s.victim : null,
      rebellion_case_id: s.kind === 'use-of-force' ? s.rebellionCaseId : null,
      justification: s.kind === 'use-of-force' ? s.justification : null,
      state: s.kind === 'accession' ? s.state : null,
      effective_from: s.kind === 'accession' ? s.effectiveFrom : null,
      case_id: s.kind === 'assistance-extension' ? s.assistanceCaseId : null,
      parties: s.kind === 'assistance-extension' ? [...s.parties] : null,
    },
    reference_date: d.referenceDate,
    voters: [...d.voters],
    state: d.state,
    votes: d.voters.map((party) => ({ party, choice: tally.votes[party] ?? null })),
    awaiting: d.state === 'open' ? [...tally.notVoted] : [],
    required: tally.required,
    explanation,
    ballots: d.ballots.map((b) => ({ party: b.party, choice: b.choice, by: b.by, at: b.at })),
    opened_at: d.openedAt,
    deadline: d.deadline,
    closed_at: d.closedAt,
  };
}

const hours = (ms: number): number => Math.round((ms / HOUR_MS) * 100) / 100;

/** A case with its clocks and what is overdue at `now`. */
export function presentCase(c: AssistanceCase, now: string): Static<typeof CaseSchema> {
  const clocks = assistanceClocks(c, now);
  const late = overdue(c, now);
  return {
    id: c.id,
    treaty: c.treaty,
    decision_id: c.decisionId,
    article: c.article,
    incident_id: Number(c.incidentId),
    incident_date: c.incidentDate,
    victim: c.victim,
    activated_at: c.activatedAt,
    hours_since_activation: hours(clocks.sinceActivationMs),
    obligations: c.obligations.map((o) => ({
      party: o.party,
      state: o.state,
      entered_at: o.enteredAt,
      owed_from: o.owedFrom,
      hours_in_state: hours(clocks.obligations.find((x) => x.party === o.party)?.timeInStateMs ?? 0),
      overdue: late
        .filter((x) => x.party === o.party)
        .map((x) => ({
          expected: x.expected,
          due_at: x.dueAt,
          flagged_at:
            overdueFlags(c).find((f) => f.party === x.party && f.expected === x.expected)?.flaggedAt ?? null,
        })),
      history: o.history.map((h) => ({ from: h.from, to: h.to, at: h.at, by: h.by, note: h.note })),
    })),
  };
}
