/**
 * /api/audit: the tamper-evident audit log. Admins and analysts read its entries (they see every
 * classification, and entries hold the records' values) and their inclusion proofs; anyone signed in
 * reads the latest signed checkpoint, to keep and to compare with what others were given.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { latestCheckpoint, proveEntry } from '../../../commands/audit-log.ts';
import { parseEntry } from '../../../domain/audit/audit-entry.ts';
import type { Store, StoredAuditEntry } from '../../../store/store.ts';
import { READ, roles } from '../../access.ts';
import { HttpError, notFound } from '../../http-error.ts';
import { ErrorSchema } from '../incidents/incident-schemas.ts';
import { AuditPageSchema, AuditQuery, CheckpointSchema, ProofSchema, SeqParams } from './audit-schemas.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

function presentEntry(row: StoredAuditEntry) {
  const parsed = parseEntry(row.entry);
  // The API shows what is stored; a row that no longer parses is for `liptako audit verify` to name.
  if (!parsed.ok)
    throw new HttpError(
      500,
      'audit_log_damaged',
      `audit entry ${row.seq} ${parsed.problem}: run liptako audit verify`,
    );
  const e = parsed.entry;
  return {
    seq: row.seq,
    time: e.time,
    actor: { name: e.actor.name, user_id: e.actor.userId, role: e.actor.role, party: e.actor.party },
    action: e.action,
    subject: e.subject,
    before: e.before,
    after: e.after,
    leaf_hash: row.leafHash,
  };
}

export function auditRoutes(deps: { store: Store }): FastifyPluginAsyncTypebox {
  const { store } = deps;
  return async (app) => {
    app.get(
      '/api/audit',
      {
        config: { access: roles('admin', 'analyst') },
        schema: {
          tags: ['audit'],
          summary: 'Audit log entries, newest first: who changed what, when, before and after',
          querystring: AuditQuery,
          response: { 200: AuditPageSchema, ...errors },
        },
      },
      async (request) => {
        const q = request.query;
        const page = await store.listAuditEntries({
          limit: q.limit ?? 100,
          ...(q.subject_type === undefined ? {} : { subjectType: q.subject_type }),
          ...(q.subject_id === undefined ? {} : { subjectId: q.subject_id }),
          ...(q.before === undefined ? {} : { before: q.before }),
        });
        return { items: page.items.map(presentEntry), next_before: page.nextBefore };
      },
    );

    app.get(
      '/api/audit/checkpoint',
      {
        config: { access: READ },
        schema: {
          tags: ['audit'],
          summary: 'The latest signed checkpoint of the audit log (C2SP signed note)',
          response: { 200: CheckpointSchema, ...errors },
        },
      },
      async () => {
        const c = await latestCheckpoint(store);
        if (c === null) throw notFound('a signed checkpoint');
        return { size: c.size, root_hash: c.rootHash, signed_at: c.signedAt, key_id: c.keyId, note: c.note };
      },
    );

    app.get(
      '/api/audit/proof/:seq',
      {
        config: { access: roles('admin', 'analyst') },
        schema: {
          tags: ['audit'],
          summary: 'The inclusion proof of one entry in the latest checkpoint that covers it',
          params: SeqParams,
          response: { 200: ProofSchema, ...errors, 409: ErrorSchema },
        },
      },
      async (request) => {
        const result = await proveEntry(store, request.params.seq);
        if (result.ok) return { ...result.proof, audit_path: [...result.proof.audit_path] };
        if (result.error === 'not_found') throw notFound(`audit entry ${request.params.seq}`);
        throw new HttpError(409, result.error, result.message);
      },
    );
  };
}
