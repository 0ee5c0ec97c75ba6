/**
 * `liptako extract [INPUT.jsonl|-] [--out OUTPUT.jsonl]`: reads one JSON document per line
 * {"id", "text", "lang"?, "published"?} and writes one line per input, in order:
 * {"id", "events": [...]} with the extraction contract's keys, or {"id", "events": [], "error"} for a
 * line it cannot read. Streams; no database.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { Extractor } from '../ingest/extract/extractor.ts';
import { MAX_TEXT_BYTES, parseDocumentLine } from '../ingest/extract/parse-document-line.ts';
import { readByteLines } from '../ingest/extract/read-lines.ts';
import { loadReference } from '../reference/load-reference.ts';
import { UsageError } from './cli-context.ts';

const HELP = `Usage: liptako extract [INPUT.jsonl|-] [--out OUTPUT.jsonl]
  Reads one JSON object per line, {"id", "text", "lang"?: "fr"|"en", "published"?: "YYYY-MM-DD"}, from
  the file or stdin ("-" or absent), and writes one line per input line, in order, to --out or stdout:
  {"id", "events": [{"event_date", "country_iso3", "admin1", "location", "latitude", "longitude",
  "event_type", "sub_event_type", "actor1", "actor2", "fatalities", "confidence", "evidence"}]}.
  Only incidents in Mali, Burkina Faso and Niger are given. A line that cannot be read (invalid JSON,
  no id or text, empty, binary, over 1 MB) gets {"id", "events": [], "error": "..."}; the rest go on.
  Latin-1 input is decoded. No database is used.
Exit codes: 0 done, 1 input or output file error, 2 bad usage.`;

export async function extractCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`one input file at most\n${HELP}`);
  const file = positionals[0];
  const input = file === undefined || file === '-' ? process.stdin : createReadStream(file);
  const output = values.out === undefined ? process.stdout : createWriteStream(values.out);
  const opened = new Promise<void>((resolve, reject) => {
    input.once('error', reject);
    output.once('error', reject);
    if (input === process.stdin) resolve();
    else input.once('readable', () => resolve());
  });
  try {
    await opened;
  } catch (error) {
    console.error(`liptako extract: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }

  const extractor = new Extractor(loadReference());
  const write = async (line: string): Promise<void> => {
    if (!output.write(`${line}\n`)) await once(output, 'drain');
  };
  for await (const line of readByteLines(input as AsyncIterable<Uint8Array>, MAX_TEXT_BYTES + 10_000)) {
    if (line.tooLong) {
      await write(
        JSON.stringify({
          id: null,
          events: [],
          error: `line too long (${line.length} bytes; the text may be at most ${MAX_TEXT_BYTES} bytes)`,
        }),
      );
      continue;
    }
    const parsed = parseDocumentLine(line.bytes);
    if (!parsed.ok) {
      if (parsed.error === 'empty line') continue;
      await write(JSON.stringify({ id: parsed.id, events: [], error: parsed.error }));
      continue;
    }
    let out: string;
    try {
      const events = extractor.extract(parsed.doc.text, {
        lang: parsed.doc.lang,
        published: parsed.doc.published,
      });
      out = JSON.stringify({ id: parsed.doc.id, events });
    } catch (error) {
      // A bug on one document must not stop the others: report it on that line.
      out = JSON.stringify({
        id: parsed.doc.id,
        events: [],
        error: `extraction failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
    await write(out);
  }
  if (output !== process.stdout) {
    output.end();
    await once(output, 'finish');
  }
  return 0;
}
