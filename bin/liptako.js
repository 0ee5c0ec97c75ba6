#!/usr/bin/env node
// Launcher for the `liptako` command. Liptako needs Node.js 22 or later (better-sqlite3 13); the
// project installs Node 24 from the npm registry as its `node` dependency. Under an older Node
// this re-runs the command with that one, so that nobody has to install Node by hand.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const main = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'main.ts');
const major = Number(process.versions.node.split('.')[0]);

if (major >= 22) {
  await import(pathToFileURL(main).href);
} else {
  let node;
  try {
    const pkg = createRequire(import.meta.url).resolve('node/package.json');
    node = path.join(path.dirname(pkg), 'bin', 'node');
  } catch {
    console.error(
      `liptako needs Node.js 22 or later (this is ${process.version}). Run "npm install" in the project first: it installs Node 24.`,
    );
    process.exit(1);
  }
  const result = spawnSync(node, [main, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.error) {
    console.error(`liptako could not start Node 24 (${node}): ${result.error.message}`);
    process.exit(1);
  }
  process.exit(result.status ?? (result.signal ? 1 : 0));
}
