/** An actor of the conflict: armed group, state force, militia, foreign force, civilians. */
import type { InterCode } from './acled-taxonomy.ts';

export const DESIGNATIONS = [
  'designated-terrorist-group',
  'organised-crime',
  'rebel-movement',
  'state-force',
  'militia',
  'foreign-force',
  'international-force',
  'civilians',
  'protesters',
  'rioters',
  'government',
  'unidentified',
  'other',
] as const;
export type Designation = (typeof DESIGNATIONS)[number];

export interface Actor {
  /** Stable key, e.g. "JNIM", "MIL_MLI". */
  readonly key: string;
  /** ACLED's name without period suffix, e.g. "Military Forces of Mali". */
  readonly canonicalName: string;
  /** ACLED inter code 1–8. */
  readonly inter: InterCode;
  readonly designation: Designation;
  /** ISO3 of the state a state force, government or foreign force belongs to. */
  readonly state: string | null;
  /** Key of the group this one is part of (a katiba of JNIM), or null. */
  readonly parent: string | null;
  readonly aliases: { readonly en: readonly string[]; readonly fr: readonly string[] };
  /** Names as ACLED wrote them, with period suffixes, e.g. "Military Forces of Mali (2021-)". */
  readonly acledNames: readonly string[];
  readonly description: { readonly en: string; readonly fr: string };
}

/** ACLED adds the government's period to state actors: "Military Forces of Mali (2021-)". */
const PERIOD_SUFFIX = /\s*\((\d{4})-(\d{4})?\)/;

/** The ACLED name without its period suffix ("Military Forces of Mali (2021-) Gendarmerie" keeps "Gendarmerie"). */
export function stripPeriodSuffix(name: string): string {
  return name.replace(PERIOD_SUFFIX, '').replace(/\s+/g, ' ').trim();
}

/** The period suffix of an ACLED actor name as [from, to] years, to null when open. */
export function periodOf(name: string): { from: number; to: number | null } | null {
  const m = PERIOD_SUFFIX.exec(name);
  if (!m || m[1] === undefined) return null;
  return { from: Number(m[1]), to: m[2] === undefined ? null : Number(m[2]) };
}
