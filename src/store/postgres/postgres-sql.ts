/**
 * PostgreSQL's share of the SQL: bigint identity keys, tsvector full-text search and ILIKE.
 *
 * Full text: a stored generated tsvector column per table with a GIN index. The `unaccent` extension
 * would need CREATE rights on the database and is not IMMUTABLE, so it cannot feed a generated column;
 * instead the text is folded with `translate` (immutable, built in): accented Latin letters to their
 * base letter, combining marks removed, word punctuation to spaces, then lower-cased. The query goes
 * through the same fold, so "Tillabéri", "tillaberi" and "TILLABÉRI" meet whatever the database's
 * locale. The `simple` configuration neither stems nor drops stop words, as FTS5's unicode61 does not.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DialectSql } from '../dialect-sql.ts';
import { containsPattern } from '../like-pattern.ts';

/** Letters that decompose into one ASCII letter plus marks, and the few that do not decompose. */
function foldPairs(): [string, string][] {
  const pairs: [string, string][] = [
    ['ø', 'o'],
    ['Ø', 'O'],
    ['đ', 'd'],
    ['Đ', 'D'],
    ['ł', 'l'],
    ['Ł', 'L'],
    ['ı', 'i'],
  ];
  const ranges: [number, number][] = [
    [0x00c0, 0x024f],
    [0x1e00, 0x1eff],
  ];
  for (const [first, last] of ranges) {
    for (let code = first; code <= last; code++) {
      const letter = String.fromCodePoint(code);
      const base = letter.normalize('NFD').replace(/\p{M}/gu, '');
      if (base !== letter && /^[A-Za-z]$/.test(base)) pairs.push([letter, base]);
    }
  }
  // Word punctuation separates words, as in FTS5; '&', ':' and '*' are left for the tsquery syntax.
  for (const mark of `-‐‑–—'’‘\`´.,;/_()[]{}"«»!?`) pairs.push([mark, ' ']);
  return pairs;
}

const pairs = foldPairs();
let combiningMarks = '';
for (let code = 0x0300; code <= 0x036f; code++) combiningMarks += String.fromCodePoint(code);
/** translate() drops the characters of `from` that have no counterpart in `to`: the combining marks. */
const FOLD_FROM = pairs.map(([from]) => from).join('') + combiningMarks;
const FOLD_TO = pairs.map(([, to]) => to).join('');

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** SQL that folds a text expression for search. */
function fold(expression: string): string {
  return `lower(translate(${expression}, ${literal(FOLD_FROM)}, ${literal(FOLD_TO)}))`;
}

function searchVector(columns: readonly string[]): string {
  const text = columns.map((c) => `coalesce(${c}, '')`).join(` || ' ' || `);
  return `to_tsvector('simple'::regconfig, ${fold(text)})`;
}

/**
 * Every term required, the last as a prefix. Terms are letters, marks and digits only, so they need no
 * quoting in tsquery syntax (and quotes would not survive the fold, which turns them into spaces).
 */
function tsQuery(terms: readonly string[]): string {
  return terms.map((t, i) => `${t}${i === terms.length - 1 ? ':*' : ''}`).join(' & ');
}

/** The query's terms through the same fold as the documents. */
function foldedQuery(terms: readonly string[]): RawBuilder<unknown> {
  const from = sql.raw(literal(FOLD_FROM));
  const to = sql.raw(literal(FOLD_TO));
  return sql`to_tsquery('simple'::regconfig, lower(translate(CAST(${tsQuery(terms)} AS text), ${from}, ${to})))`;
}

async function createSearch(db: Kysely<unknown>, table: string, columns: readonly string[]): Promise<void> {
  await sql
    .raw(
      `ALTER TABLE ${table} ADD COLUMN search tsvector GENERATED ALWAYS AS (${searchVector(columns)}) STORED`,
    )
    .execute(db);
  await sql.raw(`CREATE INDEX ${table}_search ON ${table} USING gin (search)`).execute(db);
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
  reportMatches: (terms) => sql<boolean>`reports.search @@ ${foldedQuery(terms)}`,

  containsInsensitive: (column, needle) =>
    sql<boolean>`${column} ILIKE ${containsPattern(needle)} ESCAPE '\\'`,

  gridCell: (value, offset, size) =>
    sql<number>`floor((${value} + ${offset}::double precision) / ${size}::double precision)::integer`,
};
