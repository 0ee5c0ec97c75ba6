/**
 * Reports linked to the incidents they describe (extraction and fusion of reports, issue 4): one row
 * per event extracted from a report, with its confidence, evidence spans and the event as the report
 * codes it (JSON text in both dialects).
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { DialectSql } from '../dialect-sql.ts';

export function reportIncidentsMigration(dialectSql: DialectSql): Migration {
  const { idType } = dialectSql;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('report_incidents')
        .addColumn('report_id', idType, (c) => c.notNull().references('reports.id').onDelete('cascade'))
        .addColumn('event_index', 'integer', (c) => c.notNull())
        .addColumn('incident_id', idType, (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('confidence', 'double precision', (c) => c.notNull())
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('needs_review', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        // One extracted event goes to one incident: the key also makes a re-run of an ingest idempotent.
        .addPrimaryKeyConstraint('report_incidents_pk', ['report_id', 'event_index'])
        .execute();
      // An incident's sources.
      await db.schema
        .createIndex('report_incidents_incident')
        .on('report_incidents')
        .columns(['incident_id', 'report_id'])
        .execute();
    },
  };
}
