/**
 * The mutual-assistance ledger over HTTP: the requests board (with filters and roll-ups), a request's
 * detail, asking, pledging, sending, confirming receipt, cancelling, and the parties' scorecards.
 * Reads show what the caller's classification allows (a hidden request is 404, as a missing one);
 * writes take the acting party from the session (an admin names it), and the domain refuses who may
 * not act for it (403), what breaks a rule (422: over the request, over the pledge, a receipt for a
 * dispatch never sent, a negative quantity, the wrong unit…) and what the request's state no longer
 * allows (409).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  dispatchAssistance,
  pledgeAssistance,
  receiveAssistance,
  withdrawPledge,
} from '../../../commands/assistance-ledger-write.ts';
import { cancelAssistanceRequest, createAssistanceRequest } from '../../../commands/assistance-request.ts';
import type { AssistanceCommandCode, AssistanceCommandResult } from '../../../commands/assistance-result.ts';
import type { CharterDeps } from '../../../commands/charter-deps.ts';
import { rollUp } from '../../../domain/assistance/assistance-rollup.ts';
import { scorecards } from '../../../domain/assistance/assistance-scorecard.ts';
import { visibilityOf } from '../../../domain/classification.ts';
import { READ, roles } from '../../access.ts';
import { HttpError, notFound } from '../../http-error.ts';
import { actorOf, errors } from '../charter/charter-routes.ts';
import {
  CancelBody,
  CreateRequestBody,
  DispatchBody,
  PledgeBody,
  presentDetail,
  presentScorecard,
  presentSummary,
  ReceiptBody,
  RequestDetailSchema,
  RequestListQuery,
  RequestParams,
  RequestSummarySchema,
  ScorecardSchema,
  WithdrawBody,
} from './assistance-schemas.ts';

/** The parties' officers act for their party; admins on a party's behalf. */
const ACTORS = roles('admin', 'liaison', 'decision-maker');

const STATUS: Readonly<Record<AssistanceCommandCode, number>> = {
  unknown: 404,
  'not-found': 422,
  'not-authorised': 403,
  conflict: 409,
  'request-closed': 409,
  'out-of-order': 409,
  'invalid-quantity': 422,
  'wrong-unit': 422,
  'rate-required': 422,
  'over-request': 422,
  'over-pledge': 422,
  'dispatch-not-sent': 422,
  'over-dispatch': 422,
  'own-request': 422,
  'invalid-input': 422,
};

function unwrap<T>(result: AssistanceCommandResult<T>): T {
  if (!result.ok) {
    const { code, message } = result.error;
    if (code === 'unknown') throw notFound(message.replace(/ not found$/, ''));
    throw new HttpError(STATUS[code], code.replaceAll('-', '_'), message);
  }
  return result.value;
}

const LIPTAKO = 'liptako-gourma-charter';

