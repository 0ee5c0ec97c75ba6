/**
 * A first start on a fresh PostgreSQL schema killed while it migrates (see migrate-trial.ts): the
 * server rolls back the killed client's transaction, and the next start finds the schema as it was.
 */
import { test } from 'node:test';
import { openPostgresTestStore, testDatabaseUrl } from '../support/databases.ts';
import { migrateKilledTrials } from './migrate-trial.ts';

test('a start killed while it migrates a fresh PostgreSQL schema leaves a schema the next start migrates', async (t) => {
  await migrateKilledTrials(
    t,
    'PostgreSQL',
    async () => {
      // A schema name of its own, dropped by dispose; its store is never migrated (the schema is made by
      // the killed start, or the next one).
      const reserved = await openPostgresTestStore({ migrate: false });
      return {
        location: { databaseUrl: testDatabaseUrl, schema: reserved.location },
        dispose: () => reserved.dispose(),
      };
    },
    8,
  );
});
