/**
 * /api/feeds: the CAP 1.2 feed (an Atom feed whose entries each carry one CAP alert, and each alert
 * alone as application/cap+xml) and the Atom feed of PUBLIC verified incidents (RFC 4287, GeoRSS).
 * Both are paged newest event first with rel="next"; both show only what the caller may read.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { capAlerts, parseCapIdentifier, type CapAlert } from '../../../domain/cap-alert.ts';
import { visibilityOf, type Visibility } from '../../../domain/classification.ts';
import { CAP_MEDIA_TYPE, capAlertDocument, capAtomFeed } from '../../../ingest/export/cap-xml.ts';
import { incidentAtomFeed } from '../../../ingest/export/incident-atom.ts';
import type { Store } from '../../../store/store.ts';
import { READ } from '../../access.ts';
import { notFound } from '../../http-error.ts';
import { ErrorSchema } from '../incidents/incident-schemas.ts';

const ATOM = 'application/atom+xml; charset=utf-8';

const FeedQuery = Type.Object(
  {
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'incidents per page' }),
    ),
    cursor: Type.Optional(
      Type.String({ maxLength: 200, description: 'the cursor of the rel="next" link of the previous page' }),
    ),
  },
  { additionalProperties: false },
);

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

/** PUBLIC only, whoever asks: the public feed shows nothing else even to an analyst. */
const PUBLIC_ONLY: Visibility = { classifications: ['PUBLIC'], nationalOf: null };

function nextLink(path: string, limit: number, cursor: string | null): string | null {
  return cursor === null ? null : `${path}?limit=${limit}&cursor=${encodeURIComponent(cursor)}`;
}

export function feedRoutes(deps: { store: Store; now: () => Date }): FastifyPluginAsyncTypebox {
  const { store } = deps;
  return async (app) => {
    app.get(
      '/api/feeds/cap',
      {
        config: { access: READ },
        schema: {
          tags: ['feeds'],
          summary:
            'CAP 1.2 alerts (Alert, Update, Cancel) of the incidents the caller may read, as an Atom feed, newest event first',
          querystring: FeedQuery,
          produces: ['application/atom+xml'],
          response: { 200: Type.String({ description: 'Atom feed of CAP alerts' }), ...errors },
        },
      },
      async (request, reply) => {
        const visibility = visibilityOf(request.viewer);
        const limit = request.query.limit ?? 50;
        const page = await store.listIncidents({
          visibility,
          limit,
          sort: 'date_desc',
          ...(request.query.cursor === undefined ? {} : { cursor: request.query.cursor }),
        });
        const alerts: CapAlert[] = [];
        for (const incident of page.items)
          alerts.push(...capAlerts(incident, await store.listRevisions(incident.id), { visibility }));
        alerts.sort((a, b) => (a.sent < b.sent ? 1 : a.sent > b.sent ? -1 : 0));
        const self = `/api/feeds/cap?limit=${limit}`;
        return reply.type(ATOM).send(
          capAtomFeed(
            {
              id: 'urn:liptako:feed:cap',
              title: 'Liptako — alertes CAP / CAP alerts',
              self,
              next: nextLink('/api/feeds/cap', limit, page.nextCursor),
              updated: newest(alerts.map((a) => a.sent)) ?? deps.now().toISOString(),
            },
            alerts,
          ),
        );
      },
    );

    app.get(
      '/api/feeds/cap/:identifier',
      {
        config: { access: READ },
        schema: {
          tags: ['feeds'],
          summary: 'One CAP 1.2 alert, by its identifier (liptako-incident-ID-rREVISION)',
          params: Type.Object(
            { identifier: Type.String({ maxLength: 100 }) },
            { additionalProperties: false },
          ),
          produces: [CAP_MEDIA_TYPE],
          response: { 200: Type.String({ description: 'a CAP 1.2 alert' }), ...errors },
        },
      },
      async (request, reply) => {
        const named = parseCapIdentifier(request.params.identifier);
        if (named === null) throw notFound('alert');
        const visibility = visibilityOf(request.viewer);
        const incident = await store.getIncident(named.incidentId, visibility);
        if (incident === null) throw notFound('alert');
        const alert = capAlerts(incident, await store.listRevisions(incident.id), { visibility }).find(
          (a) => a.revision === named.revision,
        );
        if (alert === undefined) throw notFound('alert');
        return reply.type(`${CAP_MEDIA_TYPE}; charset=utf-8`).send(capAlertDocument(alert));
      },
    );

    app.get(
      '/api/feeds/atom',
      {
        config: { access: READ },
        schema: {
          tags: ['feeds'],
          summary:
            'Atom feed of PUBLIC verified incidents, newest event first, with GeoRSS points; anonymous only on a public-read deployment',
          querystring: FeedQuery,
          produces: ['application/atom+xml'],
          response: { 200: Type.String({ description: 'Atom feed' }), ...errors },
        },
      },
      async (request, reply) => {
        const limit = request.query.limit ?? 50;
        const page = await store.listIncidents({
          visibility: PUBLIC_ONLY,
          status: ['verified'],
          limit,
          sort: 'date_desc',
          ...(request.query.cursor === undefined ? {} : { cursor: request.query.cursor }),
        });
        return reply.type(ATOM).send(
          incidentAtomFeed(
            {
              id: 'urn:liptako:feed:incidents',
              title: 'Liptako — incidents vérifiés publics / public verified incidents',
              self: `/api/feeds/atom?limit=${limit}`,
              next: nextLink('/api/feeds/atom', limit, page.nextCursor),
              updated:
                newest(page.items.map((i) => new Date(i.updatedAt).toISOString())) ??
                deps.now().toISOString(),
            },
            page.items,
          ),
        );
      },
    );
  };
}

function newest(times: readonly string[]): string | undefined {
  return times.reduce<string | undefined>((a, b) => (a === undefined || b > a ? b : a), undefined);
}
