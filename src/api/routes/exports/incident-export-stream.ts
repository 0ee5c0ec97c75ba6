/**
 * An export as a byte stream that reads the store one page at a time: the next page is read only when
 * the HTTP response has taken the previous one (Readable.from pulls its generator on demand, and the
 * response's pipe stops pulling while the socket's buffer is full). A client that goes away ends the
 * generator, and with it the reads.
 */
import { Readable } from 'node:stream';
import type { Incident } from '../../../domain/incident.ts';
import type { IncidentFilter, Store } from '../../../store/store.ts';

export interface ExportFormat {
  /** Written before the first row. */
  readonly head: string;
  readonly row: (incident: Incident) => string;
  /** Written between two rows (GeoJSON's comma). */
  readonly separator: string;
  readonly tail: string;
}

/**
 * Characters per chunk: small enough that a chunk never lands in V8's large-object space (which only
 * a full collection frees, so page-sized strings piled up there and grew the heap by hundreds of MB
 * over a million rows), large enough to keep the number of socket writes low.
 */
const CHUNK_CHARS = 16 * 1024;

export function exportStream(store: Store, filter: IncidentFilter, format: ExportFormat): Readable {
  async function* chunks(): AsyncGenerator<string, void, undefined> {
    yield format.head;
    let first = true;
    let text = '';
    for await (const page of store.exportIncidents(filter)) {
      for (const incident of page) {
        if (!first) text += format.separator;
        first = false;
        text += format.row(incident);
        if (text.length >= CHUNK_CHARS) {
          yield text;
          text = '';
        }
      }
    }
    yield text + format.tail;
  }
  return Readable.from(chunks(), { objectMode: false, highWaterMark: 64 * 1024 });
}
