/**
 * HTTP shapes (TypeBox, also the OpenAPI document) of the rest of the Charter workflow: Art. 5
 * rebellion cases, Art. 8 consultations, decisions opened on their own (use of force, accession,
 * assistance extension) and membership events; and how the records are presented in them.
 */
import { Type, type Static } from 'typebox';
import type { Consultation } from '../../../domain/charter/workflow/consultation.ts';
import {
  ESCALATION_LEVELS,
  hasPeacefulStep,
  type RebellionCase,
} from '../../../domain/charter/workflow/rebellion-case.ts';
import type { StoredMembershipEvent } from '../../../store/store.ts';
import { Nullable } from '../../nullable.ts';

const ISO3 = { pattern: '^[A-Z]{3}$' };
const DAY = { pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' };
const TEXT = { minLength: 1, maxLength: 4000 };
const TREATY = Type.Optional(
  Type.String({ minLength: 1, maxLength: 200, description: 'default: the Liptako-Gourma Charter' }),
);

const Closed = Nullable(Type.Object({ at: Type.String(), by: Type.Integer(), outcome: Type.String() }));

export const RecordParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const RebellionCaseSchema = Type.Object({
  id: Type.String(),
  treaty: Type.String(),
  party: Type.String({ description: 'the party whose territory and sovereignty are threatened' }),
  incident_ids: Type.Array(Type.Integer()),
  level: Type.String({ description: ESCALATION_LEVELS.join(', ') }),
  has_peaceful_step: Type.Boolean({
    description: 'a dialogue or mediation step with its means is on record',
  }),
  steps: Type.Array(
    Type.Object({
      level: Type.String(),
      at: Type.String(),
      by: Type.Integer(),
      peaceful_means: Type.Array(Type.String()),
      note: Nullable(Type.String()),
      decision_id: Nullable(Type.String()),
    }),
  ),
  closed: Closed,
});

export const RebellionListQuery = Type.Object(
  {
    party: Type.Optional(Type.String(ISO3)),
    open: Type.Optional(Type.Boolean({ description: 'only the cases not closed' })),
  },
  { additionalProperties: false },
);

export const OpenRebellionBody = Type.Object(
  {
    incident_id: Type.Integer({ minimum: 1, description: "the incident; the case is its country's" }),
    treaty: TREATY,
    note: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  },
  { additionalProperties: false },
);

export const StepBody = Type.Object(
  {
    level: Type.Enum(ESCALATION_LEVELS),
    peaceful_means: Type.Optional(
      Type.Array(Type.String(TEXT), {
        maxItems: 50,
        description: 'the peaceful means tried: required for dialogue and mediation',
      }),
    ),
    note: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    decision_id: Type.Optional(
      Nullable(
        Type.String({
          minLength: 1,
          maxLength: 200,
          description: 'the adopted use-of-force decision a move to force rests on',
        }),
      ),
    ),
  },
  { additionalProperties: false },
);

export const CloseBody = Type.Object({ outcome: Type.String(TEXT) }, { additionalProperties: false });

export const ConsultationSchema = Type.Object({
  id: Type.String(),
  treaty: Type.String(),
  incident_id: Nullable(Type.Integer()),
  subject: Type.String(),
  concerned: Type.Array(Type.String()),
  visible_to: Type.Array(Type.String(), { description: 'every party member on the day it opened' }),
  opened_at: Type.String(),
  opened_by: Type.Integer(),
  statements: Type.Array(
    Type.Object({ party: Type.String(), by: Type.Integer(), at: Type.String(), text: Type.String() }),
  ),
  closed: Closed,
});

export const OpenConsultationBody = Type.Object(
  {
    incident_id: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    treaty: TREATY,
    concerned: Type.Array(Type.String(ISO3), {
      minItems: 2,
      maxItems: 20,
      description: 'the parties concerned',
    }),
    subject: Type.String(TEXT),
  },
  { additionalProperties: false },
);

export const StatementBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 20000, description: "for the signed-in user's party" }) },
  { additionalProperties: false },
);

