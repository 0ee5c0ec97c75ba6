/**
 * `liptako import-cap FILE`: files a partner's CAP 1.2 alerts (one <alert>, or an Atom or RSS feed of
 * alerts) as partner reports, through extraction and fusion, with one line per alert: imported,
 * updated, duplicate, cancelled or rejected with its reason (src/commands/import-cap.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { importCapAlerts } from '../commands/import-cap.ts';
import { extractorFor } from '../commands/ingest-report.ts';
import type { Sender } from '../commands/submit-report.ts';
import { loadReference } from '../reference/load-reference.ts';
import { configFrom, DATABASE_OPTIONS, openConfiguredStore, UsageError } from './cli-context.ts';

const HELP = `Usage: liptako import-cap FILE
  FILE holds one CAP 1.2 <alert>, or an Atom or RSS feed whose entries embed alerts. Each alert becomes a
  partner report (source "CAP <sender>"; PUBLIC when its scope is Public, else AES_RESTRICTED) turned into
  incidents; an alert already imported (same sender and identifier) is a duplicate; an Update or Cancel of
  an alert imported before names it. A file with a DOCTYPE is refused.
Prints one line per alert, then the counts.
Exit codes: 0 the file was read (rejected alerts included), 1 it could not be, 2 bad usage.`;

/** Larger files are refused: a feed of a few thousand alerts. */
const MAX_BYTES = 20_000_000;

export async function importCapCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...DATABASE_OPTIONS },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError(`expected one FILE\n${HELP}`);
  const config = configFrom(values);
  let xml: string;
  try {
    if ((await stat(file)).size > MAX_BYTES) throw new Error(`larger than ${MAX_BYTES} bytes`);
    xml = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(file)).replace(/^\uFEFF/, '');
  } catch (error) {
    console.error(
      `liptako import-cap: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  const store = await openConfiguredStore(config);
  const sender: Sender = { name: 'import-cap', userId: null, role: 'system', party: null };
  try {
    const result = await importCapAlerts(store, xml, sender, new Date(), extractorFor(loadReference()));
    if (!result.ok) {
      console.error(`liptako import-cap: ${file}: ${result.error}`);
      return 1;
    }
    const counts: Record<string, number> = {};
    for (const [n, r] of result.results.entries()) {
      counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
      const name = `alert ${n + 1} ${r.sender ?? '?'},${r.identifier ?? '?'}`;
      if (r.outcome === 'rejected') console.error(`${name}: rejected: ${r.reason}`);
      else if (r.outcome === 'cancelled') console.log(`${name}: cancelled ${r.appliesTo}`);
      else if (r.outcome === 'duplicate') console.log(`${name}: duplicate (report ${r.reportId ?? '-'})`);
      else
        console.log(
          `${name}: ${r.outcome}${r.appliesTo === null ? '' : ` ${r.appliesTo}`}: report ${r.reportId}, incidents ${r.incidentIds.join(' ') || 'none'}`,
        );
    }
    console.log(
      Object.entries(counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    );
    return 0;
  } finally {
    await store.close();
  }
}
