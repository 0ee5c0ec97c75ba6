/**
 * The `liptako` command as users run it: bin/liptako.js in a child process in its own temporary folder,
 * each test that touches a database once on its own SQLite file (--db) and once on a new PostgreSQL
 * schema (--database-url).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { hashToken } from '../../src/commands/token-hash.ts';
import type { Visibility } from '../../src/domain/classification.ts';
import { commandStoreKinds } from '../support/databases.ts';
import {
  commandWorkspace,
  freePort,
  liptako,
  scratchFolder,
  startLiptako,
  stopLiptako,
} from './liptako-process.ts';

const SEE_ALL: Visibility = { classifications: ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL'], nationalOf: null };
const TOKEN = /^lpk_[A-Za-z0-9_-]{43}$/;
const STACK_FRAME = /^\s+at /m;

/** Copies a fixture into `dir`, so that the rejects file is written there and not into the repo. */
async function copyFixture(dir: string, name: string): Promise<string> {
  const copy = path.join(dir, name);
  await copyFile(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), copy);
  return copy;
}

/** A folder for the test and a SQLite file path, for the tests that stop before any database is opened. */
async function workspace(t: TestContext): Promise<{ dir: string; db: string }> {
  const dir = await scratchFolder(t);
  return { dir, db: path.join(dir, 'liptako.sqlite') };
}

/** The `origin` of each item of an /api/incidents page. */
function originsOf(page: unknown): unknown[] {
  if (typeof page !== 'object' || page === null || !('items' in page) || !Array.isArray(page.items))
    throw new Error(`not a page of incidents: ${JSON.stringify(page)}`);
  return page.items.map((item: unknown) =>
    typeof item === 'object' && item !== null && 'origin' in item ? item.origin : undefined,
  );
}

/** The machine's own Node.js, which cannot run Liptako by itself when it is older than 22. */
const OLD_NODE = '/usr/bin/node';
/** Why the launcher tests cannot run here, or false. */
const oldNodeSkip = ((): string | false => {
  if (!existsSync(OLD_NODE)) return `${OLD_NODE} is absent`;
  const version = execFileSync(OLD_NODE, ['--version'], { encoding: 'utf8' }).trim();
  const major = Number(/^v(\d+)\./.exec(version)?.[1]);
  return major >= 22 ? `${OLD_NODE} is ${version}: it runs Liptako without the launcher's re-run` : false;
})();

describe('liptako usage', () => {
  it('prints the usage with every command for --help and exits 0', async (t) => {
    const { dir } = await workspace(t);
    const result = await liptako(['--help'], { cwd: dir });
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Usage: liptako <command> \[options\]/);
    for (const command of ['start', 'serve', 'import', 'users', 'demo'])
      assert.match(result.stdout, new RegExp(`^  ${command} `, 'm'));
    assert.equal(result.stderr, '');
  });

  it('refuses an unknown command with exit code 2 and the usage on stderr', async (t) => {
    const { dir } = await workspace(t);
    const result = await liptako(['frobnicate'], { cwd: dir });
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^liptako: unknown command "frobnicate"\n\nUsage: liptako <command>/);
    assert.deepEqual(await readdir(dir), [], 'no database is created');
  });

  it('lists every configuration problem at once and exits 2 without creating a database', async (t) => {
    const { dir, db } = await workspace(t);
    const result = await liptako(['serve', '--db', db, '--database-url', 'postgres://127.0.0.1/test'], {
      cwd: dir,
      env: { PORT: 'abc', LIPTAKO_LOG_LEVEL: 'loud' },
    });
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr,
      [
        'liptako serve: configuration problems:',
        '  - choose one database: --db/LIPTAKO_DB (SQLite) or --database-url/DATABASE_URL (PostgreSQL), not both',
        '  - port must be 0–65535 (got "abc")',
        '  - LIPTAKO_LOG_LEVEL must be one of fatal, error, warn, info, debug, silent',
        '',
      ].join('\n'),
    );
    assert.deepEqual(await readdir(dir), []);
  });

  it('refuses an import given both --db and --database-url with exit code 2', async (t) => {
    const { dir, db } = await workspace(t);
    const file = await copyFixture(dir, 'acled-31-columns.csv');
    const result = await liptako(
      ['import', 'acled', file, '--db', db, '--database-url', 'postgres://127.0.0.1/test'],
      { cwd: dir },
    );
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^liptako import: configuration problems:\n {2}- choose one database/);
    assert.doesNotMatch(result.stderr, STACK_FRAME);
    assert.deepEqual(await readdir(dir), ['acled-31-columns.csv']);
  });
});