export const OpenDecisionBody = Type.Object(
  {
    treaty: TREATY,
    deadline: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
    subject: Type.Union([
      Type.Object(
        {
          kind: Type.Literal('use-of-force'),
          rebellion_case_id: Type.String({ minLength: 1, maxLength: 200 }),
          justification: Type.Optional(
            Nullable(
              Type.String({
                maxLength: 4000,
                description: 'why force is needed; required when no peaceful step is on record',
              }),
            ),
          ),
        },
        { additionalProperties: false },
      ),
      Type.Object(
        {
          kind: Type.Literal('accession'),
          state: Type.String(ISO3),
          effective_from: Type.String(DAY),
        },
        { additionalProperties: false },
      ),
      Type.Object(
        {
          kind: Type.Literal('assistance-extension'),
          case_id: Type.String({ minLength: 1, maxLength: 200 }),
          parties: Type.Array(Type.String(ISO3), { minItems: 1, maxItems: 20 }),
        },
        { additionalProperties: false },
      ),
    ]),
  },
  { additionalProperties: false },
);

export const MembershipEventSchema = Type.Object({
  treaty: Type.String(),
  seq: Type.Integer(),
  kind: Type.String({ description: 'accession or denunciation' }),
  party: Type.String(),
  day: Type.String({ description: 'effective from (accession) or notified on (denunciation)' }),
  source: Nullable(Type.String()),
  decision_id: Nullable(Type.String()),
  recorded_at: Type.String(),
  recorded_by: Type.Integer(),
});

export const MembershipListQuery = Type.Object(
  { treaty: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
  { additionalProperties: false },
);

export const MembershipEventBody = Type.Object(
  {
    treaty: TREATY,
    event: Type.Union([
      Type.Object(
        {
          kind: Type.Literal('denunciation'),
          party: Type.String(ISO3),
          notified_on: Type.String(DAY),
          source: Type.String({ ...TEXT, description: 'the notice: reference, date, depositary' }),
        },
        { additionalProperties: false },
      ),
      Type.Object(
        {
          kind: Type.Literal('accession'),
          decision_id: Type.String({ minLength: 1, maxLength: 200 }),
          state: Type.String(ISO3),
          iso2: Type.String({ pattern: '^[A-Z]{2}$' }),
          name_en: Type.String({ minLength: 1, maxLength: 200 }),
          name_fr: Type.String({ minLength: 1, maxLength: 200 }),
          effective_from: Type.String(DAY),
        },
        { additionalProperties: false },
      ),
    ]),
  },
  { additionalProperties: false },
);

export function presentRebellionCase(c: RebellionCase): Static<typeof RebellionCaseSchema> {
  return {
    id: c.id,
    treaty: c.treaty,
    party: c.party,
    incident_ids: c.incidentIds.map(Number),
    level: c.level,
    has_peaceful_step: hasPeacefulStep(c),
    steps: c.steps.map((s) => ({
      level: s.level,
      at: s.at,
      by: s.by,
      peaceful_means: [...s.peacefulMeans],
      note: s.note,
      decision_id: s.decisionId,
    })),
    closed: c.closed,
  };
}

export function presentConsultation(c: Consultation): Static<typeof ConsultationSchema> {
  return {
    id: c.id,
    treaty: c.treaty,
    incident_id: c.incidentId === null ? null : Number(c.incidentId),
    subject: c.subject,
    concerned: [...c.concerned],
    visible_to: [...c.visibleTo],
    opened_at: c.openedAt,
    opened_by: c.openedBy,
    statements: c.statements.map((s) => ({ party: s.party, by: s.by, at: s.at, text: s.text })),
    closed: c.closed,
  };
}

export function presentMembershipEvent(e: StoredMembershipEvent): Static<typeof MembershipEventSchema> {
  const ev = e.event;
  return {
    treaty: e.treaty,
    seq: e.seq,
    kind: ev.kind,
    party: ev.kind === 'accession' ? ev.state.iso3 : ev.party,
    day: ev.kind === 'accession' ? ev.effectiveFrom : ev.notifiedOn,
    source: ev.kind === 'denunciation' ? ev.source : null,
    decision_id: ev.kind === 'accession' ? ev.decision.id : null,
    recorded_at: e.recordedAt,
    recorded_by: e.recordedBy,
  };
}
