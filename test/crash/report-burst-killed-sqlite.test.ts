/**
 * Crash safety of report submission on a fresh SQLite file (see report-burst-trial.ts).
 */
import path from 'node:path';
import { describe, it } from 'node:test';
import { scratchFolder } from '../cli/liptako-process.ts';
import { crashTimeouts } from './crash-settings.ts';
import { reportBurstTrial } from './report-burst-trial.ts';
import { plainSqlite } from './stored-state.ts';

describe('liptako serve on SQLite killed during a burst of reports', () => {
  it(
    'loses no acknowledged report, stores none twice, and files every report whole after a resend',
    { timeout: crashTimeouts.reports },
    async (t) => {
      const dir = await scratchFolder(t, 'liptako-crash-reports-');
      const file = path.join(dir, 'liptako.sqlite');
      await reportBurstTrial(
        t,
        {
          label: 'SQLite',
          databaseArgs: ['--db', file],
          open: () => Promise.resolve(plainSqlite(file)),
        },
        dir,
        2,
      );
    },
  );
});
