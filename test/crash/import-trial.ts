/**
 * One crash trial of `liptako import` on a database (SQLite file or PostgreSQL schema): the import of
 * a synthetic ACLED file is killed (SIGKILL, no chance to clean up) at seeded random moments — once
 * while it starts, then at random points spread over the file, some inside a batch's transaction —
 * and the database is checked after every kill; a last run completes the file, and every stored
 * incident is compared, column by column, with the mapping of its CSV row.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestContext } from 'node:test';
import {
  ACLED_HEADER,
  seeded as seededRows,
  syntheticRow,
  writeSyntheticCsv,
} from '../../bench/synthetic-acled.ts';
import { mappingContextFrom } from '../../src/commands/import-events.ts';
import { mapAcledRow } from '../../src/ingest/acled-row.ts';
import { newIncidentRow } from '../../src/store/incident-row.ts';
import { loadReference } from '../../src/reference/load-reference.ts';
import { liptako, startLiptako } from '../cli/liptako-process.ts';
import { crashSettings, seeded } from './crash-settings.ts';
import { searchProblems, sqliteIntegrity, summaryProblems, type Plain } from './stored-state.ts';

/** importRows' default batch size (src/ingest/import-file.ts), which `liptako import` does not change. */
const BATCH = 5_000;
/** The synthetic file's days (bench/synthetic-acled.ts spreads its rows over them). */
const START_DAY = '2023-01-01';
const DAYS = 365;
/** writeSyntheticCsv's own seed: the file is the same for every run, only the kill moments vary. */
const FILE_SEED = 42;

export interface ImportTarget {
  readonly label: string;
  /** `--db FILE` or `--database-url URL`. */
  readonly databaseArgs: readonly string[];
  /** A plain connection to the database, or null when it does not exist yet. */
  readonly open: () => Promise<Plain | null>;
}

export interface ImportTrialFigures {
  readonly rows: number;
  readonly kills: number;
  readonly runs: number;
  readonly storedAtKills: readonly number[];
}

/**
 * Counts the stored incidents while a run writes, on one connection kept for the run (opened once the
 * database exists); 0 before the child's migration has created the table.
 */
function incidentCounter(target: ImportTarget): { count(): Promise<number>; close(): Promise<void> } {
  let db: Plain | null = null;
  return {
    async count() {
      db ??= await target.open();
      if (db === null) return 0;
      try {
        return Number((await db.all('SELECT count(*) AS n FROM incidents'))[0]?.['n']);
      } catch (error) {
        if (error instanceof Error && /no such table|does not exist/.test(error.message)) return 0;
        throw error;
      }
    },
    close: async () => db?.close(),
  };
}

/** What must hold after any crash: whole batches, each row once, from the top of the file, in step. */
async function checkAfterCrash(target: ImportTarget, rows: number, replay: string): Promise<number> {
  const db = await target.open();
  if (db === null) return 0;
  try {
    const tables = await db
      .all('SELECT count(*) AS n FROM incident_cells')
      .then(() => true)
      .catch(() => false);
    if (!tables) return 0;
    // "acled:" and a two-letter country and "S" come before the row number: it starts at character 10.
    const [stored] = await db.all(
      `SELECT count(*) AS n, count(DISTINCT source_key) AS keys,
              min(CAST(substr(source_key, 10) AS INTEGER)) AS first,
              max(CAST(substr(source_key, 10) AS INTEGER)) AS last
         FROM incidents`,
    );
    const n = Number(stored?.['n']);
    assert.equal(Number(stored?.['keys']), n, `a source key stored twice ${replay}`);
    assert.ok(n % BATCH === 0 || n === rows, `${n} incidents is not whole batches of ${BATCH} ${replay}`);
    if (n > 0) {
      assert.equal(Number(stored?.['first']), 1, `the stored rows do not start at row 1 ${replay}`);
      assert.equal(Number(stored?.['last']), n, `the stored rows are not rows 1…${n} ${replay}`);
    }
    assert.deepEqual(await summaryProblems(db), [], `summaries out of step after a kill ${replay}`);
    assert.deepEqual(await searchProblems(db, 'synthetic'), [], `search out of step after a kill ${replay}`);
    if (db.dialect === 'sqlite') assert.equal(await sqliteIntegrity(db), 'ok');
    return n;
  } finally {
    await db.close();
  }
}

/** Every stored incident against its CSV row's mapping: every column but the id and timestamps. */
async function checkEveryRow(db: Plain, rows: number, replay: string): Promise<void> {
  const context = mappingContextFrom(loadReference());
  const rand = seededRows(FILE_SEED);
  const stored = new Map<string, Record<string, unknown>>();
  for (const r of await db.all('SELECT * FROM incidents')) stored.set(String(r['source_key']), r);
  assert.equal(stored.size, rows, `${stored.size} incidents for ${rows} rows ${replay}`);
  for (let n = 0; n < rows; n++) {
    const cells = syntheticRow(n, rows, START_DAY, DAYS, rand);
    const mapped = mapAcledRow(Object.fromEntries(ACLED_HEADER.map((h, i) => [h, cells[i] ?? ''])), context);
    assert.ok(mapped.ok, `row ${n + 1} of the synthetic file does not map`);
    const expected = newIncidentRow(mapped.incident, '');
    const row = stored.get(mapped.incident.sourceKey);
    assert.ok(row !== undefined, `row ${n + 1} (${mapped.incident.sourceKey}) is not stored ${replay}`);
    for (const [column, value] of Object.entries(expected)) {
      if (column === 'created_at' || column === 'updated_at') continue;
      assert.equal(row[column], value, `${mapped.incident.sourceKey}.${column} ${replay}`);
    }
  }
}

