/**
 * /api/session: sign in (name and password, or an API token) into a cookie session, read it back
 * with its CSRF token after a reload, sign out.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { dummyHash } from '../../../commands/password-hashing.ts';
import { csrfTokenFor, endSession, type ActiveSession } from '../../../commands/sessions.ts';
import { signIn, type SignInCredentials } from '../../../commands/sign-in.ts';
import type { Store } from '../../../store/store.ts';
import { PUBLIC } from '../../access.ts';
import { clearedSessionCookie, readCookie, sessionCookie, SESSION_COOKIE } from '../../cookies.ts';
import { badRequest, HttpError } from '../../http-error.ts';
import { ErrorSchema } from '../incidents/incident-schemas.ts';
import { SessionSchema, SignInBody } from './session-schemas.ts';

/** Whether cookies get the Secure attribute: on HTTPS requests (auto), always, or never. */
export type SecureCookies = 'auto' | 'always' | 'never';

function presentSession(active: ActiveSession) {
  return {
    user: { name: active.user.name, role: active.user.role, party: active.user.party },
    csrf: csrfTokenFor(active.secret),
    expires_at: active.session.expiresAt,
    scope: active.session.scope,
  };
}

const INVALID = 'wrong user name or password';

export function sessionRoutes(deps: {
  store: Store;
  now: () => Date;
  secureCookies: SecureCookies;
}): FastifyPluginAsyncTypebox {
  const secure = (request: FastifyRequest): boolean =>
    deps.secureCookies === 'always' || (deps.secureCookies === 'auto' && request.protocol === 'https');
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  return async (app) => {
    // Computed once before the first sign-in, so that no sign-in of an unknown name pays for it.
    await dummyHash();

    app.post(
      '/api/session',
      {
        config: { access: PUBLIC, identity: 'sign-in' },
        // A sign-in body is small: refuse large ones before parsing them.
        bodyLimit: 8 * 1024,
        schema: {
          tags: ['session'],
          summary: 'Sign in with a user name and password, or an API token; sets the session cookie',
          security: [],
          body: SignInBody,
          response: { 200: SessionSchema, 400: ErrorSchema, 401: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (request, reply) => {
        const b = request.body;
        let credentials: SignInCredentials;
        if (b.token !== undefined && b.username === undefined && b.password === undefined)
          credentials = { kind: 'token', token: b.token };
        else if (b.token === undefined && b.username !== undefined && b.password !== undefined)
          credentials = { kind: 'password', username: b.username, password: b.password };
        else throw badRequest('body', 'send either "username" and "password", or "token"');
        const now = deps.now();
        const userAgent = request.headers['user-agent'] ?? null;
        const outcome = await signIn(deps.store, credentials, { address: request.ip, userAgent }, now);
        noStore(reply);
        if (!outcome.ok) {
          if (outcome.reason === 'locked') {
            reply.header('retry-after', String(outcome.retryAfterSeconds));
            throw new HttpError(
              429,
              'too_many_attempts',
              `too many failed sign-ins: try again in ${Math.ceil(outcome.retryAfterSeconds / 60)} min`,
            );
          }
          throw new HttpError(
            401,
            'invalid_credentials',
            credentials.kind === 'token' ? 'the token is unknown, expired or revoked' : INVALID,
          );
        }
        const maxAge = (Date.parse(outcome.session.absoluteExpiresAt) - now.getTime()) / 1000;
        reply.header('set-cookie', sessionCookie(outcome.secret, maxAge, secure(request)));
        return presentSession(outcome);
      },
    );

    app.get(
      '/api/session',
      {
        config: { access: PUBLIC },
        schema: {
          tags: ['session'],
          summary: 'The session of the cookie with its CSRF token; 401 when not signed in by cookie',
          security: [],
          response: { 200: SessionSchema, 401: ErrorSchema },
        },
      },
      async (request, reply) => {
        noStore(reply);
        if (request.session === null)
          throw new HttpError(401, 'unauthorised', 'no session: sign in with POST /api/session');
        return presentSession(request.session);
      },
    );

    app.delete(
      '/api/session',
      {
        config: { access: PUBLIC, identity: 'sign-out' },
        schema: {
          tags: ['session'],
          summary: 'Sign out: ends the session and clears its cookie (needs X-CSRF-Token)',
          security: [],
          response: { 204: Type.Null(), 403: ErrorSchema },
        },
      },
      async (request, reply) => {
        // An expired or unknown cookie is cleared too: signing out always leaves the browser signed out.
        const cookie = readCookie(request.headers.cookie, SESSION_COOKIE);
        if (request.session !== null) await endSession(deps.store, request.session.secret);
        noStore(reply);
        if (cookie !== undefined) reply.header('set-cookie', clearedSessionCookie(secure(request)));
        return reply.code(204).send(null);
      },
    );
  };
}
