/**
 * `liptako ingest FILE [--source NAME] [--classification C]`: stores each line of the extractor's input
 * format (JSONL), or each item of an RSS 2.0 or Atom feed, as a news report and ingests it (extraction,
 * then fusion into incidents). Each line's or item's outcome goes to stdout, bad ones to stderr with
 * their number; the rest go on. Re-running a file changes nothing: a line's id, an item's guid or id,
 * is its report's client reference.
 */
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { extractorFor } from '../commands/ingest-report.ts';
import { submitReport, type Sender } from '../commands/submit-report.ts';
import { isClassification } from '../domain/classification.ts';
import { decodeLine, MAX_TEXT_BYTES, parseDocumentLine } from '../ingest/extract/parse-document-line.ts';
import { readByteLines } from '../ingest/extract/read-lines.ts';
import { looksLikeXml, parseFeed } from '../ingest/feed/parse-feed.ts';
import { loadReference } from '../reference/load-reference.ts';
import { configFrom, DATABASE_OPTIONS, openConfiguredStore, UsageError } from './cli-context.ts';

const HELP = `Usage: liptako ingest FILE [options]
  FILE is JSONL, one JSON object per line, {"id", "text", "lang"?, "published"?: "YYYY-MM-DD", "url"?,
  "title"?}, or an RSS 2.0 or Atom feed (each item: title and description or content as text, pubDate,
  published or updated as its date, guid or id as its id). Stores each as a news report (its id as the
  client reference: a re-run changes nothing) and turns it into incidents: new machine-coded ones, or
  fused into the incident several reports describe.
  --source NAME                                    the reports' source (default: the file's name)
  --classification PUBLIC|AES_RESTRICTED|NATIONAL  of the reports and their new incidents (default PUBLIC)
  --owner-party ISO3                               owner of NATIONAL reports
Prints one line per input line or feed item, then: reports N (new M), incidents created C, fused F,
errors E.
Exit codes: 0 the file was read (bad lines included), 1 it could not be, 2 bad usage.`;

/** The optional url and title of a line that parseDocumentLine accepted (it reads only its own keys). */
function urlAndTitle(bytes: Uint8Array): { url: string | null; title: string | null } {
  const value: unknown = JSON.parse(decodeLine(bytes).replace(/^\uFEFF/, ''));
  const record = value as Record<string, unknown>; // parseDocumentLine checked it is an object
  return {
    url: typeof record.url === 'string' && /^https?:\/\//.test(record.url) ? record.url : null,
    title: typeof record.title === 'string' ? record.title.slice(0, 1000) : null,
  };
}

/** A feed larger than this is refused (a day of a busy wire is a few megabytes). */
const MAX_FEED_BYTES = 50_000_000;

/** Whether the file is XML (a feed) rather than JSONL: its first character past blanks is "<". */
async function isFeed(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(1024), 0, 1024, 0);
    return looksLikeXml(decodeLine(buffer.subarray(0, bytesRead)));
  } finally {
    await handle.close();
  }
}

/** Why an item's text cannot be a report, as a JSONL line's would be refused; null when it can. */
function checkText(text: string): string | null {
  if (text.trim() === '') return 'empty text';
  if (Buffer.byteLength(text, 'utf8') > MAX_TEXT_BYTES)
    return `text too long (more than ${MAX_TEXT_BYTES} bytes)`;
  return null;
}

