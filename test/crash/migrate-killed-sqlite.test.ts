/**
 * A process killed (SIGKILL) while it creates a fresh SQLite database leaves a file that the next start
 * opens and finishes: the migrations are all there or none is, never a table made by a migration that
 * was not recorded (which the next run would then fail to create again).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { seeded } from './crash-settings.ts';

const OPEN_AND_MIGRATE = `
import { SqliteStore } from ${JSON.stringify(path.resolve('src/store/sqlite/sqlite-store.ts'))};
const store = new SqliteStore(process.argv[1]);
process.stdout.write('open\\n');
await store.migrate();
process.stdout.write('migrated\\n');
await store.close();
`;

/**
 * Runs the migrating child, killing it `delay` ms after it has opened the file: whether it finished
 * first, and how long its migration took when it did.
 */
function migrateKilledAfter(file: string, delay: number): Promise<{ finished: boolean; ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', OPEN_AND_MIGRATE, file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let opened = 0;
    let ms = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (opened === 0 && out.includes('open')) {
        opened = performance.now();
        setTimeout(() => child.kill('SIGKILL'), delay);
      }
      if (ms === 0 && out.includes('migrated')) ms = performance.now() - opened;
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve({ finished: out.includes('migrated'), ms });
      else reject(new Error(`the migrating child failed (${code}): ${err}`));
    });
  });
}

test('a start killed while it migrates a fresh SQLite file leaves a file the next start migrates', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liptako-migrate-kill-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { rand, replay } = seeded(7);
  // How long a whole migration takes here, so that the kills spread over it.
  const timing = await migrateKilledAfter(path.join(dir, 'timing.sqlite'), 60_000);
  assert.equal(timing.finished, true);
  const whole = Math.max(5, timing.ms);
  let killedMidway = 0;
  for (let trial = 0; trial < 12; trial++) {
    const file = path.join(dir, `trial-${trial}.sqlite`);
    const { finished } = await migrateKilledAfter(file, Math.floor(rand() * whole));
    if (!finished) killedMidway++;
    const store = new SqliteStore(file);
    try {
      await store.migrate();
      // The schema is whole: a read that spans the summaries and the audit log answers.
      assert.equal(await store.auditHeadSize(), 0, `trial ${trial} ${replay}`);
    } catch (error) {
      assert.fail(`trial ${trial}: the next start could not migrate: ${String(error)} ${replay}`);
    } finally {
      await store.close();
    }
  }
  t.diagnostic(`${killedMidway} of 12 starts killed before their migration finished ${replay}`);
  assert.ok(killedMidway > 0, `no kill landed during a migration ${replay}`);
});
