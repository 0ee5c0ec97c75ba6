/**
 * Runs `work` in a transaction of `db`: a new one, or, when `db` is already a transaction (a store bound
 * to one by Store.atomically), that one, so that the work commits or rolls back with everything else
 * the caller does in it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from './schema.ts';

export function inTransaction<T>(
  db: Kysely<Schema>,
  work: (trx: Transaction<Schema>) => Promise<T>,
): Promise<T> {
  // isTransaction is true only on Kysely's Transaction instances.
  if (db.isTransaction) return work(db as Transaction<Schema>);
  return db.transaction().execute(work);
}
