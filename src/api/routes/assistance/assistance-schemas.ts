/**
 * HTTP shapes (TypeBox, also the OpenAPI document) of the mutual-assistance ledger, and how a ledger is
 * presented in them: snake_case, every request with its roll-up (committed / in transit / fulfilled,
 * each none, partial or complete, as Sahana Eden computes them), the detail with its pledges, dispatches,
 * receipts and their history.
 */
import { Type, type Static } from 'typebox';
import {
  ASSISTANCE_CATEGORIES,
  ASSISTANCE_PRIORITIES,
} from '../../../domain/assistance/assistance-category.ts';
import type { AssistanceLedger } from '../../../domain/assistance/assistance-ledger.ts';
import { REQUEST_STAGES, rollUp, type RequestRollUp } from '../../../domain/assistance/assistance-rollup.ts';
import type { PartyScorecard } from '../../../domain/assistance/assistance-scorecard.ts';
import { CLASSIFICATIONS } from '../../../domain/classification.ts';
import type { Stored } from '../../../store/store.ts';
import { Nullable } from '../../nullable.ts';

const ISO3 = { pattern: '^[A-Z]{3}$' };
const DAY = { pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' };
const NOTE = Type.Optional(Nullable(Type.String({ maxLength: 2000 })));
const QUANTITY = Type.Number({
  description: 'in the unit given; a zero or negative quantity is refused (422) with a message',
});

export const RequestParams = Type.Object(
  { id: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const RequestListQuery = Type.Object(
  {
    party: Type.Optional(Type.String({ ...ISO3, description: 'the requesting party' })),
    pledging_party: Type.Optional(Type.String({ ...ISO3, description: 'requests this party pledged to' })),
    case_id: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    category: Type.Optional(Type.Enum(ASSISTANCE_CATEGORIES)),
    stage: Type.Optional(Type.Enum(REQUEST_STAGES)),
    overdue: Type.Optional(
      Type.Boolean({ description: 'only requests past their needed-by day, not fulfilled' }),
    ),
  },
  { additionalProperties: false },
);

export const CreateRequestBody = Type.Object(
  {
    party: Type.Optional(
      Type.String({ ...ISO3, description: "the requesting party: the caller's own; an admin names it" }),
    ),
    case_id: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200 }))),
    category: Type.Enum(ASSISTANCE_CATEGORIES),
    unit: Type.String({
      minLength: 1,
      maxLength: 40,
      description: 'one of the units of the category; XOF for funds',
    }),
    quantity: QUANTITY,
    place: Type.String({ minLength: 1, maxLength: 300 }),
    needed_by: Type.String(DAY),
    priority: Type.Enum(ASSISTANCE_PRIORITIES),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    classification: Type.Optional(
      Type.Enum(CLASSIFICATIONS, {
        description:
          "default AES_RESTRICTED; at least the case incident's; NATIONAL is the requesting party's",
      }),
    ),
  },
  { additionalProperties: false },
);

export const PledgeBody = Type.Object(
  {
    party: Type.Optional(
      Type.String({ ...ISO3, description: "the pledging party: the caller's own; an admin names it" }),
    ),
    quantity: QUANTITY,
    unit: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 40,
        description: "default: the request's unit; for funds any currency code",
      }),
    ),
    rate: Type.Optional(
      Nullable(
        Type.Number({
          description: 'for funds in another currency: XOF per unit given, as the pledger states it',
        }),
      ),
    ),
    rate_date: Type.Optional(Nullable(Type.String(DAY))),
    available_from: Type.String(DAY),
    note: NOTE,
  },
  { additionalProperties: false },
);

export const DispatchBody = Type.Object(
  {
    pledge_id: Type.Integer({ minimum: 1 }),
    quantity: QUANTITY,
    expected_by: Type.Optional(Nullable(Type.String(DAY))),
    reference: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  },
  { additionalProperties: false },
);

export const ReceiptBody = Type.Object(
  {
    dispatch_id: Type.Integer({ minimum: 1 }),
    quantity: QUANTITY,
    note: NOTE,
  },
  { additionalProperties: false },
);

export const WithdrawBody = Type.Object(
  {
    pledge_id: Type.Integer({ minimum: 1 }),
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);

export const CancelBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);

const Fill = Type.String({ description: 'none, partial or complete' });

const RollUpSchema = Type.Object({
  requested: Type.Number(),
  committed: Type.Number(),
  dispatched: Type.Number(),
  in_transit: Type.Number({ description: 'sent and not yet received' }),
  fulfilled: Type.Number({ description: 'received' }),
  outstanding: Type.Number({ description: 'still to be pledged' }),
  committed_status: Fill,
  transit_status: Fill,
  fulfilled_status: Fill,
  stage: Type.String({ description: REQUEST_STAGES.join(', ') }),
  overdue: Type.Boolean(),
  late_pledges: Type.Integer(),
  late_dispatches: Type.Integer(),
});

