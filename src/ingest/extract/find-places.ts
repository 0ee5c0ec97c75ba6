/**
 * Place stage: capitalised spans of a text looked up in the gazetteer (accent- and case-insensitive,
 * populated places first), scored by what surrounds them: a cue word before ("près de", "village of"),
 * ACLED's "(admin2, admin1)" after. Datelines, units or ships named after a town and stop words are
 * not candidates.
 */
import { foldName, type Place } from '../../domain/place.ts';
import type { AdminUnitIndex } from '../../reference/admin-unit-index.ts';
import type { ReferenceAdminUnit } from '../../reference/reference-admin-unit.ts';
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

  /**
   * The units a parenthesised "(…, X)" names: X an admin-1 unit (Mali, Niger: "(Douentza, Mopti)") or
   * an admin-2 one (Burkina Faso's provinces: "(Dargo, Namentenga)"), whose admin-1 is its parent.
   */
  #adminContext(text: string): { admin1: ReferenceAdminUnit; admin2: ReferenceAdminUnit | null } | null {
    const units = this.#units.find(text).filter((u) => EVENT_COUNTRIES.has(u.country));
    const level1 = units.find((u) => u.level === 1);
    if (level1 !== undefined) return { admin1: level1, admin2: null };
    const level2 = units.find((u) => u.level === 2);
    const parent = level2?.parent == null ? null : this.#units.byCode(level2.parent);
    return level2 === undefined || parent === null ? null : { admin1: parent, admin2: level2 };
  }

  /** An admin unit as a place at its centroid, for a village known only by its unit. */
  #unitSeat(unit: ReferenceAdminUnit): Place | null {
    if (unit.latitude === null || unit.longitude === null) return null;
    return {
      geonameId: unit.geonameId ?? 0,
      name: unit.name.en,
      nameFr: unit.name.fr,
      alternateNames: [],
      latitude: unit.latitude,
      longitude: unit.longitude,
      featureClass: 'A',
      featureCode: unit.level === 1 ? 'ADM1' : 'ADM2',
      country: unit.country,
      admin1: unit.level === 1 ? unit.code : unit.parent,
      admin2: unit.level === 2 ? unit.code : null,
      population: 0,
    };
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
    const context = parts.length >= 2 ? this.#adminContext(parts.at(-1) ?? '') : null;
    const admin1Known = context !== null;
    const admin1Code = context?.admin1.code;

    let place = admin1Code !== undefined ? this.#lookup(name, admin1Code) : this.#lookup(name);
    let location = place?.name ?? name;
    if (place === null && context !== null) {
      // ACLED's "(admin2, admin1)" or, in Burkina Faso, "(department, province)" places an unknown
      // village: geocode it at the seat of the smaller unit, else at the centroid of the larger one.
      // The name elsewhere counts when it lies near the unit: ACLED and GeoNames do not always agree on
      // the region (ACLED's "(Menaka, Gao)", GeoNames' Ménaka region).
      const unit = context.admin2 ?? context.admin1;
      const radius = context.admin2 === null ? 300 : 100;
      const near = (p: Place | null): Place | null => (p !== null && nearUnit(p, unit, radius) ? p : null);
      const elsewhere = near(this.#lookup(name));
      if (elsewhere !== null) {
        place = elsewhere;
        location = elsewhere.name;
      } else {
        const seatName = parts[0] ?? '';
        place = this.#lookup(seatName, admin1Code) ?? near(this.#lookup(seatName)) ?? this.#unitSeat(unit);
        if (place === null) return null;
        location = name;
      }
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
    const admin1 = context !== null ? context.admin1.name.en : this.#admin1Name(place);
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

/** Within `km` of a unit's centroid (or anywhere when the unit has none). */
function nearUnit(place: Place, unit: ReferenceAdminUnit, km: number): boolean {
  if (unit.latitude === null || unit.longitude === null) return true;
  const r = Math.PI / 180;
  const dLat = (place.latitude - unit.latitude) * r;
  const dLon = (place.longitude - unit.longitude) * r * Math.cos(unit.latitude * r);
  return 6371 * Math.hypot(dLat, dLon) <= km;
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