for (const kind of commandStoreKinds)
  describe(`liptako users (${kind.dialect})`, () => {
    it('creates a user and prints only its token on stdout, a token the store resolves to that user', async (t) => {
      const { dir, db } = await commandWorkspace(t, kind);
      const result = await liptako(['users', 'create', '--name', 'ana', '--role', 'analyst', ...db.args], {
        cwd: dir,
      });
      assert.equal(result.code, 0, result.stderr);
      const token = result.stdout.trim();
      assert.match(token, TOKEN);
      assert.equal(result.stdout, `${token}\n`);
      assert.match(result.stderr, /created analyst "ana"; API token \(shown once\)/);

      const user = await db.use((store) => store.findUserByTokenHash(hashToken(token)));
      assert.deepEqual([user?.name, user?.role, user?.party], ['ana', 'analyst', null]);
    });

    it('refuses an unknown role with exit code 2, naming the field, and creates no user', async (t) => {
      const { dir, db } = await commandWorkspace(t, kind);
      const result = await liptako(['users', 'create', '--name', 'bob', '--role', 'boss', ...db.args], {
        cwd: dir,
      });
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.match(
        result.stderr,
        /^ {2}- role: must be one of admin, analyst, liaison, decision-maker, observer$/m,
      );
      assert.equal(await db.use((store) => store.countUsers()), 0);
    });

    it('refuses a liaison without --party with exit code 2, naming the field', async (t) => {
      const { dir, db } = await commandWorkspace(t, kind);
      const result = await liptako(['users', 'create', '--name', 'lia', '--role', 'liaison', ...db.args], {
        cwd: dir,
      });
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^ {2}- party: a liaison acts for one party; give --party MLI\|BFA\|NER$/m);
      assert.equal(await db.use((store) => store.countUsers()), 0);
    });

    it('refuses users create without --name with exit code 2', async (t) => {
      const { dir, db } = await commandWorkspace(t, kind);
      const result = await liptako(['users', 'create', '--role', 'analyst', ...db.args], { cwd: dir });
      assert.equal(result.code, 2);
      assert.match(result.stderr, /^liptako users: --name is required/);
    });
  });

