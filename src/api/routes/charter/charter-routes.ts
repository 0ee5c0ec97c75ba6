/**
 * The Charter workflow over HTTP: an incident's proposals and their review, open decisions and
 * votes, duty-of-assistance cases and their obligations. Each handler authenticates (the auth hook),
 * validates (the schemas), authorises (the access rule, then the workflow's own rules on the
 * session's role and party), calls a command and presents; refusals become HTTP in the error mapper.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  advanceObligation,
  castVote,
  evaluateIncident,
  reviewProposal,
  type CharterDeps,
  type CharterResult,
} from '../../../commands/charter-workflow.ts';
import type { WorkflowActor } from '../../../domain/charter/workflow/workflow-actor.ts';
import { visibilityOf } from '../../../domain/classification.ts';
import { READ, roles } from '../../access.ts';
import type { RequestViewer } from '../../auth.ts';
import { CharterRefusal } from '../../charter-refusal.ts';
import { HttpError, notFound } from '../../http-error.ts';
import { Nullable } from '../../nullable.ts';
import { ErrorSchema, IdParams } from '../incidents/incident-schemas.ts';
import {
  ConsultationSchema,
  presentConsultation,
  presentRebellionCase,
  RebellionCaseSchema,
} from './charter-case-schemas.ts';
import {
  AdvanceBody,
  CaseParams,
  CaseSchema,
  DecisionListQuery,
  DecisionParams,
  DecisionSchema,
  presentCase,
  presentDecision,
  presentProposal,
  ProposalSchema,
  ReviewBody,
  VoteBody,
} from './charter-schemas.ts';

export const errors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  422: ErrorSchema,
};

/** Every signed-in role: the workflow itself refuses who may not act, with its own reason. */
export const SIGNED_IN = roles('admin', 'analyst', 'liaison', 'decision-maker', 'observer');

/** The session's user as the workflow sees them: id, role and party from the session, never the body. */
export function actorOf(viewer: RequestViewer): WorkflowActor {
  if (viewer.userId === null || viewer.role === 'anonymous')
    throw new HttpError(401, 'unauthorized', 'sign in to act in the Charter workflow');
  return { id: viewer.userId, role: viewer.role, party: viewer.party };
}

export function unwrap<T>(result: CharterResult<T>): T {
  if (!result.ok) throw new CharterRefusal(result.error);
  return result.value;
}

