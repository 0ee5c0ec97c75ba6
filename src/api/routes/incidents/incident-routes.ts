/**
 * /api/incidents: list, detail, map aggregate, weekly timeline, analysts' edits of the coding, merge
 * and bulk triage.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { visibilityOf } from '../../../domain/classification.ts';
import type { IncidentCoding } from '../../../domain/incident.ts';
import { eventTypeOfSubEvent } from '../../../domain/acled-taxonomy.ts';
import type { CharterDeps } from '../../../commands/charter-deps.ts';
import { editIncident } from '../../../commands/edit-incident.ts';
import { mergeAndAnnounce } from '../../../commands/publish-alert.ts';
import { splitIncident } from '../../../commands/split-incident.ts';
import { DEFAULT_VERIFY_REASON, triageIncidents } from '../../../commands/triage-incidents.ts';
import { addDays, fillWeeks, weeksBetween } from '../../../domain/iso-week.ts';
import type { CharterFacts } from '../../../domain/charter/charter-facts.ts';
import { READ, roles } from '../../access.ts';
import { HttpError, notFound } from '../../http-error.ts';
import { presentIncident, presentRevision, presentSource } from '../../present.ts';
import {
  AggregateQuery,
  ClusterCollectionSchema,
  ErrorSchema,
  IdParams,
  IncidentDetailSchema,
  IncidentPageSchema,
  IncidentPatchBody,
  IncidentSchema,
  ListQuery,
  SplitBody,
  SplitResultSchema,
  BulkBody,
  BulkResultSchema,
  MAX_TIMELINE_WEEKS,
  MergeBody,
  TimelineQuery,
  TimelineSchema,
} from './incident-schemas.ts';
import { parseFilter } from './parse-filter.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

/** Grid cell in degrees at a zoom: about 64 screen pixels on 256-pixel tiles. */
export const cellDegrees = (zoom: number): number => 360 / (2 ** zoom * 4);

