/**
 * Refuses text holding the NUL character (U+0000) anywhere in a request's path parameters, query or
 * JSON body, before validation. PostgreSQL cannot store it in text (the query fails: a 500) and
 * SQLite's C strings end at it (a filter "x\0y" would quietly search for "x"): neither store may see it.
 */
import type { FastifyInstance } from 'fastify';
import { badRequest } from './http-error.ts';

/** The path of the first string (or key) holding U+0000, or null. */
function findNul(value: unknown, where: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? where : null;
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findNul(item, `${where}[${i}]`, depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return where;
    const found = findNul(item, `${where}.${key}`, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

export function installNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const found =
      findNul(request.params, 'params') ?? findNul(request.query, 'query') ?? findNul(request.body, 'body');
    if (found !== null) throw badRequest(found, 'must not contain the NUL character (U+0000)');
  });
}
