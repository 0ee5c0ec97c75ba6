/**
 * Streams a CSV file: header, then rows with their numbers, in constant memory (one chunk and one row).
 * The encoding is detected as the bytes arrive (see `SniffingDecoder`); a malformed row is yielded as
 * such and the rows after it keep coming.
 */
import type { CsvItem } from './csv-item.ts';
import { CsvParser, type CsvParserOptions } from './csv-parser.ts';
import { SniffingDecoder, type SniffedEncoding } from './sniffing-decoder.ts';

export interface ReadCsvOptions extends CsvParserOptions {
  /** Called after each chunk with the bytes read so far, for a progress bar. */
  readonly onBytes?: (bytesRead: number) => void;
  /** Called once when the encoding is known (at the first non-ASCII byte, or at the end). */
  readonly onEncoding?: (encoding: SniffedEncoding) => void;
}

/**
 * Reads CSV from a byte stream (a Node `Readable` from `fs.createReadStream`, or any async iterable of
 * bytes), one item at a time. Strings are taken as already decoded.
 */
export async function* readCsv(
  input: AsyncIterable<Uint8Array | string>,
  options: ReadCsvOptions = {},
): AsyncGenerator<CsvItem, void, undefined> {
  for await (const items of readCsvChunks(input, options)) yield* items;
}

/**
 * The same as `readCsv`, yielding the items of each chunk of input together: one `await` per chunk
 * instead of per row, which is what a bulk import wants.
 */
export async function* readCsvChunks(
  input: AsyncIterable<Uint8Array | string>,
  options: ReadCsvOptions = {},
): AsyncGenerator<readonly CsvItem[], void, undefined> {
  const decoder = new SniffingDecoder();
  const parser = new CsvParser(options);
  let bytesRead = 0;
  let encodingReported = false;
  const reportEncoding = (final: boolean): void => {
    if (encodingReported || options.onEncoding === undefined) return;
    const encoding = decoder.encoding ?? (final ? 'utf-8' : null);
    if (encoding === null) return;
    encodingReported = true;
    options.onEncoding(encoding);
  };
  for await (const chunk of input) {
    let text: string;
    if (typeof chunk === 'string') {
      text = chunk;
      bytesRead += Buffer.byteLength(chunk);
    } else {
      text = decoder.write(chunk);
      bytesRead += chunk.byteLength;
      reportEncoding(false);
    }
    options.onBytes?.(bytesRead);
    const items = parser.push(text);
    if (items.length > 0) yield items;
  }
  const rest = decoder.end();
  reportEncoding(true);
  const items = parser.end(rest);
  if (items.length > 0) yield items;
}
