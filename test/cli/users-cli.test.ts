/**
 * `liptako users` for identity, as an operator runs it (bin/liptako.js in a child process, on a SQLite
 * file in a temporary folder and on a new PostgreSQL schema): passwords from stdin, password rules,
 * token listing and revocation.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyPassword } from '../../src/commands/password-hashing.ts';
import { hashToken } from '../../src/commands/token-hash.ts';
import { commandStoreKinds } from '../support/databases.ts';
import { commandWorkspace, liptako } from './liptako-process.ts';

for (const kind of commandStoreKinds)
  describe(`liptako users: passwords and tokens (${kind.dialect})`, () => {
    it('creates a user with a password read from stdin, stored only as an argon2id hash', async (t) => {
      const { dir, db } = await commandWorkspace(t, kind);
      const created = await liptako(
        ['users', 'add', '--name', 'fatou', '--role', 'analyst', '--password-stdin', ...db.args],
        { cwd: dir, input: 'Fleuve-Niger-2024\n' },
      );
      assert.equal(created.code, 0, created.stderr);
      assert.match(created.stderr, /created analyst "fatou" with a password/);
      const hash = await db.use(async (s) => (await s.findUserCredentials('fatou'))?.passwordHash);
      assert.match(hash ?? '', /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      assert.ok(!(hash ?? '').includes('Fleuve'));
      assert.equal(await verifyPassword('Fleuve-Niger-2024', hash ?? ''), true);
    });

    it('refuses a short password or the user name as password with exit code 2, creating nobody', async (t) => {
      const { dir, db } = await commandWorkspace(t, kind);
      const short = await liptako(
        ['users', 'create', '--name', 'issa', '--role', 'observer', '--password-stdin', ...db.args],
        { cwd: dir, input: 'court\n' },
      );
      assert.equal(short.code, 2);
      assert.match(short.stderr, /password: at least 12 characters/);
      const same = await liptako(
        ['users', 'create', '--name', 'ousmane-diallo', '--role', 'observer', '--password-stdin', ...db.args],
        { cwd: dir, input: 'Ousmane-Diallo\n' },
      );
      assert.equal(same.code, 2);
      assert.match(same.stderr, /must not be the user name/);
      assert.equal(await db.use((s) => s.countUsers()), 0);
    });

    it('sets a new password with passwd, and refuses passwd without a terminal or --password-stdin', async (t) => {
      const { dir, db } = await commandWorkspace(t, kind);
      await liptako(['users', 'create', '--name', 'mariam', '--role', 'analyst', ...db.args], { cwd: dir });
      const set = await liptako(['users', 'passwd', 'mariam', '--password-stdin', ...db.args], {
        cwd: dir,
        input: 'Bandiagara-falaise\n',
      });
      assert.equal(set.code, 0, set.stderr);
      const hash = await db.use(async (s) => (await s.findUserCredentials('mariam'))?.passwordHash);
      assert.equal(await verifyPassword('Bandiagara-falaise', hash ?? ''), true);
      const noTty = await liptako(['users', 'passwd', 'mariam', ...db.args], { cwd: dir });
      assert.equal(noTty.code, 2);
      assert.match(noTty.stderr, /--password-stdin/);
      const unknown = await liptako(['users', 'passwd', 'nobody', '--password-stdin', ...db.args], {
        cwd: dir,
        input: 'Bandiagara-falaise\n',
      });
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /no user named "nobody"/);
    });

    it('issues a read-scoped token, lists tokens, and revokes one by its prefix', async (t) => {
      const { dir, db } = await commandWorkspace(t, kind);
      const first = (
        await liptako(['users', 'create', '--name', 'adama', '--role', 'analyst', ...db.args], { cwd: dir })
      ).stdout.trim();
      const issued = await liptako(
        [
          'users',
          'token',
          'adama',
          '--scope',
          'read',
          '--label',
          'export nocturne',
          '--expires-in-days',
          '30',
          ...db.args,
        ],
        { cwd: dir },
      );
      assert.equal(issued.code, 0, issued.stderr);
      const second = issued.stdout.trim();

      const listed = await liptako(['users', 'tokens', 'adama', ...db.args], { cwd: dir });
      assert.equal(listed.code, 0, listed.stderr);
      const lines = listed.stdout.trim().split('\n');
      assert.equal(lines.length, 3);
      assert.match(lines[1] ?? '', new RegExp(`^${first.slice(0, 12)}\\twrite\\tactive\\t`));
      assert.match(
        lines[2] ?? '',
        new RegExp(`^${second.slice(0, 12)}\\tread\\tactive\\t.*\\texport nocturne$`),
      );
      assert.ok(!listed.stdout.includes(second), 'secrets are never listed');

      const revoked = await liptako(['users', 'revoke-token', second.slice(0, 10), ...db.args], { cwd: dir });
      assert.equal(revoked.code, 0, revoked.stderr);
      assert.equal(await db.use((s) => s.findUserByTokenHash(hashToken(second))), null);
      assert.notEqual(await db.use((s) => s.findUserByTokenHash(hashToken(first))), null);
      const again = await liptako(['users', 'revoke-token', second.slice(0, 10), ...db.args], { cwd: dir });
      assert.equal(again.code, 1);
      assert.match(again.stderr, /no live token starts with/);
    });
  });
