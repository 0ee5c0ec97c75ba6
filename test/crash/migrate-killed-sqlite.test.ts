/** A first start on a fresh SQLite file killed while it migrates (see migrate-trial.ts). */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { migrateKilledTrials } from './migrate-trial.ts';

test('a start killed while it migrates a fresh SQLite file leaves a file the next start migrates', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liptako-migrate-kill-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await migrateKilledTrials(
    t,
    'SQLite',
    (name) =>
      Promise.resolve({
        location: { sqlitePath: path.join(dir, `${name}.sqlite`) },
        dispose: async () => {},
      }),
    7,
  );
});