for (const kind of commandStoreKinds)
  describe(`liptako import (${kind.dialect})`, () => {
    it('imports an ACLED file, writes its rejects beside it, and skips every row on a second run', async (t) => {
      const { dir, db } = await commandWorkspace(t, kind);
      const file = await copyFixture(dir, 'acled-duplicates.csv');

      const first = await liptako(['import', 'acled', file, ...db.args], { cwd: dir });
      assert.equal(first.code, 0, first.stderr);
      assert.equal(first.stdout, 'imported 4, updated 0, skipped 2, rejected 1\n');
      assert.match(first.stderr, /^row 5: duplicate event_id_cnty MLI90202, first seen on row 3$/m);
      assert.match(first.stderr, new RegExp(`^rejected rows written to ${file}\\.rejects\\.csv$`, 'm'));
      const rejects = await readFile(`${file}.rejects.csv`, 'utf8');
      assert.match(rejects, /^\uFEFFrow,reason,event_id_cnty,/);
      assert.match(rejects, /\r\n5,"duplicate event_id_cnty MLI90202, first seen on row 3",MLI90202,/);
      assert.equal(await db.use((store) => store.countIncidents({ visibility: SEE_ALL })), 4);

      const again = await liptako(['import', 'acled', file, ...db.args], { cwd: dir });
      assert.equal(again.code, 0, again.stderr);
      assert.equal(again.stdout, 'imported 0, updated 0, skipped 6, rejected 1\n');
      assert.equal(await db.use((store) => store.countIncidents({ visibility: SEE_ALL })), 4);
    });

    it('imports a file with bad values, rejecting each with its row and reason', async (t) => {
      const { dir, db } = await commandWorkspace(t, kind);
      const file = await copyFixture(dir, 'acled-bad-values.csv');
      const result = await liptako(['import', 'acled', file, ...db.args], { cwd: dir });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, 'imported 2, updated 0, skipped 0, rejected 15\n');
      // The first ten reasons are printed, then a count of the others.
      assert.match(result.stderr, /^row 3: event_date: "2024-02-30" is not a calendar day$/m);
      assert.match(result.stderr, /^… and 5 more rejected rows$/m);
      const rejects = (await readFile(`${file}.rejects.csv`, 'utf8')).trimEnd().split('\r\n');
      assert.equal(rejects.length, 1 + 15);
    });

    it('imports a UCDP GED file', async (t) => {
      const { dir, db } = await commandWorkspace(t, kind);
      const file = await copyFixture(dir, 'ucdp-ged.csv');
      const result = await liptako(['import', 'ucdp', file, ...db.args], { cwd: dir });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, 'imported 3, updated 0, skipped 0, rejected 2\n');
      assert.match(result.stderr, /^row 5: type_of_violence: "4" must be 1, 2 or 3$/m);
      assert.ok(existsSync(`${file}.rejects.csv`));
      const origins = await db.use(
        async (store) => (await store.listIncidents({ visibility: SEE_ALL, limit: 10 })).items,
      );
      assert.deepEqual(origins.map((i) => i.sourceKey).sort(), ['ucdp:900001', 'ucdp:900002', 'ucdp:900003']);
    });

    it('leaves no rejects file when every row is accepted', async (t) => {
      const { dir, db } = await commandWorkspace(t, kind);
      const file = await copyFixture(dir, 'acled-31-columns.csv');
      const result = await liptako(['import', 'acled', file, ...db.args], { cwd: dir });
      assert.equal(result.stdout, 'imported 5, updated 0, skipped 0, rejected 0\n');
      assert.equal(result.stderr, '');
      assert.ok(!existsSync(`${file}.rejects.csv`));
    });

    it('fails with exit code 1 and a one-line message, no stack trace, when the file does not exist', async (t) => {
      const { dir, db } = await commandWorkspace(t, kind);
      const missing = path.join(dir, 'no-such-file.csv');
      const result = await liptako(['import', 'acled', missing, ...db.args], { cwd: dir });
      assert.equal(result.code, 1);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, `liptako import: cannot read ${missing}: no such file\n`);
      assert.doesNotMatch(result.stderr, STACK_FRAME);
      assert.deepEqual(await readdir(dir), [], 'no rejects file');
      assert.equal(await db.exists(), false, 'no database');
    });

    it('refuses an unknown kind of file with exit code 2', async (t) => {
      const { dir, db } = await commandWorkspace(t, kind);
      const file = await copyFixture(dir, 'acled-31-columns.csv');
      const result = await liptako(['import', 'gdelt', file, ...db.args], { cwd: dir });
      assert.equal(result.code, 2);
      assert.match(result.stderr, /^liptako import: expected "acled FILE.csv" or "ucdp FILE.csv"/);
    });

    it('stops with exit code 1 when given a UCDP file as ACLED, saying which columns are missing', async (t) => {
      const { dir, db } = await commandWorkspace(t, kind);
      const file = await copyFixture(dir, 'ucdp-ged.csv');
      const result = await liptako(['import', 'acled', file, ...db.args], { cwd: dir });
      assert.equal(result.code, 1);
      assert.equal(result.stdout, 'imported 0, updated 0, skipped 0, rejected 0\n');
      assert.match(result.stderr, /import stopped: not an ACLED file: missing columns? event_date/);
      assert.doesNotMatch(result.stderr, STACK_FRAME);
    });
  });

