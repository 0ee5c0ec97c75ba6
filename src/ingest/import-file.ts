/**
 * CSV import: streams a file's rows, maps each (ACLED or UCDP GED), writes accepted rows in batches
 * through an injected `writeBatch` and accounts for every row. It never throws halfway: a bad row is a
 * rejected row, and a failure that stops the import (a wrong file, a failing write) is reported in the
 * summary with what was written before it.
 *
 * Crash safety: each batch is one call of `writeBatch`, which the store runs as one transaction, so an
 * interrupted import leaves whole batches. Rows are keyed by sourceKey and hashed, so running the same
 * file again writes only what is missing or changed ("unchanged" for the rest).
 *
 * Within one file, a second row with the same id is skipped when identical to the first and rejected
 * when it differs ("duplicate event_id_cnty X, first seen on row N"). That check keeps a key and a few
 * numbers per accepted row in memory (`SeenKeys`); everything else streams in constant memory.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { validateRecord } from '../domain/incident.ts';
import { ACLED_ID_COLUMN, mapAcledRow, missingAcledColumns } from './acled-row.ts';
import type { CsvFields } from './csv/csv-item.ts';
import { readCsvChunks } from './csv/read-csv.ts';
import type { SniffedEncoding } from './csv/sniffing-decoder.ts';
import type { ImportedIncident, RowMapping } from './imported-incident.ts';
import { recordOf, type MappingContext } from './mapping-context.ts';
import type { RejectedRow } from './rejected-row.ts';
import { createRejectsWriter, rejectsPathFor } from './rejects-writer.ts';
import { SeenKeys } from './seen-keys.ts';
import { mapUcdpRow, missingUcdpColumns, UCDP_ID_COLUMN } from './ucdp-row.ts';

export type ImportKind = 'acled' | 'ucdp';

/** What the store did with one incident of a batch (the store's `UpsertOutcome`). */
export type BatchOutcome = 'inserted' | 'updated' | 'unchanged';

/**
 * Writes one batch in one transaction, all or nothing, and says what happened to each incident, in
 * order. Provided by the store through src/commands.
 */
export type WriteBatch = (batch: readonly ImportedIncident[]) => Promise<readonly BatchOutcome[]>;

/** What happened to one data row. */
export type RowOutcome =
  | {
      readonly row: number;
      readonly line: number;
      readonly outcome: BatchOutcome;
      readonly sourceKey: string;
      readonly remarks: readonly string[];
    }
  | {
      readonly row: number;
      readonly line: number;
      readonly outcome: 'duplicate';
      readonly sourceKey: string;
      /** The identical row this one repeats. */
      readonly firstRow: number;
    }
  | { readonly row: number; readonly line: number; readonly outcome: 'rejected'; readonly reason: string };

export interface ImportProgress {
  /** Data rows read so far (not counting the header and blank lines). */
  readonly rowsRead: number;
  readonly bytesRead: number;
  /** The file's size when known (`importFile` knows it), for a progress bar. */
  readonly totalBytes: number | null;
  readonly imported: number;
  readonly updated: number;
  readonly skipped: number;
  readonly rejected: number;
}

export interface ImportContext extends MappingContext {
  /** Rows per `writeBatch` call, i.e. per store transaction. Default 5,000. */
  readonly batchSize?: number;
  /** Called every `batchSize` rows read, and once at the end. */
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Every row's outcome, as it becomes known (rejections at once, written rows after their batch). */
  readonly onRow?: (outcome: RowOutcome) => void;
  /** Every rejected row, e.g. to a rejects file; `columns` is the header as written. Awaited. */
  readonly onRejected?: (row: RejectedRow, columns: readonly string[]) => void | Promise<void>;
  /** How many rejected rows the summary keeps; the others are counted. Default 1,000. */
  readonly keepRejected?: number;
  /** See `CsvParserOptions.maxRowChars`. */
  readonly maxRowChars?: number;
}

export interface ImportSummary {
  readonly rowsRead: number;
  /** Rows the store inserted. */
  readonly imported: number;
  readonly updated: number;
  /** Rows the store had unchanged, plus repeats of an identical row within the file. */
  readonly skipped: number;
  readonly rejected: number;
  /** The header as written in the file; empty when the file has none. */
  readonly columns: readonly string[];
  /** The detected encoding; null for a file read as strings. */
  readonly encoding: SniffedEncoding | null;
  /** The first `keepRejected` rejected rows. */
  readonly rejectedRows: readonly RejectedRow[];
  /**
   * Why the import stopped before the end of the file, or null when it read the whole file. The counts
   * are of rows written before it stopped.
   */
  readonly stopped: { readonly reason: string; readonly cause?: unknown } | null;
}

