import { isInterCode, type InterCode } from '../../src/domain/acled-taxonomy.ts';
import { DESIGNATIONS, stripPeriodSuffix, type Designation } from '../../src/domain/actor.ts';
import { foldName } from '../../src/domain/place.ts';
import { parseAcledActorName, type AcledActorName } from '../../src/reference/acled-actor-name.ts';
import { ActorRegistry } from '../../src/reference/actor-registry.ts';
import type { CountryIndex } from '../../src/reference/country-index.ts';
import type { ReferenceActor } from '../../src/reference/reference-actor.ts';

/** shared/data/actor-aliases.json. */
export interface SharedActorAliases {
  readonly acled_names: Readonly<Record<string, string>>;
  readonly press_names: Readonly<Record<string, readonly string[]>>;
}

interface Bilingual {
  readonly en: readonly string[];
  readonly fr: readonly string[];
}

/** scripts/reference/actors.source.json, as written by hand. */
export interface ActorSource {
  readonly generate: {
    readonly names: readonly string[];
    readonly aliases: Readonly<Record<string, Bilingual>>;
  };
  readonly actors: readonly unknown[];
  readonly knownDifferences: Readonly<Record<string, string>>;
}

/** What the build found while merging, for SOURCES.md and the console. */
export interface ActorReport {
  readonly curated: number;
  readonly generated: number;
  readonly sharedAcledNames: number;
  readonly sharedPressNames: number;
  /** Folded names that several actors share, with their keys: resolved only with a country. */
  readonly sharedNames: Readonly<Record<string, readonly string[]>>;
}

interface MutableActor {
  key: string;
  canonicalName: string;
  inter: InterCode;
  designation: Designation;
  state: string | null;
  country: string | null;
  parent: string | null;
  aliases: { en: string[]; fr: string[] };
  acledNames: string[];
  description: { en: string; fr: string };
}

function fail(message: string): never {
  throw new Error(`actors.source.json: ${message}`);
}

