/**
 * A stand-in for the store's batch upsert, keyed on sourceKey and compared on contentHash like the real
 * one, all-or-nothing per batch. The real store is tested against real databases in test/store.
 */
import type { BatchOutcome, WriteBatch } from '../../src/ingest/import-file.ts';
import type { ImportedIncident } from '../../src/ingest/imported-incident.ts';

export class InMemoryWriter {
  readonly rows = new Map<string, ImportedIncident>();
  batches = 0;
  /** The 1-based call of writeBatch that fails, writing nothing, as a crash would. */
  failOnBatch: number | null = null;

  readonly writeBatch: WriteBatch = (batch) => {
    this.batches++;
    if (this.batches === this.failOnBatch) return Promise.reject(new Error('disk I/O error'));
    const outcomes: BatchOutcome[] = batch.map((incident) => {
      const before = this.rows.get(incident.sourceKey);
      if (before === undefined) return 'inserted';
      return before.contentHash === incident.contentHash ? 'unchanged' : 'updated';
    });
    for (const incident of batch) this.rows.set(incident.sourceKey, incident);
    return Promise.resolve(outcomes);
  };
}