interface RowFormat {
  /** As in "not an ACLED file". */
  readonly label: string;
  readonly map: (fields: CsvFields, context: MappingContext) => RowMapping;
  readonly missingColumns: (names: readonly string[]) => string[];
  readonly idColumn: string;
}

const FORMATS: Readonly<Record<ImportKind, RowFormat>> = {
  acled: {
    label: 'an ACLED',
    map: mapAcledRow,
    missingColumns: missingAcledColumns,
    idColumn: ACLED_ID_COLUMN,
  },
  ucdp: {
    label: 'a UCDP GED',
    map: mapUcdpRow,
    missingColumns: missingUcdpColumns,
    idColumn: UCDP_ID_COLUMN,
  },
};

/**
 * Imports a CSV stream of the given kind. Resolves with the summary; rejects only on a bug in this
 * code, never on bad input or a failing write.
 */
export async function importRows(
  input: AsyncIterable<Uint8Array | string>,
  kind: ImportKind,
  context: ImportContext,
  writeBatch: WriteBatch,
): Promise<ImportSummary> {
  const format = FORMATS[kind];
  const batchSize = Math.max(1, context.batchSize ?? 5000);
  const keepRejected = context.keepRejected ?? 1000;
  let rowsRead = 0;
  let bytesRead = 0;
  let imported = 0;
  let updated = 0;
  let skipped = 0;
  let rejected = 0;
  let columns: readonly string[] = [];
  let encoding: SniffedEncoding | null = null;
  const rejectedRows: RejectedRow[] = [];
  let stopped: ImportSummary['stopped'] = null;
  const seen = new SeenKeys();

  // A batch and, index for index, its rows' numbers and remarks: plain arrays rather than an object per
  // row, as a batch lives long enough for its objects to cost in garbage collection.
  let batch: ImportedIncident[] = [];
  let batchRows: number[] = [];
  let batchLines: number[] = [];
  let batchRemarks: (readonly string[])[] = [];
  /** The batch being written while the next is read; resolves to the write's error, if any. */
  let inFlight: Promise<unknown> | null = null;

  /** What the import was doing, for the reason it gives if it stops. */
  let stage = 'reading the file';

  const progress = (): void =>
    context.onProgress?.({ rowsRead, bytesRead, totalBytes: null, imported, updated, skipped, rejected });

  const reject = async (
    row: number,
    line: number,
    reason: string,
    values: readonly string[],
  ): Promise<void> => {
    rejected++;
    const rejectedRow: RejectedRow = { row, line, reason, values };
    if (rejectedRows.length < keepRejected) rejectedRows.push(rejectedRow);
    context.onRow?.({ row, line, outcome: 'rejected', reason });
    if (context.onRejected === undefined) return;
    stage = 'passing on a rejected row';
    await context.onRejected(rejectedRow, columns);
    stage = 'reading the file';
  };

  const write = async (
    incidents: ImportedIncident[],
    rows: number[],
    lines: number[],
    remarks: (readonly string[])[],
  ): Promise<void> => {
    const outcomes = await writeBatch(incidents);
    if (outcomes.length !== incidents.length)
      throw new Error(`writeBatch returned ${outcomes.length} outcomes for ${incidents.length} rows`);
    outcomes.forEach((outcome, i) => {
      if (outcome === 'inserted') imported++;
      else if (outcome === 'updated') updated++;
      else skipped++;
      // Safe: the four arrays were filled together, and their length checked above.
      context.onRow?.({
        row: rows[i] as number,
        line: lines[i] as number,
        outcome,
        sourceKey: (incidents[i] as ImportedIncident).sourceKey,
        remarks: remarks[i] as readonly string[],
      });
    });
  };

  /** Waits for the batch being written; throws its error so that the import stops. */
  const settle = async (): Promise<void> => {
    const error = await inFlight;
    inFlight = null;
    if (error !== null) throw error;
  };

  const flush = async (): Promise<void> => {
    await settle();
    if (batch.length === 0) return;
    // A handler is attached at once: a failing write must not be an unhandled rejection meanwhile.
    inFlight = write(batch, batchRows, batchLines, batchRemarks).then(
      () => null,
      (error: unknown) => error ?? new Error('writeBatch failed'),
    );
    batch = [];
    batchRows = [];
    batchLines = [];
    batchRemarks = [];
  };

  const recordProblems = validateRecord(recordOf(context, kind));
  if (recordProblems.length > 0) {
    const reason = recordProblems.map((p) => `${p.field}: ${p.message}`).join('; ');
    return {
      rowsRead,
      imported,
      updated,
      skipped,
      rejected,
      columns,
      encoding,
      rejectedRows,
      stopped: { reason },
    };
  }

  try {
    const chunks = readCsvChunks(input, {
      ...(context.maxRowChars === undefined ? {} : { maxRowChars: context.maxRowChars }),
      onBytes: (n) => (bytesRead = n),
      onEncoding: (e) => (encoding = e),
    });
    reading: for await (const items of chunks) {
      for (const item of items) {
        if (item.kind === 'header') {
          columns = item.labels;
          const missing = format.missingColumns(item.names);
          if (missing.length > 0) {
            const what = missing.length > 1 ? 'columns' : 'column';
            stopped = { reason: `not ${format.label} file: missing ${what} ${missing.join(', ')}` };
            break reading;
          }
          continue;
        }
        rowsRead++;
        if (rowsRead % batchSize === 0) progress();
        if (item.kind === 'malformed') {
          await reject(item.row, item.line, item.reason, item.values);
          continue;
        }
        const mapped = format.map(item.fields, context);
        if (!mapped.ok) {
          await reject(item.row, item.line, mapped.reason, item.values);
          continue;
        }
        const incident = mapped.incident;
        const first = seen.check(incident.sourceKey, item.row, incident.contentHash);
        if (first !== undefined) {
          if (first.identical) {
            skipped++;
            context.onRow?.({
              row: item.row,
              line: item.line,
              outcome: 'duplicate',
              sourceKey: incident.sourceKey,
              firstRow: first.firstRow,
            });
          } else {
            const id = (item.fields[format.idColumn] ?? incident.sourceKey).trim();
            const reason = `duplicate ${format.idColumn} ${id}, first seen on row ${first.firstRow}`;
            await reject(item.row, item.line, reason, item.values);
          }
          continue;
        }
        batch.push(incident);
        batchRows.push(item.row);
        batchLines.push(item.line);
        batchRemarks.push(mapped.remarks);
        if (batch.length >= batchSize) {
          stage = 'writing a batch';
          await flush();
          stage = 'reading the file';
        }
      }
    }
    if (stopped === null && columns.length === 0) stopped = { reason: 'the file is empty: no header row' };
    stage = 'writing a batch';
    await flush();
    await settle();
  } catch (error) {
    stopped = {
      reason: `${stage} failed: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    };
    // The batch being written may still finish (committed or not); account for it before returning.
    if (inFlight !== null) await settle().catch(() => undefined);
  }
  progress();
  return { rowsRead, imported, updated, skipped, rejected, columns, encoding, rejectedRows, stopped };
}

export interface ImportFileResult extends ImportSummary {
  /** Where the rejected rows were written; null when there were none (an older rejects file is removed). */
  readonly rejectsPath: string | null;
}

/**
 * Imports a CSV file from disk and writes its rejected rows to `<path>.rejects.csv` beside it.
 * Progress carries the file's size.
 */
export async function importFile(
  path: string,
  kind: ImportKind,
  context: ImportContext,
  writeBatch: WriteBatch,
): Promise<ImportFileResult> {
  const totalBytes = await stat(path).then(
    (s) => s.size,
    () => null,
  );
  const rejectsPath = rejectsPathFor(path);
  const rejects = createRejectsWriter(rejectsPath);
  const onProgress = context.onProgress;
  const summary = await importRows(
    createReadStream(path, { highWaterMark: 256 * 1024 }),
    kind,
    {
      ...context,
      onProgress: onProgress === undefined ? undefined : (p) => onProgress({ ...p, totalBytes }),
      onRejected: async (row, columns) => {
        await context.onRejected?.(row, columns);
        await rejects.write(row, columns);
      },
    },
    writeBatch,
  );
  const written = await rejects.close().then(
    (count) => ({ count, error: null }),
    (error: unknown) => ({ count: 0, error }),
  );
  const stopped =
    summary.stopped ??
    (written.error === null
      ? null
      : { reason: `writing ${rejectsPath} failed: ${String(written.error)}`, cause: written.error });
  return { ...summary, stopped, rejectsPath: written.count > 0 ? rejectsPath : null };
}