export const RequestSummarySchema = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  party: Type.String(),
  case_id: Nullable(Type.String()),
  category: Type.String(),
  unit: Type.String(),
  quantity: Type.Number(),
  place: Type.String(),
  needed_by: Type.String(),
  priority: Type.String(),
  description: Type.String(),
  classification: Type.String(),
  owner_party: Nullable(Type.String()),
  state: Type.String(),
  created_at: Type.String(),
  created_by: Type.Integer(),
  cancelled: Nullable(Type.Object({ at: Type.String(), by: Type.Integer(), reason: Type.String() })),
  pledging_parties: Type.Array(Type.String()),
  rollup: RollUpSchema,
});

export const RequestDetailSchema = Type.Object({
  ...RequestSummarySchema.properties,
  pledges: Type.Array(
    Type.Object({
      id: Type.Integer(),
      party: Type.String(),
      unit: Type.String(),
      quantity: Type.Number(),
      rate: Type.Number(),
      rate_date: Nullable(Type.String()),
      counted: Type.Number({ description: "in the request's unit" }),
      available_from: Type.String(),
      note: Nullable(Type.String()),
      pledged_at: Type.String(),
      pledged_by: Type.Integer(),
      withdrawn: Nullable(
        Type.Object({
          quantity: Type.Number(),
          at: Type.String(),
          by: Type.Integer(),
          reason: Type.String(),
        }),
      ),
      standing: Type.Number({ description: 'what it still stands for: pledged less withdrawn' }),
      dispatched: Type.Number(),
      received: Type.Number(),
      dispatch_status: Fill,
      receipt_status: Fill,
      late: Type.Boolean(),
    }),
  ),
  dispatches: Type.Array(
    Type.Object({
      id: Type.Integer(),
      pledge_id: Type.Integer(),
      party: Type.String(),
      unit: Type.String(),
      quantity: Type.Number(),
      counted: Type.Number(),
      sent_at: Type.String(),
      sent_by: Type.Integer(),
      expected_by: Nullable(Type.String()),
      reference: Nullable(Type.String()),
      received: Type.Number(),
      receipt_status: Fill,
      late: Type.Boolean(),
    }),
  ),
  receipts: Type.Array(
    Type.Object({
      id: Type.Integer(),
      dispatch_id: Type.Integer(),
      unit: Type.String(),
      quantity: Type.Number(),
      counted: Type.Number(),
      received_at: Type.String(),
      received_by: Type.Integer(),
      note: Nullable(Type.String()),
    }),
  ),
  history: Type.Array(
    Type.Object({
      at: Type.String(),
      by: Type.Integer(),
      kind: Type.String({ description: 'requested, pledged, withdrawn, dispatched, received, cancelled' }),
      party: Type.String(),
      quantity: Nullable(Type.Number()),
      unit: Nullable(Type.String()),
      note: Nullable(Type.String()),
    }),
  ),
});

export const ScorecardSchema = Type.Object({
  party: Type.String(),
  obligations: Type.Object({
    met: Type.Integer(),
    open: Type.Integer(),
    declined: Type.Integer(),
    overdue: Type.Integer(),
  }),
  pledges: Type.Integer(),
  delivered: Type.Integer(),
  outstanding: Type.Integer(),
  withdrawn: Type.Integer(),
  late: Type.Integer(),
  requests_made: Type.Integer(),
  requests_fulfilled: Type.Integer(),
  median_hours_to_first_pledge: Nullable(Type.Number()),
  first_pledge_samples: Type.Integer(),
  median_hours_to_delivery: Nullable(Type.Number()),
  delivery_samples: Type.Integer(),
});

function presentRollUp(r: RequestRollUp): Static<typeof RollUpSchema> {
  return {
    requested: r.requested,
    committed: r.committed,
    dispatched: r.dispatched,
    in_transit: r.inTransit,
    fulfilled: r.fulfilled,
    outstanding: r.outstanding,
    committed_status: r.committedStatus,
    transit_status: r.transitStatus,
    fulfilled_status: r.fulfilledStatus,
    stage: r.stage,
    overdue: r.overdue,
    late_pledges: r.latePledges,
    late_dispatches: r.lateDispatches,
  };
}

export function presentSummary(
  stored: Stored<AssistanceLedger>,
  now: string,
  roll: RequestRollUp = rollUp(stored.value, now),
): Static<typeof RequestSummarySchema> {
  const r = stored.value.request;
  return {
    id: r.id,
    version: stored.version,
    party: r.party,
    case_id: r.caseId,
    category: r.category,
    unit: r.unit,
    quantity: r.quantity,
    place: r.place,
    needed_by: r.neededBy,
    priority: r.priority,
    description: r.description,
    classification: r.classification,
    owner_party: r.ownerParty,
    state: r.state,
    created_at: r.createdAt,
    created_by: r.createdBy,
    cancelled: r.cancelled,
    pledging_parties: [...new Set(stored.value.pledges.map((p) => p.party))],
    rollup: presentRollUp(roll),
  };
}

