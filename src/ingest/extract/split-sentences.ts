/** Sentence stage: spans of a text split at sentence ends and line breaks. */

export interface Sentence {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Whether the sentence opens a paragraph (first of the text or after a line break). */
  readonly paragraphStart: boolean;
}

/** Abbreviations whose period does not end a sentence. */
const ABBREVIATIONS =
  /(?:\b(?:M|Mr|Mrs|Dr|St|Gen|Col|Lt|Capt|Sgt|Mme|Pr|No|art|cf|etc|vs|Jan|Feb|Aug|Sept|Oct|Nov|Dec)|\b\p{Lu})$/u;

/** Splits at . ! ? followed by a space and an upper-case letter, a quote or a digit, and at line breaks. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  let paragraphStart = true;
  const push = (end: number, nextParagraph: boolean): void => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed !== '')
      out.push({ start: start + lead, end: start + lead + trimmed.length, text: trimmed, paragraphStart });
    if (trimmed !== '') paragraphStart = nextParagraph;
    else if (nextParagraph) paragraphStart = true;
  };
  const re = /[.!?]+["»”’)]*(?=\s+["«“(]?[\p{Lu}\d])|\n/gu;
  for (const m of text.matchAll(re)) {
    if (m[0] === '\n') {
      push(m.index, true);
      start = m.index + 1;
      continue;
    }
    if (m[0].startsWith('.') && ABBREVIATIONS.test(text.slice(Math.max(0, m.index - 6), m.index))) continue;
    push(m.index + m[0].length, false);
    start = m.index + m[0].length;
  }
  push(text.length, false);
  return out;
}
