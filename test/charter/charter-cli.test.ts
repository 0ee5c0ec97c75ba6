/** `liptako charter evaluate` run as a user runs it: bin/liptako.js in a child process, no database. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { LIPTAKO_BIN, liptako, scratchFolder } from '../cli/liptako-process.ts';
import { incident } from './charter-fixtures.ts';

interface Printed {
  readonly proposals: readonly {
    readonly treaty: string;
    readonly article: string;
    readonly status: string;
    readonly confidence: number;
    readonly reasons: readonly {
      fact: string;
      value: unknown;
      clause: { id: string; text: { fr: string; en: string } };
    }[];
    readonly missing: readonly string[];
    readonly obligations: readonly { party: string; duty: string }[];
  }[];
}

/** Runs the CLI with `input` on stdin. */
function withStdin(
  args: readonly string[],
  input: string,
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LIPTAKO_BIN, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

async function incidentFile(cwd: string, value: unknown, name = 'incident.json'): Promise<string> {
  const file = path.join(cwd, name);
  await writeFile(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

describe('liptako charter evaluate', () => {
  it('prints one proposal per article 4 to 8 for worked example 1, with the exact keys', async (t) => {
    const cwd = await scratchFolder(t);
    const result = await liptako(['charter', 'evaluate', await incidentFile(cwd, incident())], { cwd });
    assert.equal(result.code, 0, result.stderr);
    const printed = JSON.parse(result.stdout) as Printed;
    assert.deepEqual(Object.keys(printed), ['proposals']);
    assert.deepEqual(
      printed.proposals.map((p) => `${p.article} ${p.status}`),
      ['4 engaged', '5 not_engaged', '6 proposed', '7 not_engaged', '8 not_engaged'],
    );
    const art6 = printed.proposals[2];
    assert.deepEqual(Object.keys(art6 ?? {}), [
      'treaty',
      'article',
      'status',
      'confidence',
      'reasons',
      'missing',
      'obligations',
    ]);
    assert.equal(art6?.treaty, 'liptako-gourma-charter');
    assert.deepEqual(Object.keys(art6?.reasons[0] ?? {}), ['fact', 'value', 'clause']);
    assert.match(art6?.reasons[0]?.clause.text.fr ?? '', /Toute atteinte à la souveraineté/);
    assert.deepEqual(
      art6?.obligations.map((o) => o.party),
      ['BFA', 'NER'],
    );
  });

  it('reads the incident from stdin, for "-" and for no file', async (t) => {
    const cwd = await scratchFolder(t);
    for (const args of [
      ['charter', 'evaluate', '-'],
      ['charter', 'evaluate'],
    ]) {
      const result = await withStdin(args, JSON.stringify(incident()), cwd);
      assert.equal(result.code, 0, result.stderr);
      assert.equal((JSON.parse(result.stdout) as Printed).proposals.length, 5);
    }
  });

  it('answers for another treaty and on another day when asked', async (t) => {
    const cwd = await scratchFolder(t);
    const file = await incidentFile(
      cwd,
      incident({ country_iso3: 'NER', actor2: 'Military Forces of Niger (2023-)' }),
    );
    const result = await liptako(
      ['charter', 'evaluate', file, '--treaty', 'example-mutual-defence-protocol', '--as-of', '2024-08-01'],
      { cwd },
    );
    assert.equal(result.code, 0, result.stderr);
    const printed = JSON.parse(result.stdout) as Printed;
    assert.deepEqual(
      printed.proposals.map((p) => p.article),
      ['2', '3', '4'],
    );
    assert.deepEqual(
      printed.proposals[1]?.obligations.map((o) => o.party),
      ['TCD', 'MRT', 'GIN'],
    );
  });

  it('prints one result per incident for a JSON array', async (t) => {
    const cwd = await scratchFolder(t);
    const file = await incidentFile(cwd, [
      incident(),
      incident({
        event_type: 'Protests',
        sub_event_type: 'Peaceful protest',
        actor1: 'Protesters (Mali)',
        actor2: null,
      }),
    ]);
    const result = await liptako(['charter', 'evaluate', file], { cwd });
    assert.equal(result.code, 0, result.stderr);
    const printed = JSON.parse(result.stdout) as { results: Printed[] };
    assert.equal(printed.results.length, 2);
    assert.ok(printed.results[1]?.proposals.every((p) => p.status === 'not_engaged'));
  });

  it('exits 2 on invalid JSON, naming the input', async (t) => {
    const cwd = await scratchFolder(t);
    const result = await liptako(['charter', 'evaluate', await incidentFile(cwd, '{"event_date": ')], {
      cwd,
    });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /incident\.json is not valid JSON/);
    assert.equal(result.stdout, '');
  });

  it('exits 2 on a malformed field, naming it', async (t) => {
    const cwd = await scratchFolder(t);
    const file = await incidentFile(cwd, incident({ fatalities: 'twelve', country_iso3: 'Mali' }));
    const result = await liptako(['charter', 'evaluate', file], { cwd });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /- country_iso3: "Mali" is not an ISO 3166-1 alpha-3 code/);
    assert.match(result.stderr, /- fatalities: expected a number, got "twelve"/);
  });

  it('exits 2 on an unknown treaty, listing the known ones', async (t) => {
    const cwd = await scratchFolder(t);
    const result = await liptako(
      ['charter', 'evaluate', await incidentFile(cwd, incident()), '--treaty', 'nato'],
      { cwd },
    );
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /unknown treaty "nato"; known: liptako-gourma-charter, example-mutual-defence-protocol/,
    );
  });

  it('exits 2 without a date to read membership on, and on a missing file', async (t) => {
    const cwd = await scratchFolder(t);
    const undated = await liptako(
      ['charter', 'evaluate', await incidentFile(cwd, incident({ event_date: null }))],
      { cwd },
    );
    assert.equal(undated.code, 2);
    assert.match(undated.stderr, /event_date: is needed .*--as-of/);
    const missing = await liptako(['charter', 'evaluate', path.join(cwd, 'nope.json')], { cwd });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*nope\.json: no such file/);
  });

  it('explains --as-of in its help', async (t) => {
    const cwd = await scratchFolder(t);
    const result = await liptako(['charter', '--help'], { cwd });
    assert.equal(result.code, 0);
    assert.match(result.stdout, /--as-of YYYY-MM-DD .*default: the incident's event_date/s);
  });
});
