/**
 * The extractor's dictionaries and patterns, read once from data/extract/*.json and compiled: regular
 * expressions built, word lists folded and indexed in Sets and Maps. Adding a cue is a data change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldName } from '../../domain/place.ts';
import type { RoleCues } from './party-roles.ts';

export const EXTRACT_DATA_DIR = join(import.meta.dirname, '..', '..', '..', 'data', 'extract');

export type GenericRole = 'unidentified' | 'military' | 'police' | 'civilians' | 'communalMilitia';
export type VictimSide = 'forces' | 'assailants' | 'civilians';

export interface EventCue {
  readonly pattern: RegExp;
  /** An ACLED event type, or "@target" when the actors settle it. */
  readonly type: string;
  readonly sub: string;
  readonly priority: number;
  /** 'coup': the incident's actors are the state's mutinous military and its government. */
  readonly actors?: 'coup';
}

/** Community names read as the militia ACLED codes for them (see actor-cues.json). */
export interface EthnicMilitias {
  /** Folded community name → registry keys of its militia. */
  readonly groups: ReadonlyMap<string, readonly string[]>;
  /** Names that are a militia on their own ("Dozos"). */
  readonly always: ReadonlySet<string>;
  /** Names that win over a community name right before them ("Dogon Amassagou"). */
  readonly qualifiers: ReadonlySet<string>;
  /** Folded militia phrases, as word lists, longest first. */
  readonly militiaWords: readonly (readonly string[])[];
  readonly joiners: ReadonlySet<string>;
}

export interface ExtractDictionaries {
  readonly eventCues: readonly EventCue[];
  readonly protestIntervention: RegExp;
  readonly protestExcessiveForce: RegExp;
  /** Someone hurt: an attack that wounded is an attack, not looting, even with goods taken. */
  readonly injury: RegExp;
  /** A sentence that reports on an incident already told (a claim, a toll that rose). */
  readonly followUp: RegExp;
  /** Another incident the same day at another place ("another detachment … was also attacked"). */
  readonly another: RegExp;
  /** Where a sentence turns to another incident (", another 30 in the nearby village of Y"). */
  readonly anotherClause: RegExp;
  /** Text before a date that makes it the day of a report ("the army said"). */
  readonly reportDate: RegExp;
  /** An explosion or strike with gunfire or ground troops: a battle. */
  readonly complexAttack: RegExp;
  /** Patterns of the role stage (who attacks, who is attacked). */
  readonly roles: RoleCues;
  /** Folded phrase → role, and the longest phrase in words. */
  readonly genericActors: ReadonlyMap<string, GenericRole>;
  readonly genericMaxWords: number;
  readonly ethnicMilitias: EthnicMilitias;
  /** Folded words around a group's name that make it a descriptor of another's allegiance. */
  readonly descriptorBefore: readonly (readonly string[])[];
  readonly descriptorAfter: ReadonlySet<string>;
  /** Where groups (registry key) and communities (folded word) are mostly found: admin-1 names. */
  readonly areaCues: {
    readonly actors: Readonly<Record<string, readonly string[]>>;
    readonly words: ReadonlyMap<string, readonly string[]>;
  };
  /** Registry key → more names of that actor. */
  readonly extraAliases: Readonly<Record<string, readonly string[]>>;
  /** Folded phrase → ISO3. */
  readonly countryWords: ReadonlyMap<string, string>;
  readonly notCountry: ReadonlySet<string>;
  /** Folded names of countries other than the three (and Nigerian states). */
  readonly foreignCountryWords: ReadonlySet<string>;
  /** First words of the country phrases of several words (country names, cues, foreign names). */
  readonly countryPhraseStarts: ReadonlySet<string>;
  /** Folded words that tell one of the three states without naming it ("fama", "cercle") → ISO3. */
  readonly countryCues: ReadonlyMap<string, string>;
  readonly countryCueMaxWords: number;
  /** Words that make a country named next to them a neighbour ("near the Niger border"). */
  readonly borderWords: ReadonlySet<string>;
  readonly countryDisplay: Readonly<Record<string, string>>;
  /** Folded text ending with a cue (checked on the folded text before a span). */
  readonly strongCue: Readonly<Record<'fr' | 'en', RegExp>>;
  readonly regionCue: Readonly<Record<'fr' | 'en', RegExp>>;
  /** Folded text ending with words that name the event's place outright ("coded as"). */
  readonly decisiveCue: RegExp;
  /** Folded text ending with words that announce a village outright ("village of"). */
  readonly variantCue: RegExp;
  /** Folded text ending with "border with", "frontière du": the place after is a neighbour. */
  readonly borderCue: RegExp;
  /** Folded text ending with "heading for", "evacuated to": where someone goes or comes from. */
  readonly elsewhereCue: RegExp;
  /** Folded first words that are no place alone when a longer capitalised name follows ("Tin"). */
  readonly namePrefixes: ReadonlySet<string>;
  /** Folded words after a place that make it the event's place ("area") or a region ("region"). */
  readonly strongAfter: ReadonlySet<string>;
  readonly regionAfter: ReadonlySet<string>;
  readonly unitCue: RegExp;
  readonly stopPlaces: ReadonlySet<string>;
  /** Folded words a village name may carry or drop ("Birga-Dogon", "Birga"; "Kabonga 1"). */
  readonly nameQualifiers: ReadonlySet<string>;
  readonly datelines: readonly RegExp[];
  readonly deathAfter: RegExp;
  readonly killBefore: RegExp;
  readonly stopAfter: RegExp;
  /** A killing verb right before a count ("killed 4"): a toll whatever follows. */
  readonly killVerbBefore: RegExp;
  /** "killed a chief and " before a count: one more. */
  readonly oneAndMore: RegExp;
  /** After a count: "including", "dont" — the count is the toll, the next ones its parts. */
  readonly including: RegExp;
  /** Between a count and a following toll: "gendarmes, ", "VDP and " — the count is a toll too. */
  readonly enumeration: RegExp;
  /** ACLED's "unknown fatalities coded as 10" (group 1). */
  readonly codedToll: RegExp;
  /** ACLED's "fatalities are split across five events" (group 1). */
  readonly splitAcross: RegExp;
  /** A sentence that takes back a toll ("he had been mistaken"). */
  readonly retracted: RegExp;
  /** After a count: a place and no death word ("and 73 in Y"), a toll like the one before. */
  readonly ellipsis: RegExp;
  readonly oneVictim: RegExp;
  readonly singularDeath: RegExp;
  readonly noCasualties: RegExp;
  readonly deathWords: RegExp;
  readonly victims: ReadonlyMap<string, VictimSide>;
  readonly background: RegExp;
  /** Words of flight: background unless the sentence also tells of deaths. */
  readonly displacement: RegExp;
  readonly future: RegExp;
}