describe('the launcher', () => {
  for (const kind of commandStoreKinds)
    it(
      `re-runs the command on the project’s Node 24 when started by the machine’s older Node (${kind.dialect})`,
      { skip: oldNodeSkip },
      async (t) => {
        // Node 20 can neither strip TypeScript types nor load better-sqlite3 13: an import that completes
        // ran on the Node 24 from node_modules.
        const { dir, db } = await commandWorkspace(t, kind);
        const file = await copyFixture(dir, 'acled-31-columns.csv');
        const result = await liptako(['import', 'acled', file, ...db.args], { cwd: dir, node: OLD_NODE });
        assert.equal(result.code, 0, result.stderr);
        assert.equal(result.stdout, 'imported 5, updated 0, skipped 0, rejected 0\n');
        assert.equal(await db.use((store) => store.countIncidents({ visibility: SEE_ALL })), 5);
      },
    );

  it(
    'passes the exit code of the command through when re-running on Node 24',
    { skip: oldNodeSkip },
    async (t) => {
      const { dir } = await workspace(t);
      const result = await liptako(['frobnicate'], { cwd: dir, node: OLD_NODE });
      assert.equal(result.code, 2);
      assert.match(result.stderr, /^liptako: unknown command "frobnicate"/);
    },
  );
});

for (const kind of commandStoreKinds)
  describe(`liptako serve and start (${kind.dialect})`, () => {
    it('serves /healthz on the given port and exits 0 on SIGTERM', async (t) => {
      const { dir, db } = await commandWorkspace(t, kind);
      const port = await freePort();
      const server = startLiptako(['serve', '--port', String(port), ...db.args], { cwd: dir });
      t.after(() => stopLiptako(server));

      const named = kind.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
      const [, address] = await server.waitFor(new RegExp(`serving on (http://\\S+) \\(${named} `));
      assert.equal(address, `http://127.0.0.1:${port}`);
      const health = await fetch(`${address}/healthz`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok', database: kind.dialect });

      const stopped = await stopLiptako(server);
      assert.deepEqual([stopped.code, stopped.signal], [0, null], stopped.stderr);
      await assert.rejects(fetch(`${address}/healthz`), 'nothing listens any more');
    });

    it('creates an admin and loads the demo data on the first start only', async (t) => {
      const { dir, db } = await commandWorkspace(t, kind);

      const first = startLiptako(['start', '--port', String(await freePort()), ...db.args], { cwd: dir });
      t.after(() => stopLiptako(first));
      const [, loaded] = await first.waitFor(/^Loaded (\d+) demo incidents/m, 60_000);
      const [, address] = await first.waitFor(/serving on (http:\/\/\S+)/);
      const [, token] = await first.waitFor(/^ {2}(lpk_\S+)$/m);
      assert.match(token ?? '', TOKEN);
      const demoCount = Number(loaded);
      assert.ok(demoCount > 0);

      assert.equal((await fetch(`${address}/healthz`)).status, 200);
      const response = await fetch(`${address}/api/incidents?limit=20`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(response.status, 200);
      assert.deepEqual(
        originsOf(await response.json()),
        Array.from({ length: 20 }, () => 'demo'),
      );
      assert.equal((await fetch(`${address}/api/incidents?limit=1`)).status, 401, 'a token is needed');
      assert.equal((await stopLiptako(first)).code, 0);

      const second = startLiptako(['start', '--port', String(await freePort()), ...db.args], { cwd: dir });
      t.after(() => stopLiptako(second));
      const [, again] = await second.waitFor(/serving on (http:\/\/\S+)/);
      await second.waitFor(/^Get a token: /m);
      assert.doesNotMatch(second.stdout(), /lpk_/);
      assert.doesNotMatch(second.stdout(), /Loaded \d+ demo incidents/);
      const stillValid = await fetch(`${again}/api/incidents?limit=1`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(stillValid.status, 200, 'the first admin token still works');
      assert.equal((await stopLiptako(second)).code, 0);

      const counts = await db.use(async (store) => [
        await store.countUsers(),
        await store.countIncidents({ visibility: SEE_ALL }),
      ]);
      assert.deepEqual(counts, [1, demoCount]);
    });
  });
