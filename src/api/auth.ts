/**
 * The one authentication and authorisation layer: every request passes through it.
 * `Authorization: Bearer TOKEN` → the token's SHA-256 → the user and the token's scope; else the
 * `liptako_session` cookie → the session's SHA-256 → the user. Then, before the body is read:
 * a read-scoped token (or a session made from one) may only use safe methods; a cookie-authenticated
 * request with an unsafe method must carry `X-CSRF-Token`; and the route's Access decides.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Viewer } from '../domain/classification.ts';
import { isSafeMethod, scopeAllows, type TokenScope } from '../domain/token-scope.ts';
import { csrfMatches, resumeSession, type ActiveSession } from '../commands/sessions.ts';
import { hashToken } from '../commands/token-hash.ts';
import type { Store } from '../store/store.ts';
import type { Access } from './access.ts';
import { readCookie, SESSION_COOKIE } from './cookies.ts';
import { HttpError } from './http-error.ts';

export interface RequestViewer extends Viewer {
  /** User name; "anonymous" when nobody is signed in. */
  readonly name: string;
  readonly userId: number | null;
  /** How the request was authenticated. */
  readonly via: 'token' | 'session' | null;
  /** What the token (or the session made from one) may do; null when anonymous. */
  readonly scope: TokenScope | null;
  /** The token that authenticated the request (Bearer), if any. */
  readonly tokenId: number | null;
}

/** What the identity routes need to know about how their caller is signed in. */
export type IdentityRoute =
  /** POST /api/session: neither header nor cookie is consulted (a new sign-in replaces them), no CSRF. */
  | 'sign-in'
  /** DELETE /api/session: any scope may sign out; CSRF is still required. */
  | 'sign-out';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    identity?: IdentityRoute;
  }
  interface FastifyRequest {
    viewer: RequestViewer;
    /** The session of the cookie, when the request was authenticated by one. */
    session: ActiveSession | null;
  }
}

export const ANONYMOUS: RequestViewer = {
  role: 'anonymous',
  party: null,
  name: 'anonymous',
  userId: null,
  via: null,
  scope: null,
  tokenId: null,
};

const unauthorised = (message: string): HttpError => new HttpError(401, 'unauthorised', message);

export interface Authentication {
  readonly viewer: RequestViewer;
  readonly session: ActiveSession | null;
  /** A cookie was sent but named no live session (expired or signed out). */
  readonly staleCookie: boolean;
}

/** Who sends the request (by its bearer token or session cookie); also used to re-check a long-lived stream. */
export async function authenticate(
  request: FastifyRequest,
  store: Store,
  now: Date,
): Promise<Authentication> {
  const header = request.headers.authorization;
  if (header !== undefined && header !== '') {
    const m = /^Bearer\s+([A-Za-z0-9_\-.~+/=]{16,200})$/.exec(header);
    if (!m || m[1] === undefined) throw unauthorised('Authorization must be "Bearer <token>"');
    const found = await store.findToken(hashToken(m[1]), now.toISOString());
    if (found === null) throw unauthorised('the token is unknown, expired or revoked');
    const { user, token } = found;
    return {
      viewer: {
        role: user.role,
        party: user.party,
        name: user.name,
        userId: user.id,
        via: 'token',
        scope: token.scope,
        tokenId: token.id,
      },
      session: null,
      staleCookie: false,
    };
  }
  const cookie = readCookie(request.headers.cookie, SESSION_COOKIE);
  if (cookie === undefined || cookie === '') return { viewer: ANONYMOUS, session: null, staleCookie: false };
  const active = await resumeSession(store, cookie, now);
  if (active === null) return { viewer: ANONYMOUS, session: null, staleCookie: true };
  const { user, session } = active;
  return {
    viewer: {
      role: user.role,
      party: user.party,
      name: user.name,
      userId: user.id,
      via: 'session',
      scope: session.scope,
      tokenId: session.tokenId,
    },
    session: active,
    staleCookie: false,
  };
}

export function installAuth(
  app: FastifyInstance,
  store: Store,
  options: { publicRead: boolean; now: () => Date },
): void {
  // Fastify wants a primitive initial value; the onRequest hook below sets every request's viewer.
  app.decorateRequest('viewer', null as unknown as RequestViewer);
  app.decorateRequest('session', null);
  // Authenticate and check the role before the body is read, so that unknown callers cost nothing.
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    const access = config.access;
    const identity = config.identity;
    // Sign-in authenticates by its body alone: a stale cookie or header must not stand in its way.
    const auth =
      identity === 'sign-in'
        ? { viewer: ANONYMOUS, session: null, staleCookie: false }
        : await authenticate(request, store, options.now());
    request.viewer = auth.viewer;
    request.session = auth.session;
    if (access === undefined) {
      // Fail closed: unknown routes fall through to the 404 handler, which has no config either.
      if (request.routeOptions.url === undefined) return;
      throw new HttpError(403, 'forbidden', 'this route declares no access rule');
    }
    const unsafe = !isSafeMethod(request.method);
    // A cross-site page can make the browser send the cookie, never this header: the CSRF defence.
    if (
      unsafe &&
      auth.session !== null &&
      !csrfMatches(auth.session.secret, headerText(request, 'x-csrf-token'))
    )
      throw new HttpError(
        403,
        'csrf',
        'send the X-CSRF-Token header given by POST or GET /api/session with requests that change data',
      );
    if (
      unsafe &&
      auth.viewer.scope !== null &&
      identity !== 'sign-out' &&
      !scopeAllows(auth.viewer.scope, request.method)
    )
      throw new HttpError(
        403,
        'token_scope',
        `a ${auth.viewer.scope}-scoped token may only read (GET); use a write-scoped token to ${request.method}`,
      );
    if (access.kind === 'public') return;
    if (request.viewer.role === 'anonymous' && !(access.kind === 'read' && options.publicRead))
      throw unauthorised(
        auth.staleCookie
          ? 'the session has expired or was signed out: sign in again'
          : 'sign in: POST /api/session, or send Authorization: Bearer <token>',
      );
    // Roles are checked before the body is read; what depends on the record (its party, its
    // classification) is checked by the command after validation.
    const role = request.viewer.role;
    if (access.kind === 'roles' && (role === 'anonymous' || !access.roles.includes(role)))
      throw new HttpError(
        403,
        'forbidden',
        `role ${role} may not ${request.method} ${request.routeOptions.url ?? ''}`,
      );
  });
}

function headerText(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}
