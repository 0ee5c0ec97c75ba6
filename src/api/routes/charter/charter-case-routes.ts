/**
 * The rest of the Charter workflow over HTTP: Art. 5 rebellion cases (open or update, steps on the
 * escalation ladder, close), Art. 8 consultations (open, statements, close), decisions opened on their
 * own (use of force, accession, assistance extension) and membership events. As in charter-routes.ts:
 * the access rule lets a role in, the workflow then refuses who may not act for the record's party;
 * what the viewer may not see is 404, an illegal move 409.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { CharterDeps } from '../../../commands/charter-deps.ts';
import { openCharterDecision } from '../../../commands/charter-decision.ts';
import {
  closeConsultationWith,
  listVisibleConsultations,
  makeStatement,
  openConsultationOn,
  readConsultation,
} from '../../../commands/charter-consultation.ts';
import { recordMembershipEvent } from '../../../commands/charter-membership.ts';
import {
  asSeenBy,
  closeRebellion,
  openOrUpdateRebellionCase,
  recordEscalation,
} from '../../../commands/charter-rebellion.ts';
import { visibilityOf } from '../../../domain/classification.ts';
import { READ, roles } from '../../access.ts';
import { notFound } from '../../http-error.ts';
import {
  CloseBody,
  ConsultationSchema,
  MembershipEventBody,
  MembershipEventSchema,
  MembershipListQuery,
  OpenConsultationBody,
  OpenDecisionBody,
  OpenRebellionBody,
  presentConsultation,
  presentMembershipEvent,
  presentRebellionCase,
  RebellionCaseSchema,
  RebellionListQuery,
  RecordParams,
  StatementBody,
  StepBody,
} from './charter-case-schemas.ts';
import { actorOf, errors, SIGNED_IN, unwrap } from './charter-routes.ts';
import { CaseSchema, DecisionSchema, presentCase, presentDecision } from './charter-schemas.ts';

/** Who acts on cases and consultations: analysts and admins, and the parties' officers. */
const ACTORS = roles('admin', 'analyst', 'liaison', 'decision-maker');