interface EventCueFile {
  cues: { pattern: string; type: string; sub: string; priority: number; actors?: 'coup' }[];
  protestIntervention: string;
  protestExcessiveForce: string;
  injury: string;
  roles: Record<keyof RoleCues, string>;
  followUp: string;
  complexAttack: string;
  another: string;
  anotherClause: string;
  reportDate: string;
}
interface ActorCueFile {
  generic: Record<GenericRole, string[]>;
  countryNames: Record<string, string[]>;
  notCountry: string[];
  foreignCountryWords: string[];
  countryCues: Record<string, string[]>;
  countryBorderWords: string[];
  countryDisplay: Record<string, string>;
  ethnicMilitias: {
    groups: Record<string, string[]>;
    always: string[];
    qualifiers: string[];
    militiaWords: string[];
    joiners: string[];
  };
  descriptors: { before: string[]; after: string[] };
  extraAliases: Record<string, string[]>;
  areaCues: { actors: Record<string, string[]>; words: Record<string, string[]> };
}
interface PlaceCueFile {
  before: Record<'fr' | 'en', { strong: string[]; region: string[] }>;
  decisive: string[];
  variantCues: string[];
  borderBefore: string[];
  elsewhereBefore: string[];
  namePrefixes: string[];
  strongAfter: string[];
  regionAfter: string[];
  stop: string[];
  nameQualifiers: string[];
  unitWords: string[];
  datelines: string[];
}
interface FatalityCueFile {
  deathAfter: string;
  killBefore: string;
  stopAfter: string;
  killVerbBefore: string;
  oneAndMore: string;
  including: string;
  enumeration: string;
  codedToll: string;
  splitAcross: string;
  retracted: string;
  ellipsis: string;
  oneVictim: string;
  singularDeath: string;
  noCasualties: string;
  deathWords: string;
  victims: Record<VictimSide, string[]>;
  background: string;
  displacement: string;
  future: string;
}

