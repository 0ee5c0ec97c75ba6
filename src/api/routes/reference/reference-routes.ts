/** /api/reference: the shipped reference data — parties, places, admin units, actors, taxonomy, outlines. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  EVENT_TYPE_LABELS_FR,
  EVENT_TYPES,
  INTER_CODES,
  SUB_EVENT_TYPE_LABELS_FR,
  SUB_EVENT_TYPES,
} from '../../../domain/acled-taxonomy.ts';
import { foldName } from '../../../domain/place.ts';
import type { ReferenceData } from '../../../reference/load-reference.ts';
import { READ } from '../../access.ts';

const Country = Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO3 code' }));

export function referenceRoutes(deps: { reference: ReferenceData }): FastifyPluginAsyncTypebox {
  const ref = deps.reference;
  return async (app) => {
    app.get(
      '/api/reference/parties',
      {
        config: { access: READ },
        schema: { tags: ['reference'], summary: 'Parties and their membership periods' },
      },
      async () => ({ items: ref.parties }),
    );

    app.get(
      '/api/reference/places',
      {
        config: { access: READ },
        schema: {
          tags: ['reference'],
          summary: 'Search the GeoNames gazetteer, ignoring case and accents',
          querystring: Type.Object(
            {
              q: Type.String({ minLength: 1, maxLength: 200 }),
              country: Country,
              feature_class: Type.Optional(Type.String({ pattern: '^[AHLPRSTUV]$' })),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => {
        const { q, country, feature_class: featureClass, limit } = request.query;
        const items = ref.gazetteer.search(q, {
          limit: limit ?? 10,
          ...(country === undefined ? {} : { country }),
          ...(featureClass === undefined ? {} : { featureClass }),
        });
        return { items };
      },
    );

    app.get(
      '/api/reference/admin-units',
      {
        config: { access: READ },
        schema: {
          tags: ['reference'],
          summary: 'Admin-1 and admin-2 units with French and English names (GeoNames codes)',
          querystring: Type.Object(
            { country: Country, level: Type.Optional(Type.Union([Type.Literal(1), Type.Literal(2)])) },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => {
        const { country, level } = request.query;
        const items = ref.adminUnits
          .all()
          .filter(
            (u) =>
              (country === undefined || u.country === country) && (level === undefined || u.level === level),
          );
        return { items };
      },
    );

    app.get(
      '/api/reference/actors',
      {
        config: { access: READ },
        schema: {
          tags: ['reference'],
          summary: 'The actor registry; q matches names and French or English aliases',
          querystring: Type.Object(
            { q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => {
        const q = request.query.q === undefined ? null : foldName(request.query.q);
        const items = ref.actors
          .all()
          .filter(
            (a) =>
              q === null ||
              [a.key, a.canonicalName, ...a.aliases.en, ...a.aliases.fr, ...a.acledNames].some((n) =>
                foldName(n).includes(q),
              ),
          );
        return { items };
      },
    );

    app.get(
      '/api/reference/taxonomy',
      {
        config: { access: READ },
        schema: { tags: ['reference'], summary: "ACLED's event types, sub-types and inter codes (EN/FR)" },
      },
      async () => ({
        event_types: EVENT_TYPES.map((t) => ({
          name: t,
          fr: EVENT_TYPE_LABELS_FR[t],
          sub_event_types: SUB_EVENT_TYPES[t].map((s) => ({ name: s, fr: SUB_EVENT_TYPE_LABELS_FR[s] })),
        })),
        inter_codes: Object.entries(INTER_CODES).map(([code, label]) => ({ code: Number(code), ...label })),
      }),
    );

    // Computed once: the basemap's labels do not change while the server runs.
    let labels: unknown = null;
    app.get(
      '/api/reference/labels',
      {
        config: { access: READ },
        schema: {
          tags: ['reference'],
          summary: "The offline basemap's labels: admin-1 units and the most populous towns (GeoNames)",
        },
      },
      async () => {
        labels ??= {
          admin1: ref.adminUnits
            .all()
            .filter((u) => u.level === 1)
            .map((u) => ({
              code: u.code,
              country: u.country,
              level: u.level,
              name: u.name,
              latitude: u.latitude,
              longitude: u.longitude,
            })),
          places: ref.gazetteer.largestPlaces(2000, 1000).map((p) => ({
            name: p.name,
            latitude: p.latitude,
            longitude: p.longitude,
            population: p.population,
            country: p.country,
          })),
        };
        return labels;
      },
    );

    app.get(
      '/api/reference/outlines',
      {
        config: { access: READ },
        schema: { tags: ['reference'], summary: 'Country outlines (Natural Earth via world-atlas), GeoJSON' },
      },
      async (_request, reply) => reply.type('application/geo+json').send(ref.outlines),
    );
  };
}
