/**
 * Alerts (issue 6): the outbox of alert events (`alert_events`, ordered by `seq`, written in the
 * transaction of the change each announces), users' subscriptions with their optional webhook, the
 * webhook deliveries (one row per event × subscription, claimed by a worker), and the cursors of the
 * workers that read the outbox (how far the webhook matcher has read).
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { DialectSql } from '../dialect-sql.ts';

export function alertsMigration(dialectSql: DialectSql): Migration {
  const { idType } = dialectSql;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('alert_events')
        .addColumn('seq', idType, (c) => dialectSql.primaryKeyId(c))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('incident_id', idType)
        .addColumn('classification', 'text', (c) => c.notNull())
        .addColumn('owner_party', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('alert_events_incident').on('alert_events').column('incident_id').execute();

      await db.schema
        .createTable('alert_subscriptions')
        .addColumn('id', idType, (c) => dialectSql.primaryKeyId(c))
        .addColumn('user_id', idType, (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('filter', 'text', (c) => c.notNull())
        .addColumn('webhook_url', 'text')
        // The HMAC key: kept as is, since signing needs it (see docs/SECURITY.md).
        .addColumn('webhook_secret', 'text')
        .addColumn('webhook_active', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('alert_subscriptions_user')
        .on('alert_subscriptions')
        .column('user_id')
        .execute();

      await db.schema
        .createTable('alert_deliveries')
        .addColumn('id', idType, (c) => dialectSql.primaryKeyId(c))
        .addColumn('event_seq', idType, (c) => c.notNull().references('alert_events.seq'))
        .addColumn('subscription_id', idType, (c) =>
          c.notNull().references('alert_subscriptions.id').onDelete('cascade'),
        )
        .addColumn('url', 'text', (c) => c.notNull())
        // pending, delivered, failed
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        // A worker's lease: another worker takes the row only once it has passed.
        .addColumn('claimed_until', 'text')
        .addColumn('last_status', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addUniqueConstraint('alert_deliveries_once', ['event_seq', 'subscription_id'])
        .execute();
      await db.schema
        .createIndex('alert_deliveries_due')
        .on('alert_deliveries')
        .columns(['status', 'next_attempt_at'])
        .execute();
      await db.schema
        .createIndex('alert_deliveries_subscription')
        .on('alert_deliveries')
        .columns(['subscription_id', 'id'])
        .execute();

      await db.schema
        .createTable('alert_cursors')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('seq', idType, (c) => c.notNull())
        .execute();
    },
  };
}
