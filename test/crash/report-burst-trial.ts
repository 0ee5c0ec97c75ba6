/**
 * One crash trial of report submission: `liptako serve` (a real process on a SQLite file or a
 * PostgreSQL schema) takes a burst of POST /api/reports from concurrent senders and is killed (SIGKILL)
 * at a random moment, several times; then every report is sent again with its client_ref, as a client
 * that never saw an answer would. A report answered 2xx must be stored exactly once, nothing twice, and
 * every report must end with all that its ingestion writes: a link per extracted event, a new incident
 * or a recorded fusion behind each, and summaries and full-text index in step.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestContext } from 'node:test';
import { extractorFor } from '../../src/commands/ingest-report.ts';
import { isEventType, isSubEventTypeOf } from '../../src/domain/acled-taxonomy.ts';
import { loadReference } from '../../src/reference/load-reference.ts';
import { freePort, liptako, startLiptako, stopLiptako, type LiptakoProcess } from '../cli/liptako-process.ts';
import { crashSettings, seeded } from './crash-settings.ts';
import { searchProblems, sqliteIntegrity, summaryProblems, type Plain, type Row } from './stored-state.ts';

interface Draft {
  readonly client_ref: string;
  readonly source: string;
  readonly language: 'fr' | 'en';
  readonly published: string;
  readonly text: string;
}

/** Places the gazetteer knows, with their country as the texts name it. */
const PLACES = [
  ['Djibo', 'Burkina Faso', 'au Burkina Faso'],
  ['Dori', 'Burkina Faso', 'au Burkina Faso'],
  ['Kaya', 'Burkina Faso', 'au Burkina Faso'],
  ['Gao', 'Mali', 'au Mali'],
  ['Mopti', 'Mali', 'au Mali'],
  ['Menaka', 'Mali', 'au Mali'],
  ['Ayorou', 'Niger', 'au Niger'],
  ['Tillabéri', 'Niger', 'au Niger'],
] as const;
const DAYS_FR = ['lundi', 'mardi', 'mercredi', 'jeudi'];
const DAYS_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday'];

/**
 * Invented news items, each about one or two events at a few places and days, so that many describe
 * the same event and fuse. Published on Friday 14 June 2024; "lundi" is the 10th.
 */
function inventReports(count: number, rand: () => number, seed: number): Draft[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const drafts: Draft[] = [];
  for (let i = 0; i < count; i++) {
    const [place, country, inCountry] = pick(PLACES);
    const [other] = pick(PLACES.filter((p) => p[1] === country && p[0] !== place));
    const day = Math.floor(rand() * DAYS_FR.length);
    const killed = 2 + Math.floor(rand() * 20);
    const soldiers = 1 + Math.floor(rand() * 9);
    const two = rand() < 0.5;
    const french = rand() < 0.5;
    const text = french
      ? `${inCountry === 'au Mali' ? 'Au Mali' : inCountry === 'au Niger' ? 'Au Niger' : 'Au Burkina Faso'}, des hommes armés ont tué ${killed} civils ${DAYS_FR[day]} dans le village de ${place}.` +
        (two
          ? ` ${DAYS_FR[(day + 1) % 4]}, à ${other}, des soldats ont affronté des jihadistes : ${soldiers} militaires ont été tués.`
          : '')
      : `Gunmen killed ${killed} civilians in ${place}, ${country}, on ${DAYS_EN[day]}.` +
        (two
          ? ` On ${DAYS_EN[(day + 1) % 4]}, soldiers clashed with militants near ${other}, killing ${soldiers}.`
          : '');
    drafts.push({
      client_ref: `crash-${seed}-${i}`,
      source: `Invented wire ${1 + (i % 7)}`,
      language: french ? 'fr' : 'en',
      published: '2024-06-14',
      text,
    });
  }
  return drafts;
}

interface Acknowledged {
  readonly id: number;
  readonly status: number;
  readonly incidents: readonly { readonly id: number; readonly event_index: number }[];
}

