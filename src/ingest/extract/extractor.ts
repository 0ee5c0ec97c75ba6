/**
 * The extraction pipeline: language → sentences → dates, numbers, places, actors per sentence →
 * incidents (one per place × day × type, secondary incidents when a sentence dates or places its own)
 * → classification, actors, fatalities of each. Pure of I/O once built: build one Extractor per
 * process (it indexes the reference data and dictionaries) and call extract() per document.
 */
import type { ReferenceData } from '../../reference/load-reference.ts';
import { periodOf } from '../../domain/actor.ts';
import type { ReferenceActor } from '../../reference/reference-actor.ts';
import { ActorIndex, type ActorMention } from './actor-index.ts';
import { classify, findEventCues, type Classification, type CueHit } from './classify-event.ts';
import { detectLanguage } from './detect-language.ts';
import { loadExtractDictionaries, type ExtractDictionaries } from './extract-dictionaries.ts';
import type { ExtractedEvent } from './extracted-event.ts';
import { deathsBySide, findDeathTolls, totalFatalities, type DeathToll } from './find-fatalities.ts';
import { EVENT_COUNTRIES, findDatelines, PlaceFinder, type PlaceCandidate } from './find-places.ts';
import { findDates, type DateMention, type Lang } from './dates/find-dates.ts';
import { findCounts } from './numbers/find-counts.ts';
import { civilianQualified, roleOf, type Role } from './party-roles.ts';
import { splitSentences, type Sentence } from './split-sentences.ts';
import { tokenize, type Token } from './tokenize.ts';

export interface ExtractOptions {
  readonly lang?: Lang | null;
  /** YYYY-MM-DD: the day the text was published, against which relative dates are read. */
  readonly published?: string | null;
}

/** Everything the pipeline knows about one sentence. */
interface SentenceFacts {
  readonly sentence: Sentence;
  readonly hits: CueHit[];
  readonly places: PlaceCandidate[];
  readonly actors: ActorMention[];
  readonly dates: DateMention[];
  readonly background: boolean;
  /** An incident dated only to its month, with its own toll and place: coded apart, its date unknown. */
  readonly monthOnly: boolean;
  /** Background only for its date, long before publication: the incident of a text about nothing newer. */
  readonly stale: boolean;
  readonly future: boolean;
  /** Reports on an incident already told (a claim, a toll that rose): never starts a new one. */
  readonly followUp: boolean;
}

interface Incident {
  readonly sentences: SentenceFacts[];
  date: string | null;
  /** Whether the date was read from the incident's own sentences, not assumed from `published`. */
  dated: boolean;
  /** Another incident the same day was told apart from it ("another 30 in the nearby village of Y"). */
  split?: boolean;
}

interface Party {
  readonly name: string;
  readonly state: boolean;
  readonly key: string;
  /** Whether it attacks or is attacked, when the text says. */
  role: Role;
}

/** What the role stage read of one actor mention. */
interface MentionRole {
  readonly role: Role;
  /** An armed party said to be off duty, unarmed or retired: civilians. */
  readonly civilian: boolean;
}

