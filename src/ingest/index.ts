/**
 * The public entry of src/ingest: CSV import of ACLED and UCDP GED files. Callers (src/commands)
 * inject the reference lookups and the store's batch upsert; see `importFile` and `importRows`.
 */
export type { CsvFields, CsvHeader, CsvItem, CsvMalformed, CsvRecord } from './csv/csv-item.ts';
export { readCsv, readCsvChunks, type ReadCsvOptions } from './csv/read-csv.ts';
export type { SniffedEncoding } from './csv/sniffing-decoder.ts';
export { mapAcledRow, missingAcledColumns } from './acled-row.ts';
export { mapUcdpRow, missingUcdpColumns } from './ucdp-row.ts';
export { parseEventDate, type EventDateParse } from './event-date.ts';
export type { ImportedIncident, RowMapping } from './imported-incident.ts';
export type { GeocodeQuery, GeocodeResult, MappingContext, NumericDateOrder } from './mapping-context.ts';
export {
  importFile,
  importRows,
  type BatchOutcome,
  type ImportContext,
  type ImportFileResult,
  type ImportKind,
  type ImportProgress,
  type ImportSummary,
  type RowOutcome,
  type WriteBatch,
} from './import-file.ts';
export type { RejectedRow } from './rejected-row.ts';
export {
  createRejectsWriter,
  neutraliseFormula,
  rejectsPathFor,
  type RejectsWriter,
} from './rejects-writer.ts';
