/**
 * SQLite's share of the SQL: integer primary keys, FTS5 full-text search and LIKE.
 *
 * Full text: external-content FTS5 tables kept in step by triggers, so that every write path (the
 * store's prepared statements as much as Kysely) updates them in the same transaction. Except one:
 * incidents have no insert trigger. FTS5 flushes its pending terms to a new segment at the end of
 * every statement, so a trigger fired by each row's INSERT wrote a one-row segment per incident and
 * cost the import three quarters of its time; SqliteStore indexes a batch's new incidents with one
 * INSERT … SELECT instead (`indexIncidents`), the only path that inserts incidents in SQLite. The tokenizer
 * `unicode61 remove_diacritics 2` folds case and accents: "Tillabéri" and "TILLABERI" are one token.
 * detail=full (the default) keeps positions: the store sends no phrase queries today, but with
 * detail=none a query term that the tokenizer splits would be a phrase, and FTS5 would reject it.
 */
import { sql, type Expression, type Kysely } from 'kysely';
import type { DialectSql } from '../dialect-sql.ts';
import { containsPattern } from '../like-pattern.ts';

// columnsize=0: no per-row size table (used only by bm25 ranking, which the store does not use);
// it saves a B-tree insert per row on the import path.
const FTS_OPTIONS = `tokenize = 'unicode61 remove_diacritics 2', columnsize = 0`;

/** Each term as an FTS5 string (terms hold no double quote), all required, the last as a prefix. */
function ftsQuery(terms: readonly string[]): string {
  return terms
    .map((t, i) => `"${t.replaceAll('"', '""')}"${i === terms.length - 1 ? '*' : ''}`)
    .join(' AND ');
}

const INCIDENT_SEARCH_COLUMNS = ['notes', 'location', 'actor1', 'actor2'] as const;

/**
 * Indexes the incidents of ids `first`…`last` (parameters, in that order), all inserted by the running
 * transaction and none indexed yet: the incidents' stand-in for an insert trigger.
 */
export const INDEX_NEW_INCIDENTS = `INSERT INTO incidents_fts (rowid, ${INCIDENT_SEARCH_COLUMNS.join(', ')})
  SELECT id, ${INCIDENT_SEARCH_COLUMNS.join(', ')} FROM incidents WHERE id BETWEEN ? AND ?`;

/** FTS5 over `columns` of `table`, plus the triggers that keep it in step (`insertTrigger`: the insert one too). */
async function createFts(
  db: Kysely<unknown>,
  table: string,
  columns: readonly string[],
  insertTrigger: boolean,
): Promise<void> {
  const fts = `${table}_fts`;
  const cols = columns.join(', ');
  const newValues = columns.map((c) => `new.${c}`).join(', ');
  const oldValues = columns.map((c) => `old.${c}`).join(', ');
  const statements = [
    `CREATE VIRTUAL TABLE ${fts} USING fts5(${cols}, content = '${table}', content_rowid = 'id', ${FTS_OPTIONS})`,
    ...(insertTrigger
      ? [
          `CREATE TRIGGER ${table}_fts_insert AFTER INSERT ON ${table} BEGIN
       INSERT INTO ${fts} (rowid, ${cols}) VALUES (new.id, ${newValues});
     END`,
        ]
      : []),
    `CREATE TRIGGER ${table}_fts_delete AFTER DELETE ON ${table} BEGIN
       INSERT INTO ${fts} (${fts}, rowid, ${cols}) VALUES ('delete', old.id, ${oldValues});
     END`,
    `CREATE TRIGGER ${table}_fts_update AFTER UPDATE OF ${cols} ON ${table} BEGIN
       INSERT INTO ${fts} (${fts}, rowid, ${cols}) VALUES ('delete', old.id, ${oldValues});
       INSERT INTO ${fts} (rowid, ${cols}) VALUES (new.id, ${newValues});
     END`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export const sqliteSql: DialectSql = {
  dialect: 'sqlite',
  idType: 'integer',
  // INTEGER PRIMARY KEY is the rowid: the fastest key SQLite has, and what FTS5 content_rowid needs.
  primaryKeyId: (column) => column.primaryKey(),

  async createSearch(db) {
    await createFts(db, 'incidents', INCIDENT_SEARCH_COLUMNS, false);
    await createFts(db, 'reports', ['title', 'text'], true);
  },

  incidentMatches: (terms) =>
    sql<boolean>`incidents.id IN (SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ${ftsQuery(terms)})`,
  incidentMatchesNewestFirst: (terms) =>
    sql<boolean>`+incidents.id IN (SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ${ftsQuery(terms)})`,
  reportMatches: (terms) =>
    sql<boolean>`reports.id IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH ${ftsQuery(terms)})`,

  // LIKE folds ASCII case in SQLite; the needle's own wildcards are escaped.
  containsInsensitive: (column: Expression<string | null>, needle: string) =>
    sql<boolean>`${column} LIKE ${containsPattern(needle)} ESCAPE '\\'`,

  // value + offset is never negative, so truncation is floor. Literals, not parameters: SQLite uses
  // an index on an expression only for the same expression, constants included.
  gridCell: (value, offset, size) =>
    sql<number>`CAST((${value} + ${sql.lit(offset)}) / ${sql.lit(size)} AS INTEGER)`,

  unindexed: (value) => sql`+${value}`,
  tableOptions: (table) => table.modifyEnd(sql`WITHOUT ROWID`),
  async createAppendOnlyGuard(db, table) {
    for (const verb of ['UPDATE', 'DELETE'])
      await sql
        .raw(
          `CREATE TRIGGER ${table}_no_${verb.toLowerCase()} BEFORE ${verb} ON ${table}
           BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
        )
        .execute(db);
  },
  // One connection writes at a time: a transaction holds the file's write lock from its first write.
  laneLock: () => null,
  notifyAlerts: () => null,
  rowsOf: null,
};
