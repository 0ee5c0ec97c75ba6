/**
 * `liptako charter evaluate [INCIDENT.json|-] [--treaty ID] [--as-of YYYY-MM-DD]`: prints
 * `{"proposals": [...]}`, one proposal per article, for an incident read from a file or stdin. A JSON
 * array of incidents prints `{"results": [{"proposals": [...]}, ...]}`. No database is used.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { evaluateCharter } from '../commands/evaluate-charter.ts';
import { isIsoDate } from '../domain/incident.ts';
import { actorLookup } from '../reference/actor-lookup.ts';
import { loadReference } from '../reference/load-reference.ts';
import { DEFAULT_TREATY_ID, findTreaty, loadTreaties } from '../reference/treaties.ts';
import { UsageError } from './cli-context.ts';

const HELP = `Usage: liptako charter evaluate [INCIDENT.json|-] [--treaty ID] [--as-of YYYY-MM-DD]
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
      treaty: { type: 'string' },
      'as-of': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [action, file, ...extra] = positionals;
  if (action !== 'evaluate') throw new UsageError(`expected "evaluate"\n${HELP}`);
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
