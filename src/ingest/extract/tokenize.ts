/** Word tokens of a text with their positions and folded forms, shared by the place and actor stages. */
import { foldName } from '../../domain/place.ts';

export interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** foldName of the word: lower case, no accents. */
  readonly folded: string;
  readonly capitalised: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:[’'][\p{L}]+)?/gu;

/** Words, splitting French elisions ("d'Inatès" → "d", "Inatès") so a name after one is a token. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const elision = /^([dlDLjJnNsScCmMtTqQu]{1,3})[’']([\p{L}].*)$/u.exec(word);
    if (
      elision?.[1] !== undefined &&
      elision[2] !== undefined &&
      /^(?:d|l|j|n|s|c|m|t|qu)$/i.test(elision[1])
    ) {
      const head = elision[1];
      const rest = elision[2];
      out.push(token(m.index, head));
      out.push(token(m.index + head.length + 1, rest));
    } else if (/^\p{L}{2,}[’']s$/u.test(word)) {
      // An English possessive: "Gao's" is Gao.
      out.push(token(m.index, word.slice(0, -2)));
    } else out.push(token(m.index, word));
  }
  return out;
}

function token(start: number, text: string): Token {
  return {
    start,
    end: start + text.length,
    text,
    folded: foldName(text),
    capitalised: /^\p{Lu}/u.test(text),
  };
}