export async function importTrial(
  t: TestContext,
  target: ImportTarget,
  csv: string,
  cwd: string,
  stream: number,
): Promise<ImportTrialFigures> {
  const { rows, importKills } = crashSettings;
  const { rand, replay } = seeded(stream);
  t.diagnostic(`${target.label}: seed ${crashSettings.seed} ${replay}; ${rows} rows, ${importKills} kills`);
  await writeSyntheticCsv(csv, rows, START_DAY, DAYS);
  const args = ['import', 'acled', csv, ...target.databaseArgs];

  // Kill 1 lands while the command starts (opening, migrating a fresh database, the first batch). The
  // others wait until a seeded number of incidents is stored, more than before the run and leaving two
  // batches to write, then a further random delay of up to 300 ms (a batch takes a few hundred ms),
  // so that some land inside a batch's transaction; when no two batches are left, the kill lands at a
  // random moment of the run's first second (starting, or re-reading the stored rows).
  const lastTrigger = rows - 2 * BATCH;
  let before = 0;
  let runs = 0;
  let kills = 0;
  let finishedEarly = 0;
  /** Kills of runs seen writing incidents: these had recorded themselves in import_runs. */
  let killsWhileWriting = 0;
  const storedAtKills: number[] = [];
  for (let kill = 1; kill <= importKills; kill++) {
    const run = startLiptako(args, { cwd });
    runs++;
    t.after(() => run.child.kill('SIGKILL'));
    // Spread over what is left: this kill's trigger lies in the next 1/(kills left) of it.
    const share = before + 1 + Math.floor((rand() * (lastTrigger - before)) / (importKills - kill + 1));
    let delay: number;
    let trigger: string;
    if (kill === 1) {
      delay = Math.floor(rand() * 2_500);
      trigger = 'its start';
    } else if (share > lastTrigger) {
      delay = Math.floor(rand() * 1_000);
      trigger = 'its start';
    } else {
      const deadline = Date.now() + 60_000;
      const counter = incidentCounter(target);
      try {
        while ((await counter.count()) < share) {
          assert.ok(
            run.child.exitCode === null,
            `run ${kill} ended before ${share} incidents: ${run.stderr()}`,
          );
          assert.ok(Date.now() < deadline, `run ${kill} did not reach ${share} incidents within a minute`);
          await sleep(20);
        }
      } finally {
        await counter.close();
      }
      delay = Math.floor(rand() * 300);
      trigger = `${share} incidents were stored`;
    }
    await sleep(delay);
    run.child.kill('SIGKILL');
    const ended = await run.exited;
    if (ended.signal !== 'SIGKILL') {
      // The run was quicker than its kill: no crash to check, and the file is complete.
      assert.equal(ended.code, 0, ended.stderr);
      t.diagnostic(
        `${target.label} run ${kill} completed the file before its kill (${delay} ms after ${trigger})`,
      );
      finishedEarly++;
      before = rows;
      break;
    }
    kills++;
    if (trigger !== 'its start') killsWhileWriting++;
    const stored = await checkAfterCrash(target, rows, replay);
    assert.ok(stored >= before, `run ${kill} lost committed batches: ${stored} < ${before} ${replay}`);
    t.diagnostic(
      `${target.label} kill ${kill}: ${delay} ms after ${trigger}, ${stored} incidents stored, whole`,
    );
    storedAtKills.push(stored);
    before = stored;
  }

  const last = await liptako(args, { cwd, timeoutMs: 60_000 + rows * 2 });
  runs++;
  assert.equal(last.code, 0, last.stderr);
  assert.equal(last.stdout, `imported ${rows - before}, updated 0, skipped ${before}, rejected 0\n`);
  assert.equal(await checkAfterCrash(target, rows, replay), rows);

  const db = await target.open();
  assert.ok(db !== null);
  try {
    await checkEveryRow(db, rows, replay);
    // The import runs: each killed one that got as far as recording itself (every one killed while it
    // wrote, some killed while starting) stays unfinished, with no counts (they are written when a run
    // ends); the last one finished with the file's whole account.
    const recorded = await db.all('SELECT * FROM import_runs ORDER BY id');
    const unfinished = recorded.filter((r) => r['finished_at'] === null);
    const finished = recorded.filter((r) => r['finished_at'] !== null);
    assert.ok(
      unfinished.length >= killsWhileWriting && unfinished.length <= kills,
      `${unfinished.length} unfinished import runs for ${kills} kills, ${killsWhileWriting} of them while writing ${replay}`,
    );
    for (const r of unfinished) assert.equal(Number(r['imported']) + Number(r['skipped']), 0);
    assert.equal(finished.length, 1 + finishedEarly);
    assert.deepEqual(
      [finished.at(-1)?.['imported'], finished.at(-1)?.['skipped'], finished.at(-1)?.['rejected']].map(
        Number,
      ),
      [rows - before, before, 0],
    );
    assert.notEqual(recorded.at(-1)?.['finished_at'], null, 'the last run is a finished one');
  } finally {
    await db.close();
  }
  return { rows, kills, runs, storedAtKills };
}
