/**
 * Place stage: capitalised spans of a text looked up in the gazetteer (accent- and case-insensitive,
 * populated places first), scored by what surrounds them: a cue word before ("près de", "village of"),
 * ACLED's "(admin2, admin1)" after. Datelines, units or ships named after a town and stop words are
 * not candidates.
 */
import { foldName, type Place } from '../../domain/place.ts';
import type { AdminUnitIndex } from '../../reference/admin-unit-index.ts';
import type { Gazetteer } from '../../reference/gazetteer.ts';
import type { ExtractDictionaries } from './extract-dictionaries.ts';
import type { Lang } from './dates/find-dates.ts';
import type { Token } from './tokenize.ts';

export const EVENT_COUNTRIES = new Set(['MLI', 'BFA', 'NER']);

export interface PlaceCandidate {
  readonly start: number;
  readonly end: number;
  /** The name as written. */
  readonly text: string;
  /** The gazetteer's place, or the seat of the admin unit the text named it in. */
  readonly place: Place;
  /** The location name to report: the gazetteer's name, or the text's when only its area was found. */
  readonly location: string;
  readonly country: string;
  /** Admin-1 name (English), from the text's "(admin2, admin1)" when given, else the gazetteer. */
  readonly admin1: string | null;
  readonly score: number;
  /** A region or province named after a "région de" cue, weaker than a village. */
  readonly region: boolean;
}

const MAX_SPAN = 4;
const CACHE_LIMIT = 50_000;

export class PlaceFinder {
  readonly #gazetteer: Gazetteer;
  readonly #units: AdminUnitIndex;
  readonly #dict: ExtractDictionaries;
  readonly #cache = new Map<string, Place | null>();

  constructor(gazetteer: Gazetteer, units: AdminUnitIndex, dict: ExtractDictionaries) {
    this.#gazetteer = gazetteer;
    this.#units = units;
    this.#dict = dict;
  }

  #lookup(name: string, admin1?: string): Place | null {
    const key = admin1 === undefined ? name : `${name}\u0000${admin1}`;
    const hit = this.#cache.get(key);
    if (hit !== undefined) return hit;
    let place = this.#gazetteer.lookup(name, admin1 === undefined ? {} : { admin1 });
    if (place !== null && !EVENT_COUNTRIES.has(place.country)) place = null;
    if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
    this.#cache.set(key, place);
    return place;
  }

  #admin1Name(place: Place): string | null {
    if (place.admin1 === null) return null;
    return this.#units.byCode(place.admin1)?.name.en ?? null;
  }

  /** Candidates in the text's tokens; `excluded` spans (datelines) yield none. */
  find(
    text: string,
    tokens: readonly Token[],
    lang: Lang,
    excluded: readonly [number, number][],
  ): PlaceCandidate[] {
    const out: PlaceCandidate[] = [];
    let i = 0;
    while (i < tokens.length) {
      const t = tokens[i];
      if (t === undefined || !t.capitalised || /^\p{N}/u.test(t.text)) {
        i++;
        continue;
      }
      let run = 1;
      while (run < MAX_SPAN && i + run < tokens.length) {
        const prev = tokens[i + run - 1];
        const next = tokens[i + run];
        if (prev === undefined || next === undefined || !next.capitalised) break;
        if (!/^[ -]$/.test(text.slice(prev.end, next.start))) break;
        run++;
      }
      let used = 1;
      for (let n = run; n >= 1; n--) {
        const first = tokens[i];
        const last = tokens[i + n - 1];
        if (first === undefined || last === undefined) continue;
        const candidate = this.#candidate(text, tokens, i, first, last, lang, excluded);
        if (candidate !== null) {
          out.push(candidate);
          used = n;
          break;
        }
      }
      i += used;
    }
    return out;
  }

  #candidate(
    text: string,
    tokens: readonly Token[],
    index: number,
    first: Token,
    last: Token,
    lang: Lang,
    excluded: readonly [number, number][],
  ): PlaceCandidate | null {
    const name = text.slice(first.start, last.end);
    const folded = foldName(name);
    if (folded.length < 3 || this.#dict.stopPlaces.has(folded)) return null;
    if (excluded.some(([s, e]) => first.start >= s && first.start < e)) return null;
    const before = foldName(text.slice(Math.max(0, first.start - 40), first.start));
    if (this.#dict.unitCue.test(before)) return null;
    const after = /^\s*\(([^()]{2,80})\)/.exec(text.slice(last.end, last.end + 90));
    const parts = after?.[1]?.split(',').map((s) => s.trim()) ?? [];
    const adminText = parts.length >= 2 ? parts.at(-1) : undefined;
    const admin1Known =
      adminText !== undefined &&
      this.#units.find(adminText, { level: 1 }).some((u) => EVENT_COUNTRIES.has(u.country));

    let place = admin1Known ? (this.#lookup(name, adminText) ?? this.#lookup(name)) : this.#lookup(name);
    let location = place?.name ?? name;
    if (place === null && parts.length >= 2 && admin1Known) {
      // ACLED's "(admin2, admin1)" places an unknown village: geocode it at its admin-2 seat.
      const seat = this.#lookup(parts[0] ?? '', adminText);
      if (seat === null) return null;
      place = seat;
      location = name;
    }
    if (place === null && first === last) return null;
    if (place === null) {
      const joined = this.#lookup(folded.replace(/ /g, ''));
      if (joined === null) return null;
      place = joined;
      location = joined.name;
    }

    let score = 1;
    const region = this.#dict.regionCue[lang].test(before);
    if (region) score += 0.5;
    else if (this.#dict.strongCue[lang].test(before)) score += 2;
    if (parts.length >= 2 && admin1Known) score += 3;
    if (place.featureClass === 'P') score += 0.5;
    const prevToken = tokens[index - 1];
    const sentenceInitial =
      prevToken === undefined || /[.!?\n:«"“]/.test(text.slice(prevToken.end, first.start));
    if (sentenceInitial && !region) score -= 1;
    if (/^\p{Lu}+$/u.test(name.replace(/[\s-]/g, '')) && name.length > 3) score -= 0.5;
    const admin1 =
      admin1Known && adminText !== undefined
        ? (this.#units.find(adminText, { level: 1 })[0]?.name.en ?? null)
        : this.#admin1Name(place);
    return {
      start: first.start,
      end: last.end,
      text: name,
      place,
      location,
      country: place.country,
      admin1,
      score,
      region,
    };
  }
}

/** Dateline spans at paragraph starts ("BAMAKO (AFP) -", "Niamey, le 3 mars -"): where a report was written. */
export function findDatelines(
  text: string,
  paragraphStarts: readonly number[],
  patterns: readonly RegExp[],
): [number, number][] {
  const out: [number, number][] = [];
  for (const start of paragraphStarts) {
    const head = text.slice(start, start + 120);
    for (const re of patterns) {
      const m = re.exec(head);
      if (m !== null) {
        out.push([start + m.index, start + m.index + m[0].length]);
        break;
      }
    }
  }
  return out;
}
