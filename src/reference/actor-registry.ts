import type { InterCode } from '../domain/acled-taxonomy.ts';
import { stripPeriodSuffix } from '../domain/actor.ts';
import { foldName } from '../domain/place.ts';
import { parseAcledActorName } from './acled-actor-name.ts';
import type { ReferenceActor } from './reference-actor.ts';

/** Options of a look-up by name. */
export interface ResolveOptions {
  /**
   * ISO3 of the country the name was read in. It settles names that several actors share, such as
   * "FDS" or "gendarmerie nationale", which every state uses for its own forces.
   */
  readonly country?: string;
}

/** ACLED's sub-unit after the period: "Police Forces of Mali (2013-2020) Gendarmerie". */
const SUB_UNIT = /^(.*?\(\d{4}-(?:\d{4})?\))\s+\S.*$/;
/** ACLED's "ACRONYM: Long name" form. */
const ACRONYM_FORM = /^([^:]+):\s+(.+)$/;

/**
 * The actor registry: ACLED's actor names with or without period suffixes, and the French and English
 * names the press uses, resolved to one actor each, ignoring case and accents.
 */
export class ActorRegistry {
  readonly #all: readonly ReferenceActor[];
  readonly #byKey = new Map<string, ReferenceActor>();
  readonly #byName = new Map<string, ReferenceActor[]>();
  /** Names derived from "ACRONYM: Long name", looked up only when no listed name matches. */
  readonly #byDerivedName = new Map<string, ReferenceActor[]>();

  constructor(actors: readonly ReferenceActor[]) {
    this.#all = actors;
    for (const actor of actors) {
      if (this.#byKey.has(actor.key)) throw new Error(`Duplicate actor key ${actor.key}`);
      this.#byKey.set(actor.key, actor);
    }
    for (const actor of actors) {
      for (const name of namesOf(actor)) addTo(this.#byName, name, actor);
      for (const name of derivedNamesOf(actor)) addTo(this.#byDerivedName, name, actor);
    }
  }

  /**
   * Every actor a name may denote, most specific look-up first: the exact name, then the name without
   * its period suffix, then the state force a sub-unit belongs to.
   */
  candidates(name: string): readonly ReferenceActor[] {
    const forms = lookupForms(name).map(foldName);
    for (const index of [this.#byName, this.#byDerivedName]) {
      for (const form of forms) {
        const found = index.get(form);
        if (found !== undefined) return found;
      }
    }
    return [];
  }

  /**
   * The actor a name denotes: an ACLED name with or without its period suffix ("Military Forces of
   * Mali (2021-)"), or a press name in French or English ("FAMa", "armée burkinabè", "EIGS"). Null
   * when unknown, or when the name is shared by several actors and `country` does not settle it.
   */
  resolve(name: string, options: ResolveOptions = {}): ReferenceActor | null {
    const found = this.candidates(name);
    if (found.length === 1) return found[0] ?? null;
    if (found.length === 0 || options.country === undefined) return null;
    const country = options.country.toUpperCase();
    const inCountry = found.filter((a) => a.state === country || a.country === country);
    return inCountry.length === 1 ? (inCountry[0] ?? null) : null;
  }

  byKey(key: string): ReferenceActor | null {
    return this.#byKey.get(key) ?? null;
  }

  all(): readonly ReferenceActor[] {
    return this.#all;
  }

  /** The actor and the groups it belongs to, nearest first (Katiba Macina, then JNIM). */
  lineage(key: string): readonly ReferenceActor[] {
    const chain: ReferenceActor[] = [];
    let actor = this.byKey(key);
    while (actor !== null && !chain.includes(actor)) {
      chain.push(actor);
      actor = actor.parent === null ? null : this.byKey(actor.parent);
    }
    return chain;
  }

  /**
   * ACLED's inter code for a name: the registry's actor when it knows the name, else a guess from the
   * name's wording ("Civilians (X)" → 7, "X Communal Militia (Y)" → 4). Null when neither tells.
   */
  interOf(name: string, options: ResolveOptions = {}): InterCode | null {
    const actor = this.resolve(name, options);
    if (actor !== null) return actor.inter;
    const found = this.candidates(name);
    if (found.length > 0 && found.every((a) => a.inter === found[0]?.inter)) return found[0]?.inter ?? null;
    return parseAcledActorName(name)?.inter ?? null;
  }
}

function addTo(index: Map<string, ReferenceActor[]>, name: string, actor: ReferenceActor): void {
  const key = foldName(name);
  if (key === '') return;
  const list = index.get(key);
  if (list === undefined) index.set(key, [actor]);
  else if (!list.includes(actor)) list.push(actor);
}

/** The names an actor is listed under, each also without its period suffix. */
function namesOf(actor: ReferenceActor): string[] {
  const names = [actor.canonicalName, ...actor.acledNames, ...actor.aliases.en, ...actor.aliases.fr];
  return names.flatMap((name) => [name, stripPeriodSuffix(name)]);
}

/** The two halves of ACLED's "ACRONYM: Long name" ("HCUA", "High Council for the Unity of Azawad"). */
function derivedNamesOf(actor: ReferenceActor): string[] {
  return [actor.canonicalName, ...actor.acledNames].flatMap((name) => {
    const m = ACRONYM_FORM.exec(stripPeriodSuffix(name));
    return m?.[1] !== undefined && m[2] !== undefined ? [m[1], m[2]] : [];
  });
}

/** The forms of a name to look up, from the most to the least specific. */
function lookupForms(name: string): string[] {
  const forms = [name, stripPeriodSuffix(name)];
  const sub = SUB_UNIT.exec(name.trim());
  if (sub?.[1] !== undefined) forms.push(stripPeriodSuffix(sub[1]));
  return forms;
}
