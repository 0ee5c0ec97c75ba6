/**
 * The first schema: incidents and their revisions, reports, users and tokens, import runs.
 * Written once for both dialects; what differs comes from the DialectSql.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { DialectSql } from '../dialect-sql.ts';
import { CELL_KEY_COLUMNS, levelSize, MAX_CELL_LEVEL } from '../incident-cells.ts';

export function initialMigration(dialectSql: DialectSql): Migration {
  const { idType } = dialectSql;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('incidents')
        .addColumn('id', idType, (c) => dialectSql.primaryKeyId(c))
        .addColumn('source_key', 'text', (c) => c.notNull().unique())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('event_id_cnty', 'text')
        .addColumn('event_date', 'text', (c) => c.notNull())
        .addColumn('time_precision', 'integer', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('sub_event_type', 'text', (c) => c.notNull())
        .addColumn('actor1', 'text', (c) => c.notNull())
        .addColumn('assoc_actor_1', 'text')
        .addColumn('inter1', 'integer')
        .addColumn('actor2', 'text')
        .addColumn('assoc_actor_2', 'text')
        .addColumn('inter2', 'integer')
        .addColumn('interaction', 'integer')
        .addColumn('civilian_targeting', 'integer', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('admin1', 'text')
        .addColumn('admin2', 'text')
        .addColumn('admin3', 'text')
        .addColumn('location', 'text')
        .addColumn('latitude', 'double precision')
        .addColumn('longitude', 'double precision')
        .addColumn('geo_precision', 'integer')
        .addColumn('fatalities', 'integer', (c) => c.notNull())
        .addColumn('fatalities_low', 'integer')
        .addColumn('fatalities_high', 'integer')
        .addColumn('source', 'text')
        .addColumn('source_scale', 'text')
        .addColumn('notes', 'text')
        .addColumn('tags', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('classification', 'text', (c) => c.notNull())
        .addColumn('owner_party', 'text')
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      // Map and aggregate reads filter on a time window, a bounding box and the visibility, country,
      // status and type filters, and read position, type, fatalities and id: this index holds all of
      // them, so those reads never touch the table (the id is the rowid in SQLite, and INCLUDEd in PG).
      await db.schema
        .createIndex('incidents_map')
        .on('incidents')
        .columns([
          'event_date',
          'latitude',
          'longitude',
          'event_type',
          'fatalities',
          'classification',
          'owner_party',
          'country',
          'status',
        ])
        .$call((b) => (dialectSql.dialect === 'postgres' ? b.using('btree').column('id') : b))
        .execute();
      // Small boxes (a village over years) and the edges of a map read: rows of latitude at grid level 8
      // (0.35°), then longitude, so that `row IN (…) AND longitude BETWEEN …` reads only the box.
      await db.schema
        .createIndex('incidents_cell')
        .on('incidents')
        .column(sql`(${dialectSql.gridCell(sql.ref('latitude'), 90, levelSize(MAX_CELL_LEVEL))})`)
        .columns([
          'longitude',
          'latitude',
          'event_date',
          'event_type',
          'fatalities',
          'classification',
          'owner_party',
          'country',
          'status',
        ])
        .$call((b) => (dialectSql.dialect === 'postgres' ? b.column('id') : b))
        .execute();

      await db.schema
        .createTable('incident_cells')
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('cy', 'integer', (c) => c.notNull())
        .addColumn('cx', 'integer', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('classification', 'text', (c) => c.notNull())
        .addColumn('owner_party', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('fatalities', 'bigint', (c) => c.notNull())
        .addColumn('sum_lat', 'double precision', (c) => c.notNull())
        .addColumn('sum_lon', 'double precision', (c) => c.notNull())
        .addColumn('sum_id', 'bigint', (c) => c.notNull())
        .addColumn('min_lat', 'double precision', (c) => c.notNull())
        .addColumn('max_lat', 'double precision', (c) => c.notNull())
        .addColumn('min_lon', 'double precision', (c) => c.notNull())
        .addColumn('max_lon', 'double precision', (c) => c.notNull())
        .addPrimaryKeyConstraint('incident_cells_pk', [...CELL_KEY_COLUMNS])
        .$call((t) => dialectSql.tableOptions(t))
        .execute();

      // Lists go newest first by (event_date, id).
      await db.schema.createIndex('incidents_list').on('incidents').columns(['event_date', 'id']).execute();
      // The review queue: a few statuses, newest first.
      await db.schema
        .createIndex('incidents_status')
        .on('incidents')
        .columns(['status', 'event_date', 'id'])
        .execute();

      await db.schema
        .createTable('incident_revisions')
        .addColumn('incident_id', idType, (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .addColumn('changed_by', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('changes', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('incident_revisions_pk', ['incident_id', 'revision'])
        .execute();

      await db.schema
        .createTable('reports')
        .addColumn('id', idType, (c) => dialectSql.primaryKeyId(c))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('language', 'text')
        .addColumn('title', 'text')
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('published', 'text')
        .addColumn('place_text', 'text')
        .addColumn('latitude', 'double precision')
        .addColumn('longitude', 'double precision')
        .addColumn('classification', 'text', (c) => c.notNull())
        .addColumn('owner_party', 'text')
        .addColumn('client_ref', 'text')
        .addColumn('submitted_by', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('reports_client_ref')
        .on('reports')
        .columns(['submitted_by', 'client_ref'])
        .unique()
        .where(sql.ref('client_ref'), 'is not', null)
        .execute();
      await db.schema.createIndex('reports_received').on('reports').columns(['received_at', 'id']).execute();

      await db.schema
        .createTable('users')
        .addColumn('id', idType, (c) => dialectSql.primaryKeyId(c))
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('party', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', idType, (c) => dialectSql.primaryKeyId(c))
        .addColumn('user_id', idType, (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('last_used_at', 'text')
        .execute();
      await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();

      await db.schema
        .createTable('import_runs')
        .addColumn('id', idType, (c) => dialectSql.primaryKeyId(c))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('file', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();

      await dialectSql.createSearch(db);
    },
  };
}