function strings(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    fail(`${where} must be a list of strings`);
  return value as string[]; // checked element by element above
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(`${where} must be a non-empty string`);
  return value;
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${where} must be an object`);
  return value as Record<string, unknown>; // a non-null, non-array object
}

/** Validates one curated entry and fills its defaults. */
function curated(raw: unknown, index: number, countries: CountryIndex): MutableActor {
  const r = record(raw, `actors[${index}]`);
  const key = text(r['key'], `actors[${index}].key`);
  if (!/^[A-Z0-9_]+$/.test(key)) fail(`${key}: keys are SCREAMING_SNAKE`);
  const inter = r['inter'];
  if (typeof inter !== 'number' || !isInterCode(inter)) fail(`${key}: inter must be 1–8`);
  const designation = r['designation'];
  if (!DESIGNATIONS.some((d) => d === designation))
    fail(`${key}: unknown designation ${String(designation)}`);
  const iso3 = (field: string): string | null => {
    const v = r[field];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string' || countries.byIso3(v) === null) fail(`${key}: ${field} must be an ISO3 code`);
    return v;
  };
  const aliases = record(r['aliases'] ?? {}, `${key}.aliases`);
  const description = record(r['description'], `${key}.description`);
  const parent = r['parent'];
  if (parent !== undefined && typeof parent !== 'string') fail(`${key}: parent must be a key`);
  return {
    key,
    canonicalName: text(r['canonicalName'], `${key}.canonicalName`),
    inter,
    designation: designation as Designation, // one of DESIGNATIONS, checked above
    state: iso3('state'),
    country: iso3('country'),
    parent: parent ?? null,
    aliases: {
      en: strings(aliases['en'], `${key}.aliases.en`),
      fr: strings(aliases['fr'], `${key}.aliases.fr`),
    },
    acledNames: strings(r['acledNames'], `${key}.acledNames`),
    description: {
      en: text(description['en'], `${key}.description.en`),
      fr: text(description['fr'], `${key}.description.fr`),
    },
  };
}

const SHAPE_KEYS: Record<AcledActorName['shape'], string> = {
  'military-forces': 'MIL',
  'police-forces': 'POL',
  government: 'GOV',
  mutiny: 'MUTINY_MIL',
  'former-military-forces': 'FORMER_MIL',
  'unidentified-military-forces': 'UNIDENTIFIED_MILITARY_FORCES',
  civilians: 'CIVILIANS',
  protesters: 'PROTESTERS',
  rioters: 'RIOTERS',
  'unidentified-armed-group': 'UNIDENTIFIED_ARMED_GROUP',
  'communal-militia': 'COMMUNAL_MILITIA',
  'ethnic-militia': 'ETHNIC_MILITIA',
  'clan-militia': 'CLAN_MILITIA',
  'private-security-forces': 'PRIVATE_SECURITY',
};

const SHAPE_TEXT: Record<AcledActorName['shape'], { en: string; fr: string }> = {
  'military-forces': { en: 'Military forces', fr: 'Forces militaires' },
  'police-forces': { en: 'Police forces', fr: 'Forces de police' },
  government: { en: 'Government', fr: 'Gouvernement' },
  mutiny: { en: 'Mutinous military forces', fr: 'Forces militaires mutinées' },
  'former-military-forces': { en: 'Former military forces', fr: 'Anciennes forces militaires' },
  'unidentified-military-forces': {
    en: 'Unidentified military forces',
    fr: 'Forces militaires non identifiées',
  },
  civilians: { en: 'Civilians', fr: 'Civils' },
  protesters: { en: 'Protesters', fr: 'Manifestants' },
  rioters: { en: 'Rioters', fr: 'Émeutiers' },
  'unidentified-armed-group': { en: 'Unidentified armed group', fr: 'Groupe armé non identifié' },
  'communal-militia': { en: 'Communal militia', fr: 'Milice communautaire' },
  'ethnic-militia': { en: 'Ethnic militia', fr: 'Milice ethnique' },
  'clan-militia': { en: 'Clan militia', fr: 'Milice clanique' },
  'private-security-forces': { en: 'Private security forces', fr: 'Forces de sécurité privées' },
};

const slug = (s: string): string =>
  foldName(s)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/** A registry entry made from a generic ACLED name ("Bissa Ethnic Militia (Burkina Faso)"). */
function generated(
  name: string,
  shape: AcledActorName,
  countries: CountryIndex,
  aliases: Bilingual | undefined,
): MutableActor {
  const country = shape.place === null ? null : countries.find(shape.place);
  const where = country?.iso3 ?? (shape.place === null ? null : slug(shape.place));
  const isMilitia = shape.shape.endsWith('-militia');
  const unidentifiedMilitia = isMilitia && shape.qualifier === 'Unidentified';
  const stateLevel = ['military-forces', 'police-forces', 'government'].includes(shape.shape);
  const base = SHAPE_KEYS[shape.shape];
  const parts = [unidentifiedMilitia ? `UNIDENTIFIED_${base}` : base];
  if (where !== null) parts.push(where);
  if (isMilitia && !unidentifiedMilitia && shape.qualifier !== null) parts.push(slug(shape.qualifier));
  const key = parts.join('_');
  const t = SHAPE_TEXT[shape.shape];
  const placeEn = country?.name.en ?? shape.place;
  const placeFr = country?.name.fr ?? shape.place;
  const named = isMilitia && !unidentifiedMilitia ? shape.qualifier : null;
  const elided = (word: string): string => (/^[aeiouyhàâéèêîôû]/i.test(word) ? `d'${word}` : `de ${word}`);
  let en = unidentifiedMilitia ? `Unidentified ${t.en.toLowerCase()}` : t.en;
  let fr = unidentifiedMilitia ? `${t.fr} non identifiée` : t.fr;
  if (named !== null) {
    if (shape.shape === 'communal-militia') {
      en = `${t.en} of ${named}`;
      fr = `${t.fr} ${elided(named)}`;
    } else if (shape.shape === 'clan-militia') {
      en = `${named} clan militia`;
      fr = `Milice du clan ${named}`;
    } else {
      en = `${named} ${t.en.toLowerCase()}`;
      fr = `${t.fr} ${named}`;
    }
  }
  const description = {
    en: `${en}${placeEn === null ? '' : ` (${placeEn})`}, as named by ACLED.`,
    fr: `${fr}${placeFr === null ? '' : ` (${placeFr})`}, selon la dénomination d'ACLED.`,
  };
  return {
    key,
    // A state's sub-unit ("… (2010-2021) Gendarmerie") is filed under the state's force itself.
    canonicalName: stripPeriodSuffix(name.replace(/(\(\d{4}-(?:\d{4})?\))\s+\S.*$/, '$1')),
    inter: shape.inter,
    designation: shape.designation,
    state: stateLevel ? (country?.iso3 ?? null) : null,
    country: country?.iso3 ?? null,
    parent: null,
    aliases: { en: [...(aliases?.en ?? [])], fr: [...(aliases?.fr ?? [])] },
    acledNames: [],
    description,
  };
}

function freeze(a: MutableActor): ReferenceActor {
  const distinct = (names: readonly string[]): string[] => [
    ...new Set(names.map((n) => n.trim()).filter((n) => n !== '')),
  ];
  return {
    key: a.key,
    canonicalName: a.canonicalName,
    inter: a.inter,
    designation: a.designation,
    state: a.state,
    country: a.country,
    parent: a.parent,
    aliases: { en: distinct(a.aliases.en), fr: distinct(a.aliases.fr) },
    acledNames: distinct(a.acledNames),
    description: a.description,
  };
}

/**
 * The actor registry: the curated actors, plus an entry for every generic ACLED name of the shared
 * alias table (and of the parties' generic names) that no curated actor resolves. Fails when a shared
 * ACLED name resolves to nothing, or when a shared name resolves to an actor other than the shared
 * table's key and is not listed in knownDifferences.
 */
