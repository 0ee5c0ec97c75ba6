/**
 * Identity (issue 7): users' password hashes, API tokens with a scope, a label and an expiry, sign-in
 * sessions (only the SHA-256 of their secret id is stored), and the failed sign-in counters that lock
 * a user name or an address out, kept in the database so that several API nodes agree.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { DialectSql } from '../dialect-sql.ts';

export function identityMigration(dialectSql: DialectSql): Migration {
  const { idType } = dialectSql;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // One column per statement: SQLite's ALTER TABLE adds one at a time.
      await db.schema.alterTable('users').addColumn('password_hash', 'text').execute();
      await db.schema.alterTable('users').addColumn('password_changed_at', 'text').execute();
      // Tokens issued before scopes existed could do everything their user could: they stay `write`.
      await db.schema
        .alterTable('api_tokens')
        .addColumn('scope', 'text', (c) => c.notNull().defaultTo('write'))
        .execute();
      await db.schema.alterTable('api_tokens').addColumn('label', 'text').execute();
      await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute();
      await db.schema.createIndex('api_tokens_prefix').on('api_tokens').column('prefix').execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', idType, (c) => dialectSql.primaryKeyId(c))
        .addColumn('id_hash', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', idType, (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('token_id', idType, (c) => c.references('api_tokens.id').onDelete('cascade'))
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('absolute_expires_at', 'text', (c) => c.notNull())
        .addColumn('user_agent', 'text')
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await db.schema.createIndex('sessions_token').on('sessions').column('token_id').execute();
      await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();

      await db.schema
        .createTable('sign_in_failures')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('last_failure_at', 'text', (c) => c.notNull())
        .addColumn('locked_until', 'text')
        .execute();
    },
  };
}
