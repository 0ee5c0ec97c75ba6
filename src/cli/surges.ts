/**
 * `liptako surges detect [--on DAY]`: one run of early warning's surge detection on the database (what
 * `serve` runs on the schedule of the Charter tick): prints the surges it raised, updated and closed.
 * `liptako surges list [--all]`: the open surges (every surge with --all), as the system sees them.
 */
import { parseArgs } from 'node:util';
import { dayOf, detectSurges } from '../commands/detect-surges.ts';
import { publishSurgeAlerts } from '../commands/surge-alerts.ts';
import { loadReference } from '../reference/load-reference.ts';
import { SYSTEM_VISIBILITY } from '../commands/charter-deps.ts';
import { surgeRatio } from '../domain/early-warning/surge.ts';
import type { StoredSurge } from '../store/surge-records.ts';
import { configFrom, DATABASE_OPTIONS, openConfiguredStore, UsageError } from './cli-context.ts';

const HELP = `Usage: liptako surges detect [--on YYYY-MM-DD] [--db PATH | --database-url URL]
       liptako surges list [--all] [--db PATH | --database-url URL]

  detect: measures every admin-1 unit on the day (default today, UTC): 30-day fatalities against the
  highest 30-day total of the 365 days before, with a floor (LIPTAKO_SURGE_MIN_FATALITIES, default 10).
  Raises a surge where they exceed both, updates open ones, closes those lapsed for the cool-down
  (LIPTAKO_SURGE_COOL_DOWN_DAYS, default 7), in one transaction, and prints
  {"on","units","opened","updated","closed"}. Safe twice or beside a server; refuses a day before the
  last day a surge changed (detection runs forward only).
  list: one line per surge: id, state, level, country, admin-1, 30-day fatalities, baseline, ratio, since.
Exit codes: 0 done, 1 refused (a day before the last run), 2 bad usage.`;

const brief = (s: StoredSurge) => ({
  id: s.id,
  country: s.surge.country,
  admin1: s.surge.admin1,
  level: s.surge.level,
  state: s.surge.state,
  fatalities_30d: s.surge.fatalities30d,
  baseline: s.surge.baseline,
  opened_on: s.surge.openedOn,
  classification: s.surge.classification,
});

export async function surgesCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...DATABASE_OPTIONS, on: { type: 'string' }, all: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [action, ...extra] = positionals;
  if (action !== 'detect' && action !== 'list') throw new UsageError(`expected "detect" or "list"\n${HELP}`);
  if (extra.length > 0) throw new UsageError(`unexpected: ${extra.join(' ')}`);
  if (action === 'list' && values.on !== undefined) throw new UsageError('--on is an option of detect');
  const config = configFrom(values);
  const store = await openConfiguredStore(config);
  try {
    if (action === 'list') {
      const surges = await store.listSurges({
        visibility: SYSTEM_VISIBILITY,
        state: values.all === true ? 'all' : 'open',
        limit: 1000,
      });
      for (const s of surges) {
        const ratio = surgeRatio(s.surge);
        console.log(
          [
            s.id,
            s.surge.state,
            s.surge.level,
            s.surge.country,
            s.surge.admin1,
            s.surge.fatalities30d,
            s.surge.baseline,
            ratio === null ? '-' : ratio.toFixed(2),
            s.surge.openedOn,
          ].join('\t'),
        );
      }
      return 0;
    }
    const now = new Date();
    const reference = loadReference();
    const outcome = await detectSurges(store, {
      on: values.on ?? dayOf(now),
      now,
      rule: config.surgeRule,
      // Each surge raised is announced as a `surge` alert with it (surge-alerts.ts).
      publish: publishSurgeAlerts({
        rule: config.surgeRule,
        now: () => now,
        region: (country, admin1) => reference.adminUnits.region(country, admin1),
      }),
    });
    if (!outcome.ok) {
      if (outcome.error.code === 'before-last-run') {
        console.error(`liptako surges: ${outcome.error.message}`);
        return 1;
      }
      throw new UsageError(outcome.error.message);
    }
    const r = outcome.value;
    console.log(
      JSON.stringify(
        {
          on: r.on,
          units: r.units,
          opened: r.opened.map(brief),
          updated: r.updated.map(brief),
          closed: r.closed.map(brief),
        },
        null,
        2,
      ),
    );
    return 0;
  } finally {
    await store.close();
  }
}
