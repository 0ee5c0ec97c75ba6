/**
 * Actor stage: named actors (the registry's ACLED names and FR/EN press aliases) and generic actor words
 * ("unknown gunmen", "villageois") found in a text, each with its position.
 */
import { periodOf, stripPeriodSuffix } from '../../domain/actor.ts';
import { foldName } from '../../domain/place.ts';
import type { ActorRegistry } from '../../reference/actor-registry.ts';
import type { ReferenceActor } from '../../reference/reference-actor.ts';
import type { ExtractDictionaries, GenericRole } from './extract-dictionaries.ts';
import type { Token } from './tokenize.ts';

export interface NamedActorMention {
  readonly kind: 'named';
  readonly start: number;
  readonly end: number;
  /** The actors the name may denote (several when a name such as "FDS" is shared). */
  readonly actors: readonly ReferenceActor[];
}

export interface GenericActorMention {
  readonly kind: 'generic';
  readonly start: number;
  readonly end: number;
  readonly role: GenericRole;
}

export type ActorMention = NamedActorMention | GenericActorMention;

/** Names made only of these words are never read as an actor (they are common words). */
const TOO_GENERIC = new Set(['forces', 'armee', 'army', 'police', 'civilians', 'militants', 'government']);

/** The registry's names indexed by their first folded word, longest first, built once. */
export class ActorIndex {
  readonly #byFirst = new Map<string, { words: string[]; acronym: boolean; actors: ReferenceActor[] }[]>();
  readonly #dict: ExtractDictionaries;
  readonly #registry: ActorRegistry;

  constructor(registry: ActorRegistry, dict: ExtractDictionaries) {
    this.#dict = dict;
    this.#registry = registry;
    const byName = new Map<string, { acronym: boolean; actors: ReferenceActor[] }>();
    for (const actor of registry.all()) {
      const names = [
        actor.canonicalName,
        ...actor.acledNames.map(stripPeriodSuffix),
        ...actor.aliases.en,
        ...actor.aliases.fr,
        ...(dict.extraAliases[actor.key] ?? []),
      ];
      for (const name of names) {
        const key = foldName(name);
        if (key === '' || TOO_GENERIC.has(key) || dict.genericActors.has(key)) continue;
        const acronym = /^[\p{Lu}\d-]{2,6}$/u.test(name.trim());
        const entry = byName.get(key);
        if (entry === undefined) byName.set(key, { acronym, actors: [actor] });
        else if (!entry.actors.includes(actor)) entry.actors.push(actor);
      }
    }
    for (const [key, entry] of byName) {
      const words = key.split(' ');
      const first = words[0] ?? '';
      const list = this.#byFirst.get(first) ?? [];
      list.push({ words, ...entry });
      this.#byFirst.set(first, list);
    }
    for (const list of this.#byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  /** Named and generic actor mentions, in text order, longest match first at each position. */
  find(tokens: readonly Token[]): ActorMention[] {
    const out: ActorMention[] = [];
    // Where the last descriptor name ended: a name joined to it ("linked to al-Qaeda and the Islamic
    // State") describes too.
    let describing = -1;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t === undefined) continue;
      const militia = this.#ethnicMilitia(tokens, i);
      if (militia !== null) {
        out.push(...militia.mentions);
        i = militia.next - 1;
        continue;
      }
      let matched = 0;
      for (const entry of this.#byFirst.get(t.folded) ?? []) {
        if (!matchesAt(tokens, i, entry.words)) continue;
        if (entry.acronym && !/\p{Lu}/u.test(t.text)) continue;
        const last = tokens[i + entry.words.length - 1];
        if (last === undefined) continue;
        if (this.#descriptor(tokens, i, i + entry.words.length) || this.#joinedTo(tokens, describing, i))
          describing = i + entry.words.length;
        else out.push({ kind: 'named', start: t.start, end: last.end, actors: entry.actors });
        matched = entry.words.length;
        break;
      }
      if (matched === 0) {
        for (let n = Math.min(this.#dict.genericMaxWords, tokens.length - i); n >= 1; n--) {
          const phrase = tokens
            .slice(i, i + n)
            .map((x) => x.folded)
            .join(' ');
          const role = this.#dict.genericActors.get(phrase);
          if (role === undefined) continue;
          const last = tokens[i + n - 1];
          if (last === undefined) continue;
          out.push({ kind: 'generic', start: t.start, end: last.end, role });
          matched = n;
          break;
        }
      }
      if (matched > 1) i += matched - 1;
    }
    return out;
  }

  /** Whether tokens [end, at) only join two names: "and", "or", "et", "ou", commas, articles. */
  #joinedTo(tokens: readonly Token[], end: number, at: number): boolean {
    if (end < 0 || at <= end || at - end > 3) return false;
    const joiners = new Set(['and', 'or', 'et', 'ou', 'the', 'l', 'la', 'le', 'les', 'de', 'du']);
    const between = tokens.slice(end, at);
    return (
      between.some((t) => ['and', 'or', 'et', 'ou'].includes(t.folded)) &&
      between.every((t) => joiners.has(t.folded))
    );
  }

  /** Whether the name in tokens [from, to) describes another group ("al-Qaeda-linked", "affilié à l'EI"). */
  #descriptor(tokens: readonly Token[], from: number, to: number): boolean {
    if (this.#dict.descriptorAfter.has(tokens[to]?.folded ?? '')) return true;
    // Articles may sit between the cue and the name ("lié à l'État islamique", "linked to the IS").
    let end = from;
    while (['l', 'la', 'le', 'les', 'the', 'al'].includes(tokens[end - 1]?.folded ?? '') && end > from - 2)
      end--;
    return this.#dict.descriptorBefore.some((words) =>
      words.every((w, n) => tokens[end - words.length + n]?.folded === w),
    );
  }