export function buildActors(
  source: ActorSource,
  shared: SharedActorAliases,
  countries: CountryIndex,
  parties: readonly string[],
): { actors: ReferenceActor[]; report: ActorReport } {
  const actors = new Map<string, MutableActor>();
  source.actors.forEach((raw, i) => {
    const a = curated(raw, i, countries);
    if (actors.has(a.key)) fail(`duplicate key ${a.key}`);
    actors.set(a.key, a);
  });
  for (const a of actors.values()) {
    if (a.parent !== null && !actors.has(a.parent)) fail(`${a.key}: unknown parent ${a.parent}`);
  }
  const curatedCount = actors.size;

  const partyNames = parties.map((iso3) => countries.byIso3(iso3)?.name.en ?? fail(`unknown party ${iso3}`));
  const seeds = partyNames.flatMap((country) =>
    source.generate.names.map((n) => n.replaceAll('{country}', country)),
  );
  const sharedAcled = Object.keys(shared.acled_names).sort();
  const registry = (): ActorRegistry => new ActorRegistry([...actors.values()].map(freeze));

  let current = registry();
  for (const name of [...seeds, ...sharedAcled]) {
    const found = current.candidates(name);
    if (found.length > 1) fail(`ACLED name "${name}" is ambiguous: ${found.map((a) => a.key).join(', ')}`);
    const hit = found[0];
    if (hit !== undefined) {
      const target = actors.get(hit.key);
      if (target !== undefined && !target.acledNames.includes(name)) target.acledNames.push(name);
      continue;
    }
    const shape = parseAcledActorName(name);
    if (shape === null) fail(`no actor and no generic shape for the shared ACLED name "${name}"`);
    const entry = generated(name, shape, countries, source.generate.aliases[shape.shape]);
    const existing = actors.get(entry.key);
    if (existing !== undefined) existing.acledNames.push(name);
    else actors.set(entry.key, { ...entry, acledNames: [name] });
    current = registry();
  }

  const result = [...actors.values()]
    .map(freeze)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const final = new ActorRegistry(result);
  checkAgainstShared(final, shared, countries, source.knownDifferences);

  const sharedNames: Record<string, string[]> = {};
  const byName = new Map<string, Set<string>>();
  for (const a of result) {
    for (const n of [...a.aliases.en, ...a.aliases.fr, a.canonicalName, ...a.acledNames]) {
      const k = foldName(stripPeriodSuffix(n));
      const set = byName.get(k) ?? new Set<string>();
      set.add(a.key);
      byName.set(k, set);
    }
  }
  for (const [k, keys] of [...byName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (keys.size > 1) sharedNames[k] = [...keys].sort();
  }
  return {
    actors: result,
    report: {
      curated: curatedCount,
      generated: result.length - curatedCount,
      sharedAcledNames: sharedAcled.length,
      sharedPressNames: Object.values(shared.press_names).reduce((n, list) => n + list.length, 0),
      sharedNames,
    },
  };
}

/**
 * Whether the registry agrees with the shared table: a name's actor, or a group it belongs to, has the
 * table's key; or the table keys the name by itself (no coarse key); or by "KIND(Country)", which the
 * registry writes KIND_ISO3; or the table calls it ambiguous and so does the registry ("_OR_").
 */
function checkAgainstShared(
  registry: ActorRegistry,
  shared: SharedActorAliases,
  countries: CountryIndex,
  known: Readonly<Record<string, string>>,
): void {
  const problems: string[] = [];
  const agrees = (name: string, sharedKey: string, found: readonly ReferenceActor[]): boolean => {
    if (found.length === 0) return false;
    const keys = found.flatMap((a) => registry.lineage(a.key).map((x) => x.key));
    if (keys.includes(sharedKey)) return true;
    if (found.length !== 1) return false;
    const [actor] = found as [ReferenceActor];
    if (sharedKey === name || sharedKey === stripPeriodSuffix(name)) return true;
    if (sharedKey.startsWith('AMBIGUOUS:')) return actor.key.includes('_OR_');
    const m = /^([A-Z_]+)\((.+)\)$/.exec(sharedKey);
    if (m?.[1] !== undefined && m[2] !== undefined) {
      return actor.key === `${m[1]}_${countries.iso3Of(m[2]) ?? slug(m[2])}`;
    }
    return false;
  };
  for (const [name, key] of Object.entries(shared.acled_names)) {
    if (known[name] !== undefined) continue;
    const found = registry.candidates(name);
    if (!agrees(name, key, found))
      problems.push(
        `ACLED name "${name}": table ${key}, registry ${found.map((a) => a.key).join('|') || 'nothing'}`,
      );
  }
  for (const [key, names] of Object.entries(shared.press_names)) {
    for (const name of names) {
      if (known[name] !== undefined) continue;
      const found = registry.candidates(name);
      // A name every state uses for its own forces resolves with a country; one of them must be the table's.
      if (!agrees(name, key, found))
        problems.push(
          `press name "${name}": table ${key}, registry ${found.map((a) => a.key).join('|') || 'nothing'}`,
        );
    }
  }
  if (problems.length > 0)
    throw new Error(`The actor registry disagrees with actor-aliases.json:\n  ${problems.join('\n  ')}`);
}
