/**
 * The one authentication and authorisation layer: every request passes through it.
 * `Authorization: Bearer TOKEN` → the token's SHA-256 → the user; then the route's Access decides.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Viewer } from '../domain/classification.ts';
import { hashToken } from '../commands/token-hash.ts';
import type { Store } from '../store/store.ts';
import type { Access } from './access.ts';
import { HttpError } from './http-error.ts';

export interface RequestViewer extends Viewer {
  /** User name; "anonymous" when nobody is signed in. */
  readonly name: string;
  readonly userId: number | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    viewer: RequestViewer;
  }
}

export const ANONYMOUS: RequestViewer = { role: 'anonymous', party: null, name: 'anonymous', userId: null };

const unauthorised = (message: string): HttpError => new HttpError(401, 'unauthorised', message);

async function authenticate(request: FastifyRequest, store: Store): Promise<RequestViewer> {
  const header = request.headers.authorization;
  if (header === undefined || header === '') return ANONYMOUS;
  const m = /^Bearer\s+([A-Za-z0-9_\-.~+/=]{16,200})$/.exec(header);
  if (!m || m[1] === undefined) throw unauthorised('Authorization must be "Bearer <token>"');
  const user = await store.findUserByTokenHash(hashToken(m[1]));
  if (user === null) throw unauthorised('the token is unknown or revoked');
  return { role: user.role, party: user.party, name: user.name, userId: user.id };
}

export function installAuth(app: FastifyInstance, store: Store, options: { publicRead: boolean }): void {
  // Fastify wants a primitive initial value; the onRequest hook below sets every request's viewer.
  app.decorateRequest('viewer', null as unknown as RequestViewer);
  // Authenticate and check the role before the body is read, so that unknown callers cost nothing.
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    request.viewer = await authenticate(request, store);
    if (access === undefined) {
      // Fail closed: unknown routes fall through to the 404 handler, which has no config either.
      if (request.routeOptions.url === undefined) return;
      throw new HttpError(403, 'forbidden', 'this route declares no access rule');
    }
    if (access.kind === 'public') return;
    if (request.viewer.role === 'anonymous' && !(access.kind === 'read' && options.publicRead))
      throw unauthorised('sign in: send Authorization: Bearer <token>');
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
