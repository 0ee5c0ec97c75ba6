/** A row an import did not take, with the reason and the row's cells as written. */
export interface RejectedRow {
  /** The row a spreadsheet shows; the header is row 1. */
  readonly row: number;
  /** The physical line where the row starts. */
  readonly line: number;
  readonly reason: string;
  readonly values: readonly string[];
}
