/**
 * Crash safety of `liptako import`: the process is killed (SIGKILL, no chance to clean up) at random
 * moments while it writes a 60,000-row file, and the SQLite file must hold whole batches only; a
 * last run completes the file without duplicates.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { ACLED_HEADER, seeded, syntheticRow } from '../../bench/synthetic-acled.ts';
import { liptako, scratchFolder, startLiptako } from './liptako-process.ts';

const ROWS = 60_000;
/** importRows' default batch size (src/ingest/import-file.ts), which `liptako import` does not change. */
const BATCH = 5_000;
const KILLS = 3;

const quote = (cell: string): string => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** Writes ROWS invented ACLED-shaped rows; row n (from 1) has event_id_cnty "<ML|BF|NE>S<n>". */
async function writeSyntheticCsv(file: string): Promise<void> {
  const rand = seeded(20_240_601);
  const lines = [ACLED_HEADER.join(',')];
  for (let n = 0; n < ROWS; n++)
    lines.push(syntheticRow(n, ROWS, '2023-01-01', 365, rand).map(quote).join(','));
  await writeFile(file, `${lines.join('\n')}\n`);
}

interface Stored {
  readonly count: number;
  readonly distinctKeys: number;
  /** Smallest and largest row number in the stored keys (acled:MLS1 → 1). */
  readonly first: number | null;
  readonly last: number | null;
}

/** What the SQLite file holds, read through a separate read-only connection (WAL lets it read alongside a writer). */
function storedIn(file: string): Stored | null {
  if (!existsSync(file)) return null;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    // "acled:" and a two-letter country and "S" come before the row number: it starts at character 10.
    const row: unknown = db
      .prepare(
        `SELECT count(*) AS count, count(DISTINCT source_key) AS distinctKeys,
                min(CAST(substr(source_key, 10) AS INTEGER)) AS first,
                max(CAST(substr(source_key, 10) AS INTEGER)) AS last
           FROM incidents`,
      )
      .get();
    // The query above returns exactly these four columns; count() is never null, min/max are on no rows.
    return row as Stored;
  } catch (error) {
    // Before the child's migration has created the table.
    if (error instanceof Error && /no such table/.test(error.message)) return null;
    throw error;
  } finally {
    db.close();
  }
}

function integrityOf(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma('quick_check', { simple: true }));
  } finally {
    db.close();
  }
}

describe('liptako import killed while it writes', () => {
  it(
    'leaves whole batches at three random moments, and a last run completes the file exactly',
    { timeout: 120_000 },
    async (t) => {
      const dir = await scratchFolder(t, 'liptako-crash-');
      const csv = path.join(dir, 'synthetic-acled.csv');
      const db = path.join(dir, 'liptako.sqlite');
      await writeSyntheticCsv(csv);

      let before = 0;
      for (let kill = 1; kill <= KILLS; kill++) {
        const run = startLiptako(['import', 'acled', csv, '--db', db], { cwd: dir });
        t.after(() => run.child.kill('SIGKILL'));
        // Let this run commit one or two batches of its own, then write on for a random part of the next
        // one (a batch takes about 150 ms here), so that the kill may land inside a transaction.
        const target = before + BATCH * (1 + Math.floor(Math.random() * 2));
        const deadline = Date.now() + 60_000;
        while ((storedIn(db)?.count ?? 0) < target) {
          assert.ok(run.child.exitCode === null, `run ${kill} ended early: ${run.stderr()}`);
          assert.ok(Date.now() < deadline, `run ${kill} did not reach ${target} incidents within a minute`);
          await sleep(10);
        }
        const delay = Math.floor(Math.random() * 100);
        await sleep(delay);
        run.child.kill('SIGKILL');
        const ended = await run.exited;
        assert.equal(ended.signal, 'SIGKILL', `run ${kill} had finished before the kill (${delay} ms)`);

        const stored = storedIn(db);
        assert.ok(stored !== null);
        t.diagnostic(`kill ${kill}: ${delay} ms after ${target} incidents, ${stored.count} stored`);
        assert.ok(stored.count >= target, `run ${kill} lost no committed batch`);
        assert.ok(stored.count % BATCH === 0 || stored.count === ROWS, `${stored.count} is whole batches`);
        assert.deepEqual(stored, {
          count: stored.count,
          distinctKeys: stored.count,
          first: 1,
          last: stored.count,
        });
        assert.equal(integrityOf(db), 'ok');
        before = stored.count;
      }

      const last = await liptako(['import', 'acled', csv, '--db', db], { cwd: dir, timeoutMs: 90_000 });
      assert.equal(last.code, 0, last.stderr);
      assert.equal(last.stdout, `imported ${ROWS - before}, updated 0, skipped ${before}, rejected 0\n`);
      assert.deepEqual(storedIn(db), { count: ROWS, distinctKeys: ROWS, first: 1, last: ROWS });
      assert.equal(integrityOf(db), 'ok');
    },
  );
});
