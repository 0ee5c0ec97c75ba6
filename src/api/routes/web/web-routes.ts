/** The web shell's static files from web/public: read once at start, served from memory. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { PUBLIC } from '../../access.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.geojson': 'application/geo+json',
};

export const WEB_ROOT = path.resolve(import.meta.dirname, '../../../../web/public');

export function webRoutes(root: string = WEB_ROOT): FastifyPluginAsync {
  return async (app) => {
    const files = new Map<string, { body: Buffer; type: string }>();
    for (const name of readdirSync(root)) {
      const type = TYPES[path.extname(name)];
      if (type !== undefined) files.set(name, { body: readFileSync(path.join(root, name)), type });
    }
    const send = (name: string) => files.get(name);
    app.get('/', { config: { access: PUBLIC }, schema: { hide: true } }, async (_request, reply) => {
      const file = send('index.html');
      if (file === undefined)
        return reply.code(404).send({ error: 'not_found', message: 'no web page is installed' });
      return reply
        .type(file.type)
        .header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self'")
        .send(file.body);
    });
    app.get<{ Params: { file: string } }>(
      '/static/:file',
      { config: { access: PUBLIC }, schema: { hide: true } },
      async (request, reply) => {
        const file = send(request.params.file);
        if (file === undefined) return reply.code(404).send({ error: 'not_found', message: 'no such file' });
        return reply.type(file.type).header('cache-control', 'no-cache').send(file.body);
      },
    );
  };
}
