/**
 * Crash safety of `liptako import` into PostgreSQL (see import-trial.ts for what is checked): a fresh
 * schema of the test database, migrated, then named to the CLI in the URL (libpq's `options`).
 */
import path from 'node:path';
import { describe, it } from 'node:test';
import { openPostgresTestStore, testDatabaseUrl } from '../support/databases.ts';
import { scratchFolder } from '../cli/liptako-process.ts';
import { crashTimeouts } from './crash-settings.ts';
import { importTrial } from './import-trial.ts';
import { plainPostgres } from './stored-state.ts';

describe('liptako import killed while it writes to PostgreSQL', () => {
  it(
    'keeps whole batches, each row once and its summaries and index in step; a last run completes it exactly',
    { timeout: crashTimeouts.import },
    async (t) => {
      const pg = await openPostgresTestStore();
      t.after(() => pg.dispose());
      const url = new URL(testDatabaseUrl);
      url.searchParams.set('options', `-c search_path=${pg.location}`);
      const dir = await scratchFolder(t, 'liptako-crash-import-pg-');
      const figures = await importTrial(
        t,
        {
          label: 'PostgreSQL',
          databaseArgs: ['--database-url', url.href],
          open: () => plainPostgres(testDatabaseUrl, pg.location),
        },
        path.join(dir, 'synthetic-acled.csv'),
        dir,
        3,
      );
      t.diagnostic(
        `PostgreSQL: ${figures.kills} kills over ${figures.runs} runs of ${figures.rows} rows; stored at the kills ${figures.storedAtKills.join(', ')}; nothing duplicated, partial or lost`,
      );
    },
  );
});
