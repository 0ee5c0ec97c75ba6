/**
 * CAP alerts imported from partners (POST /api/imports/cap, `liptako import-cap`): one row per
 * sender × identifier, so that an alert sent twice is filed once and an Update or Cancel finds the
 * alert it refers to; the report each was filed as.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { DialectSql } from '../dialect-sql.ts';

export function capImportsMigration(dialectSql: DialectSql): Migration {
  const { idType } = dialectSql;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('cap_imports')
        .addColumn('sender', 'text', (c) => c.notNull())
        .addColumn('identifier', 'text', (c) => c.notNull())
        .addColumn('sent', 'text', (c) => c.notNull())
        .addColumn('msg_type', 'text', (c) => c.notNull())
        // imported, updated or cancelled.
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('report_id', idType, (c) => c.references('reports.id'))
        // The identifier of the earlier alert an Update or Cancel applied to.
        .addColumn('applies_to', 'text')
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .addColumn('imported_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('cap_imports_pk', ['sender', 'identifier'])
        .execute();
    },
  };
}
