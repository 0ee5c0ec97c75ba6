/**
 * The rest of the Charter workflow's records: Art. 5 rebellion cases, Art. 8 consultations, and the
 * membership events (accession, denunciation notice) that change who is a party from a day on. As in
 * 0003, a row holds the pure workflow's record as JSON text, a few columns to filter by and `version`,
 * the optimistic-lock counter. Membership events are append-only and numbered per treaty: two nodes
 * recording one at the same time cannot both take the next number.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { DialectSql } from '../dialect-sql.ts';

export function charterCasesMigration(dialectSql: DialectSql): Migration {
  const { idType } = dialectSql;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('rebellion_cases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        /** The incident that opened the case: the case is visible when it is. */
        .addColumn('incident_id', idType, (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('treaty_id', 'text', (c) => c.notNull())
        .addColumn('party', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('rebellion_case', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('rebellion_cases_party')
        .on('rebellion_cases')
        .columns(['treaty_id', 'party', 'closed_at'])
        .execute();
      await db.schema
        .createTable('consultations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        /** The incident that raised the concern, if any: the consultation is visible when it is. */
        .addColumn('incident_id', idType, (c) => c.references('incidents.id').onDelete('cascade'))
        .addColumn('treaty_id', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('consultation', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('membership_events')
        .addColumn('treaty_id', 'text', (c) => c.notNull())
        /** 1, 2, … per treaty, in the order they apply. */
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('party', 'text', (c) => c.notNull())
        /** The day it takes effect from (accession) or was notified (denunciation). */
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'integer', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('membership_events_pk', ['treaty_id', 'seq'])
        .execute();
    },
  };
}
