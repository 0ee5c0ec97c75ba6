import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { LIPTAKO_BIN } from '../cli/liptako-process.ts';

function extract(input: Buffer | string, args: string[] = []): { stdout: string; status: number | null } {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const run = spawnSync(process.execPath, [LIPTAKO_BIN, 'extract', ...args], {
    input,
    env,
    encoding: 'utf8',
  });
  return { stdout: run.stdout, status: run.status };
}

test('writes one line per input line, in order, with an error on each bad line', () => {
  const input = [
    JSON.stringify({
      id: 'a',
      text: 'On 3 May 2020, gunmen killed two herders near Menaka (Menaka, Menaka).',
      published: '2020-05-03',
    }),
    'not json',
    JSON.stringify({ id: 'b' }),
    JSON.stringify({ id: 'c', text: 'Nothing happened here.' }),
  ].join('\n');
  const { stdout, status } = extract(input);
  assert.equal(status, 0);
  const lines = stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { id: string | null; events: unknown[]; error?: string });
  assert.deepEqual(
    lines.map((l) => l.id),
    ['a', null, 'b', 'c'],
  );
  assert.equal(lines[0]?.events.length, 1);
  assert.match(lines[1]?.error ?? '', /invalid JSON/);
  assert.match(lines[2]?.error ?? '', /missing "text"/);
  assert.deepEqual(lines[3]?.events, []);
});

test('reads a file and writes --out, decoding Latin-1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'liptako-extract-'));
  const input = join(dir, 'in.jsonl');
  const out = join(dir, 'out.jsonl');
  writeFileSync(
    input,
    Buffer.from(
      JSON.stringify({
        id: 'fr',
        text: 'Des hommes armés ont tué trois civils samedi à Djibo.',
        published: '2021-06-07',
      }) + '\n',
      'latin1',
    ),
  );
  const { status } = extract('', [input, '--out', out]);
  assert.equal(status, 0);
  const [line] = readFileSync(out, 'utf8').trim().split('\n');
  const parsed = JSON.parse(line ?? '{}') as {
    id: string;
    events: { location: string; fatalities: number; event_date: string }[];
  };
  assert.equal(parsed.id, 'fr');
  assert.equal(parsed.events[0]?.location, 'Djibo');
  assert.equal(parsed.events[0]?.fatalities, 3);
  assert.equal(parsed.events[0]?.event_date, '2021-06-05');
});

test('exits 1 with a message for a missing input file', () => {
  const { status } = extract('', [join(tmpdir(), 'no-such-file.jsonl')]);
  assert.equal(status, 1);
});
