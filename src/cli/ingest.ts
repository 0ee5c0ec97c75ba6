/**
 * `liptako ingest FILE.jsonl [--source NAME] [--classification C]`: stores each line of the extractor's
 * input format as a news report and ingests it (extraction, then fusion into incidents). Each line's
 * outcome goes to stdout, bad lines to stderr with their number; the rest go on. Re-running a file
 * changes nothing: a line's id is its report's client reference.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { extractorFor } from '../commands/ingest-report.ts';
import { submitReport, type Sender } from '../commands/submit-report.ts';
import { isClassification } from '../domain/classification.ts';
import { decodeLine, MAX_TEXT_BYTES, parseDocumentLine } from '../ingest/extract/parse-document-line.ts';
import { readByteLines } from '../ingest/extract/read-lines.ts';
import { loadReference } from '../reference/load-reference.ts';
import { configFrom, DATABASE_OPTIONS, openConfiguredStore, UsageError } from './cli-context.ts';

const HELP = `Usage: liptako ingest FILE.jsonl [options]
  Reads one JSON object per line, {"id", "text", "lang"?, "published"?: "YYYY-MM-DD", "url"?, "title"?},
  stores each as a news report (its id as the client reference: a re-run changes nothing) and turns it
  into incidents: new machine-coded ones, or fused into the incident several reports describe.
  --source NAME                                    the reports' source (default: the file's name)
  --classification PUBLIC|AES_RESTRICTED|NATIONAL  of the reports and their new incidents (default PUBLIC)
  --owner-party ISO3                               owner of NATIONAL reports
Prints one line per input line, then: reports N (new M), incidents created C, fused F, errors E.
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
  if (file === undefined || extra.length > 0) throw new UsageError(`expected one FILE.jsonl\n${HELP}`);
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

  const store = await openConfiguredStore(config);
  const extractor = extractorFor(loadReference());
  // Reports of one source are kept apart from another's by their sender: ids repeat across feeds.
  const sender: Sender = { name: `ingest:${source}`, userId: null, role: 'system', party: null };
  const totals = { reports: 0, created: 0, fused: 0, errors: 0, new: 0 };
  let lineNumber = 0;
  const bad = (message: string): void => {
    totals.errors += 1;
    console.error(`line ${lineNumber}: ${message}`);
  };
  try {
    const input = createReadStream(file) as AsyncIterable<Uint8Array>;
    for await (const line of readByteLines(input, MAX_TEXT_BYTES + 10_000)) {
      lineNumber += 1;
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
      const { url, title } = urlAndTitle(line.bytes);
      const result = await submitReport(
        store,
        {
          kind: 'news',
          source,
          url,
          language: doc.lang,
          title,
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
        continue;
      }
      totals.reports += 1;
      if (result.created) totals.new += 1;
      const ingest = result.ingest;
      if (ingest?.error != null) {
        bad(`id ${doc.id}: report ${result.report.id} stored, but ${ingest.error}`);
        continue;
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
        `line ${lineNumber} id ${doc.id}: report ${result.report.id}${result.created ? '' : ' (already stored)'}: ${described}`,
      );
    }
  } catch (error) {
    console.error(
      `liptako ingest: stopped at line ${lineNumber}: ${error instanceof Error ? error.message : String(error)}`,
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