function readJson<T>(dir: string, file: string): T {
  // The files are the project's own data, checked by test/extract/extract-dictionaries.test.ts.
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
}

/** A word boundary that knows accented letters (JavaScript's \\b does not, even with the u flag). */
const BOUNDARY = '(?:(?<![\\p{L}\\p{N}_])(?=[\\p{L}\\p{N}_])|(?<=[\\p{L}\\p{N}_])(?![\\p{L}\\p{N}_]))';

/**
 * Compiles a data file's pattern with Unicode word boundaries. A leading boundary, before a word, is
 * only "no letter before": the same match, and much faster to scan for.
 */
function compile(pattern: string, flags: string): RegExp {
  const lead = pattern.startsWith('\\b') ? `(?<![\\p{L}\\p{N}_])${pattern.slice(2)}` : pattern;
  return new RegExp(lead.replace(/\\b/g, BOUNDARY), flags);
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regex matching folded text that ends with one of the phrases (longest first). */
function endsWithOne(phrases: readonly string[]): RegExp {
  const alts = [...new Set(phrases.map(foldName))]
    .filter((p) => p !== '')
    .sort((a, b) => b.length - a.length)
    .map(escape);
  return new RegExp(`(?:^|\\s)(?:${alts.join('|')})\\s*$`);
}

export function loadExtractDictionaries(dir: string = EXTRACT_DATA_DIR): ExtractDictionaries {
  const events = readJson<EventCueFile>(dir, 'event-cues.json');
  const actors = readJson<ActorCueFile>(dir, 'actor-cues.json');
  const places = readJson<PlaceCueFile>(dir, 'place-cues.json');
  const deaths = readJson<FatalityCueFile>(dir, 'fatality-cues.json');

  const genericActors = new Map<string, GenericRole>();
  let genericMaxWords = 1;
  for (const [role, words] of Object.entries(actors.generic) as [GenericRole, string[]][]) {
    for (const w of words) {
      const key = foldName(w);
      if (!genericActors.has(key)) genericActors.set(key, role);
      genericMaxWords = Math.max(genericMaxWords, key.split(' ').length);
    }
  }
  const countryWords = new Map<string, string>();
  for (const [iso3, words] of Object.entries(actors.countryNames))
    for (const w of words) countryWords.set(foldName(w), iso3);
  const countryCues = new Map<string, string>();
  for (const [iso3, words] of Object.entries(actors.countryCues))
    for (const w of words) countryCues.set(foldName(w), iso3);
  const countryCueMaxWords = Math.max(1, ...[...countryCues.keys()].map((k) => k.split(' ').length));
  const victims = new Map<string, VictimSide>();
  for (const [side, words] of Object.entries(deaths.victims) as [VictimSide, string[]][])
    for (const w of words) victims.set(foldName(w), side);

  const ethnic = actors.ethnicMilitias;
  const ethnicMilitias: EthnicMilitias = {
    groups: new Map(
      Object.entries(ethnic.groups)
        .filter(([name]) => !name.startsWith('_'))
        .map(([name, keys]) => [foldName(name), keys]),
    ),
    always: new Set(ethnic.always.map(foldName)),
    qualifiers: new Set(ethnic.qualifiers.map(foldName)),
    militiaWords: ethnic.militiaWords.map((w) => foldName(w).split(' ')).sort((a, b) => b.length - a.length),
    joiners: new Set(ethnic.joiners.map(foldName)),
  };

  return {
    eventCues: events.cues
      .map((c) => ({
        pattern: compile(c.pattern, 'giu'),
        type: c.type,
        sub: c.sub,
        priority: c.priority,
        ...(c.actors === undefined ? {} : { actors: c.actors }),
      }))
      .sort((a, b) => b.priority - a.priority),
    protestIntervention: compile(events.protestIntervention, 'iu'),
    protestExcessiveForce: compile(events.protestExcessiveForce, 'iu'),
    injury: compile(events.injury, 'iu'),
    followUp: compile(events.followUp, 'iu'),
    complexAttack: compile(events.complexAttack, 'iu'),
    another: compile(events.another, 'iu'),
    anotherClause: compile(events.anotherClause, 'giu'),
    reportDate: compile(events.reportDate, 'iu'),
    roles: {
      passiveBefore: compile(events.roles.passiveBefore, 'iu'),
      passiveAfter: compile(events.roles.passiveAfter, 'iu'),
      participle: compile(events.roles.participle, 'iu'),
      agentBetween: compile(events.roles.agentBetween, 'iu'),
      targetBetween: compile(events.roles.targetBetween, 'iu'),
      civilianQualifier: compile(events.roles.civilianQualifier, 'iu'),
      clauseBreak: compile(events.roles.clauseBreak, 'iu'),
      claimAfter: compile(events.roles.claimAfter, 'iu'),
      claimBefore: compile(events.roles.claimBefore, 'iu'),
    },
    genericActors,
    genericMaxWords,
    ethnicMilitias,
    descriptorBefore: actors.descriptors.before.map((w) => foldName(w).split(' ')),
    descriptorAfter: new Set(actors.descriptors.after.map(foldName)),
    extraAliases: actors.extraAliases,
    areaCues: {
      actors: actors.areaCues.actors,
      words: new Map(Object.entries(actors.areaCues.words).map(([w, areas]) => [foldName(w), areas])),
    },
    countryWords,
    notCountry: new Set(actors.notCountry.map(foldName)),
    foreignCountryWords: new Set(actors.foreignCountryWords.map(foldName)),
    countryPhraseStarts: new Set(
      [...countryWords.keys(), ...actors.notCountry, ...countryCues.keys(), ...actors.foreignCountryWords]
        .map(foldName)
        .filter((p) => p.includes(' '))
        .map((p) => p.split(' ')[0] ?? ''),
    ),
    countryCues,
    countryCueMaxWords,
    borderWords: new Set(actors.countryBorderWords.map(foldName)),
    countryDisplay: actors.countryDisplay,
    strongCue: { fr: endsWithOne(places.before.fr.strong), en: endsWithOne(places.before.en.strong) },
    regionCue: { fr: endsWithOne(places.before.fr.region), en: endsWithOne(places.before.en.region) },
    unitCue: endsWithOne(places.unitWords),
    decisiveCue: endsWithOne(places.decisive),
    variantCue: endsWithOne(places.variantCues),
    borderCue: endsWithOne(places.borderBefore),
    elsewhereCue: endsWithOne(places.elsewhereBefore),
    namePrefixes: new Set(places.namePrefixes.map(foldName)),
    strongAfter: new Set(places.strongAfter.map(foldName)),
    regionAfter: new Set(places.regionAfter.map(foldName)),
    stopPlaces: new Set(places.stop.map(foldName)),
    nameQualifiers: new Set(places.nameQualifiers.map(foldName)),
    datelines: places.datelines.map((p) => compile(p, 'u')),
    deathAfter: compile(deaths.deathAfter, 'iu'),
    killBefore: compile(deaths.killBefore, 'iu'),
    stopAfter: compile(deaths.stopAfter, 'iu'),
    killVerbBefore: compile(deaths.killVerbBefore, 'iu'),
    oneAndMore: compile(deaths.oneAndMore, 'iu'),
    including: compile(deaths.including, 'iu'),
    enumeration: compile(deaths.enumeration, 'iu'),
    codedToll: compile(deaths.codedToll, 'iu'),
    splitAcross: compile(deaths.splitAcross, 'iu'),
    retracted: compile(deaths.retracted, 'iu'),
    ellipsis: compile(deaths.ellipsis, 'u'),
    oneVictim: compile(deaths.oneVictim, 'iu'),
    singularDeath: compile(deaths.singularDeath, 'iu'),
    noCasualties: compile(deaths.noCasualties, 'iu'),
    deathWords: compile(deaths.deathWords, 'iu'),
    victims,
    background: compile(deaths.background, 'iu'),
    displacement: compile(deaths.displacement, 'iu'),
    future: compile(deaths.future, 'iu'),
  };
}
