/**
 * One CSV cell and one CSV line (RFC 4180), with spreadsheet formulas neutralised (OWASP "CSV
 * injection"): a text cell that begins with =, +, -, @, a tab or a carriage return is written with a
 * single quote in front, so that Excel, LibreOffice and Google Sheets show it as text instead of
 * evaluating it. Numbers are written as numbers: a negative longitude stays -1.87, which no spreadsheet
 * evaluates as a formula. Pure.
 */

/** A cell as the serialisers hand it over: text is neutralised, numbers are not, null is empty. */
export type CsvValue = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/u;

/** Whether a spreadsheet would read this text as the start of a formula. */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text);
}

/** The text with a leading single quote when a spreadsheet would evaluate it. */
export function neutraliseText(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

/** One cell, quoted when it holds a comma, a quote, a line break or surrounding blanks. */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${String(value)}`);
    return String(value);
  }
  const text = neutraliseText(value);
  return /[",\r\n]|^\s|\s$/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line of cells, ended by CRLF as RFC 4180 writes it. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