/** Sends one report; the answer when it came whole with a 2xx, else null (refused, reset, cut). */
async function send(base: string, token: string, draft: Draft): Promise<Acknowledged | null> {
  try {
    const response = await fetch(`${base}/api/reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(draft),
    });
    const text = await response.text();
    if (response.status < 200 || response.status > 299) {
      if (response.status >= 500) throw new Error(`${response.status} for ${draft.client_ref}: ${text}`);
      throw new Error(`refused ${draft.client_ref} (${response.status}): ${text}`);
    }
    // The route's response schema (report-routes.ts) has these fields.
    const body = JSON.parse(text) as { id: number; incidents: Acknowledged['incidents'] };
    return { id: body.id, status: response.status, incidents: body.incidents };
  } catch (error) {
    // The server died under the request, or before it: no answer.
    if (error instanceof TypeError) return null;
    throw error;
  }
}

async function startServer(
  t: TestContext,
  dir: string,
  databaseArgs: readonly string[],
): Promise<{ server: LiptakoProcess; base: string }> {
  const port = await freePort();
  const server = startLiptako(['serve', '--port', String(port), ...databaseArgs], { cwd: dir });
  t.after(() => server.child.kill('SIGKILL'));
  const [, base] = await server.waitFor(/serving on (http:\/\/\S+)/, 60_000);
  return { server, base: base ?? '' };
}

/** The storable events the extractor finds in a text: what the report's ingestion must file. */
function expectedEvents(drafts: readonly Draft[]): Map<string, number> {
  const extractor = extractorFor(loadReference());
  const expected = new Map<string, number>();
  for (const d of drafts) {
    const events = extractor.extract(d.text, { lang: d.language, published: d.published });
    expected.set(
      d.client_ref,
      events.filter((e) => isEventType(e.event_type) && isSubEventTypeOf(e.event_type, e.sub_event_type))
        .length,
    );
  }
  return expected;
}

export interface ServerTarget {
  readonly label: string;
  /** `--db FILE` or `--database-url URL`. */
  readonly databaseArgs: readonly string[];
  /** A plain connection to the database. */
  readonly open: () => Promise<Plain>;
}

export async function reportBurstTrial(
  t: TestContext,
  target: ServerTarget,
  dir: string,
  stream: number,
): Promise<void> {
  const { reports, senders, serverKills } = crashSettings;
  const { seed } = crashSettings;
  const { rand, replay } = seeded(stream);
  t.diagnostic(
    `${target.label}: seed ${seed} ${replay}; ${reports} reports, ${senders} senders, ${serverKills} kills`,
  );

  const created = await liptako(
    ['users', 'create', '--name', 'crash-sender', '--role', 'analyst', ...target.databaseArgs],
    {
      cwd: dir,
    },
  );
  assert.equal(created.code, 0, created.stderr);
  const token = created.stdout.trim().split('\n').at(-1) ?? '';

  const drafts = inventReports(reports, rand, seed);
  const acknowledged = new Map<string, Acknowledged>();
  let tried = 0;
  let unanswered = 0;

  for (let kill = 1; kill <= serverKills; kill++) {
    const { server, base } = await startServer(t, dir, target.databaseArgs);
    // Each round sends what no answer has acknowledged yet, in a seeded order.
    const queue = drafts.filter((d) => !acknowledged.has(d.client_ref)).sort(() => rand() - 0.5);
    const killAfter = Math.max(1, Math.floor(queue.length * (0.1 + rand() * 0.5)));
    const delay = Math.floor(rand() * 40);
    let answered = 0;
    let killed: Promise<void> | null = null;
    const killNow = async (): Promise<void> => {
      await sleep(delay);
      server.child.kill('SIGKILL');
    };
    const sender = async (): Promise<void> => {
      for (let d = queue.shift(); d !== undefined; d = queue.shift()) {
        tried++;
        const ack = await send(base, token, d);
        if (ack === null) {
          unanswered++;
          continue;
        }
        acknowledged.set(d.client_ref, ack);
        if (++answered === killAfter) killed = killNow();
      }
    };
    await Promise.all(Array.from({ length: senders }, sender)).catch((error: unknown) => {
      throw new Error(`${String(error)}\nserver output:\n${server.stdout()}${server.stderr()}`);
    });
    await killed;
    const ended = await server.exited;
    assert.equal(ended.signal, 'SIGKILL', `round ${kill} was not killed ${replay}\n${ended.stderr}`);
    t.diagnostic(
      `${target.label} kill ${kill}: ${delay} ms after answer ${killAfter}; ${acknowledged.size} acknowledged so far`,
    );
  }

  // Every report again, acknowledged or not, with its client_ref: the client's retry after the crash.
  const { server, base } = await startServer(t, dir, target.databaseArgs);
  const final = new Map<string, Acknowledged>();
  const queue = [...drafts];
  await Promise.all(
    Array.from({ length: senders }, async () => {
      for (let d = queue.shift(); d !== undefined; d = queue.shift()) {
        tried++;
        const ack = await send(base, token, d);
        assert.ok(ack !== null, `no answer to the resend of ${d.client_ref} ${replay}`);
        final.set(d.client_ref, ack);
      }
    }),
  );
  const stopped = await stopLiptako(server);
  assert.equal(stopped.code, 0, stopped.stderr);

  for (const [ref, ack] of acknowledged) {
    const again = final.get(ref);
    assert.equal(again?.status, 200, `${ref} was acknowledged, and its resend stored it again ${replay}`);
    assert.equal(again.id, ack.id, `${ref} is report ${ack.id}, then ${again.id} ${replay}`);
    assert.deepEqual(again.incidents, ack.incidents, `${ref}: its incidents changed ${replay}`);
  }

  const expected = expectedEvents(drafts);
  const plain = await target.open();
  t.after(() => plain.close());
  const stored = await plain.all(
    `SELECT id, client_ref, (SELECT count(*) FROM report_incidents l WHERE l.report_id = reports.id) AS links
         FROM reports`,
  );
  assert.equal(
    stored.length,
    drafts.length,
    `reports stored: ${stored.length} of ${drafts.length} ${replay}`,
  );
  assert.equal(
    new Set(stored.map((r) => r['client_ref'])).size,
    drafts.length,
    `a client_ref twice ${replay}`,
  );
  let events = 0;
  for (const r of stored) {
    const ref = String(r['client_ref']);
    const want = expected.get(ref) ?? -1;
    events += want;
    assert.equal(
      Number(r['links']),
      want,
      `${ref} (report ${String(r['id'])}) has ${String(r['links'])} of its ${want} events filed ${replay}`,
    );
    assert.equal(
      final.get(ref)?.incidents.length,
      want,
      `${ref}: the resend's answer lists its events ${replay}`,
    );
  }

  // Behind each link, the incident the report created, or a recorded fusion or review into another.
  const links = await plain.all(
    `SELECT l.report_id, l.event_index, l.incident_id, i.source_key,
              (SELECT count(*) FROM incident_revisions v
                WHERE v.incident_id = l.incident_id
                  AND (v.reason = 'fusion of report ' || l.report_id
                       OR v.reason LIKE 'report ' || l.report_id || ' may describe%')) AS recorded
         FROM report_incidents l JOIN incidents i ON i.id = l.incident_id`,
  );
  let fused = 0;
  for (const l of links as Row[]) {
    const own = `report:${String(l['report_id'])}:${String(l['event_index'])}`;
    if (l['source_key'] === own) continue;
    fused++;
    assert.ok(
      Number(l['recorded']) > 0,
      `report ${String(l['report_id'])} event ${String(l['event_index'])} is linked to incident ${String(l['incident_id'])} with no fusion recorded ${replay}`,
    );
  }
  // No incident made from a report without the report's link to it.
  const orphans = await plain.all(
    `SELECT i.id, i.source_key FROM incidents i
        WHERE i.origin = 'report'
          AND NOT EXISTS (SELECT 1 FROM report_incidents l WHERE l.incident_id = i.id
                            AND i.source_key = 'report:' || l.report_id || ':' || l.event_index)`,
  );
  assert.deepEqual(orphans, [], `incidents whose report never linked them ${replay}`);

  assert.deepEqual(await summaryProblems(plain), [], `summaries out of step ${replay}`);
  assert.deepEqual(await searchProblems(plain, null), [], `full-text index out of step ${replay}`);
  if (plain.dialect === 'sqlite') assert.equal(await sqliteIntegrity(plain), 'ok');
  t.diagnostic(
    `${tried} requests (${unanswered} without an answer), ${acknowledged.size} acknowledged before the kills, ${drafts.length} reports stored once, ${events} events filed (${fused} into another report's incident), nothing lost`,
  );
}
