/**
 * Early warning: the `surges` table (one row per surge of violence in an admin unit, open or closed,
 * its record as JSON text with the columns its reads filter by, and `version`, the optimistic-lock
 * counter; at most one open surge per unit), and the index the detection reads incidents by: every
 * column of its daily count per admin-1 unit, date first, so that a year of counts is one range of
 * one index and never touches the table (see surge-records.ts, surgeDailyCounts).
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { DialectSql } from '../dialect-sql.ts';

export function surgesMigration(dialectSql: DialectSql): Migration {
  const { idType } = dialectSql;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('surges')
        .addColumn('id', idType, (c) => dialectSql.primaryKeyId(c))
        .addColumn('country', 'text', (c) => c.notNull())
        /** The admin-1 name folded as place names are (domain foldName). */
        .addColumn('admin1_key', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('opened_on', 'text', (c) => c.notNull())
        .addColumn('changed_on', 'text', (c) => c.notNull())
        .addColumn('closed_on', 'text')
        .addColumn('fatalities_30d', 'integer', (c) => c.notNull())
        .addColumn('classification', 'text', (c) => c.notNull())
        /** NATIONAL of one party: that party; '' otherwise (as incident_cells writes it). */
        .addColumn('owner_party', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('surge', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('surges_open_unit')
        .unique()
        .on('surges')
        .columns(['country', 'admin1_key'])
        .where(sql.ref('state'), '=', sql.lit('open'))
        .execute();
      await db.schema.createIndex('surges_opened').on('surges').columns(['opened_on', 'id']).execute();
      await db.schema
        .createIndex('incidents_surge')
        .on('incidents')
        .columns(['event_date', 'status', 'country', 'admin1', 'classification', 'owner_party', 'fatalities'])
        .execute();
    },
  };
}
