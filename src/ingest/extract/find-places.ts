/**
 * Place stage: capitalised spans of a text looked up in the gazetteer (accent- and case-insensitive,
 * populated places first), scored by what surrounds them: a cue word before ("près de", "village of"),
 * ACLED's "(admin2, admin1)" after. Datelines, units or ships named after a town and stop words are
 * not candidates.
 *
 * A name many villages share is resolved with the whole text: the unit ACLED names after it (and the
 * seat of that unit), the country the text speaks of (country words, actors), the admin units it
 * names, the other places it names nearby, and the place's rank (a regional capital before a hamlet).
 * A name the gazetteer lacks may be a spelling variant of a village near the unit named after it.
 */
import { distanceKm, foldName, type Place } from '../../domain/place.ts';
import type { AdminUnitIndex } from '../../reference/admin-unit-index.ts';
import type { ReferenceAdminUnit } from '../../reference/reference-admin-unit.ts';
import type { Gazetteer } from '../../reference/gazetteer.ts';
import type { ExtractDictionaries } from './extract-dictionaries.ts';
import type { Lang } from './dates/find-dates.ts';
import { PlaceVariants } from './place-variants.ts';
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
  /** Found by a spelling variant, not by the name itself. */
  readonly variant?: boolean;
}

/** What the rest of the text says about where it happens. */
export interface PlaceHints {
  /** ISO3 → weight of the evidence for the country (country words, actors of one country). */
  readonly countries?: ReadonlyMap<string, number>;
  /** Admin-1 names where the text's groups and communities are mostly found (weak evidence). */
  readonly areas?: readonly string[];
}

interface Homonym {
  readonly place: Place;
  /** Called so, not merely by an alternate name. */
  readonly named: boolean;
  /** Found as a spelling variant. */
  readonly variant: boolean;
}

/** ACLED's "(X, Y)" after a name: Y an admin unit, X (usually) the seat of the smaller unit. */
interface AdminContext {
  readonly admin1: ReferenceAdminUnit;
  readonly admin2: ReferenceAdminUnit | null;
  readonly seat: Place | null;
}

interface Mention {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly folded: string;
  /** Possible places, most important first; empty when only `fallback` places it. */
  readonly homonyms: readonly Homonym[];
  readonly context: AdminContext | null;
  /** The seat or centroid of the context's unit, for a village the gazetteer lacks. */
  readonly fallback: Place | null;
  readonly region: boolean;
  readonly strong: boolean;
  /** After words that name the event's place outright ("coded as"). */
  readonly decisive: boolean;
  /** After "border with", "heading for": a neighbour or a destination, not the event's place. */
  readonly border: boolean;
  readonly sentenceInitial: boolean;
  readonly allCaps: boolean;
  /** Admin units the name denotes ("Mopti", "Soum"), evidence for places in them. */
  readonly units: readonly ReferenceAdminUnit[];
}

const MAX_SPAN = 4;
/** "the Malian town of", "la ville de" at the end of a folded text: a place's noun, between a cue and the name. */
const TOWN_OF =
  /\s(?:(?:the|a|an|le|la|les|l)\s)?(?:\S+\s){0,2}(?:town|city|village|ville|localite|commune|hamlet|hameau)\s(?:of|de|d|du)\s*$/;
/**
 * ACLED's "(admin2, admin1)" after a name, also past the name's spelling in brackets, its commune or a
 * second name ("Koubi [Koubaka], Sangha Commune (Bandiagara, Mopti)", "between Boni and Yirma
 * (Douentza, Mopti)"): the units place every name of the phrase.
 */
const CONTEXT_AFTER =
  /^(?:\s*\[[^\]]{1,40}\])?(?:\s+(?:[Cc]ommune|[Mm]unicipality|[Cc]ercle|[Dd]epartment))?(?:\s*(?:,|\band\b|\bet\b|\bin\b)\s*(?:the\s+)?\p{Lu}[\p{L}'’-]*(?:[\s-]+\p{Lu}[\p{L}'’-]*){0,3}(?:\s*\[[^\]]{1,40}\])?(?:\s+(?:[Cc]ommune|[Mm]unicipality|[Cc]ercle|[Dd]epartment))?)?\s*\(([^()]{2,80})\)/u;
/** Lower-case words inside place names ("Nioro du Sahel", "Bandiagara de la falaise"). */
const NAME_PARTICLES = new Set(['du', 'de', 'des', 'la', 'el']);
const CACHE_LIMIT = 50_000;
const MAX_HOMONYMS = 24;
/** How far from the unit's seat a village ACLED places in it may be spelled otherwise (a cercle is wide). */
const VARIANT_RADIUS_KM = 100;
/** Other mentions (nearest in the text) a homonym is compared with. */
const MAX_NEIGHBOURS = 12;

