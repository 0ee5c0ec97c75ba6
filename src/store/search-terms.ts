/**
 * Turns what a user typed into search terms that are safe to put into a full-text query of either
 * dialect: words made of letters, combining marks and digits only, so that no quote, operator
 * (`AND`, `NEAR`, `*`, `&`, `:`) or parenthesis of the FTS5 or tsquery syntax can reach the engine.
 * Case and accents are left for the engine's folding.
 */

/** At most this many terms are kept; a longer query only narrows what the first ones found. */
export const MAX_SEARCH_TERMS = 16;
const MAX_TERM_LENGTH = 64;

/** The words of a user's query, in order, without duplicates; empty when nothing searchable is left. */
export function searchTerms(q: string | undefined): string[] {
  if (q === undefined) return [];
  const words = q.normalize('NFC').match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const word of words) {
    // A word that starts with a mark has no letter to carry it; drop the marks.
    const term = word
      .replace(/^\p{M}+/u, '')
      .slice(0, MAX_TERM_LENGTH)
      .toLowerCase();
    if (term === '' || seen.has(term)) continue;
    seen.add(term);
    terms.push(term);
    if (terms.length === MAX_SEARCH_TERMS) break;
  }
  return terms;
}
