/**
 * Merging duplicate incidents: an incident merged into another keeps a pointer to the one that
 * absorbed its sources (`merged_into`), so that a link to it can be followed and it is never merged or
 * verified again.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { DialectSql } from '../dialect-sql.ts';

export function incidentMergeMigration(dialectSql: DialectSql): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('incidents')
        .addColumn('merged_into', dialectSql.idType, (c) => c.references('incidents.id').onDelete('set null'))
        .execute();
    },
  };
}
