/**
 * `liptako users` for identity, as an operator runs it (bin/liptako.js in a child process, a SQLite
 * file in a temporary folder): passwords from stdin, password rules, token listing and revocation.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { verifyPassword } from '../../src/commands/password-hashing.ts';
import { hashToken } from '../../src/commands/token-hash.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { liptako, scratchFolder } from './liptako-process.ts';

async function workspace(t: TestContext): Promise<{ dir: string; db: string }> {
  const dir = await scratchFolder(t, 'liptako-users-');
  return { dir, db: path.join(dir, 'liptako.sqlite') };
}

async function withSqlite<T>(file: string, read: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ sqlitePath: file });
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

describe('liptako users: passwords and tokens', () => {
  it('creates a user with a password read from stdin, stored only as an argon2id hash', async (t) => {
    const { dir, db } = await workspace(t);
    const created = await liptako(
      ['users', 'add', '--name', 'fatou', '--role', 'analyst', '--password-stdin', '--db', db],
      { cwd: dir, input: 'Fleuve-Niger-2024\n' },
    );
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stderr, /created analyst "fatou" with a password/);
    const hash = await withSqlite(db, async (s) => (await s.findUserCredentials('fatou'))?.passwordHash);
    assert.match(hash ?? '', /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.ok(!(hash ?? '').includes('Fleuve'));
    assert.equal(await verifyPassword('Fleuve-Niger-2024', hash ?? ''), true);
  });

  it('refuses a short password or the user name as password with exit code 2, creating nobody', async (t) => {
    const { dir, db } = await workspace(t);
    const short = await liptako(
      ['users', 'create', '--name', 'issa', '--role', 'observer', '--password-stdin', '--db', db],
      { cwd: dir, input: 'court\n' },
    );
    assert.equal(short.code, 2);
    assert.match(short.stderr, /password: at least 12 characters/);
    const same = await liptako(
      ['users', 'create', '--name', 'ousmane-diallo', '--role', 'observer', '--password-stdin', '--db', db],
      { cwd: dir, input: 'Ousmane-Diallo\n' },
    );
    assert.equal(same.code, 2);
    assert.match(same.stderr, /must not be the user name/);
    assert.equal(await withSqlite(db, (s) => s.countUsers()), 0);
  });

  it('sets a new password with passwd, and refuses passwd without a terminal or --password-stdin', async (t) => {
    const { dir, db } = await workspace(t);
    await liptako(['users', 'create', '--name', 'mariam', '--role', 'analyst', '--db', db], { cwd: dir });
    const set = await liptako(['users', 'passwd', 'mariam', '--password-stdin', '--db', db], {
      cwd: dir,
      input: 'Bandiagara-falaise\n',
    });
    assert.equal(set.code, 0, set.stderr);
    const hash = await withSqlite(db, async (s) => (await s.findUserCredentials('mariam'))?.passwordHash);
    assert.equal(await verifyPassword('Bandiagara-falaise', hash ?? ''), true);
    const noTty = await liptako(['users', 'passwd', 'mariam', '--db', db], { cwd: dir });
    assert.equal(noTty.code, 2);
    assert.match(noTty.stderr, /--password-stdin/);
    const unknown = await liptako(['users', 'passwd', 'nobody', '--password-stdin', '--db', db], {
      cwd: dir,
      input: 'Bandiagara-falaise\n',
    });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no user named "nobody"/);
  });

  it('issues a read-scoped token, lists tokens, and revokes one by its prefix', async (t) => {
    const { dir, db } = await workspace(t);
    const first = (
      await liptako(['users', 'create', '--name', 'adama', '--role', 'analyst', '--db', db], { cwd: dir })
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
        '--db',
        db,
      ],
      { cwd: dir },
    );
    assert.equal(issued.code, 0, issued.stderr);
    const second = issued.stdout.trim();

    const listed = await liptako(['users', 'tokens', 'adama', '--db', db], { cwd: dir });
    assert.equal(listed.code, 0, listed.stderr);
    const lines = listed.stdout.trim().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[1] ?? '', new RegExp(`^${first.slice(0, 12)}\\twrite\\tactive\\t`));
    assert.match(
      lines[2] ?? '',
      new RegExp(`^${second.slice(0, 12)}\\tread\\tactive\\t.*\\texport nocturne$`),
    );
    assert.ok(!listed.stdout.includes(second), 'secrets are never listed');

    const revoked = await liptako(['users', 'revoke-token', second.slice(0, 10), '--db', db], { cwd: dir });
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.equal(await withSqlite(db, (s) => s.findUserByTokenHash(hashToken(second))), null);
    assert.notEqual(await withSqlite(db, (s) => s.findUserByTokenHash(hashToken(first))), null);
    const again = await liptako(['users', 'revoke-token', second.slice(0, 10), '--db', db], { cwd: dir });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /no live token starts with/);
  });
});