export function charterRoutes(deps: CharterDeps & { readonly now: () => Date }): FastifyPluginAsyncTypebox {
  const { store } = deps;
  const at = (): string => deps.now().toISOString();
  return async (app) => {
    app.get(
      '/api/charter/proposals',
      {
        config: { access: READ },
        schema: {
          tags: ['charter'],
          summary:
            'Proposals waiting for review (engaged or proposed, not yet confirmed or rejected), newest first, across the incidents the caller may read',
          querystring: Type.Object(
            { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(ProposalSchema) }), ...errors },
        },
      },
      async (request) => {
        const items = await store.listOpenCharterProposals(
          visibilityOf(request.viewer),
          request.query.limit ?? 100,
        );
        return { items: items.map(presentProposal) };
      },
    );

    app.get(
      '/api/incidents/:id/charter',
      {
        config: { access: READ },
        schema: {
          tags: ['charter'],
          summary: "The incident's Charter proposals: one per treaty × article, with their review history",
          params: IdParams,
          response: { 200: Type.Object({ proposals: Type.Array(ProposalSchema) }), ...errors },
        },
      },
      async (request) => {
        const visibility = visibilityOf(request.viewer);
        const incident = await store.getIncident(request.params.id, visibility);
        if (incident === null) throw notFound(`incident ${request.params.id}`);
        const proposals = await store.listCharterProposals(incident.id, visibility);
        return { proposals: proposals.map(presentProposal) };
      },
    );

    app.post(
      '/api/incidents/:id/charter/evaluate',
      {
        config: { access: roles('admin', 'analyst') },
        schema: {
          tags: ['charter'],
          summary:
            'Evaluate a verified incident against every treaty: new proposals, or a new version of those the engine now reads differently',
          params: IdParams,
          response: { 200: Type.Object({ proposals: Type.Array(ProposalSchema) }), ...errors },
        },
      },
      async (request) => {
        const proposals = unwrap(
          await evaluateIncident(deps, {
            incidentId: request.params.id,
            visibility: visibilityOf(request.viewer),
            at: at(),
            cause: `evaluated by ${request.viewer.name}`,
            by: request.viewer,
          }),
        );
        return { proposals: proposals.map(presentProposal) };
      },
    );

    app.post(
      '/api/charter/proposals/:id/review',
      {
        config: { access: roles('admin', 'analyst') },
        schema: {
          tags: ['charter'],
          summary:
            'Confirm or reject the current version of a proposal with a reason; confirming Art. 6 or 7 opens the decision, Art. 5 the rebellion case (or adds the incident to it), Art. 8 a consultation',
          params: IdParams,
          body: ReviewBody,
          response: {
            200: Type.Object({
              proposal: ProposalSchema,
              decision: Nullable(DecisionSchema),
              rebellion_case: Nullable(RebellionCaseSchema),
              consultation: Nullable(ConsultationSchema),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const { proposal, decision, rebellionCase, consultation } = unwrap(
          await reviewProposal(deps, {
            proposalId: request.params.id,
            version: request.body.version,
            verdict: request.body.verdict,
            reason: request.body.reason,
            decisionDeadline:
              request.body.decision_deadline == null
                ? null
                : new Date(request.body.decision_deadline).toISOString(),
            actor: actorOf(request.viewer),
            by: request.viewer,
            visibility: visibilityOf(request.viewer),
            at: at(),
          }),
        );
        return {
          proposal: presentProposal(proposal),
          decision: decision === null ? null : presentDecision(decision),
          rebellion_case: rebellionCase === null ? null : presentRebellionCase(rebellionCase),
          consultation: consultation === null ? null : presentConsultation(consultation),
        };
      },
    );

    app.get(
      '/api/charter/decisions',
      {
        config: { access: READ },
        schema: {
          tags: ['charter'],
          summary:
            'Decisions, oldest first, with each party’s vote and the parties still to vote: the open ones, or those in `state`',
          querystring: DecisionListQuery,
          response: { 200: Type.Object({ items: Type.Array(DecisionSchema) }), ...errors },
        },
      },
      async (request) => {
        const state = request.query.state ?? 'open';
        const decisions = await store.listCharterDecisions({
          visibility: visibilityOf(request.viewer),
          ...(state === 'all' ? {} : { state }),
        });
        return { items: decisions.map((d) => presentDecision(d.value)) };
      },
    );

    app.post(
      '/api/charter/decisions/:id/votes',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['charter'],
          summary:
            "Vote for the signed-in decision-maker's party; a later vote replaces the earlier while the decision is open; adoption opens the assistance case",
          params: DecisionParams,
          body: VoteBody,
          response: {
            200: Type.Object({ decision: DecisionSchema, assistance_case: Nullable(CaseSchema) }),
            ...errors,
          },
        },
      },
      async (request) => {
        const now = at();
        const { decision, assistanceCase } = unwrap(
          await castVote(deps, {
            decisionId: request.params.id,
            choice: request.body.choice,
            actor: actorOf(request.viewer),
            by: request.viewer,
            visibility: visibilityOf(request.viewer),
            at: now,
          }),
        );
        return {
          decision: presentDecision(decision),
          assistance_case: assistanceCase === null ? null : presentCase(assistanceCase, now),
        };
      },
    );

    app.get(
      '/api/charter/cases',
      {
        config: { access: READ },
        schema: {
          tags: ['charter'],
          summary: 'Duty-of-assistance cases with each obligation’s state, clocks and what is overdue now',
          response: { 200: Type.Object({ items: Type.Array(CaseSchema) }), ...errors },
        },
      },
      async (request) => {
        const now = at();
        const cases = await store.listAssistanceCases(visibilityOf(request.viewer));
        return { items: cases.map((c) => presentCase(c.value, now)) };
      },
    );

    app.post(
      '/api/charter/cases/:id/obligations/:party',
      {
        config: { access: roles('admin', 'liaison', 'decision-maker') },
        schema: {
          tags: ['charter'],
          summary:
            "Move a party's obligation one step (acknowledged, pledged, delivering, fulfilled) or decline it with a reason",
          params: CaseParams,
          body: AdvanceBody,
          response: { 200: CaseSchema, ...errors },
        },
      },
      async (request) => {
        const now = at();
        const moved = unwrap(
          await advanceObligation(deps, {
            caseId: request.params.id,
            party: request.params.party,
            to: request.body.state,
            note: request.body.reason ?? null,
            actor: actorOf(request.viewer),
            by: request.viewer,
            visibility: visibilityOf(request.viewer),
            at: now,
          }),
        );
        return presentCase(moved.value, now);
      },
    );
  };
}
