/**
 * The mutual-assistance ledger: requests, the pledges made against them, the dispatches of each pledge
 * and the receipts of each dispatch. One row per record, so that boards and scorecards filter and
 * count in SQL. Every write of a request's ledger bumps the request's `version` (the optimistic lock):
 * two concurrent pledges checked against the same ledger cannot both be stored.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { DialectSql } from '../dialect-sql.ts';

export function assistanceMigration(dialectSql: DialectSql): Migration {
  const { idType } = dialectSql;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('assistance_requests')
        .addColumn('id', idType, (c) => dialectSql.primaryKeyId(c))
        .addColumn('party', 'text', (c) => c.notNull())
        /** The duty-of-assistance case it answers; null for a standalone request. */
        .addColumn('case_id', 'text', (c) => c.references('assistance_cases.id').onDelete('set null'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('quantity', 'double precision', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('needed_by', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('classification', 'text', (c) => c.notNull())
        .addColumn('owner_party', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('cancelled_at', 'text')
        .addColumn('cancelled_by', 'integer')
        .addColumn('cancel_reason', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('assistance_requests_case')
        .on('assistance_requests')
        .column('case_id')
        .execute();
      await db.schema
        .createIndex('assistance_requests_party')
        .on('assistance_requests')
        .columns(['party', 'created_at'])
        .execute();
      await db.schema
        .createTable('assistance_pledges')
        .addColumn('id', idType, (c) => dialectSql.primaryKeyId(c))
        .addColumn('request_id', idType, (c) =>
          c.notNull().references('assistance_requests.id').onDelete('cascade'),
        )
        .addColumn('party', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('quantity', 'double precision', (c) => c.notNull())
        .addColumn('rate', 'double precision', (c) => c.notNull())
        .addColumn('rate_date', 'text')
        .addColumn('counted', 'double precision', (c) => c.notNull())
        .addColumn('available_from', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('pledged_at', 'text', (c) => c.notNull())
        .addColumn('pledged_by', 'integer', (c) => c.notNull())
        /** What the pledging party took back of what it had not sent, and when, by whom, why. */
        .addColumn('withdrawn_quantity', 'double precision')
        .addColumn('withdrawn_at', 'text')
        .addColumn('withdrawn_by', 'integer')
        .addColumn('withdraw_reason', 'text')
        .execute();
      await db.schema
        .createIndex('assistance_pledges_request')
        .on('assistance_pledges')
        .column('request_id')
        .execute();
      await db.schema
        .createIndex('assistance_pledges_party')
        .on('assistance_pledges')
        .columns(['party', 'pledged_at'])
        .execute();
      await db.schema
        .createTable('assistance_dispatches')
        .addColumn('id', idType, (c) => dialectSql.primaryKeyId(c))
        .addColumn('request_id', idType, (c) =>
          c.notNull().references('assistance_requests.id').onDelete('cascade'),
        )
        .addColumn('pledge_id', idType, (c) =>
          c.notNull().references('assistance_pledges.id').onDelete('cascade'),
        )
        .addColumn('quantity', 'double precision', (c) => c.notNull())
        .addColumn('counted', 'double precision', (c) => c.notNull())
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .addColumn('sent_by', 'integer', (c) => c.notNull())
        .addColumn('expected_by', 'text')
        .addColumn('reference', 'text')
        .execute();
      await db.schema
        .createIndex('assistance_dispatches_request')
        .on('assistance_dispatches')
        .column('request_id')
        .execute();
      await db.schema
        .createTable('assistance_receipts')
        .addColumn('id', idType, (c) => dialectSql.primaryKeyId(c))
        .addColumn('request_id', idType, (c) =>
          c.notNull().references('assistance_requests.id').onDelete('cascade'),
        )
        .addColumn('dispatch_id', idType, (c) =>
          c.notNull().references('assistance_dispatches.id').onDelete('cascade'),
        )
        .addColumn('quantity', 'double precision', (c) => c.notNull())
        .addColumn('counted', 'double precision', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('received_by', 'integer', (c) => c.notNull())
        .addColumn('note', 'text')
        .execute();
      await db.schema
        .createIndex('assistance_receipts_request')
        .on('assistance_receipts')
        .column('request_id')
        .execute();
    },
  };
}
