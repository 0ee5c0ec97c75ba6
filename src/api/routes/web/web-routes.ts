/**
 * The situation room's files, built by `npm run build:web` into web/dist: read once at start and
 * served from memory. Every screen's address returns the same page (the app routes in the browser);
 * hashed assets are cached for a year, the page and the service worker never.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { PUBLIC } from '../../access.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

export const WEB_ROOT = path.resolve(import.meta.dirname, '../../../../web/dist');

/** The page's policy: everything from this origin, nothing inline, no frames. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The app's screens: each answers with the page. */
const SCREENS = [
  '/',
  '/map',
  '/triage',
  '/report',
  '/charter',
  '/incidents/:id(^\\d{1,12}$)',
  '/assistance',
  '/assistance/new',
  '/assistance/scorecards',
  '/assistance/:id(^\\d{1,12}$)',
  '/surges',
  '/alerts',
];

interface WebFile {
  readonly body: Buffer;
  readonly type: string;
}

function readTree(root: string): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  if (!existsSync(root)) return files;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const type = TYPES[path.extname(name)];
        if (type !== undefined)
          files.set('/' + path.relative(root, full).split(path.sep).join('/'), {
            body: readFileSync(full),
            type,
          });
      }
    }
  };
  walk(root);
  return files;
}

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Liptako</title>
<p>The web application is not built. Run <code>npm run build:web</code> (npm start does it), then reload.
The API works: see <a href="/docs">/docs</a>.</p></html>`;

export function webRoutes(root: string = WEB_ROOT): FastifyPluginAsync {
  return async (app) => {
    const files = readTree(root);
    const headers = (reply: FastifyReply) =>
      reply
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .header('content-security-policy', CONTENT_SECURITY_POLICY);
    const page = async (_request: unknown, reply: FastifyReply) => {
      const index = files.get('/index.html');
      headers(reply).header('cache-control', 'no-cache');
      if (index === undefined) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT);
      return reply.type(index.type).send(index.body);
    };
    for (const url of SCREENS) app.get(url, { config: { access: PUBLIC }, schema: { hide: true } }, page);

    const send = (name: string, reply: FastifyReply, immutable: boolean) => {
      const file = files.get(name);
      if (file === undefined) return reply.code(404).send({ error: 'not_found', message: 'no such file' });
      headers(reply).header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      return reply.type(file.type).send(file.body);
    };
    app.get<{ Params: { '*': string } }>(
      '/assets/*',
      { config: { access: PUBLIC }, schema: { hide: true } },
      async (request, reply) => send(`/assets/${request.params['*']}`, reply, true),
    );
    for (const name of ['/sw.js', '/favicon.svg', '/manifest.webmanifest'])
      app.get(name, { config: { access: PUBLIC }, schema: { hide: true } }, async (_request, reply) =>
        send(name, reply, false),
      );
  };
}
