import type { InterCode } from '../domain/acled-taxonomy.ts';
import type { Designation } from '../domain/actor.ts';

/** The generic shapes of ACLED actor names, which carry the actor's type in their wording. */
export type AcledNameShape =
  | 'military-forces'
  | 'police-forces'
  | 'government'
  | 'mutiny'
  | 'former-military-forces'
  | 'unidentified-military-forces'
  | 'civilians'
  | 'protesters'
  | 'rioters'
  | 'unidentified-armed-group'
  | 'communal-militia'
  | 'ethnic-militia'
  | 'clan-militia'
  | 'private-security-forces';

/** What the wording of an ACLED actor name says about the actor. */
export interface AcledActorName {
  readonly shape: AcledNameShape;
  /** The country as the name spells it ("Mali", "Ivory Coast", "International"), or null. */
  readonly place: string | null;
  /**
   * For a militia, the community or locality it is named after ("Fulani", "Amalaoulaou", or
   * "Unidentified"); for a state force, the sub-unit after the period ("Gendarmerie"); else null.
   */
  readonly qualifier: string | null;
  /** The inter code ACLED gives this shape of name (a state's forces abroad are coded 8 instead of 1). */
  readonly inter: InterCode;
  readonly designation: Designation;
}

interface ShapeRule {
  readonly shape: AcledNameShape;
  readonly pattern: RegExp;
  readonly inter: InterCode;
  readonly designation: Designation;
  /** Which capture groups hold the place and the qualifier (0 for none). */
  readonly place: number;
  readonly qualifier: number;
}

// The period suffix "(2013-2020)" sits between a state and its sub-unit, which keeps the two apart;
// without it the whole tail is taken as the state.
const STATE = String.raw`(.+?)(?:\s*\(\d{4}-(?:\d{4})?\)(?:\s+(.+))?)?`;

/**
 * ACLED's codebook: state forces 1; mutinies and former forces of a state are political militias (3);
 * unidentified armed groups are political militias (3); communal, ethnic and clan militias are identity
 * militias (4); rioters 5, protesters 6, civilians 7; private security and unidentified military
 * forces are "other forces" (8).
 */
const RULES: readonly ShapeRule[] = [
  {
    shape: 'mutiny',
    pattern: new RegExp(`^Mutiny of (?:Military|Police) Forces of ${STATE}$`),
    inter: 3,
    designation: 'militia',
    place: 1,
    qualifier: 2,
  },
  {
    shape: 'former-military-forces',
    pattern: new RegExp(`^Former Military Forces of ${STATE}$`),
    inter: 3,
    designation: 'militia',
    place: 1,
    qualifier: 2,
  },
  {
    shape: 'unidentified-military-forces',
    pattern: /^Unidentified Military Forces(?: \((.+)\))?$/,
    inter: 8,
    designation: 'unidentified',
    place: 1,
    qualifier: 0,
  },
  {
    shape: 'military-forces',
    pattern: new RegExp(`^Military Forces of ${STATE}$`),
    inter: 1,
    designation: 'state-force',
    place: 1,
    qualifier: 2,
  },
  {
    shape: 'police-forces',
    pattern: new RegExp(`^Police Forces of ${STATE}$`),
    inter: 1,
    designation: 'state-force',
    place: 1,
    qualifier: 2,
  },
  {
    shape: 'government',
    pattern: new RegExp(`^Government of ${STATE}$`),
    inter: 1,
    designation: 'government',
    place: 1,
    qualifier: 2,
  },
  {
    shape: 'civilians',
    pattern: /^Civilians \((.+)\)$/,
    inter: 7,
    designation: 'civilians',
    place: 1,
    qualifier: 0,
  },
  {
    shape: 'protesters',
    pattern: /^Protesters \((.+)\)$/,
    inter: 6,
    designation: 'protesters',
    place: 1,
    qualifier: 0,
  },
  {
    shape: 'rioters',
    pattern: /^Rioters \((.+)\)$/,
    inter: 5,
    designation: 'rioters',
    place: 1,
    qualifier: 0,
  },
  {
    shape: 'unidentified-armed-group',
    pattern: /^Unidentified Armed Group \((.+)\)$/,
    inter: 3,
    designation: 'unidentified',
    place: 1,
    qualifier: 0,
  },
  {
    shape: 'communal-militia',
    pattern: /^(.+) Communal Militia \((.+)\)$/,
    inter: 4,
    designation: 'militia',
    place: 2,
    qualifier: 1,
  },
  {
    shape: 'ethnic-militia',
    pattern: /^(.+) Ethnic Militia \((.+)\)$/,
    inter: 4,
    designation: 'militia',
    place: 2,
    qualifier: 1,
  },
  {
    shape: 'clan-militia',
    pattern: /^(.+) Clan Militia \((.+)\)$/,
    inter: 4,
    designation: 'militia',
    place: 2,
    qualifier: 1,
  },
  {
    shape: 'private-security-forces',
    pattern: /^Private Security Forces \((.+)\)$/,
    inter: 8,
    designation: 'other',
    place: 1,
    qualifier: 0,
  },
];

/**
 * Reads an ACLED actor name by its wording: "Military Forces of Mali (2021-)" is a state force of
 * Mali (1), "Dogon Ethnic Militia (Mali)" an identity militia (4). Null for a name with no generic
 * shape (a named group such as "JNIM: …"), which only the registry knows.
 */
export function parseAcledActorName(name: string): AcledActorName | null {
  const text = name.replace(/\s+/g, ' ').trim();
  for (const rule of RULES) {
    const m = rule.pattern.exec(text);
    if (m === null) continue;
    const group = (i: number): string | null => (i === 0 ? null : (m[i]?.trim() ?? null) || null);
    return {
      shape: rule.shape,
      place: group(rule.place),
      qualifier: group(rule.qualifier),
      inter: rule.inter,
      designation: rule.designation,
    };
  }
  return null;
}
