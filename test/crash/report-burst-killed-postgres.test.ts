/**
 * Crash safety of report submission on PostgreSQL (see report-burst-trial.ts): the server on a fresh
 * schema of the test database, named to it in the URL (libpq's `options`).
 */
import { describe, it } from 'node:test';
import { scratchFolder } from '../cli/liptako-process.ts';
import { openPostgresTestStore, testDatabaseUrl } from '../support/databases.ts';
import { crashTimeouts } from './crash-settings.ts';
import { reportBurstTrial } from './report-burst-trial.ts';
import { plainPostgres } from './stored-state.ts';

describe('liptako serve on PostgreSQL killed during a burst of reports', () => {
  it(
    'loses no acknowledged report, stores none twice, and files every report whole after a resend',
    { timeout: crashTimeouts.reports },
    async (t) => {
      const pg = await openPostgresTestStore();
      t.after(() => pg.dispose());
      const url = new URL(testDatabaseUrl);
      url.searchParams.set('options', `-c search_path=${pg.location}`);
      const dir = await scratchFolder(t, 'liptako-crash-reports-pg-');
      await reportBurstTrial(
        t,
        {
          label: 'PostgreSQL',
          databaseArgs: ['--database-url', url.href],
          open: () => plainPostgres(testDatabaseUrl, pg.location),
        },
        dir,
        4,
      );
    },
  );
});
