/**
 * `liptako audit` as an operator and a party run it, on a SQLite file and on a PostgreSQL schema:
 * checkpoint, export, verify, proof, verify-proof, the standalone script; and verify's exit code and
 * message after a row was altered.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { commandStoreKinds } from '../support/databases.ts';
import { tamper } from '../support/tamper.ts';
import { commandWorkspace, liptako } from './liptako-process.ts';

const SCRIPT = fileURLToPath(new URL('../../scripts/verify-audit-proof.mjs', import.meta.url));

for (const kind of commandStoreKinds)
  describe(`liptako audit (${kind.dialect})`, () => {
    it('signs, exports, proves and verifies; verify names the first altered entry and exits 1', async (t) => {
      // The key is made next to the SQLite file, and under ./data for PostgreSQL: data/ either way.
      const { dir: cwd, db } = await commandWorkspace(t, kind, path.join('data', 'liptako.sqlite'));
      const run = (...args: string[]) => liptako([...args, ...db.args], { cwd });
      for (const name of ['awa', 'moussa'])
        assert.equal((await run('users', 'create', '--name', name, '--role', 'analyst')).code, 0);

      const checkpoint = await run('audit', 'checkpoint');
      assert.equal(checkpoint.code, 0, checkpoint.stderr);
      assert.match(
        checkpoint.stdout,
        /^liptako\/audit\/[0-9a-f]{16}\n4\n[A-Za-z0-9+/]{43}=\ntime \S+\n\n\u2014 /,
      );
      // The key was made on first use, next to the database, readable by its owner only.
      const keyFile = path.join(cwd, 'data', 'audit-key.pem');
      assert.equal((await stat(keyFile)).mode & 0o777, 0o600);

      const exported = await run('audit', 'export', '--out', path.join(cwd, 'export.json'));
      assert.equal(exported.code, 0, exported.stderr);
      const exportJson = JSON.parse(await readFile(path.join(cwd, 'export.json'), 'utf8'));
      assert.equal(exportJson.checkpoints.length, 1);
      assert.match(exportJson.verifier_key, /^liptako\/audit\/[0-9a-f]{16}\+[0-9a-f]{8}\+/);

      const verified = await run('audit', 'verify');
      assert.equal(verified.code, 0, verified.stderr);
      assert.match(verified.stdout, /audit log OK: 4 entries/);

      const proofFile = path.join(cwd, 'proof.json');
      assert.equal((await run('audit', 'proof', '2', '--out', proofFile)).code, 0);
      const checked = await liptako(
        ['audit', 'verify-proof', proofFile, '--key', path.join(cwd, 'export.json')],
        { cwd },
      );
      assert.equal(checked.code, 0, checked.stderr);
      assert.match(checked.stdout, /proof OK/);
      assert.match(
        execFileSync(process.execPath, [SCRIPT, proofFile, exportJson.verifier_key], { encoding: 'utf8' }),
        /^OK: entry 2/,
      );
      assert.equal((await run('audit', 'proof', '99')).code, 1);

      // An attacker with the file rewrites what user 2 was made with.
      await tamper(db, kind.dialect, [
        `UPDATE audit_log SET entry = replace(entry, '"analyst"', '"admin"') WHERE seq = 2`,
      ]);
      const altered = await run('audit', 'verify');
      assert.equal(altered.code, 1);
      assert.match(altered.stderr, /audit log ALTERED: first bad entry 2\n/);
      assert.match(altered.stderr, /entry 2 does not hash to its stored leaf hash/);
      const refused = await run('audit', 'checkpoint');
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /not signed/);
    });
  });
