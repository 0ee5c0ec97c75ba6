/**
 * /api/surges: early warning's surges of violence per admin-1 unit (raised by `detectSurges`), as the
 * viewer may see them: a surge carries the highest classification of the incidents its figures were
 * computed from, and a hidden one is absent from the list and 404 by id, as a missing one.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isCalendarDay } from '../../../commands/detect-surges.ts';
import { visibilityOf } from '../../../domain/classification.ts';
import type { ReferenceData } from '../../../reference/load-reference.ts';
import type { Store } from '../../../store/store.ts';
import { READ } from '../../access.ts';
import { badRequest, notFound } from '../../http-error.ts';
import { ErrorSchema } from '../incidents/incident-schemas.ts';
import { presentSurge, SurgeListQuery, SurgeParams, SurgeRuleSchema, SurgeSchema } from './surge-schemas.ts';
import type { SurgeRule } from '../../../domain/early-warning/surge-rule.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

export function surgeRoutes(deps: {
  readonly store: Store;
  readonly reference: ReferenceData;
  readonly rule: SurgeRule;
}): FastifyPluginAsyncTypebox {
  const { store, reference, rule } = deps;
  const ruleBody = {
    window_days: rule.windowDays,
    baseline_days: rule.baselineDays,
    min_fatalities: rule.minFatalities,
    min_relative_increase: rule.minRelativeIncrease,
    high_ratio: rule.highRatio,
    cool_down_days: rule.coolDownDays,
  };
  return async (app) => {
    app.get(
      '/api/surges',
      {
        config: { access: READ },
        schema: {
          tags: ['early warning'],
          summary:
            'Surges of violence per admin-1 unit: open ones (highest level and 30-day fatalities first), all, or those open on a day',
          querystring: SurgeListQuery,
          response: {
            200: Type.Object({ items: Type.Array(SurgeSchema), rule: SurgeRuleSchema }),
            ...errors,
          },
        },
      },
      async (request) => {
        const { state, on, country, limit } = request.query;
        if (on !== undefined && !isCalendarDay(on)) throw badRequest('query.on', `not a calendar day: ${on}`);
        const surges = await store.listSurges({
          visibility: visibilityOf(request.viewer),
          limit: limit ?? 500,
          ...(state === undefined ? {} : { state }),
          ...(on === undefined ? {} : { on }),
          ...(country === undefined ? {} : { country }),
        });
        return {
          items: surges.map((s) => presentSurge(s, reference.adminUnits, { history: false })),
          rule: ruleBody,
        };
      },
    );

    app.get(
      '/api/surges/:id',
      {
        config: { access: READ },
        schema: {
          tags: ['early warning'],
          summary: 'One surge with its day-by-day history',
          params: SurgeParams,
          response: { 200: SurgeSchema, ...errors },
        },
      },
      async (request) => {
        const stored = await store.getSurge(request.params.id, visibilityOf(request.viewer));
        if (stored === null) throw notFound(`surge ${request.params.id}`);
        return presentSurge(stored, reference.adminUnits, { history: true });
      },
    );
  };
}