export function assistanceRoutes(
  deps: CharterDeps & { readonly now: () => Date },
): FastifyPluginAsyncTypebox {
  const { store } = deps;
  const at = (): string => deps.now().toISOString();
  const partyOf = (named: string | undefined, own: string | null): string => {
    const party = named ?? own;
    if (party === null) throw new HttpError(422, 'invalid_input', 'body.party: name the party you act for');
    return party;
  };
  return async (app) => {
    app.get(
      '/api/assistance/requests',
      {
        config: { access: READ },
        schema: {
          tags: ['assistance'],
          summary:
            'Assistance requests the caller may read, newest first, each with its roll-up (committed, in transit, fulfilled: none, partial or complete) and whether it is overdue',
          querystring: RequestListQuery,
          response: {
            200: Type.Object({
              items: Type.Array(RequestSummarySchema),
              counts: Type.Record(Type.String(), Type.Integer(), {
                description: 'requests per stage among those listed, and how many are overdue',
              }),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const q = request.query;
        const now = at();
        const ledgers = await store.listAssistanceLedgers({
          visibility: visibilityOf(request.viewer),
          ...(q.party === undefined ? {} : { party: q.party }),
          ...(q.case_id === undefined ? {} : { caseId: q.case_id }),
          ...(q.category === undefined ? {} : { category: q.category }),
        });
        const items = ledgers
          .filter(
            (l) =>
              q.pledging_party === undefined || l.value.pledges.some((p) => p.party === q.pledging_party),
          )
          .map((l) => ({ l, roll: rollUp(l.value, now) }))
          .filter(
            ({ roll }) =>
              (q.stage === undefined || roll.stage === q.stage) &&
              (q.overdue === undefined || roll.overdue === q.overdue),
          )
          .map(({ l, roll }) => presentSummary(l, now, roll));
        const counts: Record<string, number> = {
          open: 0,
          committed: 0,
          'in-transit': 0,
          fulfilled: 0,
          cancelled: 0,
          overdue: 0,
        };
        for (const i of items) {
          counts[i.rollup.stage] = (counts[i.rollup.stage] ?? 0) + 1;
          if (i.rollup.overdue) counts['overdue'] = (counts['overdue'] ?? 0) + 1;
        }
        return { items, counts };
      },
    );

    app.get(
      '/api/assistance/requests/:id',
      {
        config: { access: READ },
        schema: {
          tags: ['assistance'],
          summary:
            'One request with its pledges, dispatches, receipts, their roll-ups and history (404 when not visible)',
          params: RequestParams,
          response: { 200: RequestDetailSchema, ...errors },
        },
      },
      async (request) => {
        const l = await store.getAssistanceLedger(request.params.id, visibilityOf(request.viewer));
        if (l === null) throw notFound(`request ${request.params.id}`);
        return presentDetail(l, at());
      },
    );

    app.post(
      '/api/assistance/requests',
      {
        config: { access: ACTORS },
        schema: {
          tags: ['assistance'],
          summary:
            "Ask for assistance for one's party (an admin names the party), standalone or on a duty-of-assistance case of which the party is the victim",
          body: CreateRequestBody,
          response: { 201: RequestDetailSchema, ...errors },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const now = at();
        const made = unwrap(
          await createAssistanceRequest(store, {
            request: {
              party: partyOf(b.party, request.viewer.party),
              caseId: b.case_id ?? null,
              category: b.category,
              unit: b.unit,
              quantity: b.quantity,
              place: b.place,
              neededBy: b.needed_by,
              priority: b.priority,
              description: b.description ?? '',
              classification: b.classification ?? 'AES_RESTRICTED',
            },
            actor: actorOf(request.viewer),
            by: request.viewer,
            visibility: visibilityOf(request.viewer),
            at: now,
          }),
        );
        return reply.code(201).send(presentDetail(made, now));
      },
    );

    const writeContext = (request: { viewer: Parameters<typeof actorOf>[0]; params: { id: number } }) => ({
      requestId: request.params.id,
      actor: actorOf(request.viewer),
      by: request.viewer,
      visibility: visibilityOf(request.viewer),
      at: at(),
    });

    app.post(
      '/api/assistance/requests/:id/pledges',
      {
        config: { access: ACTORS },
        schema: {
          tags: ['assistance'],
          summary:
            "Pledge against a request for one's party: never over what it still needs (422 over_request); funds in another currency than XOF with the stated rate",
          params: RequestParams,
          body: PledgeBody,
          response: { 201: RequestDetailSchema, ...errors },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const ctx = writeContext(request);
        const stored = await store.getAssistanceLedger(ctx.requestId, ctx.visibility);
        const done = unwrap(
          await pledgeAssistance(store, {
            ...ctx,
            pledge: {
              party: partyOf(b.party, request.viewer.party),
              unit: b.unit ?? stored?.value.request.unit ?? '',
              quantity: b.quantity,
              rate: b.rate ?? null,
              rateDate: b.rate_date ?? null,
              availableFrom: b.available_from,
              note: b.note ?? null,
            },
          }),
        );
        return reply.code(201).send(presentDetail(done, ctx.at));
      },
    );

    app.post(
      '/api/assistance/requests/:id/dispatches',
      {
        config: { access: ACTORS },
        schema: {
          tags: ['assistance'],
          summary:
            "Send (part of) one's party's pledge: never over what it has not yet sent (422 over_pledge)",
          params: RequestParams,
          body: DispatchBody,
          response: { 201: RequestDetailSchema, ...errors },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const ctx = writeContext(request);
        const done = unwrap(
          await dispatchAssistance(store, {
            ...ctx,
            dispatch: {
              pledgeId: b.pledge_id,
              quantity: b.quantity,
              expectedBy: b.expected_by ?? null,
              reference: b.reference ?? null,
            },
          }),
        );
        return reply.code(201).send(presentDetail(done, ctx.at));
      },
    );

    app.post(
      '/api/assistance/requests/:id/withdrawals',
      {
        config: { access: ACTORS },
        schema: {
          tags: ['assistance'],
          summary:
            "Withdraw, with a reason, what one's party has not sent of its pledge: the request needs it again (what was sent stays pledged)",
          params: RequestParams,
          body: WithdrawBody,
          response: { 200: RequestDetailSchema, ...errors },
        },
      },
      async (request) => {
        const ctx = writeContext(request);
        const done = unwrap(
          await withdrawPledge(store, {
            ...ctx,
            pledgeId: request.body.pledge_id,
            reason: request.body.reason,
          }),
        );
        return presentDetail(done, ctx.at);
      },
    );

    app.post(
      '/api/assistance/requests/:id/receipts',
      {
        config: { access: ACTORS },
        schema: {
          tags: ['assistance'],
          summary:
            'Confirm receipt (the requesting party) of a dispatch that was sent: 422 dispatch_not_sent for one never sent, over_dispatch for more than it carried',
          params: RequestParams,
          body: ReceiptBody,
          response: { 201: RequestDetailSchema, ...errors },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const ctx = writeContext(request);
        const done = unwrap(
          await receiveAssistance(store, {
            ...ctx,
            receipt: { dispatchId: b.dispatch_id, quantity: b.quantity, note: b.note ?? null },
          }),
        );
        return reply.code(201).send(presentDetail(done, ctx.at));
      },
    );

    app.post(
      '/api/assistance/requests/:id/cancel',
      {
        config: { access: ACTORS },
        schema: {
          tags: ['assistance'],
          summary: 'Cancel a request not yet fulfilled (the requesting party or an admin), with a reason',
          params: RequestParams,
          body: CancelBody,
          response: { 200: RequestDetailSchema, ...errors },
        },
      },
      async (request) => {
        const ctx = writeContext(request);
        const done = unwrap(await cancelAssistanceRequest(store, { ...ctx, reason: request.body.reason }));
        return presentDetail(done, ctx.at);
      },
    );

    app.get(
      '/api/assistance/scorecards',
      {
        config: { access: READ },
        schema: {
          tags: ['assistance'],
          summary:
            'Per party: duty-of-assistance obligations met, open, declined and overdue; pledges delivered, outstanding and late; median hours to first pledge and to delivery — from what the caller may read',
          response: {
            200: Type.Object({ as_of: Type.String(), items: Type.Array(ScorecardSchema) }),
            ...errors,
          },
        },
      },
      async (request) => {
        const now = at();
        const visibility = visibilityOf(request.viewer);
        const [ledgers, cases] = await Promise.all([
          store.listAssistanceLedgers({ visibility }),
          store.listAssistanceCases(visibility),
        ]);
        const charter = deps.treaties.find((t) => t.id === LIPTAKO);
        const parties = new Set(charter?.parties.map((p) => p.iso3) ?? []);
        for (const l of ledgers) {
          parties.add(l.value.request.party);
          for (const p of l.value.pledges) parties.add(p.party);
        }
        const items = scorecards({
          parties: [...parties].sort(),
          ledgers: ledgers.map((l) => l.value),
          cases: cases.map((c) => c.value),
          now,
        });
        return { as_of: now, items: items.map(presentScorecard) };
      },
    );
  };
}
