/**
 * POST /api/imports/cap: analysts and liaisons file partners' CAP 1.2 alerts (one <alert>, or an Atom or
 * RSS feed of alerts) as partner reports, with an outcome per alert (src/commands/import-cap.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { TextExtractor } from '../../../commands/ingest-report.ts';
import { importCapAlerts } from '../../../commands/import-cap.ts';
import type { Store } from '../../../store/store.ts';
import { roles } from '../../access.ts';
import { HttpError } from '../../http-error.ts';
import { Nullable } from '../../nullable.ts';
import { ErrorSchema } from '../incidents/incident-schemas.ts';

/** The largest document accepted: a feed of a few hundred alerts. */
export const CAP_BODY_LIMIT = 2 * 1024 * 1024;

const XML_TYPES = [
  'application/cap+xml',
  'application/xml',
  'text/xml',
  'application/atom+xml',
  'application/rss+xml',
];

const OutcomeSchema = Type.Object({
  outcome: Type.Union([
    Type.Literal('imported'),
    Type.Literal('updated'),
    Type.Literal('duplicate'),
    Type.Literal('cancelled'),
    Type.Literal('rejected'),
  ]),
  sender: Nullable(Type.String()),
  identifier: Nullable(Type.String()),
  report_id: Nullable(Type.Integer()),
  incident_ids: Type.Array(Type.Integer()),
  applies_to: Nullable(Type.String({ description: 'the earlier alert an Update or Cancel applied to' })),
  reason: Nullable(Type.String()),
});

const ResultSchema = Type.Object({
  results: Type.Array(OutcomeSchema),
  counts: Type.Record(Type.String(), Type.Integer()),
});

export function capImportRoutes(deps: {
  store: Store;
  now: () => Date;
  extractor: () => TextExtractor;
}): FastifyPluginAsyncTypebox {
  return async (app) => {
    // XML bodies of this route only (the plugin's own parser): read as text, size-limited.
    app.addContentTypeParser(
      XML_TYPES,
      { parseAs: 'string', bodyLimit: CAP_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    app.post(
      '/api/imports/cap',
      {
        config: { access: roles('admin', 'analyst', 'liaison') },
        bodyLimit: CAP_BODY_LIMIT,
        schema: {
          tags: ['imports'],
          summary:
            "File partners' CAP 1.2 alerts (application/cap+xml: one <alert>, or an Atom/RSS feed of alerts) as reports; an outcome per alert, each alert in its own transaction",
          consumes: XML_TYPES,
          body: Type.String({ minLength: 1, maxLength: CAP_BODY_LIMIT }),
          response: {
            200: ResultSchema,
            400: ErrorSchema,
            401: ErrorSchema,
            403: ErrorSchema,
            413: ErrorSchema,
            415: ErrorSchema,
            422: ErrorSchema,
          },
        },
      },
      async (request) => {
        const result = await importCapAlerts(
          deps.store,
          request.body,
          request.viewer,
          deps.now(),
          deps.extractor(),
        );
        if (!result.ok) throw new HttpError(422, 'invalid_cap', result.error);
        const counts: Record<string, number> = {};
        for (const r of result.results) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
        return {
          results: result.results.map((r) => ({
            outcome: r.outcome,
            sender: r.sender,
            identifier: r.identifier,
            report_id: 'reportId' in r ? r.reportId : null,
            incident_ids: 'incidentIds' in r ? [...r.incidentIds] : [],
            applies_to: 'appliesTo' in r ? r.appliesTo : null,
            reason: r.outcome === 'rejected' ? r.reason : null,
          })),
          counts,
        };
      },
    );
  };
}
