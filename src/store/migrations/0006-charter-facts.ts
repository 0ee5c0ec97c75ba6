/**
 * The facts an analyst adds to an incident for the Charter rules (domain CharterFacts): what was hit,
 * from where it was launched, territory seized, and each actor's designation and state. Nullable
 * columns, null meaning unknown; imports never write them, so a re-import keeps what analysts added.
 *
 * And `charter_evaluations`: which revision of an incident the engine last read, against which
 * treaty versions, so that verified incidents no evaluation has seen yet (an import, a crash between
 * an edit and its evaluation) are found and evaluated by the Charter tick.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { DialectSql } from '../dialect-sql.ts';

const TEXT_FACTS = ['target', 'launched_from', 'actor1_type', 'actor2_type', 'actor1_state', 'actor2_state'];

export function charterFactsMigration(dialectSql: DialectSql): Migration {
  const { idType } = dialectSql;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // One column per statement: SQLite's ALTER TABLE adds one at a time.
      for (const column of TEXT_FACTS)
        await db.schema.alterTable('incidents').addColumn(column, 'text').execute();
      /** 0 or 1, null when unknown. */
      await db.schema.alterTable('incidents').addColumn('territory_seized', 'integer').execute();
      await db.schema
        .createTable('charter_evaluations')
        .addColumn('incident_id', idType, (c) =>
          c.primaryKey().references('incidents.id').onDelete('cascade'),
        )
        .addColumn('incident_revision', 'integer', (c) => c.notNull())
        /** "treaty@version,…" of the treaties read, membership events included. */
        .addColumn('treaties', 'text', (c) => c.notNull())
        .addColumn('evaluated_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
