/**
 * The Charter workflow's records (issue 5): proposals per incident × treaty × article, decisions and
 * duty-of-assistance cases. Each row holds the pure workflow's immutable record as JSON text (both
 * dialects), a few columns to filter and sort by, and `version`, the row's optimistic-lock counter:
 * a write names the version it read and loses when another write came first.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { DialectSql } from '../dialect-sql.ts';

export function charterWorkflowMigration(dialectSql: DialectSql): Migration {
  const { idType } = dialectSql;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('charter_proposals')
        .addColumn('id', idType, (c) => dialectSql.primaryKeyId(c))
        .addColumn('incident_id', idType, (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('treaty_id', 'text', (c) => c.notNull())
        .addColumn('article', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        /** The current version's engine status: engaged, proposed, not_engaged. */
        .addColumn('status', 'text', (c) => c.notNull())
        /** The current version's review state: open, confirmed, rejected. */
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('confidence', 'double precision', (c) => c.notNull())
        .addColumn('proposal', 'text', (c) => c.notNull())
        .addColumn('review', 'text')
        .addColumn('record', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('charter_proposals_subject', ['incident_id', 'treaty_id', 'article'])
        .execute();
      await db.schema
        .createTable('charter_decisions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', idType, (c) => c.references('incidents.id').onDelete('cascade'))
        .addColumn('treaty_id', 'text', (c) => c.notNull())
        /** The subject's kind: activation, use-of-force, accession, assistance-extension. */
        .addColumn('subject', 'text', (c) => c.notNull())
        /** open, adopted, rejected. */
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('charter_decisions_outcome')
        .on('charter_decisions')
        .columns(['outcome', 'opened_at'])
        .execute();
      await db.schema
        .createIndex('charter_decisions_incident')
        .on('charter_decisions')
        .column('incident_id')
        .execute();
      await db.schema
        .createTable('assistance_cases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', idType, (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('treaty_id', 'text', (c) => c.notNull())
        .addColumn('decision_id', 'text', (c) => c.notNull().references('charter_decisions.id'))
        .addColumn('victim', 'text', (c) => c.notNull())
        .addColumn('activated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('assistance_case', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('assistance_cases_incident')
        .on('assistance_cases')
        .column('incident_id')
        .execute();
    },
  };
}