export function charterCaseRoutes(
  deps: CharterDeps & { readonly now: () => Date },
): FastifyPluginAsyncTypebox {
  const { store } = deps;
  const at = (): string => deps.now().toISOString();
  return async (app) => {
    app.get(
      '/api/charter/rebellion-cases',
      {
        config: { access: READ },
        schema: {
          tags: ['charter'],
          summary: 'Art. 5 rebellion cases the viewer may see, oldest first, with their escalation ladder',
          querystring: RebellionListQuery,
          response: { 200: Type.Object({ items: Type.Array(RebellionCaseSchema) }), ...errors },
        },
      },
      async (request) => {
        const visibility = visibilityOf(request.viewer);
        const cases = await store.listRebellionCases({
          visibility,
          ...(request.query.party === undefined ? {} : { party: request.query.party }),
          ...(request.query.open === undefined ? {} : { open: request.query.open }),
        });
        const items = [];
        for (const c of cases) items.push(presentRebellionCase(await asSeenBy(deps, c.value, visibility)));
        return { items };
      },
    );

    app.get(
      '/api/charter/rebellion-cases/:id',
      {
        config: { access: READ },
        schema: {
          tags: ['charter'],
          summary: 'One rebellion case (404 when its incident is not visible)',
          params: RecordParams,
          response: { 200: RebellionCaseSchema, ...errors },
        },
      },
      async (request) => {
        const visibility = visibilityOf(request.viewer);
        const c = await store.getRebellionCase(request.params.id, visibility);
        if (c === null) throw notFound(`rebellion case ${request.params.id}`);
        return presentRebellionCase(await asSeenBy(deps, c.value, visibility));
      },
    );

    app.post(
      '/api/charter/rebellion-cases',
      {
        config: { access: ACTORS },
        schema: {
          tags: ['charter'],
          summary:
            "Open a rebellion case (monitoring) for the incident's country, or add the incident to that party's open case",
          body: OpenRebellionBody,
          response: {
            200: Type.Object({ rebellion_case: RebellionCaseSchema, created: Type.Boolean() }),
            ...errors,
          },
        },
      },
      async (request) => {
        const b = request.body;
        const { rebellionCase, created } = unwrap(
          await openOrUpdateRebellionCase(deps, {
            by: request.viewer,
            incidentId: b.incident_id,
            ...(b.treaty === undefined ? {} : { treaty: b.treaty }),
            note: b.note ?? null,
            actor: actorOf(request.viewer),
            visibility: visibilityOf(request.viewer),
            at: at(),
          }),
        );
        const seen = await asSeenBy(deps, rebellionCase.value, visibilityOf(request.viewer));
        return { rebellion_case: presentRebellionCase(seen), created };
      },
    );

    app.post(
      '/api/charter/rebellion-cases/:id/steps',
      {
        config: { access: ACTORS },
        schema: {
          tags: ['charter'],
          summary:
            'Record a step on the ladder: dialogue or mediation names the peaceful means tried; force needs an adopted use-of-force decision (409 otherwise)',
          params: RecordParams,
          body: StepBody,
          response: { 200: RebellionCaseSchema, ...errors },
        },
      },
      async (request) => {
        const b = request.body;
        const moved = unwrap(
          await recordEscalation(deps, {
            by: request.viewer,
            caseId: request.params.id,
            to: b.level,
            peacefulMeans: b.peaceful_means ?? [],
            note: b.note ?? null,
            decisionId: b.decision_id ?? null,
            actor: actorOf(request.viewer),
            visibility: visibilityOf(request.viewer),
            at: at(),
          }),
        );
        return presentRebellionCase(await asSeenBy(deps, moved.value, visibilityOf(request.viewer)));
      },
    );

    app.post(
      '/api/charter/rebellion-cases/:id/close',
      {
        config: { access: ACTORS },
        schema: {
          tags: ['charter'],
          summary: 'Close a rebellion case with its outcome',
          params: RecordParams,
          body: CloseBody,
          response: { 200: RebellionCaseSchema, ...errors },
        },
      },
      async (request) => {
        const closed = unwrap(
          await closeRebellion(deps, {
            by: request.viewer,
            caseId: request.params.id,
            outcome: request.body.outcome,
            actor: actorOf(request.viewer),
            visibility: visibilityOf(request.viewer),
            at: at(),
          }),
        );
        return presentRebellionCase(await asSeenBy(deps, closed.value, visibilityOf(request.viewer)));
      },
    );

    app.get(
      '/api/charter/decisions/:id',
      {
        config: { access: READ },
        schema: {
          tags: ['charter'],
          summary: 'One decision with every ballot (404 when its incident is not visible)',
          params: RecordParams,
          response: { 200: DecisionSchema, ...errors },
        },
      },
      async (request) => {
        const d = await store.getCharterDecision(request.params.id, visibilityOf(request.viewer));
        if (d === null) throw notFound(`decision ${request.params.id}`);
        return presentDecision(d.value);
      },
    );

    app.get(
      '/api/charter/cases/:id',
      {
        config: { access: READ },
        schema: {
          tags: ['charter'],
          summary:
            'One duty-of-assistance case with its obligations, clocks, what is overdue and when it was flagged (404 when its incident is not visible)',
          params: RecordParams,
          response: { 200: CaseSchema, ...errors },
        },
      },
      async (request) => {
        const c = await store.getAssistanceCase(request.params.id, visibilityOf(request.viewer));
        if (c === null) throw notFound(`case ${request.params.id}`);
        return presentCase(c.value, at());
      },
    );

    app.post(
      '/api/charter/decisions',
      {
        config: { access: roles('admin', 'analyst', 'decision-maker') },
        schema: {
          tags: ['charter'],
          summary:
            'Open a decision of the parties on the use of force in a rebellion case, the accession of a state, or extending an assistance case to more parties',
          body: OpenDecisionBody,
          response: { 200: DecisionSchema, ...errors },
        },
      },
      async (request) => {
        const b = request.body;
        const s = b.subject;
        const decision = unwrap(
          await openCharterDecision(deps, {
            by: request.viewer,
            request:
              s.kind === 'use-of-force'
                ? {
                    kind: s.kind,
                    rebellionCaseId: s.rebellion_case_id,
                    justification: s.justification ?? null,
                  }
                : s.kind === 'accession'
                  ? { kind: s.kind, state: s.state, effectiveFrom: s.effective_from }
                  : { kind: s.kind, assistanceCaseId: s.case_id, parties: s.parties },
            ...(b.treaty === undefined ? {} : { treaty: b.treaty }),
            deadline: b.deadline == null ? null : new Date(b.deadline).toISOString(),
            actor: actorOf(request.viewer),
            visibility: visibilityOf(request.viewer),
            at: at(),
          }),
        );
        return presentDecision(decision);
      },
    );

    app.get(
      '/api/charter/consultations',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['charter'],
          summary:
            'Art. 8 consultations the viewer may see (every party sees those of its day), oldest first',
          response: { 200: Type.Object({ items: Type.Array(ConsultationSchema) }), ...errors },
        },
      },
      async (request) => {
        const items = await listVisibleConsultations(deps, {
          actor: actorOf(request.viewer),
          visibility: visibilityOf(request.viewer),
        });
        return { items: items.map((c) => presentConsultation(c.value)) };
      },
    );

    app.get(
      '/api/charter/consultations/:id',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['charter'],
          summary: 'One consultation with its statements (404 when the viewer may not see it)',
          params: RecordParams,
          response: { 200: ConsultationSchema, ...errors },
        },
      },
      async (request) => {
        const c = unwrap(
          await readConsultation(deps, {
            id: request.params.id,
            actor: actorOf(request.viewer),
            visibility: visibilityOf(request.viewer),
          }),
        );
        return presentConsultation(c.value);
      },
    );

    app.post(
      '/api/charter/consultations',
      {
        config: { access: ACTORS },
        schema: {
          tags: ['charter'],
          summary:
            'Open a consultation between the parties concerned (from an incident or on a subject), visible to all parties',
          body: OpenConsultationBody,
          response: { 200: ConsultationSchema, ...errors },
        },
      },
      async (request) => {
        const b = request.body;
        const opened = unwrap(
          await openConsultationOn(deps, {
            by: request.viewer,
            incidentId: b.incident_id ?? null,
            ...(b.treaty === undefined ? {} : { treaty: b.treaty }),
            concerned: b.concerned,
            subject: b.subject,
            actor: actorOf(request.viewer),
            visibility: visibilityOf(request.viewer),
            at: at(),
          }),
        );
        return presentConsultation(opened.value);
      },
    );

    app.post(
      '/api/charter/consultations/:id/statements',
      {
        config: { access: roles('liaison', 'decision-maker') },
        schema: {
          tags: ['charter'],
          summary: "A statement for the signed-in officer's party, which must be concerned",
          params: RecordParams,
          body: StatementBody,
          response: { 200: ConsultationSchema, ...errors },
        },
      },
      async (request) => {
        const said = unwrap(
          await makeStatement(deps, {
            by: request.viewer,
            id: request.params.id,
            text: request.body.text,
            actor: actorOf(request.viewer),
            visibility: visibilityOf(request.viewer),
            at: at(),
          }),
        );
        return presentConsultation(said.value);
      },
    );

    app.post(
      '/api/charter/consultations/:id/close',
      {
        config: { access: ACTORS },
        schema: {
          tags: ['charter'],
          summary: 'Close a consultation with its outcome',
          params: RecordParams,
          body: CloseBody,
          response: { 200: ConsultationSchema, ...errors },
        },
      },
      async (request) => {
        const closed = unwrap(
          await closeConsultationWith(deps, {
            by: request.viewer,
            id: request.params.id,
            outcome: request.body.outcome,
            actor: actorOf(request.viewer),
            visibility: visibilityOf(request.viewer),
            at: at(),
          }),
        );
        return presentConsultation(closed.value);
      },
    );

    app.get(
      '/api/charter/membership-events',
      {
        config: { access: READ },
        schema: {
          tags: ['charter'],
          summary: 'Recorded accessions and notices of denunciation, per treaty in the order they apply',
          querystring: MembershipListQuery,
          response: { 200: Type.Object({ items: Type.Array(MembershipEventSchema) }), ...errors },
        },
      },
      async (request) => {
        const events = await store.listMembershipEvents(request.query.treaty);
        return { items: events.map(presentMembershipEvent) };
      },
    );

    app.post(
      '/api/charter/membership-events',
      {
        config: { access: roles('admin', 'analyst', 'decision-maker') },
        schema: {
          tags: ['charter'],
          summary:
            "Record a notice of denunciation (the party's decision-maker, or an analyst) or an accession on its adopted decision (analysts)",
          body: MembershipEventBody,
          response: { 200: MembershipEventSchema, ...errors },
        },
      },
      async (request) => {
        const b = request.body;
        const e = b.event;
        const recorded = unwrap(
          await recordMembershipEvent(deps, {
            by: request.viewer,
            treaty: b.treaty ?? deps.treaties[0]?.id ?? '',
            request:
              e.kind === 'denunciation'
                ? { kind: e.kind, party: e.party, notifiedOn: e.notified_on, source: e.source }
                : {
                    kind: e.kind,
                    decisionId: e.decision_id,
                    state: { iso3: e.state, iso2: e.iso2, name: { en: e.name_en, fr: e.name_fr } },
                    effectiveFrom: e.effective_from,
                  },
            actor: actorOf(request.viewer),
            at: at(),
          }),
        );
        return presentMembershipEvent(recorded);
      },
    );
  };
}
