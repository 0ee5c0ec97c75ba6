/**
 * What the CSV reader yields: the header once, then one item per data row, in file order.
 *
 * Row and line numbers are 1-based. `row` is the row a spreadsheet shows (the header is row 1, a blank
 * line is a row, a quoted cell holding newlines stays in its row); `line` is the physical line of the
 * file where the row starts, which differs from `row` once a quoted cell has spanned lines.
 */

export interface CsvHeader {
  readonly kind: 'header';
  readonly row: number;
  readonly line: number;
  /** Column names as written in the file. */
  readonly labels: readonly string[];
  /** The same names normalised (see `normaliseHeaderName`): the keys of every record's `fields`. */
  readonly names: readonly string[];
}

/** The cells of a row keyed by normalised column name. */
export type CsvFields = Readonly<Record<string, string>>;

export interface CsvRecord {
  readonly kind: 'record';
  readonly row: number;
  readonly line: number;
  /** The cells as written (unquoted), in column order. */
  readonly values: readonly string[];
  readonly fields: CsvFields;
}

/** A row the reader could not split into the header's columns; the rows after it keep coming. */
export interface CsvMalformed {
  readonly kind: 'malformed';
  readonly row: number;
  readonly line: number;
  readonly reason: string;
  /** The row's cells as well as they could be read, so that a rejects file can show them. */
  readonly values: readonly string[];
}

export type CsvItem = CsvHeader | CsvRecord | CsvMalformed;