/** Two named groups joined by "or" ("JNIM or ISGS militants"): one uncertain perpetrator. */
const EITHER = /^\s*(?:and\s*\/\s*or|or|ou|et\s*\/\s*ou|\/)\s*(?:the\s+|l['’]\s*|les?\s+)?$/iu;

const DAY_MS = 86_400_000;
const dayOf = (d: string): number => Date.parse(`${d}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

export class Extractor {
  readonly #dict: ExtractDictionaries;
  readonly #places: PlaceFinder;
  readonly #actors: ActorIndex;
  readonly #ref: ReferenceData;

  constructor(ref: ReferenceData, dict: ExtractDictionaries = loadExtractDictionaries()) {
    this.#ref = ref;
    this.#dict = dict;
    this.#places = new PlaceFinder(ref.gazetteer, ref.adminUnits, dict);
    this.#actors = new ActorIndex(ref.actors, dict);
  }

  extract(text: string, options: ExtractOptions = {}): ExtractedEvent[] {
    const lang = options.lang ?? detectLanguage(text);
    const published = options.published ?? null;
    const sentences = splitSentences(text);
    const datelines = findDatelines(
      text,
      sentences.filter((s) => s.paragraphStart).map((s) => s.start),
      this.#dict.datelines,
    );
    const tokens = tokenize(text);
    const actors = this.#actors.find(tokens);
    // A group named after a place ("Katiba Macina", "Boko Haram") is not a place.
    const named = actors.filter((a) => a.kind === 'named').map((a): [number, number] => [a.start, a.end]);
    const places = this.#places.find(text, tokens, lang, [...datelines, ...named], {
      countries: this.#countryEvidence(tokens, actors),
      areas: this.#areas(tokens, actors),
    });
    const dates = findDates(text, lang, published);
    const facts = sentences
      .flatMap((sentence) => this.#clauses(sentence))
      .map((sentence) => this.#sentenceFacts(sentence, places, actors, dates, published, tokens));
    const docCountry = this.#countryMention(tokens);

    const events = this.#events(text, lang, facts, published, docCountry, tokens);
    if (events.length > 0 || !facts.some((f) => f.stale && f.hits.length > 0)) return events;
    // A text about an incident long past and nothing newer (an inquiry, an anniversary) codes it.
    const past = facts.map((f) => (f.stale ? { ...f, background: false } : f));
    return this.#events(text, lang, past, published, docCountry, tokens);
  }

  #events(
    text: string,
    lang: Lang,
    facts: readonly SentenceFacts[],
    published: string | null,
    docCountry: string | null,
    tokens: readonly Token[],
  ): ExtractedEvent[] {
    const incidents = this.#group(facts, published);
    const events: ExtractedEvent[] = [];
    incidents.forEach((incident, i) => {
      const first = this.#event(text, lang, incident, i === 0, docCountry, tokens);
      if (first === null) return;
      for (const event of first) {
        const duplicate = events.some(
          (e) =>
            e.event_date === event.event_date &&
            e.location === event.location &&
            e.event_type === event.event_type,
        );
        if (!duplicate) events.push(event);
      }
    });
    return events;
  }

  /** A sentence that turns to another incident (", another 30 in the village of Y") read as two. */
  #clauses(sentence: Sentence): Sentence[] {
    const cuts = [...sentence.text.matchAll(this.#dict.anotherClause)].map((m) => m.index);
    if (cuts.length === 0) return [sentence];
    const out: Sentence[] = [];
    let from = 0;
    for (const cut of [...cuts, sentence.text.length]) {
      const text = sentence.text.slice(from, cut);
      if (text.trim() !== '')
        out.push({
          start: sentence.start + from,
          end: sentence.start + cut,
          text,
          paragraphStart: from === 0 && sentence.paragraphStart,
        });
      from = cut;
    }
    // Only when each part tells of an incident of its own.
    return out.every((s) => findEventCues(s.text, this.#dict).length > 0) ? out : [sentence];
  }

  #sentenceFacts(
    sentence: Sentence,
    places: readonly PlaceCandidate[],
    actors: readonly ActorMention[],
    dates: readonly DateMention[],
    published: string | null,
    tokens: readonly Token[],
  ): SentenceFacts {
    const within = <T extends { start: number }>(xs: readonly T[]): T[] =>
      xs.filter((x) => x.start >= sentence.start && x.start < sentence.end);
    // A day right after a verb of saying dates the report ("the army said Monday"), not the incident.
    const ownDates = within(dates).filter(
      (d) =>
        !this.#dict.reportDate.test(
          sentence.text.slice(Math.max(0, d.start - sentence.start - 30), d.start - sentence.start),
        ),
    );
    const dayDates = ownDates.filter(dayLike);
    const old =
      published !== null &&
      dayDates.length > 0 &&
      dayDates.every((d) => d.date !== null && dayOf(published) - dayOf(d.date) > 45);
    // Only a day given with its year dates the past on purpose ("between 27 and 31 March 2022");
    // "On May 1" read into the year before is as likely a slip.
    const dated = dayDates.every((d) => /\b(?:19|20)\d\d\b/.test(d.text));
    // Only coarse dates ("en août", "five years ago"), not even the day of a report: background.
    const coarseOnly = ownDates.length > 0 && dayDates.length === 0 && !within(dates).some(dayLike);
    const aggregate =
      this.#dict.background.test(sentence.text) ||
      (this.#dict.displacement.test(sentence.text) && !this.#dict.deathWords.test(sentence.text)) ||
      this.#abroad(sentence, places, tokens);
    const hits = findEventCues(sentence.text, this.#dict);
    // "En août dernier, 37 civils ont été tués dans l'attaque du village de X": an incident of its own,
    // dated only to its month, when the sentence gives its toll and its place.
    const monthOnly =
      coarseOnly &&
      !aggregate &&
      hits.length > 0 &&
      ownDates.some((d) => d.precision === 'month') &&
      within(places).some((p) => p.score >= 2 && !p.region) &&
      findDeathTolls(
        sentence.text,
        findCounts(sentence.text, 'fr').concat(findCounts(sentence.text, 'en')),
        this.#dict,
      ).length > 0;
    const background = aggregate || coarseOnly;
    return {
      sentence,
      hits,
      monthOnly,
      places: within(places),
      actors: within(actors),
      dates: ownDates,
      background: background || old,
      stale: old && dated && !background,
      future: this.#dict.future.test(sentence.text),
      followUp: this.#dict.followUp.test(sentence.text),
    };
  }

  /**
   * Sentences into incidents: a new one starts at an event sentence dated to another day, or one that
   * tells of another incident at another place ("another detachment in X was also attacked"). A
   * sentence that reports on an incident already told (a claim, a toll that rose) starts none.
   */
  #group(facts: readonly SentenceFacts[], published: string | null): Incident[] {
    const incidents: Incident[] = [];
    let current = null as Incident | null;
    const lead: SentenceFacts[] = [];
    for (const f of facts) {
      if (f.monthOnly && !f.future) {
        // Its own incident; the story goes on with the one before.
        incidents.push({ sentences: [f], date: null, dated: true });
        continue;
      }
      const anchor = f.hits.length > 0 && !f.future && !f.background;
      const own: string | null = anchor ? this.#dateOf(f, current?.date ?? null) : null;
      if (anchor && current === null) {
        const date = own ?? this.#leadDate(lead, null);
        // A claim or a toll that rose dates its report; a later sentence may date the incident.
        const dated = date !== null && !(f.followUp && own !== null);
        current = { sentences: [...lead, f], date: date ?? published, dated };
        incidents.push(current);
        continue;
      }
      if (current === null) {
        lead.push(f);
        continue;
      }
      // A headline or lead that gives no day is the incident the first dated sentence describes
      // (not a later claim or report of it, dated after publication).
      if (anchor && own !== null && !current.dated && (published === null || own <= published)) {
        current.date = own;
        current.dated = true;
        current.sentences.push(f);
        continue;
      }
      if (anchor && own !== null && current.date !== null && own !== current.date && !f.followUp) {
        current = { sentences: [f], date: own, dated: true };
        incidents.push(current);
        continue;
      }
      if (anchor && !f.followUp && this.#dict.another.test(f.sentence.text) && elsewhere(f, current)) {
        current.split = true;
        current = {
          sentences: [f],
          date: own ?? current.date,
          dated: own !== null || current.dated,
          split: true,
        };
        incidents.push(current);
        continue;
      }
      current.sentences.push(f);
    }
    return incidents;
  }

  #leadDate(lead: readonly SentenceFacts[], previous: string | null): string | null {
    for (const f of lead) {
      if (f.background || f.future) continue;
      const d = this.#dateOf(f, previous);
      if (d !== null) return d;
    }
    return null;
  }

  /** The first day-precise date of a sentence; event-relative ones ("la veille") from the previous incident. */
  #dateOf(f: SentenceFacts, previous: string | null): string | null {
    for (const d of f.dates) {
      if (!dayLike(d)) continue;
      if (d.date !== null) return d.date;
      if (d.offsetFromEvent !== null && previous !== null) return isoOf(dayOf(previous) + d.offsetFromEvent);
    }
    return null;
  }

  /** Admin-1 names where the text's groups and communities are mostly found. */
  #areas(tokens: readonly Token[], actors: readonly ActorMention[]): string[] {
    const { actors: byActor, words } = this.#dict.areaCues;
    const out = new Set<string>();
    for (const m of actors)
      if (m.kind === 'named')
        for (const a of m.actors) for (const area of byActor[a.key] ?? []) out.add(area);
    for (const t of tokens) for (const area of words.get(t.folded) ?? []) out.add(area);
    return [...out];
  }

  /** How much the text speaks of each country: its names and adjectives, cue words, actors of one state. */
  #countryEvidence(tokens: readonly Token[], actors: readonly ActorMention[]): Map<string, number> {
    const out = new Map<string, number>();
    const add = (iso3: string | null | undefined, w = 1): void => {
      if (iso3 != null && EVENT_COUNTRIES.has(iso3)) out.set(iso3, (out.get(iso3) ?? 0) + w);
    };
    const { countryWords, notCountry, countryCues, countryCueMaxWords, borderWords } = this.#dict;
    const nearBorder = (from: number, to: number): boolean => {
      for (let k = Math.max(0, from - 3); k < Math.min(tokens.length, to + 3); k++)
        if (borderWords.has(tokens[k]?.folded ?? '')) return true;
      return false;
    };
    const starts = this.#dict.countryPhraseStarts;
    for (let i = 0; i < tokens.length; i++) {
      const one = tokens[i]?.folded ?? '';
      const opens = starts.has(one);
      const two = opens ? `${one} ${tokens[i + 1]?.folded ?? ''}` : '';
      if (notCountry.has(two) || notCountry.has(one)) {
        i++;
        continue;
      }
      const byTwo = countryWords.get(two);
      const iso3 = byTwo ?? countryWords.get(one);
      if (iso3 !== undefined) {
        const words = byTwo === undefined ? 1 : 2;
        add(iso3, nearBorder(i, i + words) ? 0.25 : 1);
        i += words - 1;
        continue;
      }
      let phrase = '';
      let cue: { iso3: string; words: number } | null = null;
      for (let n = 0; n < (opens ? countryCueMaxWords : 1) && i + n < tokens.length; n++) {
        phrase = n === 0 ? one : `${phrase} ${tokens[i + n]?.folded ?? ''}`;
        const iso3 = countryCues.get(phrase);
        if (iso3 !== undefined) cue = { iso3, words: n + 1 };
      }
      if (cue !== null) {
        add(cue.iso3);
        i += cue.words - 1;
      }
    }
    for (const m of actors) {
      if (m.kind !== 'named') continue;
      const states = new Set(m.actors.map((a) => a.state ?? a.country));
      if (states.size === 1) add([...states][0]);
    }
    return out;
  }

  /** A sentence set in another country: it names one, and no place or country of the three. */
  #abroad(sentence: Sentence, places: readonly PlaceCandidate[], tokens: readonly Token[]): boolean {
    const own = tokens.filter((t) => t.start >= sentence.start && t.start < sentence.end);
    if (!this.#foreign(own)) return false;
    if (places.some((p) => p.start >= sentence.start && p.start < sentence.end && p.variant !== true))
      return false;
    return this.#countryMention(own) === null;
  }

  /** Whether the tokens name a country other than the three ("Nigeria", "Algérie"). */
  #foreign(tokens: readonly Token[]): boolean {
    const words = this.#dict.foreignCountryWords;
    const starts = this.#dict.countryPhraseStarts;
    for (let i = 0; i < tokens.length; i++) {
      const one = tokens[i]?.folded ?? '';
      if (words.has(one)) return true;
      if (starts.has(one) && words.has(`${one} ${tokens[i + 1]?.folded ?? ''}`)) return true;
    }
    return false;
  }

  #countryMention(tokens: readonly Token[]): string | null {
    for (let i = 0; i < tokens.length; i++) {
      const one = tokens[i]?.folded ?? '';
      const two = this.#dict.countryPhraseStarts.has(one) ? `${one} ${tokens[i + 1]?.folded ?? ''}` : '';
      if (this.#dict.notCountry.has(two) || this.#dict.notCountry.has(one)) continue;
      const iso3 = this.#dict.countryWords.get(two) ?? this.#dict.countryWords.get(one);
      if (iso3 !== undefined) return iso3;
    }
    return null;
  }

  #event(
    text: string,
    lang: Lang,
    incident: Incident,
    main: boolean,
    docCountry: string | null,
    allTokens: readonly Token[],
  ): ExtractedEvent[] | null {
    const live = incident.sentences.filter((f) => (!f.background || f.monthOnly) && !f.future);
    const anchors = live.filter((f) => f.hits.length > 0);
    if (anchors.length === 0) return null;
    const liveText = live.map((f) => f.sentence.text).join(' ');

    let best: PlaceCandidate | null = null;
    let bestScore = -Infinity;
    // A sentence that refers back to the incident ("this attack came after a visit to X") names
    // other places than its own, unless no other sentence names one.
    const placing = live.some((f) => !f.followUp && f.places.length > 0)
      ? live.filter((f) => !f.followUp)
      : live;
    for (const f of placing) {
      const bonus = f.hits.length > 0 ? 0.5 : 0;
      for (const p of f.places) {
        const s = p.score + bonus;
        if (s > bestScore) {
          best = p;
          bestScore = s;
        }
      }
    }
    // A weak candidate still tells the country when nothing else does.
    const weak = best;
    if (best !== null && bestScore < 1) best = null;

    const mentions = live.flatMap((f) => f.actors);
    const start = incident.sentences[0]?.sentence.start ?? 0;
    const end = incident.sentences.at(-1)?.sentence.end ?? text.length;
    const ownTokens = allTokens.filter((t) => t.start >= start && t.start < end);
    // An incident its own sentences place in another country (a photo caption on Nigeria) is not ours.
    if (best === null && this.#countryMention(ownTokens) === null && this.#foreign(ownTokens)) return null;
    const country =
      best?.country ??
      this.#actorCountry(mentions) ??
      this.#countryMention(ownTokens) ??
      docCountry ??
      weak?.country ??
      null;
    if (country === null || !EVENT_COUNTRIES.has(country)) return null;
    if (best !== null && best.country !== country) best = null;

    const counts = live.flatMap((f) =>
      findCounts(f.sentence.text, lang).map((c) => ({ ...c, sentence: f.sentence })),
    );
    // Tolls with positions in the text.
    const tollsOf = (f: SentenceFacts): DeathToll[] =>
      this.#dict.retracted.test(f.sentence.text)
        ? []
        : findDeathTolls(
            f.sentence.text,
            counts.filter((c) => c.sentence === f.sentence),
            this.#dict,
          ).map((t) => ({ ...t, start: t.start + f.sentence.start, end: t.end + f.sentence.start }));
    const tolls = live.flatMap(tollsOf);
    // An incident told apart from another the same day takes the toll given at its own place, not the
    // lead's total of both ("79 killed in two villages … 49 in X, another 30 in Y").
    const atPlace =
      incident.split === true && best !== null
        ? live
            .filter((f) => best !== null && f.places.some((p) => p.location === best?.location))
            .flatMap(tollsOf)
        : [];
    const fatalities = totalFatalities(atPlace.length > 0 ? atPlace : tolls, liveText, this.#dict);
    const sides = deathsBySide(tolls);

    const roles = new Map<ActorMention, MentionRole>();
    for (const f of live) {
      const hits = f.hits.map((h) => ({ start: f.sentence.start + h.start, end: f.sentence.start + h.end }));
      for (const m of f.actors)
        roles.set(m, {
          role: roleOf(text, f.sentence, hits, m, this.#dict.roles),
          civilian: civilianQualified(text, f.sentence, m, this.#dict.roles),
        });
    }
    const parties = this.#parties(text, mentions, roles, country, incident.date);
    // The cues of sentences that tell of the incident (an actor, a place or a number in them), not of
    // a minister's "combat against terrorism".
    const telling = anchors.filter(
      (f) => f.actors.length > 0 || f.places.length > 0 || counts.some((c) => c.sentence === f.sentence),
    );
    const byPriority = (xs: CueHit[]): CueHit[] => xs.sort((a, b) => b.cue.priority - a.cue.priority);
    const hits = byPriority((telling.length > 0 ? telling : anchors).flatMap((f) => f.hits));
    const facts = {
      state: parties.armed.some((a) => a.state),
      nonState: parties.armed.filter((a) => !a.state).length,
      civilians: parties.civilians,
      armedTarget: parties.armed.some((a) => a.role === 'target'),
      civilianTarget: parties.civilianTarget,
      fatalities,
      civilianDeaths: sides.get('civilians') ?? 0,
      armedDeaths: (sides.get('forces') ?? 0) + (sides.get('assailants') ?? 0),
    };
    const code = (
      cues: readonly CueHit[],
    ): { type: Classification; actors: [string | null, string | null] } | null => {
      const type = classify(cues, facts, liveText, this.#dict);
      if (type === null) return null;
      const coup = cues[0]?.cue.actors === 'coup' && type.eventType === 'Strategic developments';
      const actors = coup
        ? this.#coup(parties, country, incident.date)
        : this.#assign(type.eventType, type.subEventType, parties, country, incident.date);
      return { type, actors };
    };
    const coded = code(hits);
    if (coded === null) return null;
    // A coup takes the seat of power: the capital, unless the text places it.
    if (best === null && hits[0]?.cue.actors === 'coup') best = this.#places.capital(country);
    const actor1 = coded.actors[0];
    if (!main && best === null && (fatalities === null || fatalities === 0)) return null;

    const confidence =
      0.3 +
      (best !== null ? 0.25 : 0) +
      (incident.date !== null ? 0.15 : 0) +
      (fatalities !== null ? 0.1 : 0) +
      (actor1 !== null ? 0.1 : 0);
    const sites = best === null ? [] : siteList(text, live, best);
    const at = (
      site: PlaceCandidate | null,
      deaths: number | null,
      { type, actors }: NonNullable<typeof coded> = coded,
    ): ExtractedEvent => ({
      event_date: incident.date,
      country_iso3: country,
      admin1: site?.admin1 ?? null,
      location: site?.location ?? null,
      latitude: site?.place.latitude ?? null,
      longitude: site?.place.longitude ?? null,
      event_type: type.eventType,
      sub_event_type: type.subEventType,
      actor1: actors[0],
      actor2: actors[1],
      fatalities: deaths,
      confidence: Math.round(confidence * 100) / 100,
      evidence: anchors.map((f) => ({ start: f.sentence.start, end: f.sentence.end, text: f.sentence.text })),
    });
    // Simultaneous attacks on listed places ("attacks on X, Y and Z") are one event per place, the
    // toll split evenly between them as ACLED does (the remainder to the first named).
    if (sites.length < 2) return [at(best, fatalities)];
    let share = (n: number): number | null =>
      fatalities === null
        ? null
        : Math.floor(fatalities / sites.length) + (n < fatalities % sites.length ? 1 : 0);
    // Each site its own toll when the text gives one for each ("32 killed in X and 73 in Y").
    const names = new Set(sites.map((p) => p.location));
    const ownTolls = sites.map((site) => {
      let own: number | null = null;
      for (const f of live) {
        const named = f.places.filter((p) => names.has(p.location)).sort((a, b) => a.start - b.start);
        named.forEach((m, k) => {
          if (m.location !== site.location) return;
          const from = Math.max(f.sentence.start, named[k - 1]?.end ?? -1);
          for (const t of tolls) if (t.start >= from && t.end <= m.start) own = Math.max(own ?? 0, t.value);
        });
      }
      return own;
    });
    // Sites with a toll of their own take it; the others share what is left of the total.
    if (ownTolls.some((t) => t !== null)) {
      const given = ownTolls.reduce<number>((a, t) => a + (t ?? 0), 0);
      const rest = ownTolls.filter((t) => t === null).length;
      const left = fatalities === null ? null : Math.max(0, fatalities - given);
      share = (n: number): number | null =>
        ownTolls[n] ?? (left === null || rest === 0 ? null : Math.floor(left / rest));
    }
    // Each site is coded from the cues that are not another site's own (one attack listed at seven
    // places is not an artillery attack at each because one of them was shelled).
    const own = siteHits(text, anchors, sites);
    return sites.map((site, n) => at(site, share(n), code(own.get(site.location) ?? hits) ?? coded));
  }

  #actorCountry(mentions: readonly ActorMention[]): string | null {
    for (const m of mentions) {
      if (m.kind !== 'named') continue;
      const a = m.actors.length === 1 ? m.actors[0] : undefined;
      const c = a?.state ?? a?.country ?? null;
      if (c !== null && EVENT_COUNTRIES.has(c)) return c;
    }
    return null;
  }

  #resolve(actors: readonly ReferenceActor[], country: string): ReferenceActor | null {
    if (actors.length === 1) return actors[0] ?? null;
    const local = actors.filter((a) => a.state === country || a.country === country);
    return local.length === 1 ? (local[0] ?? null) : null;
  }

  /**
   * The armed parties (in order of mention, each with its role) and whether civilians are involved, and
   * as other than attackers. Unidentified attackers are a party of their own unless a named group
   * plays their part; a group said to be off duty or unarmed counts as civilians.
   */
  #parties(
    text: string,
    mentions: readonly ActorMention[],
    roles: ReadonlyMap<ActorMention, MentionRole>,
    country: string,
    date: string | null,
  ): { armed: Party[]; civilians: boolean; civilianTarget: boolean } {
    const armed: Party[] = [];
    let civilians = false;
    let civilianTarget = false;
    const unidentified: Role[] = [];
    const civilian = (role: Role): void => {
      civilians = true;
      if (role !== 'agent') civilianTarget = true;
    };
    const add = (p: Party): void => {
      // A katiba and the group it belongs to (Katiba Macina, JNIM) are one party.
      const lineage = this.#ref.actors.lineage(p.key).map((a) => a.key);
      const related = armed.find(
        (a) =>
          a.key === p.key ||
          lineage.includes(a.key) ||
          this.#ref.actors.lineage(a.key).some((x) => x.key === p.key),
      );
      if (related === undefined) armed.push(p);
      else if (related.role === null) related.role = p.role;
    };
    let previous: ActorMention | null = null;
    for (const m of mentions) {
      const { role, civilian: offDuty } = roles.get(m) ?? { role: null, civilian: false };
      const prev = previous;
      previous = m;
      if (m.kind === 'named') {
        const actor = this.#resolve(m.actors, country);
        if (actor === null) continue;
        if (actor.designation === 'civilians') civilian(role);
        else if (actor.designation === 'protesters' || actor.designation === 'rioters') continue;
        // A government speaks of attacks; it takes part in none (a coup's actors are coded apart).
        else if (actor.designation === 'government') continue;
        else if (actor.key.startsWith('UNIDENTIFIED_ARMED')) unidentified.push(role);
        else if (offDuty) civilian(role);
        else if (prev?.kind === 'named' && EITHER.test(text.slice(prev.end, m.start))) continue;
        else
          add({
            name: this.#actors.acledName(actor, date),
            state:
              actor.designation === 'state-force' ||
              actor.designation === 'foreign-force' ||
              actor.designation === 'international-force',
            key: actor.key,
            role,
          });
        continue;
      }
      if (offDuty && m.role !== 'civilians' && m.role !== 'unidentified') {
        civilian(role);
        continue;
      }
      switch (m.role) {
        case 'civilians':
          civilian(role);
          break;
        case 'unidentified':
          unidentified.push(role);
          break;
        case 'military':
          this.#addState(add, `MIL_${country}`, date, role);
          break;
        case 'police':
          this.#addState(add, `POL_${country}`, date, role);
          break;
        case 'communalMilitia': {
          const a = this.#ref.actors.byKey(`UNIDENTIFIED_COMMUNAL_MILITIA_${country}`);
          if (a !== null) add({ name: a.canonicalName, state: false, key: a.key, role });
          break;
        }
      }
    }
    // Unidentified attackers are their own party unless a named group already plays their part
    // ("suspected JNIM militants"); their role is the one no named group has.
    const named = armed.filter((a) => !a.state).map((a) => a.role);
    const role = unidentified.find((r) => r !== null) ?? null;
    // Beside a named group, unidentified men are a party of their own only as the attackers of a group
    // the text names as attacked ("unknown gunmen attacked an MSA post"); otherwise they are that group.
    const own = named.length === 0 || (role === 'agent' && named.every((r) => r === 'target'));
    if (unidentified.length > 0 && own) {
      const uag = this.#generic('UNIDENTIFIED_ARMED_GROUP', country);
      // The unidentified attacker is usually the subject: put it first unless a named group leads.
      if (uag !== null)
        armed.unshift({ name: uag, state: false, key: `UNIDENTIFIED_ARMED_GROUP_${country}`, role });
    }
    return { armed, civilians, civilianTarget };
  }

  #addState(add: (p: Party) => void, key: string, date: string | null, role: Role): void {
    const a = this.#ref.actors.byKey(key);
    if (a !== null) add({ name: this.#actors.acledName(a, date), state: true, key: a.key, role });
  }

  #generic(prefix: string, country: string): string | null {
    return this.#ref.actors.byKey(`${prefix}_${country}`)?.canonicalName ?? null;
  }

  /** A coup as ACLED codes it: the junta the text names, else the state's mutinous military, against its government. */
  #coup(parties: { armed: Party[] }, country: string, date: string | null): [string | null, string | null] {
    const junta = parties.armed.find((a) => !a.state && a.key !== `UNIDENTIFIED_ARMED_GROUP_${country}`);
    const mutiny = this.#ref.actors.byKey(`MUTINY_MIL_${country}`);
    const government = this.#ref.actors.byKey(`GOV_${country}`);
    // The government a coup overthrows is the one whose period ends that year.
    const year = date === null ? null : Number(date.slice(0, 4));
    const outgoing = government?.acledNames.find((n) => year !== null && periodOf(n)?.to === year);
    return [
      junta?.name ?? (mutiny === null ? null : this.#actors.acledName(mutiny, date)),
      outgoing ?? (government === null ? null : this.#actors.acledName(government, date)),
    ];
  }

  /** actor1 and actor2 as ACLED codes them for the event type. */
  #assign(
    type: string,
    sub: string,
    parties: { armed: Party[]; civilians: boolean },
    country: string,
    date: string | null,
  ): [string | null, string | null] {
    const { armed, civilians } = parties;
    const agent = armed.find((a) => a.role === 'agent') ?? null;
    const civ = this.#generic('CIVILIANS', country);
    const uag = this.#generic('UNIDENTIFIED_ARMED_GROUP', country);
    const nonState = armed.find((a) => !a.state)?.name ?? null;
    const state = armed.find((a) => a.state)?.name ?? null;
    const military = (): string | null => {
      const a = this.#ref.actors.byKey(`MIL_${country}`);
      return a === null ? null : this.#actors.acledName(a, date);
    };
    switch (type) {
      case 'Battles': {
        if (sub === 'Non-state actor overtakes territory') return [nonState ?? uag, state];
        if (sub === 'Government regains territory') return [state ?? military(), nonState];
        // The attacker first, then the one attacked; an attacker the text does not name is unidentified.
        const target = armed.find((a) => a.role === 'target' && a !== agent) ?? null;
        if (target !== null) {
          const first = agent ?? armed.find((a) => a !== target && a.role === null) ?? null;
          if (first !== null) return [first.name, target.name];
          const other =
            armed.find((a) => a !== target && a.state !== target.state) ?? armed.find((a) => a !== target);
          if (other !== undefined) return [other.name, target.name];
          return target.state ? [uag, target.name] : [military(), target.name];
        }
        // A battle has two sides: a lone state force fought unidentified men.
        if (armed.length === 1 && armed[0]?.state === true) return [uag, armed[0].name];
        return [armed[0]?.name ?? uag, armed[1]?.name ?? null];
      }
      case 'Violence against civilians':
        return [(agent ?? armed[0])?.name ?? uag, civ];
      case 'Explosions/Remote violence': {
        if (sub === 'Air/drone strike') return [state ?? military(), nonState ?? (civilians ? civ : null)];
        // The group that planted or claimed it, else the first named.
        const bomber = armed.find((a) => a.role === 'agent' && !a.state)?.name ?? nonState;
        return [bomber ?? uag, state ?? (civilians ? civ : null)];
      }
      case 'Protests':
        return [this.#generic('PROTESTERS', country), sub === 'Peaceful protest' ? null : state];
      case 'Riots':
        return [this.#generic('RIOTERS', country), state ?? (civilians ? civ : null)];
      default: {
        if (sub === 'Looting/property destruction')
          return [armed[0]?.name ?? uag, civilians || armed.length < 2 ? civ : (armed[1]?.name ?? null)];
        // The arrested are a group the text names, else civilians (suspects, "presumed terrorists").
        if (sub === 'Arrests') {
          const named = armed.find((a) => !a.state && !a.key.startsWith('UNIDENTIFIED_ARMED'));
          return [state ?? military(), named?.name ?? civ];
        }
        if (sub === 'Disrupted weapons use') return [state ?? military(), nonState];
        return [armed[0]?.name ?? null, armed[1]?.name ?? null];
      }
    }
  }
}

/** A date to the day, or a weekend (coded on its Saturday, as "last weekend" is). */
function dayLike(d: DateMention): boolean {
  return d.precision === 'day' || (d.precision === 'week' && /week-?end|fin de semaine/iu.test(d.text));
}

/** Whether a sentence names a populated place its incident does not. */
function elsewhere(f: SentenceFacts, incident: Incident): boolean {
  const known = new Set(incident.sentences.flatMap((x) => x.places.map((p) => p.location)));
  return f.places.some((p) => !p.region && p.score >= 2 && !known.has(p.location));
}

/** Joins the names of a list: commas, "and", "or", with articles or "village(s) of" between. */
const LIST_JOIN =
  /^\s*(?:,|\band\b|\bet\b|\bor\b|\bou\b|,\s*(?:and|et)\b)\s*(?:\d+\s+(?:(?:others?|more|autres?|people|personnes)\s+)?(?:in|at|à|au|dans)\s+)?(?:(?:the|les?|la|l['’]|de|du|d['’]|of|villages?|towns?|localit[ée]s?|ville)\s*)*$/iu;
const CONJUNCTION = /\b(?:and|et|or|ou)\b/iu;
/**
 * "between X and Y", "entre X et Y": a road or a dispute between two places, one site; "stationed in",
 * "en route to", "from": where the parties come from or go, not where it happened.
 */
const BETWEEN =
  /\b(?:between|entre|axis|axe|road|route|stationed in|based in|bas[ée]s? [àa]|stationn[ée]s? [àa]|en route (?:to|for|pour|vers)|on (?:the|their) way to|towards|vers|from|venus? de|venant de|en provenance de)\s*(?:(?:the|les?|la|l['’]|de|du|d['’]|of|villages?|towns?|localit[ée]s?)\s*)*$/iu;
/** A name followed by a unit word is the unit of the name before it ("Kassa Commune", "Segou Region"). */
const UNIT_AFTER = /^\s*(?:commune|region|r[ée]gion|province|cercle|circle|department|d[ée]partement)\b/iu;

/**
 * The places listed together with the chosen one in attack sentences ("attacks on Niono, Molodo and
 * Kayes"), in text order, one per location; empty when the place stands alone. A list needs a
 * conjunction: "Koro, Mopti" is a place and its region. Lists of several sentences that share a place
 * are one list ("attacks on Niono, Molodo and Kayes … positions taken in Niono, Kayes and Diboli").
 */
function siteList(text: string, live: readonly SentenceFacts[], best: PlaceCandidate): PlaceCandidate[] {
  const lists = live.flatMap((f) => (f.hits.length === 0 ? [] : listsOf(text, f, best.country)));
  const start = lists.find((l) => l.includes(best));
  if (start === undefined) return [];
  const names = new Set(start.map((p) => p.location));
  const chosen = [start];
  for (let grown = true; grown;) {
    grown = false;
    for (const l of lists) {
      if (chosen.includes(l) || !l.some((p) => names.has(p.location))) continue;
      chosen.push(l);
      for (const p of l) names.add(p.location);
      grown = true;
    }
  }
  const seen = new Set<string>();
  return chosen
    .flat()
    .sort((a, b) => a.start - b.start)
    .filter((p) => !seen.has(p.location) && seen.add(p.location) !== undefined);
}

/** The lists of places ("X, Y and Z") of one sentence, each of two places or more. */
function listsOf(text: string, f: SentenceFacts, country: string): PlaceCandidate[][] {
  const open = (p: PlaceCandidate): boolean => {
    const head = text.slice(f.sentence.start, p.start);
    return head.split('(').length > head.split(')').length;
  };
  const places = f.places.filter(
    (p) =>
      !p.region &&
      p.country === country &&
      p.place.featureClass === 'P' &&
      !open(p) &&
      !UNIT_AFTER.test(text.slice(p.end, p.end + 20)),
  );
  const joined = (a: PlaceCandidate | undefined, b: PlaceCandidate | undefined): boolean =>
    a !== undefined && b !== undefined && LIST_JOIN.test(text.slice(a.end, b.start));
  const out: PlaceCandidate[][] = [];
  for (let i = 0; i < places.length;) {
    let to = i;
    while (joined(places[to], places[to + 1])) to++;
    const list = places.slice(i, to + 1);
    i = to + 1;
    const head = list[0];
    const last = list.at(-1);
    if (list.length < 2 || head === undefined || last === undefined) continue;
    if (!CONJUNCTION.test(text.slice(head.end, last.start))) continue;
    if (BETWEEN.test(text.slice(Math.max(f.sentence.start, head.start - 40), head.start))) continue;
    out.push(list);
  }
  return out;
}

/** Where a clause of a sentence ends: punctuation, a dash, "and", "et". */
const CLAUSE_BREAK = /[,;:—–()]|\s(?:and|et|but|mais)\s/giu;

/**
 * The cue hits of an incident that concern one site of a list only: those in a clause of an anchor
 * sentence that names that site and no other ("… and launched an artillery bombardment on the Molodo
 * base"). Each site takes the hits that are not another's.
 */
function siteHits(
  text: string,
  anchors: readonly SentenceFacts[],
  sites: readonly PlaceCandidate[],
): Map<string, CueHit[]> {
  const names = new Set(sites.map((p) => p.location));
  const own = new Map<CueHit, string>();
  const all: CueHit[] = [];
  for (const f of anchors) {
    // A site named in a list of the sentence shares the sentence's cues with the others listed.
    const listed = new Set(listsOf(text, f, sites[0]?.country ?? '').flat());
    const mentions = f.places.filter((p) => names.has(p.location) && !listed.has(p));
    const sentenceSites = new Set(mentions.map((p) => p.location));
    const breaks = [f.sentence.start];
    for (const m of f.sentence.text.matchAll(CLAUSE_BREAK)) breaks.push(f.sentence.start + m.index);
    breaks.push(f.sentence.end);
    for (const h of f.hits) {
      all.push(h);
      const at = f.sentence.start + h.start;
      if (sentenceSites.size === 1 && listed.size === 0) {
        own.set(h, [...sentenceSites][0] ?? '');
        continue;
      }
      const from = Math.max(...breaks.filter((b) => b <= at));
      const to = Math.min(...breaks.filter((b) => b > at));
      const inClause = new Set(
        mentions.filter((p) => p.start >= from && p.start < to).map((p) => p.location),
      );
      if (inClause.size === 1) own.set(h, [...inClause][0] ?? '');
    }
  }
  return new Map(
    sites.map((site) => [
      site.location,
      all
        .filter((h) => {
          const o = own.get(h);
          return o === undefined || o === site.location;
        })
        .sort((a, b) => b.cue.priority - a.cue.priority),
    ]),
  );
}
