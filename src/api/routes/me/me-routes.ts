/** GET /api/me: who the token belongs to, so that the web shell can show it. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { READ } from '../../access.ts';

export function meRoutes(): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/me',
      {
        config: { access: READ },
        schema: {
          tags: ['system'],
          summary: 'The signed-in user',
          response: {
            200: Type.Object({
              name: Type.String(),
              role: Type.String(),
              party: Type.Union([Type.String(), Type.Null()]),
            }),
          },
        },
      },
      async (request) => ({
        name: request.viewer.name,
        role: request.viewer.role,
        party: request.viewer.party,
      }),
    );
  };
}