export function presentDetail(
  stored: Stored<AssistanceLedger>,
  now: string,
): Static<typeof RequestDetailSchema> {
  const l = stored.value;
  const roll = rollUp(l, now);
  const pledgeOf = (id: number) => l.pledges.find((p) => p.id === id);
  const dispatchOf = (id: number) => l.dispatches.find((d) => d.id === id);
  const history: Static<typeof RequestDetailSchema>['history'] = [
    {
      at: l.request.createdAt,
      by: l.request.createdBy,
      kind: 'requested',
      party: l.request.party,
      quantity: l.request.quantity,
      unit: l.request.unit,
      note: null,
    },
    ...l.pledges.map((p) => ({
      at: p.pledgedAt,
      by: p.pledgedBy,
      kind: 'pledged',
      party: p.party,
      quantity: p.quantity,
      unit: p.unit,
      note: p.note,
    })),
    ...l.pledges.flatMap((p) =>
      p.withdrawn === null
        ? []
        : [
            {
              at: p.withdrawn.at,
              by: p.withdrawn.by,
              kind: 'withdrawn',
              party: p.party,
              quantity: p.withdrawn.quantity,
              unit: p.unit,
              note: p.withdrawn.reason,
            },
          ],
    ),
    ...l.dispatches.map((d) => ({
      at: d.sentAt,
      by: d.sentBy,
      kind: 'dispatched',
      party: pledgeOf(d.pledgeId)?.party ?? '',
      quantity: d.quantity,
      unit: pledgeOf(d.pledgeId)?.unit ?? null,
      note: d.reference,
    })),
    ...l.receipts.map((x) => ({
      at: x.receivedAt,
      by: x.receivedBy,
      kind: 'received',
      party: l.request.party,
      quantity: x.quantity,
      unit: pledgeOf(dispatchOf(x.dispatchId)?.pledgeId ?? 0)?.unit ?? null,
      note: x.note,
    })),
    ...(l.request.cancelled === null
      ? []
      : [
          {
            at: l.request.cancelled.at,
            by: l.request.cancelled.by,
            kind: 'cancelled',
            party: l.request.party,
            quantity: null,
            unit: null,
            note: l.request.cancelled.reason,
          },
        ]),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return {
    ...presentSummary(stored, now, roll),
    pledges: l.pledges.map((p) => {
      const pr = roll.pledges.find((x) => x.pledgeId === p.id);
      return {
        id: p.id,
        party: p.party,
        unit: p.unit,
        quantity: p.quantity,
        rate: p.rate,
        rate_date: p.rateDate,
        counted: p.counted,
        available_from: p.availableFrom,
        note: p.note,
        pledged_at: p.pledgedAt,
        pledged_by: p.pledgedBy,
        withdrawn: p.withdrawn,
        standing: pr?.standing ?? p.quantity,
        dispatched: pr?.dispatched ?? 0,
        received: pr?.received ?? 0,
        dispatch_status: pr?.dispatchStatus ?? 'none',
        receipt_status: pr?.receiptStatus ?? 'none',
        late: pr?.late ?? false,
      };
    }),
    dispatches: l.dispatches.map((d) => {
      const dr = roll.dispatches.find((x) => x.dispatchId === d.id);
      const p = pledgeOf(d.pledgeId);
      return {
        id: d.id,
        pledge_id: d.pledgeId,
        party: p?.party ?? '',
        unit: p?.unit ?? l.request.unit,
        quantity: d.quantity,
        counted: d.counted,
        sent_at: d.sentAt,
        sent_by: d.sentBy,
        expected_by: d.expectedBy,
        reference: d.reference,
        received: dr?.received ?? 0,
        receipt_status: dr?.receiptStatus ?? 'none',
        late: dr?.late ?? false,
      };
    }),
    receipts: l.receipts.map((x) => ({
      id: x.id,
      dispatch_id: x.dispatchId,
      unit: pledgeOf(dispatchOf(x.dispatchId)?.pledgeId ?? 0)?.unit ?? l.request.unit,
      quantity: x.quantity,
      counted: x.counted,
      received_at: x.receivedAt,
      received_by: x.receivedBy,
      note: x.note,
    })),
    history,
  };
}

export function presentScorecard(s: PartyScorecard): Static<typeof ScorecardSchema> {
  return {
    party: s.party,
    obligations: s.obligations,
    pledges: s.pledges,
    delivered: s.delivered,
    outstanding: s.outstanding,
    withdrawn: s.withdrawn,
    late: s.late,
    requests_made: s.requestsMade,
    requests_fulfilled: s.requestsFulfilled,
    median_hours_to_first_pledge: s.medianHoursToFirstPledge,
    first_pledge_samples: s.firstPledgeSamples,
    median_hours_to_delivery: s.medianHoursToDelivery,
    delivery_samples: s.deliverySamples,
  };
}
