/**
 * `liptako charter evaluate [INCIDENT.json|-] [--treaty ID] [--as-of YYYY-MM-DD]`: prints
 * `{"proposals": [...]}`, one proposal per article, for an incident read from a file or stdin. A JSON
 * array of incidents prints `{"results": [{"proposals": [...]}, ...]}`. No database is used.
 *
 * `liptako charter tick [--at INSTANT] [--evaluations N]`: one Charter tick on the database (what
 * `serve` runs on a schedule): prints what it evaluated, closed and flagged.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { charterTick, DEFAULT_EVALUATIONS_PER_TICK } from '../commands/charter-tick.ts';
import { evaluateCharter } from '../commands/evaluate-charter.ts';
import { isIsoDate } from '../domain/incident.ts';
import { actorLookup } from '../reference/actor-lookup.ts';
import { loadReference } from '../reference/load-reference.ts';
import { DEFAULT_TREATY_ID, findTreaty, loadTreaties } from '../reference/treaties.ts';
import { configFrom, DATABASE_OPTIONS, openConfiguredStore, UsageError } from './cli-context.ts';

const HELP = `Usage: liptako charter evaluate [INCIDENT.json|-] [--treaty ID] [--as-of YYYY-MM-DD]
       liptako charter tick [--at INSTANT] [--evaluations N] [--db PATH | --database-url URL]

  Reads one incident (a JSON object) from the file, or from stdin when the file is "-" or absent, and
  prints {"proposals": [...]}: one proposal per article of the treaty, with status (engaged, proposed,
  not_engaged), confidence, reasons (fact, value, clause text in French and English), missing facts and
  obligations per party. A JSON array of incidents prints {"results": [{"proposals": [...]}, ...]}.

  Incident fields: event_date, country_iso3, admin1, location, latitude, longitude, event_type,
  sub_event_type, actor1, actor2, fatalities; optional facts: target (forces, installation, civilians,
  ship, aircraft, infrastructure), launched_from (ISO3), territory_seized (true/false), actor1_type and
  actor2_type (designation), actor1_state and actor2_state (ISO3). Missing facts lower the confidence
  and are listed in "missing"; actors' designations come from the actor registry when not given.

  --treaty ID          the treaty to read (default ${DEFAULT_TREATY_ID})
  --as-of YYYY-MM-DD   the day whose parties and clauses count (default: the incident's event_date,
                       because a treaty binds those who were parties on the day it happened)

  tick: what "serve" runs every LIPTAKO_CHARTER_TICK_SECONDS: evaluates verified incidents no
  evaluation has read yet (at most --evaluations, default ${DEFAULT_EVALUATIONS_PER_TICK}), closes the decisions
  whose deadline passed before --at (default now; an ISO instant), flags overdue obligations, and
  prints {"evaluated","closed","flagged","conflicts"}. Running it twice, or beside a server, is safe.
Exit codes: 0 printed, 2 bad usage or input (invalid JSON, a malformed field, an unknown treaty).`;

async function readInput(file: string | undefined): Promise<{ text: string; name: string }> {
  if (file === undefined || file === '-') {
    if (process.stdin.isTTY)
      throw new UsageError(`give INCIDENT.json or pipe the incident on stdin\n${HELP}`);
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer); // stdin yields Buffers without an encoding set
    return { text: Buffer.concat(chunks).toString('utf8'), name: 'stdin' };
  }
  try {
    return { text: await readFile(file, 'utf8'), name: file };
  } catch (error) {
    const why =
      error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'no such file' : String(error);
    throw new UsageError(`cannot read ${file}: ${why}`);
  }
}

export async function charterCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...DATABASE_OPTIONS,
      treaty: { type: 'string' },
      'as-of': { type: 'string' },
      at: { type: 'string' },
      evaluations: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [action, file, ...extra] = positionals;
  if (action === 'tick') {
    if (file !== undefined) throw new UsageError(`tick takes no file, got: ${[file, ...extra].join(' ')}`);
    return tick(values);
  }
  if (action !== 'evaluate') throw new UsageError(`expected "evaluate" or "tick"\n${HELP}`);
  if (extra.length > 0) throw new UsageError(`one incident file at most, got also: ${extra.join(' ')}`);
  const asOf = values['as-of'] ?? null;
  if (asOf !== null && !isIsoDate(asOf))
    throw new UsageError(`--as-of: "${asOf}" is not a date (YYYY-MM-DD)`);
  const treatyId = values.treaty ?? DEFAULT_TREATY_ID;
  const treaty = findTreaty(treatyId);
  if (treaty === null)
    throw new UsageError(
      `--treaty: unknown treaty "${treatyId}"; known: ${loadTreaties()
        .map((t) => t.id)
        .join(', ')}`,
    );

  const input = await readInput(file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.text);
  } catch (error) {
    throw new UsageError(
      `${input.name} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const lookup = actorLookup(loadReference());
  const incidents = Array.isArray(parsed) ? parsed : [parsed];
  const results = incidents.map((incident, i) => {
    const outcome = evaluateCharter(incident, treaty, asOf, lookup);
    if (!outcome.ok) {
      const where = Array.isArray(parsed) ? `${input.name}[${i}]` : input.name;
      throw new UsageError(
        `${where}: the incident is malformed:\n${outcome.problems.map((p) => `  - ${p.field}: ${p.message}`).join('\n')}`,
      );
    }
    return { proposals: outcome.proposals };
  });
  const output = Array.isArray(parsed) ? { results } : results[0];
  console.log(JSON.stringify(output, null, 2));
  return 0;
}

async function tick(values: {
  db?: string | undefined;
  'database-url'?: string | undefined;
  at?: string | undefined;
  evaluations?: string | undefined;
}): Promise<number> {
  const at = values.at === undefined ? new Date() : new Date(values.at);
  if (values.at !== undefined && (!/^\d{4}-\d{2}-\d{2}T/.test(values.at) || Number.isNaN(at.getTime())))
    throw new UsageError(`--at: "${values.at}" is not an ISO instant (e.g. 2024-05-11T12:00:00Z)`);
  const evaluations = Number(values.evaluations ?? DEFAULT_EVALUATIONS_PER_TICK);
  if (!Number.isInteger(evaluations) || evaluations < 0)
    throw new UsageError(`--evaluations: "${values.evaluations ?? ''}" is not a whole number of 0 or more`);
  const store = await openConfiguredStore(configFrom(values));
  try {
    const result = await charterTick(
      { store, treaties: loadTreaties(), lookup: actorLookup(loadReference()) },
      at,
      { evaluations },
    );
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await store.close();
  }
  return 0;
}
