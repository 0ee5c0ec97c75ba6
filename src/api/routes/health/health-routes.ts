/** GET /healthz: the process is up and the database answers. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Store } from '../../../store/store.ts';
import { PUBLIC } from '../../access.ts';

export function healthRoutes(deps: { store: Store }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/healthz',
      {
        config: { access: PUBLIC },
        schema: {
          tags: ['system'],
          summary: 'Liveness and database check',
          response: {
            200: Type.Object({ status: Type.Literal('ok'), database: Type.String() }),
            503: Type.Object({ status: Type.Literal('unavailable'), database: Type.String() }),
          },
        },
      },
      async (_request, reply) => {
        try {
          await deps.store.countUsers();
          return { status: 'ok' as const, database: deps.store.dialect };
        } catch {
          return reply.code(503).send({ status: 'unavailable' as const, database: deps.store.dialect });
        }
      },
    );
  };
}
