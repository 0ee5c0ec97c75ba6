/**
 * Reads an export's pages through a cursor (pg-cursor) on a pooled connection, in batches, and hands
 * the connection back after each page: the pool is never held while the HTTP client is slow, and no
 * transaction outlives a page.
 *
 * Why not Kysely's plain query: read that way, the first full export of a fresh server grew its heap by
 * ~100 MB (bench/export-memory.ts on a PostgreSQL schema, 100,000 rows: V8 heap peak 176 MB against
 * 73 MB on SQLite). With --trace-gc, each scavenge during those reads promoted ~2–4 MB of rows to the
 * old generation, which then grew until a full collection; the same pages read through a cursor
 * promote next to nothing (BENCHMARKS.md, "Streamed exports on PostgreSQL").
 */
import type pg from 'pg';
import Cursor from 'pg-cursor';
import type { CompiledQuery } from 'kysely';
import type { PageReader } from '../incident-export-records.ts';
import type { IncidentRow } from '../schema.ts';

/** Rows per cursor read. */
const CURSOR_BATCH = 250;

/** The pool's type parsers apply: pg's Client.query gives a cursor's result the client's types. */
export function cursorPageReader(pool: pg.Pool): PageReader {
  return async (query: CompiledQuery<IncidentRow>) => {
    const client = await pool.connect();
    let failure: Error | undefined;
    try {
      const cursor = client.query(new Cursor<IncidentRow>(query.sql, [...query.parameters]));
      const rows: IncidentRow[] = [];
      for (;;) {
        const batch = await cursor.read(CURSOR_BATCH);
        for (const row of batch) rows.push(row);
        if (batch.length < CURSOR_BATCH) break;
      }
      // Only after a read that went through: a failed one discards the connection, portal and all.
      await cursor.close();
      return rows;
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      // A connection that failed mid-read is discarded rather than pooled in an unknown state.
      client.release(failure);
    }
  };
}