const CODE_BONUS: Readonly<Record<string, number>> = {
  PPLC: 3,
  PPLA: 2,
  PPLA2: 1.5,
  PPLA3: 0.8,
  PPLA4: 0.4,
};

export class PlaceFinder {
  readonly #gazetteer: Gazetteer;
  readonly #units: AdminUnitIndex;
  readonly #dict: ExtractDictionaries;
  readonly #variants: PlaceVariants;
  readonly #cache = new Map<string, Homonym[]>();
  #capitals: Map<string, Place> | null = null;

  constructor(gazetteer: Gazetteer, units: AdminUnitIndex, dict: ExtractDictionaries) {
    this.#gazetteer = gazetteer;
    this.#units = units;
    this.#dict = dict;
    this.#variants = new PlaceVariants(() => gazetteer.all(), dict.nameQualifiers);
  }

  /**
   * The places of the three states a name denotes, populated places first when there are any, ranked
   * by importance.
   */
  #homonyms(name: string): Homonym[] {
    const hit = this.#cache.get(name);
    if (hit !== undefined) return hit;
    let found = this.#gazetteer.homonyms(name).filter((h) => EVENT_COUNTRIES.has(h.place.country));
    const populated = found.filter((h) => h.place.featureClass === 'P');
    if (populated.length > 0) found = populated;
    const out = found.slice(0, MAX_HOMONYMS).map((h) => ({ ...h, variant: false }));
    if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
    this.#cache.set(name, out);
    return out;
  }

  /** The capital of a country (GeoNames' PPLC) as a candidate, for an incident at the seat of power. */
  capital(country: string): PlaceCandidate | null {
    this.#capitals ??= new Map(
      this.#gazetteer
        .all()
        .filter((p) => p.featureCode === 'PPLC' && EVENT_COUNTRIES.has(p.country))
        .map((p) => [p.country, p]),
    );
    const place = this.#capitals.get(country);
    if (place === undefined) return null;
    return {
      start: 0,
      end: 0,
      text: place.name,
      place,
      location: place.name,
      country,
      admin1: this.#admin1Name(place),
      score: 1,
      region: false,
    };
  }

  #admin1Name(place: Place): string | null {
    if (place.admin1 === null) return null;
    return this.#units.byCode(place.admin1)?.name.en ?? null;
  }

  /**
   * The units a parenthesised "(…, X)" names: X an admin-1 unit (Mali, Niger: "(Douentza, Mopti)") or
   * an admin-2 one (Burkina Faso's provinces: "(Dargo, Namentenga)"), whose admin-1 is its parent.
   */
  #adminUnits(text: string): { admin1: ReferenceAdminUnit; admin2: ReferenceAdminUnit | null } | null {
    const units = this.#units.find(text).filter((u) => EVENT_COUNTRIES.has(u.country));
    const level1 = units.find((u) => u.level === 1);
    if (level1 !== undefined) return { admin1: level1, admin2: null };
    const level2 = units.find((u) => u.level === 2);
    const parent = level2?.parent == null ? null : this.#units.byCode(level2.parent);
    return level2 === undefined || parent === null ? null : { admin1: parent, admin2: level2 };
  }

  /** "(X, Y)": the units Y names and the place X, in them or near them (a variant spelling if need be). */
  #context(parts: readonly string[]): AdminContext | null {
    if (parts.length < 2) return null;
    const units = this.#adminUnits(parts.at(-1) ?? '');
    if (units === null) return null;
    const unit = units.admin2 ?? units.admin1;
    const radius = units.admin2 === null ? 300 : 100;
    const seatName = parts[0] ?? '';
    const homonyms = this.#homonyms(seatName).map((h) => h.place);
    let seat =
      homonyms.find((p) => within(p, units)) ?? homonyms.find((p) => nearUnit(p, unit, radius)) ?? null;
    if (seat === null && unit.latitude !== null && unit.longitude !== null)
      seat = this.#variants.near(seatName, unit.latitude, unit.longitude, radius)[0]?.place ?? null;
    return { ...units, seat };
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
    hints: PlaceHints = {},
  ): PlaceCandidate[] {
    const mentions: Mention[] = [];
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
        if (prev === undefined || next === undefined) break;
        if (!/^[ -]$/.test(text.slice(prev.end, next.start))) break;
        // A particle inside a name ("Nioro du Sahel") when a capitalised word follows it.
        const after = tokens[i + run + 1];
        if (
          !next.capitalised &&
          !(
            NAME_PARTICLES.has(next.folded) &&
            after !== undefined &&
            after.capitalised &&
            run + 1 < MAX_SPAN &&
            /^[ -]$/.test(text.slice(next.end, after.start))
          )
        )
          break;
        run++;
      }
      // A span does not end on a particle.
      while (run > 1 && !tokens[i + run - 1]?.capitalised) run--;
      let used = 1;
      // "Tin" of "Tin Korazeyna", "Ag" of a man's name: no place alone.
      const prefix = run > 1 && this.#dict.namePrefixes.has(t.folded);
      for (let n = run; n >= (prefix ? 2 : 1); n--) {
        const first = tokens[i];
        const last = tokens[i + n - 1];
        if (first === undefined || last === undefined) continue;
        // "Mondoro Commune", "Mopti Region": the place is the name, the unit word says it is an area.
        if (n > 1 && this.#dict.regionAfter.has(last.folded)) continue;
        const mention = this.#mention(text, tokens, i, first, last, lang, excluded);
        if (mention !== null) {
          mentions.push(mention);
          used = n;
          break;
        }
        if (prefix && n === 2) used = run;
      }
      i += used;
    }
    if (mentions.length === 0) return [];
    const evidence = this.#evidence(mentions, hints);
    return mentions.flatMap((m, k) => {
      const c = this.#resolve(m, k, mentions, evidence);
      return c === null ? [] : [c];
    });
  }

  #mention(
    text: string,
    tokens: readonly Token[],
    index: number,
    first: Token,
    last: Token,
    lang: Lang,
    excluded: readonly [number, number][],
  ): Mention | null {
    const name = text.slice(first.start, last.end);
    const folded = foldName(name);
    // A country's name or adjective ("Malian forces") is no village, whatever one is called.
    if (
      folded.length < 3 ||
      this.#dict.stopPlaces.has(folded) ||
      this.#dict.countryWords.has(folded) ||
      this.#dict.regionAfter.has(folded)
    )
      return null;
    if (excluded.some(([s, e]) => first.start >= s && first.start < e)) return null;
    const before = foldName(text.slice(Math.max(0, first.start - 40), first.start));
    if (this.#dict.unitCue.test(before)) return null;
    const after = CONTEXT_AFTER.exec(text.slice(last.end, last.end + 180));
    const parts = after?.[1]?.split(',').map((s) => s.trim()) ?? [];
    const context = this.#context(parts);

    let homonyms: readonly Homonym[] = this.#homonyms(name);
    let fallback: Place | null = null;
    if (context !== null) {
      // ACLED's "(admin2, admin1)" or, in Burkina Faso, "(department, province)": the places of that
      // name in the unit; else near it (ACLED and GeoNames do not always agree on the region: ACLED's
      // "(Menaka, Gao)", GeoNames' Ménaka region); else a spelling variant near the seat; else the
      // village is geocoded at the seat of the smaller unit, or the centroid of the larger one.
      const unit = context.admin2 ?? context.admin1;
      const radius = context.admin2 === null ? 300 : 100;
      const inUnit = homonyms.filter((h) => within(h.place, context));
      const near = inUnit.length > 0 ? inUnit : homonyms.filter((h) => nearUnit(h.place, unit, radius));
      homonyms = near;
      if (homonyms.length === 0 && first !== last && /\s/.test(name)) {
        const joined = this.#homonyms(folded.replace(/ /g, '')).filter((h) => within(h.place, context));
        homonyms = joined;
      }
      if (homonyms.length === 0) {
        const centre =
          context.seat ?? (unit.latitude === null || unit.longitude === null ? null : this.#unitSeat(unit));
        const variant =
          centre === null
            ? undefined
            : this.#variants.near(name, centre.latitude, centre.longitude, VARIANT_RADIUS_KM)[0];
        if (variant !== undefined) homonyms = [{ place: variant.place, named: true, variant: true }];
      }
      if (homonyms.length === 0) {
        fallback = context.seat ?? this.#unitSeat(unit);
        if (fallback === null) return null;
      }
    } else if (homonyms.length === 0) {
      const nextToken = tokens.find((x) => x.start >= last.end);
      const after =
        nextToken !== undefined && /^[ -]*$/.test(text.slice(last.end, nextToken.start))
          ? nextToken.folded
          : '';
      const placeLike = this.#dict.strongCue[lang].test(before) || this.#dict.strongAfter.has(after);
      if (first !== last) homonyms = this.#homonyms(folded.replace(/ /g, ''));
      // A village spelled another way: only after a word that announces a place ("village of"); a
      // looser spelling only after one that announces a village outright.
      const variants = (places: readonly Place[]): Homonym[] =>
        places
          .filter((p) => EVENT_COUNTRIES.has(p.country))
          .slice(0, MAX_HOMONYMS)
          .map((place) => ({ place, named: false, variant: true }));
      if (homonyms.length === 0 && folded.length >= 5 && placeLike) {
        homonyms = variants(this.#variants.sameKey(name));
        if (homonyms.length === 0) homonyms = variants(this.#variants.oneEdit(name));
      }
      // Two capitalised words after "in" ("73 in Tchouma Bangou") are as likely a village.
      if (homonyms.length === 0 && (this.#dict.variantCue.test(before) || (first !== last && placeLike)))
        homonyms = variants(this.#variants.spelledLike(name));
      if (homonyms.length === 0) return null;
    }

    const next = tokens.find((x) => x.start >= last.end);
    const nextWord =
      next !== undefined && /^[ -]*$/.test(text.slice(last.end, next.start)) ? next.folded : '';
    const region = this.#dict.regionCue[lang].test(before) || this.#dict.regionAfter.has(nextWord);
    const prevToken = tokens[index - 1];
    return {
      start: first.start,
      end: last.end,
      text: name,
      folded,
      homonyms,
      context,
      fallback,
      region,
      strong:
        !region &&
        (this.#dict.strongCue[lang].test(before) ||
          // "the Tassiga area", not "the Zinda area of Gao" (a part of the town named after it)
          (this.#dict.strongAfter.has(nextWord) &&
            !/^[\s-]+\p{L}+\s+(?:of|de|d['’]|du)\s+\p{Lu}/u.test(text.slice(last.end, last.end + 40)))),
      // ACLED gives its own spelling in brackets after a name ("Manougou [Madougou]").
      decisive:
        this.#dict.decisiveCue.test(before) ||
        /\p{L}\s*\[\s*$/u.test(text.slice(Math.max(0, first.start - 30), first.start)),
      border:
        this.#dict.borderCue.test(before) ||
        this.#dict.elsewhereCue.test(before) ||
        // "heading for the Malian town of Gao"
        this.#dict.elsewhereCue.test(before.replace(TOWN_OF, '')),
      sentenceInitial: prevToken === undefined || /[.!?\n:«"“]/.test(text.slice(prevToken.end, first.start)),
      allCaps: /^\p{Lu}+$/u.test(name.replace(/[\s-]/g, '')) && name.length > 3,
      units: this.#units.find(name).filter((u) => EVENT_COUNTRIES.has(u.country)),
    };
  }

  /** Country and admin-unit evidence of the whole text. */
  #evidence(
    mentions: readonly Mention[],
    hints: PlaceHints,
  ): { countries: Map<string, number>; total: number; units: Map<string, number> } {
    const countries = new Map<string, number>(hints.countries ?? []);
    const units = new Map<string, number>();
    const add = <K>(map: Map<K, number>, key: K, w: number): void => {
      map.set(key, (map.get(key) ?? 0) + w);
    };
    for (const area of hints.areas ?? [])
      for (const u of this.#units.find(area, { level: 1 }))
        if (EVENT_COUNTRIES.has(u.country)) add(units, u.code, 0.5);
    const seen = new Set<string>();
    for (const m of mentions) {
      if (m.context !== null) {
        add(units, m.context.admin1.code, 1);
        if (m.context.admin2 !== null) add(units, m.context.admin2.code, 1);
        add(countries, m.context.admin1.country, 1);
      }
      if (seen.has(m.folded)) continue;
      seen.add(m.folded);
      for (const u of m.units) {
        add(units, u.code, 1);
        if (u.parent !== null) add(units, u.parent, 0.5);
      }
      const cs = new Set(m.homonyms.map((h) => h.place.country));
      if (cs.size === 1 && m.context === null) for (const c of cs) add(countries, c, 0.5);
    }
    let total = 0;
    for (const v of countries.values()) total += v;
    return { countries, total, units };
  }

  #resolve(
    m: Mention,
    k: number,
    mentions: readonly Mention[],
    evidence: { countries: Map<string, number>; total: number; units: Map<string, number> },
  ): PlaceCandidate | null {
    let place: Place | null = null;
    let location = m.text;
    let variant = false;
    if (m.homonyms.length === 1) {
      const h = m.homonyms[0];
      if (h !== undefined) {
        place = h.place;
        variant = h.variant;
      }
    } else if (m.homonyms.length > 1) {
      const neighbours = mentions
        .map((o, j) => ({ o, gap: Math.abs(j - k) }))
        .filter(({ o }) => o.folded !== m.folded && o.homonyms.length > 0)
        .sort((a, b) => a.gap - b.gap)
        .slice(0, MAX_NEIGHBOURS)
        .map(({ o }) => o);
      let bestScore = -Infinity;
      for (const h of m.homonyms) {
        const s = this.#homonymScore(h, m, neighbours, evidence);
        if (s > bestScore + 1e-9) {
          bestScore = s;
          place = h.place;
          variant = h.variant;
        }
      }
    }
    // A name found only by a loose spelling needs the text's support: its country, or a place it names
    // nearby. A name known only in a country the text does not speak of, beside one it does, is
    // probably a village the gazetteer lacks (or spells otherwise), not the one abroad.
    if (place !== null && m.context === null && !m.decisive) {
      const share = evidence.total > 0 ? (evidence.countries.get(place.country) ?? 0) / evidence.total : 1;
      const unsupported = !this.#supported(place, m, k, mentions, evidence);
      if (variant && unsupported) return null;
      if (share === 0 && evidence.total >= 0.5 && unsupported && (CODE_BONUS[place.featureCode] ?? 0) < 1.5)
        return null;
    }
    if (place !== null) location = place.name;
    else place = m.fallback;
    if (place === null) return null;

    let score = 1;
    if (m.region) score += 0.5;
    else if (m.strong) score += 2;
    if (m.context !== null) score += 3;
    if (m.decisive) score += 5;
    if (m.border) score -= 2;
    if (place.featureClass === 'P') score += 0.5;
    if (m.sentenceInitial && !m.region) score -= 1;
    if (m.allCaps) score -= 0.5;
    if (variant && m.context === null) score -= 0.5;
    const admin1 = m.context !== null ? m.context.admin1.name.en : this.#admin1Name(place);
    return {
      start: m.start,
      end: m.end,
      text: m.text,
      place,
      location,
      country: place.country,
      admin1,
      score,
      region: m.region,
      ...(variant ? { variant: true } : {}),
    };
  }

  /** Whether the text backs a place: its country is the text's, or it names another place nearby. */
  #supported(
    place: Place,
    m: Mention,
    k: number,
    mentions: readonly Mention[],
    evidence: { countries: Map<string, number>; total: number },
  ): boolean {
    if (evidence.total > 0 && (evidence.countries.get(place.country) ?? 0) / evidence.total >= 0.5)
      return true;
    return mentions.some(
      (o, j) =>
        j !== k &&
        o.folded !== m.folded &&
        o.homonyms.some(
          (g) =>
            !g.variant &&
            distanceKm(place.latitude, place.longitude, g.place.latitude, g.place.longitude) <= 150,
        ),
    );
  }

  /** How well a homonym fits the text: rank, country, named units, nearby places, the seat of its unit. */
  #homonymScore(
    h: Homonym,
    m: Mention,
    neighbours: readonly Mention[],
    evidence: { countries: Map<string, number>; total: number; units: Map<string, number> },
  ): number {
    const p = h.place;
    let s = (CODE_BONUS[p.featureCode] ?? 0) + 0.25 * Math.log10(p.population + 1);
    if (!h.named) s -= 1;
    if (evidence.total > 0) s += (2.5 * (evidence.countries.get(p.country) ?? 0)) / evidence.total;
    s += 1.5 * Math.min(1, evidence.units.get(p.admin1 ?? '') ?? 0);
    s += 1.5 * Math.min(1, evidence.units.get(p.admin2 ?? '') ?? 0);
    let near = 0;
    for (const o of neighbours) {
      let best = 0;
      for (const g of o.homonyms) {
        const d = distanceKm(p.latitude, p.longitude, g.place.latitude, g.place.longitude);
        const c = d <= 30 ? 1 : d <= 80 ? 0.6 : d <= 150 ? 0.3 : 0;
        if (c > best) best = c;
      }
      near += best / o.homonyms.length;
    }
    s += Math.min(3, near);
    const seat = m.context?.seat;
    if (seat != null) {
      const d = distanceKm(p.latitude, p.longitude, seat.latitude, seat.longitude);
      s += d <= 30 ? 2 : d <= 80 ? 1 : 0;
    }
    return s;
  }
}

/** In the context's units (its admin-2 unit when it names one). */
function within(
  place: Place,
  units: { admin1: ReferenceAdminUnit; admin2: ReferenceAdminUnit | null },
): boolean {
  if (place.admin1 !== units.admin1.code) return false;
  return units.admin2 === null || place.admin2 === null || place.admin2 === units.admin2.code;
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
