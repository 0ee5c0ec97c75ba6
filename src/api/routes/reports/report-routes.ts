/** /api/reports: raw reports as they reach the platform. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Nullable } from '../../nullable.ts';
import { CLASSIFICATIONS, visibilityOf } from '../../../domain/classification.ts';
import { REPORT_KINDS } from '../../../domain/report.ts';
import type { TextExtractor } from '../../../commands/ingest-report.ts';
import { submitReport } from '../../../commands/submit-report.ts';
import type { Store } from '../../../store/store.ts';
import { READ, roles } from '../../access.ts';
import { HttpError, notFound } from '../../http-error.ts';
import { presentReport } from '../../present.ts';
import { ErrorSchema, IdParams } from '../incidents/incident-schemas.ts';

const ReportBody = Type.Object(
  {
    kind: Type.Optional(Type.Enum(REPORT_KINDS)),
    source: Type.String({ minLength: 1, maxLength: 300, description: 'who or what reported it' }),
    url: Type.Optional(Nullable(Type.String({ maxLength: 2000, pattern: '^https?://' }))),
    language: Type.Optional(Nullable(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' }))),
    title: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    text: Type.String({ minLength: 1, maxLength: 200_000 }),
    published: Type.Optional(Nullable(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }))),
    place_text: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    latitude: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
    longitude: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
    classification: Type.Optional(Type.Enum(CLASSIFICATIONS)),
    owner_party: Type.Optional(Nullable(Type.String({ pattern: '^[A-Z]{3}$' }))),
    client_ref: Type.Optional(
      Nullable(
        Type.String({ minLength: 1, maxLength: 200, description: "the sender's id: a retry is stored once" }),
      ),
    ),
  },
  { additionalProperties: false },
);

const ReportSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  source: Type.String(),
  url: Nullable(Type.String()),
  language: Nullable(Type.String()),
  title: Nullable(Type.String()),
  text: Type.String(),
  published: Nullable(Type.String()),
  place_text: Nullable(Type.String()),
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
  classification: Type.String(),
  owner_party: Nullable(Type.String()),
  client_ref: Nullable(Type.String()),
  submitted_by: Type.String(),
  received_at: Type.String(),
});

/** A sent report with what ingestion made of it. */
const SubmittedReportSchema = Type.Object({
  ...ReportSchema.properties,
  incidents: Type.Array(
    Type.Object({
      id: Type.Integer(),
      event_index: Type.Integer(),
      outcome: Type.Union([Type.Literal('created'), Type.Literal('fused'), Type.Literal('review')], {
        description:
          'created: a new machine-coded incident; fused: into an incident; review: linked to a verified or curated incident for review',
      }),
    }),
  ),
  extraction_error: Nullable(Type.String()),
});

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

export function reportRoutes(deps: {
  store: Store;
  now: () => Date;
  /** The extractor that ingests sent reports (built on first use). */
  extractor: () => TextExtractor;
}): FastifyPluginAsyncTypebox {
  const { store } = deps;
  return async (app) => {
    app.post(
      '/api/reports',
      {
        config: { access: roles('admin', 'analyst', 'liaison', 'decision-maker') },
        schema: {
          tags: ['reports'],
          summary:
            'Send a raw report: it is stored and its incidents extracted, created or fused; a retry with the same client_ref is stored and extracted once',
          body: ReportBody,
          response: { 201: SubmittedReportSchema, 200: SubmittedReportSchema, ...errors, 422: ErrorSchema },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const result = await submitReport(
          store,
          {
            kind: b.kind,
            source: b.source,
            url: b.url,
            language: b.language,
            title: b.title,
            text: b.text,
            published: b.published,
            placeText: b.place_text,
            latitude: b.latitude,
            longitude: b.longitude,
            classification: b.classification,
            ownerParty: b.owner_party,
            clientRef: b.client_ref,
          },
          request.viewer,
          deps.now(),
          deps.extractor(),
        );
        if (!result.ok)
          throw new HttpError(
            422,
            'invalid_report',
            result.problems.map((p) => `${p.field}: ${p.message}`).join('; '),
          );
        return reply.code(result.created ? 201 : 200).send({
          ...presentReport(result.report),
          incidents: (result.ingest?.events ?? []).map((e) => ({
            id: e.incidentId,
            event_index: e.eventIndex,
            outcome: e.outcome,
          })),
          extraction_error: result.ingest?.error ?? null,
        });
      },
    );

    app.get(
      '/api/reports',
      {
        config: { access: READ },
        schema: {
          tags: ['reports'],
          summary: 'Reports, newest first; q searches title and text',
          querystring: Type.Object(
            {
              q: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
              cursor: Type.Optional(Type.String({ maxLength: 200 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ items: Type.Array(ReportSchema), next_cursor: Nullable(Type.String()) }),
            ...errors,
          },
        },
      },
      async (request) => {
        const { q, limit, cursor } = request.query;
        const page = await store.listReports({
          visibility: visibilityOf(request.viewer),
          limit: limit ?? 100,
          ...(q === undefined ? {} : { q }),
          ...(cursor === undefined ? {} : { cursor }),
        });
        return { items: page.items.map(presentReport), next_cursor: page.nextCursor };
      },
    );

    app.get(
      '/api/reports/:id',
      {
        config: { access: READ },
        schema: {
          tags: ['reports'],
          summary: 'One report',
          params: IdParams,
          response: { 200: ReportSchema, ...errors },
        },
      },
      async (request) => {
        const report = await store.getReport(request.params.id, visibilityOf(request.viewer));
        if (report === null) throw notFound(`report ${request.params.id}`);
        return presentReport(report);
      },
    );
  };
}
