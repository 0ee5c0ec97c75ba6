/**
 * Crash safety of `liptako import` on a fresh SQLite file (see import-trial.ts for what is checked).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { scratchFolder } from '../cli/liptako-process.ts';
import { crashTimeouts } from './crash-settings.ts';
import { importTrial } from './import-trial.ts';
import { plainSqlite } from './stored-state.ts';

describe('liptako import killed while it writes a SQLite file', () => {
  it(
    'keeps whole batches, each row once and its summaries and index in step; a last run completes it exactly',
    { timeout: crashTimeouts.import },
    async (t) => {
      const dir = await scratchFolder(t, 'liptako-crash-import-');
      const file = path.join(dir, 'liptako.sqlite');
      const figures = await importTrial(
        t,
        {
          label: 'SQLite',
          databaseArgs: ['--db', file],
          open: () => Promise.resolve(existsSync(file) ? plainSqlite(file) : null),
        },
        path.join(dir, 'synthetic-acled.csv'),
        dir,
        1,
      );
      t.diagnostic(
        `SQLite: ${figures.kills} kills over ${figures.runs} runs of ${figures.rows} rows; stored at the kills ${figures.storedAtKills.join(', ')}; nothing duplicated, partial or lost`,
      );
    },
  );
});