  /**
   * Community names read as their militia at token i: followed by a militia word ("Fulani and Dogon
   * militiamen"), preceded by one ("miliciens peuls"), or militias on their own ("Dozos"). Null when
   * the words there are no militia (alone, "Fulani" denotes civilians). `next` is the token after it.
   */
  #ethnicMilitia(tokens: readonly Token[], i: number): { mentions: ActorMention[]; next: number } | null {
    const { groups, always, qualifiers, militiaWords, joiners } = this.#dict.ethnicMilitias;
    if (!groups.has(tokens[i]?.folded ?? '')) return null;
    // The run of community names: "Fulani", "Fulani and Dogon", "Dogon Amassagou".
    const parties: Token[][] = [];
    let k = i;
    for (;;) {
      const party: Token[] = [];
      for (let t = tokens[k]; t !== undefined && groups.has(t.folded); t = tokens[++k]) party.push(t);
      if (party.length === 0) break;
      parties.push(party);
      if (!joiners.has(tokens[k]?.folded ?? '') || !groups.has(tokens[k + 1]?.folded ?? '')) break;
      k++;
    }
    const phraseAt = (at: number): number => {
      for (const words of militiaWords)
        if (words.every((w, n) => tokens[at + n]?.folded === w)) return words.length;
      return 0;
    };
    const after = phraseAt(k);
    const before = militiaWords.some((words) =>
      words.every((w, n) => tokens[i - words.length + n]?.folded === w),
    );
    const alone = parties.length === 1 && parties[0]?.some((t) => always.has(t.folded)) === true;
    if (after === 0 && !before && !alone) return null;
    const mentions: ActorMention[] = [];
    for (const party of parties) {
      const head = party.find((t) => qualifiers.has(t.folded)) ?? party[0];
      const actors = (groups.get(head?.folded ?? '') ?? [])
        .map((key) => this.#registry.byKey(key))
        .filter((a): a is ReferenceActor => a !== null);
      const first = party[0];
      const last = party.at(-1);
      if (actors.length > 0 && first !== undefined && last !== undefined)
        mentions.push({ kind: 'named', start: first.start, end: last.end, actors });
    }
    return mentions.length === 0 ? null : { mentions, next: k + after };
  }

  /** ACLED's name of an actor on a day: for state forces, the name whose period covers the date. */
  acledName(actor: ReferenceActor, date: string | null): string {
    let names = actor.acledNames.filter(
      (n) => periodOf(n) !== null && stripPeriodSuffix(n) === actor.canonicalName,
    );
    if (names.length === 0 && actor.state !== null && actor.designation === 'state-force') {
      // A state force listed without periods (Niger's police) borrows those of its state's military.
      const military = this.#registry.byKey(`MIL_${actor.state}`);
      names = (military?.acledNames ?? [])
        .filter((n) => periodOf(n) !== null && /\)\s*$/.test(n))
        .map((n) => `${actor.canonicalName} ${n.slice(n.lastIndexOf('('))}`);
    }
    if (names.length === 0) return actor.acledNames[0] ?? actor.canonicalName;
    return pickPeriod(names, date);
  }
}

/** The name whose period covers the date; the latest period when the date is unknown or uncovered. */
export function pickPeriod(names: readonly string[], date: string | null): string {
  const year = date === null ? null : Number(date.slice(0, 4));
  const month = date === null ? 6 : Number(date.slice(5, 7));
  const withPeriod = names
    .map((name) => ({ name, period: periodOf(name) }))
    .filter((x): x is { name: string; period: { from: number; to: number | null } } => x.period !== null)
    .sort((a, b) => b.period.from - a.period.from);
  const latest = withPeriod[0]?.name ?? names[0] ?? '';
  if (year === null) return latest;
  const covering = withPeriod.filter(
    (x) => x.period.from <= year && (x.period.to === null || x.period.to >= year),
  );
  if (covering.length === 0)
    return year < (withPeriod.at(-1)?.period.from ?? 0) ? (withPeriod.at(-1)?.name ?? latest) : latest;
  // A year shared by two periods (a coup year): the later one from mid-year on.
  const starting = covering.find((x) => x.period.from === year);
  const ending = covering.find((x) => x.period.to === year);
  if (starting !== undefined && ending !== undefined) return month >= 6 ? starting.name : ending.name;
  return covering[0]?.name ?? latest;
}

function matchesAt(tokens: readonly Token[], i: number, words: readonly string[]): boolean {
  for (let k = 0; k < words.length; k++) if (tokens[i + k]?.folded !== words[k]) return false;
  return true;
}