export function incidentRoutes(deps: CharterDeps & { now: () => Date }): FastifyPluginAsyncTypebox {
  const { store } = deps;
  return async (app) => {
    app.get(
      '/api/incidents',
      {
        config: { access: READ },
        schema: {
          tags: ['incidents'],
          summary: 'List incidents, newest first, with filters and a cursor',
          querystring: ListQuery,
          response: { 200: IncidentPageSchema, ...errors },
        },
      },
      async (request) => {
        const { limit, cursor, sort, count, ...rest } = request.query;
        const filter = parseFilter(rest, visibilityOf(request.viewer));
        const page = await store.listIncidents({
          ...filter,
          limit: limit ?? 100,
          sort: sort ?? 'date_desc',
          ...(cursor === undefined ? {} : { cursor }),
        });
        return {
          items: page.items.map(presentIncident),
          next_cursor: page.nextCursor,
          ...(count === true ? { total: await store.countIncidents(filter) } : {}),
        };
      },
    );

    app.get(
      '/api/incidents/timeline',
      {
        config: { access: READ },
        schema: {
          tags: ['incidents'],
          summary:
            'Incidents and fatalities per ISO week (Monday first), by event type, for the list filters',
          querystring: TimelineQuery,
          response: { 200: TimelineSchema, ...errors, 422: ErrorSchema },
        },
      },
      async (request) => {
        const filter = parseFilter(request.query, visibilityOf(request.viewer));
        const tooLong = (weeks: number): HttpError =>
          new HttpError(
            422,
            'timeline_too_long',
            `the timeline would span ${weeks} weeks; at most ${MAX_TIMELINE_WEEKS}: narrow it with from and to`,
          );
        if (filter.from !== undefined && filter.to !== undefined) {
          const span = weeksBetween(filter.from, filter.to);
          if (span > MAX_TIMELINE_WEEKS) throw tooLong(span);
        }
        const found = await store.timelineIncidents(filter);
        const first = filter.from ?? found[0]?.week ?? filter.to;
        const last = filter.to ?? (found.length > 0 ? addDays(found.at(-1)?.week ?? '', 6) : filter.from);
        if (first === undefined || last === undefined) return { weeks: [], from: null, to: null };
        const span = weeksBetween(first, last);
        if (span > MAX_TIMELINE_WEEKS) throw tooLong(span);
        return {
          weeks: fillWeeks(found, first, last).map((w) => ({
            week: w.week,
            count: w.count,
            fatalities: w.fatalities,
            by_event_type: w.byEventType,
            fatalities_by_event_type: w.fatalitiesByEventType,
          })),
          from: first,
          to: last,
        };
      },
    );

    app.post(
      '/api/incidents/bulk',
      {
        config: { access: roles('admin', 'analyst') },
        schema: {
          tags: ['incidents'],
          summary:
            'Verify or reject up to 500 incidents, each in its own transaction, with an outcome per id',
          body: BulkBody,
          response: { 200: BulkResultSchema, ...errors, 422: ErrorSchema },
        },
      },
      async (request) => {
        const { ids, action } = request.body;
        const reason = request.body.reason?.trim() ?? '';
        if (action === 'reject' && reason.length < 3)
          throw new HttpError(
            422,
            'reason_required',
            'reason: rejecting needs a reason of 3 characters or more',
          );
        if (reason !== '' && reason.length < 3)
          throw new HttpError(422, 'reason_required', 'reason: give 3 characters or more, or none');
        const results = await triageIncidents(
          store,
          {
            ids,
            action,
            reason: reason === '' ? DEFAULT_VERIFY_REASON : reason,
            by: request.viewer.name,
            actor: request.viewer,
            visibility: visibilityOf(request.viewer),
          },
          deps.now(),
          deps,
        );
        return { results };
      },
    );

    app.get(
      '/api/incidents/aggregate',
      {
        config: { access: READ },
        schema: {
          tags: ['incidents'],
          summary: 'Clusters of incidents for a map: a GeoJSON FeatureCollection of grid-cell points',
          querystring: AggregateQuery,
          response: { 200: ClusterCollectionSchema, ...errors },
        },
      },
      async (request) => {
        const { zoom, ...rest } = request.query;
        const filter = parseFilter(rest, visibilityOf(request.viewer));
        const clusters = await store.aggregateIncidents({ ...filter, zoom });
        return {
          type: 'FeatureCollection' as const,
          features: clusters.map((c) => ({
            type: 'Feature' as const,
            geometry: { type: 'Point' as const, coordinates: [c.longitude, c.latitude] },
            properties: {
              count: c.count,
              fatalities: c.fatalities,
              dominant_event_type: c.dominantEventType,
              by_event_type: c.byEventType as Record<string, number>,
              bbox: [c.bbox.minLon, c.bbox.minLat, c.bbox.maxLon, c.bbox.maxLat],
              incident_id: c.incidentId,
            },
          })),
          properties: {
            zoom,
            cell_degrees: cellDegrees(zoom),
            total: clusters.reduce((n, c) => n + c.count, 0),
          },
        };
      },
    );

    app.get(
      '/api/incidents/:id',
      {
        config: { access: READ },
        schema: {
          tags: ['incidents'],
          summary: 'One incident with its revision history and its source reports (with evidence)',
          params: IdParams,
          response: { 200: IncidentDetailSchema, ...errors },
        },
      },
      async (request) => {
        const visibility = visibilityOf(request.viewer);
        const incident = await store.getIncident(request.params.id, visibility);
        if (incident === null) throw notFound(`incident ${request.params.id}`);
        const revisions = await store.listRevisions(incident.id);
        const sources = await store.listIncidentSources(incident.id, visibility);
        return {
          incident: presentIncident(incident),
          revisions: revisions.map(presentRevision),
          sources: sources.map(presentSource),
        };
      },
    );

    app.post(
      '/api/incidents/:id/split',
      {
        config: { access: roles('admin', 'analyst') },
        schema: {
          tags: ['incidents'],
          summary: 'Undo a wrong fusion: detach one source report into a new incident of its own',
          params: IdParams,
          body: SplitBody,
          response: { 200: SplitResultSchema, ...errors, 422: ErrorSchema },
        },
      },
      async (request) => {
        const result = await splitIncident(
          store,
          {
            incidentId: request.params.id,
            reportId: request.body.report_id,
            reason: request.body.reason,
            by: request.viewer.name,
            actor: request.viewer,
            visibility: visibilityOf(request.viewer),
          },
          deps.now(),
        );
        if (!result.ok) {
          if (result.error === 'not_found') throw notFound(`incident ${request.params.id}`);
          throw new HttpError(422, result.error, result.message);
        }
        return { incident: presentIncident(result.incident), detached: presentIncident(result.detached) };
      },
    );

    app.post(
      '/api/incidents/:id/merge',
      {
        config: { access: roles('admin', 'analyst') },
        schema: {
          tags: ['incidents'],
          summary:
            'Merge a duplicate into this incident: its sources move here, it is rejected with merged_into set; one transaction',
          params: IdParams,
          body: MergeBody,
          response: { 200: IncidentSchema, ...errors, 409: ErrorSchema, 422: ErrorSchema },
        },
      },
      async (request) => {
        const outcome = await mergeAndAnnounce(store, {
          survivorId: request.params.id,
          otherId: request.body.other_id,
          visibility: visibilityOf(request.viewer),
          changedBy: request.viewer.name,
          reason: request.body.reason,
          at: deps.now().toISOString(),
          actor: request.viewer,
        });
        if (outcome.ok) return presentIncident(outcome.survivor);
        if (outcome.error === 'not_found') throw notFound(`incident ${outcome.id}`);
        const { refusal } = outcome;
        if (refusal.kind === 'same') throw new HttpError(422, 'invalid_merge', refusal.message);
        throw new HttpError(409, 'merge_conflict', refusal.message);
      },
    );

    app.patch(
      '/api/incidents/:id',
      {
        config: { access: roles('admin', 'analyst') },
        schema: {
          tags: ['incidents'],
          summary:
            "Change an incident's coding, status or Charter facts, with the reason kept in its history; a verified incident is evaluated against the treaties again",
          params: IdParams,
          body: IncidentPatchBody,
          response: { 200: IncidentSchema, ...errors, 409: ErrorSchema, 422: ErrorSchema },
        },
      },
      async (request) => {
        const visibility = visibilityOf(request.viewer);
        const current = await store.getIncident(request.params.id, visibility);
        if (current === null) throw notFound(`incident ${request.params.id}`);
        const b = request.body;
        const coding: { -readonly [K in keyof IncidentCoding]?: IncidentCoding[K] } = {};
        if (b.event_date !== undefined) coding.eventDate = b.event_date;
        if (b.sub_event_type !== undefined) {
          // The schema allows only ACLED's sub-types, each of which has its event type.
          coding.subEventType = b.sub_event_type as IncidentCoding['subEventType'];
          coding.eventType = b.event_type ?? eventTypeOfSubEvent(b.sub_event_type) ?? current.eventType;
        } else if (b.event_type !== undefined) coding.eventType = b.event_type;
        if (b.actor1 !== undefined) coding.actor1 = b.actor1;
        if (b.actor2 !== undefined) coding.actor2 = b.actor2;
        if (b.admin1 !== undefined) coding.admin1 = b.admin1;
        if (b.admin2 !== undefined) coding.admin2 = b.admin2;
        if (b.location !== undefined) coding.location = b.location;
        if (b.latitude !== undefined) coding.latitude = b.latitude;
        if (b.longitude !== undefined) coding.longitude = b.longitude;
        if (b.notes !== undefined) coding.notes = b.notes;
        if (b.fatalities !== undefined) coding.fatalities = { ...current.fatalities, best: b.fatalities };
        const facts: { -readonly [K in keyof CharterFacts]?: CharterFacts[K] } = {};
        const f = b.charter_facts;
        if (f !== undefined) {
          if (f.target !== undefined) facts.target = f.target;
          if (f.launched_from !== undefined) facts.launchedFrom = f.launched_from;
          if (f.territory_seized !== undefined) facts.territorySeized = f.territory_seized;
          if (f.actor1_type !== undefined) facts.actor1Type = f.actor1_type;
          if (f.actor2_type !== undefined) facts.actor2Type = f.actor2_type;
          if (f.actor1_state !== undefined) facts.actor1State = f.actor1_state;
          if (f.actor2_state !== undefined) facts.actor2State = f.actor2_state;
        }
        const result = await editIncident(deps, {
          id: current.id,
          visibility,
          change: {
            coding,
            ...(b.status === undefined ? {} : { status: b.status }),
            ...(b.classification === undefined ? {} : { classification: b.classification }),
            ...(b.owner_party === undefined ? {} : { ownerParty: b.owner_party }),
            ...(f === undefined ? {} : { charterFacts: facts }),
            changedBy: request.viewer.name,
            actor: request.viewer,
            reason: b.reason,
            at: deps.now().toISOString(),
          },
        });
        if (!result.ok) {
          if (result.error === 'not_found') throw notFound(`incident ${request.params.id}`);
          if (result.error === 'merged')
            throw new HttpError(
              409,
              'merged',
              `incident ${request.params.id} was merged into ${result.into}: change that one instead`,
            );
          throw new HttpError(
            422,
            'invalid_coding',
            result.problems.map((p) => `${p.field}: ${p.message}`).join('; '),
          );
        }
        // The edit stands even when its evaluation lost a race twice: the Charter tick evaluates it.
        if (result.charter !== null && !result.charter.ok)
          request.log.warn(
            { incident: current.id, error: result.charter.error },
            'Charter evaluation failed',
          );
        const updated = result.incident;
        return presentIncident(updated);
      },
    );
  };
}
