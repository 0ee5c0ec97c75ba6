/**
 * /api/exports: every incident a filtered view matches, streamed as GeoJSON (RFC 7946), CSV with HXL
 * hashtags, or ACLED's columns. The filters are the list's (parse-filter); the caller's visibility is
 * part of the filter, and each row carries its classification.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { visibilityOf } from '../../../domain/classification.ts';
import { acledHeader, acledLine, hxlHeader, hxlLine } from '../../../ingest/export/incident-csv.ts';
import {
  FEATURE_COLLECTION_END,
  FEATURE_COLLECTION_START,
  incidentFeature,
} from '../../../ingest/export/incident-feature.ts';
import type { Store } from '../../../store/store.ts';
import { READ } from '../../access.ts';
import { ErrorSchema, filterProperties } from '../incidents/incident-schemas.ts';
import { parseFilter } from '../incidents/parse-filter.ts';
import { exportStream, type ExportFormat } from './incident-export-stream.ts';

export const ExportQuery = Type.Object({ ...filterProperties }, { additionalProperties: false });

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema };

interface ExportKind {
  readonly url: string;
  readonly summary: string;
  readonly contentType: string;
  readonly extension: string;
  readonly format: ExportFormat;
}

const KINDS: readonly ExportKind[] = [
  {
    url: '/api/exports/incidents.geojson',
    summary:
      'Incidents of a filtered view as a GeoJSON FeatureCollection (RFC 7946: [lon, lat], 6 decimals, geometry null without coordinates), streamed',
    contentType: 'application/geo+json',
    extension: 'geojson',
    format: {
      head: FEATURE_COLLECTION_START,
      row: (i) => JSON.stringify(incidentFeature(i)),
      separator: ',\n',
      tail: FEATURE_COLLECTION_END,
    },
  },
  {
    url: '/api/exports/incidents.csv',
    summary:
      'Incidents of a filtered view as CSV: a row of headers, a row of HXL hashtags, then one row each; formulas neutralised; streamed',
    contentType: 'text/csv; charset=utf-8; header=present',
    extension: 'hxl.csv',
    format: { head: hxlHeader(), row: hxlLine, separator: '', tail: '' },
  },
  {
    url: '/api/exports/incidents.acled.csv',
    summary:
      "Incidents of a filtered view in ACLED's 31 columns (plus classification and owner_party), which `liptako import` reads back; streamed",
    contentType: 'text/csv; charset=utf-8; header=present',
    extension: 'acled.csv',
    format: { head: acledHeader(), row: acledLine, separator: '', tail: '' },
  },
];

export function exportRoutes(deps: { store: Store; now: () => Date }): FastifyPluginAsyncTypebox {
  return async (app) => {
    for (const kind of KINDS)
      app.get(
        kind.url,
        {
          config: { access: READ },
          schema: {
            tags: ['exports'],
            summary: kind.summary,
            querystring: ExportQuery,
            produces: [kind.contentType.split(';')[0] ?? kind.contentType],
            response: {
              200: Type.Unknown({ description: `the export, ${kind.contentType}` }),
              ...errors,
            },
          },
        },
        async (request, reply) => {
          const filter = parseFilter(request.query, visibilityOf(request.viewer));
          const day = deps.now().toISOString().slice(0, 10).replaceAll('-', '');
          return (
            reply
              .header('content-type', kind.contentType)
              .header(
                'content-disposition',
                `attachment; filename="liptako-incidents-${day}.${kind.extension}"`,
              )
              .header('cache-control', 'private, no-store')
              .header('x-content-type-options', 'nosniff')
              // A HEAD (Fastify answers it with this handler) gets the headers without reading a row.
              .send(request.method === 'HEAD' ? '' : exportStream(deps.store, filter, kind.format))
          );
        },
      );
  };
}
