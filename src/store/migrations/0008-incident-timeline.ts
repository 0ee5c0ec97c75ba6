/**
 * The situation room's timeline and triage: the weekly summary `incident_weeks` (see
 * incident-weeks.ts), filled here from the incidents already stored; `admin1_key`, the admin-1 name
 * folded as place names are (accents, case, punctuation), so that an admin-1 filter matches "Ségou"
 * and "SEGOU"; and the index of the triage queue's oldest-first order.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { foldName } from '../../domain/place.ts';
import type { DialectSql } from '../dialect-sql.ts';
import { WEEK_CHUNK, WEEK_KEY_COLUMNS, WeekDeltas, weekUpsert } from '../incident-weeks.ts';
import type { Schema } from '../schema.ts';

/** Admin-1 names per UPDATE … CASE: two parameters each, far below either dialect's limit. */
const NAMES_PER_UPDATE = 500;

export function incidentTimelineMigration(dialectSql: DialectSql): Migration {
  return {
    async up(untyped: Kysely<unknown>): Promise<void> {
      // The tables as this migration leaves them: the Schema of this version.
      const db = untyped as Kysely<Schema>;
      await db.schema
        .createTable('incident_weeks')
        .addColumn('week', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('classification', 'text', (c) => c.notNull())
        .addColumn('owner_party', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('fatalities', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('incident_weeks_pk', [...WEEK_KEY_COLUMNS])
        .$call((t) => dialectSql.tableOptions(t))
        .execute();

      // The summary of what is stored: incidents grouped by day in SQL, by week here.
      const days = await db
        .selectFrom('incidents')
        .select((eb) => [
          'event_date',
          'country',
          'event_type',
          'status',
          'classification',
          'owner_party',
          eb.fn.countAll<number>().as('count'),
          eb.fn.sum<number>('fatalities').as('fatalities'),
        ])
        .groupBy(['event_date', 'country', 'event_type', 'status', 'classification', 'owner_party'])
        .execute();
      const weeks = new WeekDeltas();
      for (const d of days) weeks.addGroup(d, Number(d.count), Number(d.fatalities));
      const rows = weeks.upserts();
      for (let i = 0; i < rows.length; i += WEEK_CHUNK)
        await weekUpsert(db, rows.slice(i, i + WEEK_CHUNK)).execute();

      await db.schema.alterTable('incidents').addColumn('admin1_key', 'text').execute();
      const names = await db
        .selectFrom('incidents')
        .select('admin1')
        .distinct()
        .where('admin1', 'is not', null)
        .execute();
      const list = names.map((n) => n.admin1).filter((n): n is string => n !== null);
      for (let i = 0; i < list.length; i += NAMES_PER_UPDATE) {
        const chunk = list.slice(i, i + NAMES_PER_UPDATE);
        await db
          .updateTable('incidents')
          .set((eb) => {
            let c = eb
              .case('admin1')
              .when(chunk[0] ?? '')
              .then(foldName(chunk[0] ?? ''));
            for (const name of chunk.slice(1)) c = c.when(name).then(foldName(name));
            return { admin1_key: c.end() };
          })
          .where('admin1', 'in', chunk)
          .execute();
      }
      // A region's incidents by date, with what a timeline or a count of them reads, so that those
      // reads (the weekly summary has no admin-1) never touch the table.
      await db.schema
        .createIndex('incidents_admin1')
        .on('incidents')
        .columns([
          'admin1_key',
          'event_date',
          'event_type',
          'sub_event_type',
          'fatalities',
          'classification',
          'owner_party',
          'country',
          'status',
        ])
        .execute();
      // The triage queue: a few statuses, oldest record first (sort=created_asc).
      await db.schema
        .createIndex('incidents_queue')
        .on('incidents')
        .columns(['status', 'created_at', 'id'])
        .execute();
    },
  };
}