export async function ingestCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...DATABASE_OPTIONS,
      source: { type: 'string' },
      classification: { type: 'string' },
      'owner-party': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError(`expected one FILE\n${HELP}`);
  const classification = values.classification ?? 'PUBLIC';
  if (!isClassification(classification))
    throw new UsageError('--classification must be PUBLIC, AES_RESTRICTED or NATIONAL');
  const ownerParty = values['owner-party']?.toUpperCase() ?? null;
  if (classification === 'NATIONAL' && ownerParty === null)
    throw new UsageError('NATIONAL reports need --owner-party MLI|BFA|NER');
  const source = values.source ?? path.basename(file);
  const config = configFrom(values);
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
  } catch (error) {
    console.error(
      `liptako ingest: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }

  const feed = await isFeed(file);
  const store = await openConfiguredStore(config);
  const extractor = extractorFor(loadReference());
  // Reports of one source are kept apart from another's by their sender: ids repeat across feeds.
  const sender: Sender = { name: `ingest:${source}`, userId: null, role: 'system', party: null };
  const totals = { reports: 0, created: 0, fused: 0, errors: 0, new: 0 };
  let where = feed ? 'item 0' : 'line 0';
  const bad = (message: string): void => {
    totals.errors += 1;
    console.error(`${where}: ${message}`);
  };
  /** Stores one document as a report, ingests it, and prints what became of it. */
  const ingestOne = async (doc: {
    id: string;
    text: string;
    lang: 'fr' | 'en' | null;
    published: string | null;
    url: string | null;
    title: string | null;
  }): Promise<void> => {
    const result = await submitReport(
      store,
      {
        kind: 'news',
        source,
        url: doc.url,
        language: doc.lang,
        title: doc.title,
        text: doc.text,
        published: doc.published,
        classification,
        ownerParty,
        clientRef: doc.id,
      },
      sender,
      new Date(),
      extractor,
    );
    if (!result.ok) {
      bad(`id ${doc.id}: ${result.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
      return;
    }
    totals.reports += 1;
    if (result.created) totals.new += 1;
    const ingest = result.ingest;
    if (ingest?.error != null) {
      bad(`id ${doc.id}: report ${result.report.id} stored, but ${ingest.error}`);
      return;
    }
    const events = ingest?.events ?? [];
    const fresh = !result.created || ingest?.alreadyIngested === true ? [] : events;
    totals.created += fresh.filter((e) => e.outcome === 'created').length;
    totals.fused += fresh.filter((e) => e.outcome !== 'created').length;
    const described =
      events.length === 0
        ? 'no incident'
        : events
            .map(
              (e) =>
                `${e.outcome === 'review' ? 'linked for review to' : e.outcome} incident ${e.incidentId}`,
            )
            .join(', ');
    console.log(
      `${where} id ${doc.id}: report ${result.report.id}${result.created ? '' : ' (already stored)'}: ${described}`,
    );
  };
  try {
    if (feed) {
      const bytes = await readFile(file);
      if (bytes.length > MAX_FEED_BYTES) {
        console.error(`liptako ingest: ${file} is larger than ${MAX_FEED_BYTES} bytes`);
        return 1;
      }
      const parsed = parseFeed(decodeLine(bytes));
      if (!parsed.ok) {
        console.error(`liptako ingest: cannot read the feed ${file}: ${parsed.error}`);
        return 1;
      }
      for (const [n, item] of parsed.items.entries()) {
        where = `item ${n + 1}`;
        const checked = checkText(item.text);
        if (checked !== null) {
          bad(`id ${item.id}: ${checked}`);
          continue;
        }
        await ingestOne({ ...item, id: item.id.slice(0, 500), title: item.title?.slice(0, 1000) ?? null });
      }
      return 0;
    }
    const input = createReadStream(file) as AsyncIterable<Uint8Array>;
    let lineNumber = 0;
    for await (const line of readByteLines(input, MAX_TEXT_BYTES + 10_000)) {
      lineNumber += 1;
      where = `line ${lineNumber}`;
      if (line.tooLong) {
        bad(`line too long (${line.length} bytes; the text may be at most ${MAX_TEXT_BYTES} bytes)`);
        continue;
      }
      const parsed = parseDocumentLine(line.bytes);
      if (!parsed.ok) {
        if (parsed.error !== 'empty line')
          bad(`${parsed.id === null ? '' : `id ${parsed.id}: `}${parsed.error}`);
        continue;
      }
      const { doc } = parsed;
      await ingestOne({ ...doc, ...urlAndTitle(line.bytes) });
    }
  } catch (error) {
    console.error(
      `liptako ingest: stopped at ${where}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  } finally {
    console.log(
      `reports ${totals.reports} (new ${totals.new}), incidents created ${totals.created}, fused ${totals.fused}, errors ${totals.errors}`,
    );
    await store.close();
  }
  return 0;
}
