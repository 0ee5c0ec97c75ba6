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

export function exportStream(store: Store, filter: IncidentFilter, format: ExportFormat): Readable {
  async function* chunks(): AsyncGenerator<string, void, undefined> {
    yield format.head;
    let first = true;
    for await (const page of store.exportIncidents(filter)) {
      let text = '';
      for (const incident of page) {
        if (!first) text += format.separator;
        first = false;
        text += format.row(incident);
      }
      yield text;
    }
    yield format.tail;
  }
  return Readable.from(chunks(), { objectMode: false, highWaterMark: 64 * 1024 });
}
