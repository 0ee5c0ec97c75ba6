/**
 * Writes an import's rejected rows to a CSV beside the input (`<input>.rejects.csv`): the row number, the
 * reason, then the row's cells under the file's own header, so that the rows can be fixed in a
 * spreadsheet and imported again.
 *
 * The file is meant to be opened in a spreadsheet, so every cell that a spreadsheet would run as a
 * formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe. Plain numbers
 * such as a longitude of -1.63 are left alone: they cannot be formulas, and the apostrophe would break
 * them on re-import. Written as UTF-8 with a byte-order mark and CRLF, which Excel reads correctly.
 */
import { open, rm, type FileHandle } from 'node:fs/promises';
import type { RejectedRow } from './rejected-row.ts';

/** Where the rejected rows of `inputPath` go. */
export function rejectsPathFor(inputPath: string): string {
  return `${inputPath}.rejects.csv`;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/** The cell made safe to open in a spreadsheet. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

/** One CSV cell, quoted when it must be. */
function csvCell(value: string): string {
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export interface RejectsWriter {
  /** Appends a row; the first call writes the header from `columns`. */
  write(row: RejectedRow, columns: readonly string[]): Promise<void>;
  /**
   * Flushes and closes, resolving with the number of rows written. With none, no file is left: a
   * rejects file from an earlier run of the same input would otherwise outlive its rows.
   */
  close(): Promise<number>;
}

const FLUSH_AT = 64 * 1024;

export function createRejectsWriter(path: string): RejectsWriter {
  // A promise, so that two writes that do not wait for each other still open the file once.
  let opening: Promise<FileHandle> | null = null;
  let handle: FileHandle | null = null;
  let buffered = '';
  let count = 0;

  const flush = async (): Promise<void> => {
    if (handle === null || buffered === '') return;
    const text = buffered;
    buffered = '';
    await handle.write(text, null, 'utf8');
  };

  return {
    async write(row, columns) {
      if (opening === null) {
        buffered = `\uFEFF${csvLine(['row', 'reason', ...columns])}`;
        opening = open(path, 'w');
      }
      handle = await opening;
      buffered += csvLine([String(row.row), row.reason, ...row.values]);
      count++;
      if (buffered.length >= FLUSH_AT) await flush();
    },
    async close() {
      if (opening === null) {
        await rm(path, { force: true });
        return 0;
      }
      handle = await opening;
      try {
        await flush();
      } finally {
        await handle.close();
      }
      return count;
    },
  };
}
