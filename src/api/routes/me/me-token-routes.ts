/** /api/me/tokens: the signed-in user lists, creates and revokes their own API tokens. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { issueApiToken, tokenIsLive } from '../../../commands/api-tokens.ts';
import { ROLES } from '../../../domain/role.ts';
import type { ApiToken } from '../../../domain/user.ts';
import type { Store } from '../../../store/store.ts';
import { roles } from '../../access.ts';
import { notFound } from '../../http-error.ts';
import { ErrorSchema, IdParams } from '../incidents/incident-schemas.ts';
import { IssuedTokenSchema, NewTokenBody, TokenSchema } from './me-token-schemas.ts';

const SIGNED_IN = roles(...ROLES);
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema };

function presentToken(t: ApiToken, now: Date) {
  return {
    id: t.id,
    prefix: t.prefix,
    label: t.label,
    scope: t.scope,
    created_at: t.createdAt,
    expires_at: t.expiresAt,
    last_used_at: t.lastUsedAt,
    revoked_at: t.revokedAt,
    active: tokenIsLive(t, now),
  };
}

/** The signed-in user's id: routes here admit signed-in users only (SIGNED_IN). */
function userIdOf(viewer: { userId: number | null }): number {
  if (viewer.userId === null) throw new Error('a SIGNED_IN route ran without a user');
  return viewer.userId;
}

export function meTokenRoutes(deps: { store: Store; now: () => Date }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/me/tokens',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['session'],
          summary: 'Your API tokens, revoked and expired ones too (never their secrets)',
          response: { 200: Type.Object({ items: Type.Array(TokenSchema) }), ...errors },
        },
      },
      async (request) => {
        const now = deps.now();
        const tokens = await deps.store.listTokens(userIdOf(request.viewer));
        return { items: tokens.map((t) => presentToken(t, now)) };
      },
    );

    app.post(
      '/api/me/tokens',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['session'],
          summary: 'Create an API token; its secret is in this answer only',
          body: NewTokenBody,
          response: { 201: IssuedTokenSchema, ...errors },
        },
      },
      async (request, reply) => {
        const now = deps.now();
        const { token, secret } = await issueApiToken(
          deps.store,
          userIdOf(request.viewer),
          now,
          request.viewer,
          {
            scope: request.body.scope,
            label: request.body.label ?? null,
            expiresInDays: request.body.expires_in_days ?? null,
          },
        );
        reply.header('cache-control', 'no-store');
        return reply.code(201).send({ ...presentToken(token, now), token: secret });
      },
    );

    app.delete(
      '/api/me/tokens/:id',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['session'],
          summary: 'Revoke one of your API tokens (sessions made from it end too)',
          params: IdParams,
          response: { 204: Type.Null(), 404: ErrorSchema, ...errors },
        },
      },
      async (request, reply) => {
        const revoked = await deps.store.revokeToken(
          request.params.id,
          { actor: request.viewer, at: deps.now().toISOString() },
          userIdOf(request.viewer),
        );
        // Someone else's token and an unknown one answer alike.
        if (!revoked) throw notFound(`live token ${request.params.id} of yours`);
        return reply.code(204).send(null);
      },
    );
  };
}
