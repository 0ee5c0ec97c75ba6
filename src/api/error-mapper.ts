/**
 * The one place where errors become HTTP responses: `{ error, message }` with a stable id.
 * Validation errors name the field; unknown errors are a plain 500 that leaks nothing.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { InvalidCursorError } from '../store/invalid-cursor-error.ts';
import { CharterRefusal, charterStatus } from './charter-refusal.ts';
import { HttpError } from './http-error.ts';

interface AjvIssue {
  readonly instancePath?: string;
  readonly keyword?: string;
  readonly message?: string;
  readonly params?: Record<string, unknown>;
}

function describeValidation(context: string | undefined, issue: AjvIssue): string {
  const where = (context ?? 'request') === 'querystring' ? 'query' : (context ?? 'request');
  const field = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const extra = issue.params?.['additionalProperty'];
  if (issue.keyword === 'additionalProperties' && typeof extra === 'string')
    return `${where}${field ? '.' + field : ''}: unknown field "${extra}"`;
  const missing = issue.params?.['missingProperty'];
  if (issue.keyword === 'required' && typeof missing === 'string') return `${where}.${missing}: is required`;
  return `${where}${field ? '.' + field : ''}: ${issue.message ?? 'is invalid'}`;
}

export function installErrorMapper(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply
      .code(404)
      .send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` });
  });
  app.setErrorHandler((err: FastifyError | HttpError | Error, request, reply) => {
    if (err instanceof HttpError) {
      return reply.code(err.status).send({ error: err.code, message: err.message });
    }
    if (err instanceof CharterRefusal)
      return reply
        .code(charterStatus(err.code))
        .send({ error: err.code.replaceAll('-', '_'), message: err.message });
    if (err instanceof InvalidCursorError)
      return reply.code(400).send({ error: 'invalid_request', message: `cursor: ${err.message}` });
    const fe = err as FastifyError;
    if (fe.validation !== undefined) {
      const first = fe.validation[0] as AjvIssue | undefined;
      return reply.code(400).send({
        error: 'invalid_request',
        message: first ? describeValidation(fe.validationContext, first) : fe.message,
      });
    }
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply
        .code(413)
        .send({ error: 'body_too_large', message: 'request body is larger than the limit' });
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return reply.code(415).send({ error: 'unsupported_media_type', message: 'send application/json' });
    if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY')
      return reply.code(400).send({ error: 'invalid_request', message: 'body: is not valid JSON' });
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.code(fe.statusCode).send({ error: 'invalid_request', message: fe.message });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });
}
