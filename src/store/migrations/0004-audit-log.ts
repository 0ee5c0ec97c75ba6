/**
 * The tamper-evident audit log (issue 7): every change the store makes appends, in the same
 * transaction, one entry per change to `audit_log`, the leaves of an RFC 6962 Merkle tree
 * (src/domain/audit). `audit_head` holds one row, the log's size: a writer takes its row lock to draw
 * the next sequence numbers, so that concurrent writers get gap-free, unique numbers, in commit order.
 * `audit_checkpoints` holds the signed tree heads. Both logs refuse UPDATE and DELETE.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { DialectSql } from '../dialect-sql.ts';

export function auditLogMigration(dialectSql: DialectSql): Migration {
  const { idType } = dialectSql;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('audit_log')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        /** The entry's canonical JSON: its UTF-8 bytes are the leaf's data. */
        .addColumn('entry', 'text', (c) => c.notNull())
        /** SHA-256(0x00 ‖ entry), hex. */
        .addColumn('leaf_hash', 'text', (c) => c.notNull())
        // Copies of the entry's fields, to filter by; verify reads the entry, never these.
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('time', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('audit_log_subject')
        .on('audit_log')
        .columns(['subject_type', 'subject_id', 'seq'])
        .execute();
      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .execute();
      await sql`INSERT INTO audit_head (id, size) VALUES (1, 0)`.execute(db);
      await db.schema
        .createTable('audit_checkpoints')
        .addColumn('id', idType, (c) => dialectSql.primaryKeyId(c))
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('root_hash', 'text', (c) => c.notNull())
        .addColumn('signed_at', 'text', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        /** The signed note, as exported. */
        .addColumn('note', 'text', (c) => c.notNull())
        .execute();
      await dialectSql.createAppendOnlyGuard(db, 'audit_log');
      await dialectSql.createAppendOnlyGuard(db, 'audit_checkpoints');
    },
  };
}
