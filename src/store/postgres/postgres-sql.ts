/**
 * PostgreSQL's share of the SQL: bigint identity keys, tsvector full-text search and ILIKE.
 *
 * Full text: a stored generated tsvector column per table with a GIN index. The `unaccent` extension
 * would need CREATE rights on the database and is not IMMUTABLE, so it cannot feed a generated column;
 * instead the text is folded with built-in immutable functions: normalize to NFD, drop the combining
 * marks, lower-case. The query goes through the same fold, so "Tillabéri", "tillaberi" and "TILLABÉRI"
 * meet whatever the database's locale (normalize needs a UTF8 database). Letters that do not
 * decompose (ø, đ, ł) are not folded. A `translate` table of accented letters did the same at 30
 * times the cost per row, which made imports crawl. The `simple` configuration neither stems nor drops
 * stop words, as FTS5's unicode61 does not.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DialectSql } from '../dialect-sql.ts';
import { containsPattern } from '../like-pattern.ts';

/**
 * The NOTIFY channel of the alert outbox, as an SQL expression: one per schema, since several
 * deployments (and the tests' random schemas) can share a database. A channel name is an identifier
 * (at most 63 bytes), so the schema is named by a digest, not spelled out.
 */
export const ALERT_CHANNEL = `'liptako_alerts_' || left(md5(current_schema()), 16)`;

/** Combining diacritical marks, U+0300–U+036F: what NFD splits off accented Latin letters. */
const COMBINING_MARKS = `[${String.fromCodePoint(0x0300)}-${String.fromCodePoint(0x036f)}]`;

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** SQL that folds a text expression for search: decompose, drop the marks, lower-case. */
function fold(expression: string): string {
  return `lower(regexp_replace(normalize(${expression}, NFD), ${literal(COMBINING_MARKS)}, '', 'g'))`;
}

function searchVector(columns: readonly string[]): string {
  const text = columns.map((c) => `coalesce(${c}, '')`).join(` || ' ' || `);
  return `to_tsvector('simple'::regconfig, ${fold(text)})`;
}

/**
 * Every term required, the last as a prefix. Terms are letters, marks and digits only, so they need no
 * quoting in tsquery syntax.
 */
function tsQuery(terms: readonly string[]): string {
  return terms.map((t, i) => `${t}${i === terms.length - 1 ? ':*' : ''}`).join(' & ');
}

/** The query's terms through the same fold as the documents (`fold` above, with a parameter). */
function foldedQuery(terms: readonly string[]): RawBuilder<unknown> {
  const marks = sql.raw(literal(COMBINING_MARKS));
  return sql`to_tsquery('simple'::regconfig, lower(regexp_replace(normalize(CAST(${tsQuery(terms)} AS text), NFD), ${marks}, '', 'g')))`;
}

async function createSearch(db: Kysely<unknown>, table: string, columns: readonly string[]): Promise<void> {
  await sql
    .raw(
      `ALTER TABLE ${table} ADD COLUMN search tsvector GENERATED ALWAYS AS (${searchVector(columns)}) STORED`,
    )
    .execute(db);
  await sql.raw(`CREATE INDEX ${table}_search ON ${table} USING gin (search)`).execute(db);
}

/** The schema that unqualified names are created in (the first of search_path that exists), if any. */
export async function currentSchema<DB>(db: Kysely<DB>): Promise<string | undefined> {
  const { rows } = await sql<{ schema: string | null }>`SELECT current_schema() AS schema`.execute(db);
  return rows[0]?.schema ?? undefined;
}

export const postgresSql: DialectSql = {
  dialect: 'postgres',
  idType: 'bigint',
  primaryKeyId: (column) => column.generatedByDefaultAsIdentity().primaryKey(),

  async createSearch(db) {
    await createSearch(db, 'incidents', ['notes', 'location', 'actor1', 'actor2']);
    await createSearch(db, 'reports', ['title', 'text']);
  },

  incidentMatches: (terms) => sql<boolean>`incidents.search @@ ${foldedQuery(terms)}`,
  // PostgreSQL's planner weighs the GIN index against the list index with its own statistics.
  incidentMatchesNewestFirst: (terms) => sql<boolean>`incidents.search @@ ${foldedQuery(terms)}`,
  reportMatches: (terms) => sql<boolean>`reports.search @@ ${foldedQuery(terms)}`,

  containsInsensitive: (column, needle) =>
    sql<boolean>`${column} ILIKE ${containsPattern(needle)} ESCAPE '\\'`,

  // Literals, so that the query's expression is the one of the incidents_cell index.
  gridCell: (value, offset, size) =>
    sql<number>`floor((${value} + ${sql.lit(offset)}::double precision) / ${sql.lit(size)}::double precision)::integer`,

  unindexed: (value) => sql`${value}`,
  tableOptions: (table) => table,
  async createAppendOnlyGuard(db, table) {
    await sql
      .raw(
        `CREATE OR REPLACE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION append_only()`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
         FOR EACH STATEMENT EXECUTE FUNCTION append_only()`,
      )
      .execute(db);
  },
  // A transaction-scoped advisory lock, released by COMMIT or ROLLBACK (or the connection's end).
  laneLock: (lane) => sql`SELECT pg_advisory_xact_lock(hashtext(${lane}))`,
  // Delivered when the transaction commits, and not at all when it rolls back.
  notifyAlerts: (seq) => sql`SELECT pg_notify(${sql.raw(ALERT_CHANNEL)}, ${String(seq)})`,
  // A key the JSON lacks reads as NULL; the generated search column is not among the columns.
  rowsOf: (table, columns, rows) =>
    sql`SELECT ${sql.join(columns.map((c) => sql.ref(c)))} FROM json_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(rows)}::json)`,
};
