/**
 * The audit key file: processes that start at once on an empty folder (two nodes on one host) all
 * come up, with the one key that won, never a half-written or second key.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadAuditKey } from '../../src/commands/audit-key.ts';
import { formatVerifierKey } from '../../src/domain/audit/checkpoint.ts';

const AUDIT_KEY_TS = fileURLToPath(new URL('../../src/commands/audit-key.ts', import.meta.url));
const PROCESSES = 6;

/** Loads (creating) the key in a process of its own; resolves with its verifier's name line, or the error. */
function loadInChild(file: string): Promise<{ code: number | null; out: string; err: string }> {
  const script = `
    const { loadAuditKey } = await import(${JSON.stringify(AUDIT_KEY_TS)});
    const key = loadAuditKey(${JSON.stringify(file)}, { create: true });
    process.stdout.write(key.verifier.name);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out, err }));
  });
}

describe('the audit key file', () => {
  it('gives processes that create it at once the same key, and leaves no draft behind', async (t) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'liptako-audit-key-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'keys', 'audit-key.pem');
    const runs = await Promise.all(Array.from({ length: PROCESSES }, () => loadInChild(file)));
    for (const run of runs) assert.equal(run.code, 0, run.err);
    const names = new Set(runs.map((r) => r.out));
    assert.equal(names.size, 1, [...names].join(' '));
    const here = loadAuditKey(file, { create: false });
    assert.equal(here.verifier.name, runs[0]?.out);
    assert.match(formatVerifierKey(here.verifier), /^liptako\/audit\//);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.deepEqual(await readdir(path.dirname(file)), ['audit-key.pem']);
  });
});
