/**
 * Runs `bin/liptako.js` as a child process, as a user would: its own temporary folder as working
 * directory, an environment with none of Liptako's settings, stdout and stderr collected.
 *
 *   const result = await liptako(['import', 'acled', file, '--db', db], { cwd });
 *   const { dir, db } = await commandWorkspace(t, kind);    // kind of commandStoreKinds
 *   await liptako(['users', 'create', '--name', 'awa', '--role', 'analyst', ...db.args], { cwd: dir });
 *   const server = startLiptako(['serve', '--port', String(port), '--db', db], { cwd });
 *   await server.waitFor(/serving on (\S+)/);
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CommandDatabase, commandStoreKinds } from '../support/databases.ts';

export const LIPTAKO_BIN = fileURLToPath(new URL('../../bin/liptako.js', import.meta.url));

/** Settings read from the environment (src/config/config.ts), removed so that only the test sets them. */
const SETTINGS = [
  'DATABASE_URL',
  'LIPTAKO_DB',
  'PORT',
  'LIPTAKO_PORT',
  'LIPTAKO_HOST',
  'LIPTAKO_PUBLIC_READ',
  'LIPTAKO_BODY_LIMIT',
  'LIPTAKO_LOG_LEVEL',
  'LIPTAKO_AUDIT_KEY',
  'LIPTAKO_SECURE_COOKIES',
  'LIPTAKO_TRUST_PROXY',
  // Set by `node --test` for its own children; the CLI is not a test file.
  'NODE_TEST_CONTEXT',
];

export interface RunOptions {
  readonly cwd: string;
  /** Added to the cleaned environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** The Node.js executable that runs the launcher; the test runner's own (Node 24) by default. */
  readonly node?: string;
  /** Written to the process's standard input, which is then closed (empty when absent). */
  readonly input?: string;
}

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function environment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !SETTINGS.includes(name)));
  return { ...env, ...extra };
}

/** A running `liptako` process. */
export interface LiptakoProcess {
  readonly child: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout; rejects when the process ends first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves when the process has ended. */
  readonly exited: Promise<Finished>;
}

export function startLiptako(args: readonly string[], options: RunOptions): LiptakoProcess {
  const child = spawn(options.node ?? process.execPath, [LIPTAKO_BIN, ...args], {
    cwd: options.cwd,
    env: environment(options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // Closed at once, empty when no input is given: a command never waits on the test's terminal.
  child.stdin.end(options.input ?? '');
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const listener of listeners) listener();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Finished>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      resolve({ code, signal, stdout, stderr });
      for (const listener of listeners) listener();
    });
  });

  const waitFor = (pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const match = pattern.exec(stdout);
        if (match !== null) done(() => resolve(match));
        else if (child.exitCode !== null || child.signalCode !== null)
          done(() =>
            reject(
              new Error(`liptako ended (${child.exitCode ?? child.signalCode}) before printing ${pattern}:
stdout: ${stdout}
stderr: ${stderr}`),
            ),
          );
      };
      const timer = setTimeout(
        () =>
          done(() =>
            reject(new Error(`no ${pattern} within ${timeoutMs} ms:\nstdout: ${stdout}\nstderr: ${stderr}`)),
          ),
        timeoutMs,
      );
      const done = (settle: () => void): void => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      listeners.add(check);
      check();
    });

  return { child, stdout: () => stdout, stderr: () => stderr, waitFor, exited };
}

/** Runs `liptako args…` to its end; a run longer than `timeoutMs` is killed and fails the test. */
export async function liptako(
  args: readonly string[],
  options: RunOptions & { readonly timeoutMs?: number },
): Promise<Finished> {
  const running = startLiptako(args, options);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const timer = setTimeout(() => running.child.kill('SIGKILL'), timeoutMs);
  try {
    const finished = await running.exited;
    if (finished.signal === 'SIGKILL')
      throw new Error(`liptako ${args.join(' ')} took longer than ${timeoutMs} ms:\n${finished.stderr}`);
    return finished;
  } finally {
    clearTimeout(timer);
  }
}

/** Stops a server with SIGTERM and waits for it to end; SIGKILL after `timeoutMs` (failing the test). */
export async function stopLiptako(server: LiptakoProcess, timeoutMs = 10_000): Promise<Finished> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.exited;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), timeoutMs);
  try {
    return await server.exited;
  } finally {
    clearTimeout(timer);
  }
}

/** A new temporary folder, removed after the test. */
export async function scratchFolder(t: TestContext, prefix = 'liptako-cli-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A new temporary folder and a database of `kind` for the command run there, both removed after the
 * test; `file` is the SQLite file's path inside the folder.
 */
export async function commandWorkspace(
  t: TestContext,
  kind: (typeof commandStoreKinds)[number],
  file?: string,
): Promise<{ dir: string; db: CommandDatabase }> {
  const dir = await scratchFolder(t);
  const db = kind.place(dir, file);
  t.after(() => db.dispose());
  return { dir, db };
}

/** A TCP port that was free a moment ago: listened on by the system's choice, then released. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address: AddressInfo | string | null = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port was assigned');
  return address.port;
}
