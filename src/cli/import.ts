/**
 * `liptako import acled|ucdp FILE.csv`: streams the file into the store, prints a progress bar on a
 * terminal, writes rejected rows beside the input and ends with
 * `imported N, updated U, skipped S, rejected R`.
 */
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { importEvents } from '../commands/import-events.ts';
import { isClassification } from '../domain/classification.ts';
import { INCIDENT_STATUSES, type IncidentStatus } from '../domain/incident.ts';
import type { ImportProgress } from '../ingest/import-file.ts';
import { loadReference } from '../reference/load-reference.ts';
import { configFrom, DATABASE_OPTIONS, openConfiguredStore, UsageError } from './cli-context.ts';

const HELP = `Usage: liptako import acled|ucdp FILE.csv [options]
  --classification PUBLIC|AES_RESTRICTED|NATIONAL   of the imported incidents (default PUBLIC)
  --owner-party ISO3                                 owner of NATIONAL incidents
  --status verified|reported|machine-coded           (default verified: ACLED and UCDP are curated)
  --day-first | --month-first                        how to read dates such as 05/03/2024
Rejected rows are written to FILE.csv.rejects.csv with their row number and reason.
Exit code: 0 when the whole file was read (rejects included), 1 when the import stopped.`;

function progressBar(p: ImportProgress): string {
  const fraction = p.totalBytes ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
  const width = 30;
  const done = Math.round(fraction * width);
  return `\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${p.rowsRead.toLocaleString('en')} rows, ${p.rejected} rejected`;
}

/** Why `file` cannot be imported at all, or null when it is a file. */
async function notImportable(file: string): Promise<string | null> {
  try {
    return (await stat(file)).isFile() ? null : 'not a file';
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return 'no such file';
    return error instanceof Error ? error.message : String(error);
  }
}

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...DATABASE_OPTIONS,
      classification: { type: 'string' },
      'owner-party': { type: 'string' },
      status: { type: 'string' },
      'day-first': { type: 'boolean' },
      'month-first': { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [kind, file, ...extra] = positionals;
  if ((kind !== 'acled' && kind !== 'ucdp') || file === undefined || extra.length > 0)
    throw new UsageError(`expected "acled FILE.csv" or "ucdp FILE.csv"\n${HELP}`);
  const classification = values.classification ?? 'PUBLIC';
  if (!isClassification(classification))
    throw new UsageError('--classification must be PUBLIC, AES_RESTRICTED or NATIONAL');
  const status = values.status ?? 'verified';
  if (!(INCIDENT_STATUSES as readonly string[]).includes(status))
    throw new UsageError(`--status must be one of ${INCIDENT_STATUSES.join(', ')}`);
  const ownerParty = values['owner-party']?.toUpperCase() ?? null;
  if (classification === 'NATIONAL' && ownerParty === null)
    throw new UsageError('NATIONAL incidents need --owner-party MLI|BFA|NER');
  if (values['day-first'] && values['month-first'])
    throw new UsageError('choose --day-first or --month-first');

  const config = configFrom(values);
  // A wrong path is a mistake in the command, not an interrupted import: say so before a database is
  // created or an import run recorded, rather than "import stopped … run it again to complete it".
  const problem = await notImportable(file);
  if (problem !== null) throw new Error(`cannot read ${file}: ${problem}`);

  const store = await openConfiguredStore(config);
  const tty = process.stderr.isTTY;
  try {
    const result = await importEvents(store, loadReference(), file, kind, {
      classification,
      // Checked against INCIDENT_STATUSES above.
      status: status as IncidentStatus,
      ownerParty,
      ...(values['day-first'] ? { numericDateOrder: 'day-first' as const } : {}),
      ...(values['month-first'] ? { numericDateOrder: 'month-first' as const } : {}),
      ...(tty ? { onProgress: (p: ImportProgress) => process.stderr.write(progressBar(p)) } : {}),
    });
    if (tty) process.stderr.write('\n');
    for (const r of result.rejectedRows.slice(0, 10)) console.error(`row ${r.row}: ${r.reason}`);
    if (result.rejected > 10) console.error(`… and ${result.rejected - 10} more rejected rows`);
    if (result.rejectsPath !== null) console.error(`rejected rows written to ${result.rejectsPath}`);
    if (result.stopped !== null)
      console.error(`import stopped: ${result.stopped.reason}; run it again to complete it`);
    console.log(
      `imported ${result.imported}, updated ${result.updated}, skipped ${result.skipped}, rejected ${result.rejected}`,
    );
    return result.stopped === null ? 0 : 1;
  } finally {
    await store.close();
  }
}
