import { SPACE, foldPhrase, phraseSource } from '../numbers/phrase-regex.ts';

/**
 * The small template language of the date patterns in data/extract/dates-*.json:
 *   words            matched as phrases (any case, any accent, any apostrophe)
 *   {slot}           a captured slot, its expression given by the caller
 *   [a b]            optional
 *   (a b|c)          alternatives
 * Items are joined by a space, a comma and a space, or a hyphen ("mi-mars"); nothing is needed after an
 * elided word ("d'août").
 */

export type SlotName = 'weekday' | 'weekday2' | 'day' | 'day2' | 'month' | 'year' | 'n' | 'unit' | 'part';

const SLOT_NAMES: ReadonlySet<string> = new Set<SlotName>([
  'weekday',
  'weekday2',
  'day',
  'day2',
  'month',
  'year',
  'n',
  'unit',
  'part',
]);

const SEP = `(?:,?${SPACE}+|[-‐‑](?=\\S)|(?<=['’ʼ]))`;

type Item =
  | { readonly type: 'word'; readonly text: string }
  | { readonly type: 'slot'; readonly name: SlotName }
  | { readonly type: 'optional'; readonly items: readonly Item[] }
  | { readonly type: 'choice'; readonly options: readonly (readonly Item[])[] };

const TOKEN = /\{(\w+)\}|[[\]()|]|[^\s[\]()|{}]+/g;

function tokenize(template: string): string[] {
  return [...template.matchAll(TOKEN)].map((m) => m[0]);
}

function parse(template: string): Item[] {
  const tokens = tokenize(template);
  let at = 0;
  const sequence = (closers: ReadonlySet<string>): Item[] => {
    const items: Item[] = [];
    while (at < tokens.length && !closers.has(tokens[at] ?? '')) {
      const token = tokens[at++] ?? '';
      if (token === '[') {
        items.push({ type: 'optional', items: sequence(new Set([']'])) });
        if (tokens[at++] !== ']') throw new Error(`unclosed [ in date template "${template}"`);
      } else if (token === '(') {
        const options: Item[][] = [sequence(new Set(['|', ')']))];
        while (tokens[at] === '|') {
          at++;
          options.push(sequence(new Set(['|', ')'])));
        }
        if (tokens[at++] !== ')') throw new Error(`unclosed ( in date template "${template}"`);
        items.push({ type: 'choice', options });
      } else if (token.startsWith('{')) {
        const name = token.slice(1, -1);
        if (!SLOT_NAMES.has(name)) throw new Error(`unknown slot {${name}} in date template "${template}"`);
        items.push({ type: 'slot', name: name as SlotName }); // checked against SLOT_NAMES just above
      } else if (token === ']' || token === ')' || token === '|') {
        throw new Error(`stray ${token} in date template "${template}"`);
      } else {
        items.push({ type: 'word', text: token });
      }
    }
    return items;
  };
  const items = sequence(new Set());
  if (items.length === 0) throw new Error('empty date template');
  return items;
}

/** The first word of a phrase as the tokenizer of findDates sees it: letters or digits, folded. */
export function firstWord(phrase: string): string {
  const m = /[\p{L}\p{N}]+/u.exec(foldPhrase(phrase));
  return m === null ? '' : m[0];
}

/**
 * The words a match of the template can start with; a slot contributes the first words of its values
 * (`slotFirsts`), and DIGIT stands for any number written in digits.
 */
export function templateFirstWords(
  template: string,
  slotFirsts: Readonly<Record<SlotName, ReadonlySet<string>>>,
): Set<string> {
  const out = new Set<string>();
  // returns whether the sequence can match nothing (so the next item can start the match)
  const seq = (items: readonly Item[]): boolean => {
    for (const it of items) {
      if (!item(it)) return false;
    }
    return true;
  };
  const item = (it: Item): boolean => {
    switch (it.type) {
      case 'word':
        out.add(firstWord(it.text));
        return false;
      case 'slot':
        for (const w of slotFirsts[it.name]) out.add(w);
        return false;
      case 'optional':
        seq(it.items);
        return true;
      case 'choice':
        return it.options.map(seq).some(Boolean);
    }
  };
  seq(parse(template));
  return out;
}

/** A template compiled into a part of a larger expression. */
export interface CompiledTemplate {
  /** Regular-expression source, wrapped in one capturing group (numbered firstGroup). */
  readonly source: string;
  /** Group numbers of each slot (a slot may occur in several alternatives). */
  readonly slots: ReadonlyMap<SlotName, readonly number[]>;
  /** The next free group number after this template. */
  readonly nextGroup: number;
}

/**
 * Compiles a template. The caller places the result in an alternation and numbers groups from
 * `firstGroup`; slot expressions must not contain capturing groups themselves.
 */
export function compileTemplate(
  template: string,
  slotSources: Readonly<Record<SlotName, string>>,
  firstGroup: number,
): CompiledTemplate {
  let group = firstGroup + 1;
  const slots = new Map<SlotName, number[]>();
  const item = (it: Item): string => {
    switch (it.type) {
      case 'word':
        return phraseSource(it.text);
      case 'slot': {
        const list = slots.get(it.name) ?? [];
        list.push(group++);
        slots.set(it.name, list);
        return `(${slotSources[it.name]})`;
      }
      case 'optional':
        return seq(it.items);
      case 'choice':
        return `(?:${it.options.map(seq).join('|')})`;
    }
  };
  const seq = (items: readonly Item[]): string => {
    let out = '';
    let pending = false;
    for (const it of items) {
      const source = item(it);
      if (it.type === 'optional') out += pending ? `(?:${SEP}${source})?` : `(?:${source}${SEP})?`;
      else {
        out += (pending ? SEP : '') + source;
        pending = true;
      }
    }
    return out;
  };
  const body = seq(parse(template));
  return { source: `(${body})`, slots, nextGroup: group };
}
