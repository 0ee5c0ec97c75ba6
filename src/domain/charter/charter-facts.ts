/**
 * The facts an analyst adds to an incident for the Charter rules, beyond ACLED's coding: what was hit,
 * from where the attack was launched, whether territory was taken, and each actor's designation and
 * state when the actor registry cannot tell. Every fact is optional: null is "unknown", which lowers
 * the confidence of the rules that need it (see evaluate.ts) and is never an error.
 *
 * Whether the incident happened outside the Alliance area is not stored: the engine reads it from the
 * country and the treaty's membership on the incident's date.
 */
import { DESIGNATIONS, type Designation } from '../actor.ts';
import type { FieldProblem } from '../incident.ts';
import { TARGETS, type Target } from './incident-input.ts';

export interface CharterFacts {
  readonly target: Target | null;
  /** ISO3 of the country the attack was launched from. */
  readonly launchedFrom: string | null;
  readonly territorySeized: boolean | null;
  readonly actor1Type: Designation | null;
  readonly actor2Type: Designation | null;
  /** ISO3 of the state whose forces the actor is. */
  readonly actor1State: string | null;
  readonly actor2State: string | null;
}

export const NO_CHARTER_FACTS: CharterFacts = {
  target: null,
  launchedFrom: null,
  territorySeized: null,
  actor1Type: null,
  actor2Type: null,
  actor1State: null,
  actor2State: null,
};

/** The field names on the wire and in the `charter evaluate` incident JSON, by fact. */
export const CHARTER_FACT_FIELDS: Readonly<Record<keyof CharterFacts, string>> = {
  target: 'target',
  launchedFrom: 'launched_from',
  territorySeized: 'territory_seized',
  actor1Type: 'actor1_type',
  actor2Type: 'actor2_type',
  actor1State: 'actor1_state',
  actor2State: 'actor2_state',
};

const ISO3 = /^[A-Z]{3}$/;

/**
 * Every problem with a set of facts: a word outside its vocabulary, a country code that is not ISO3.
 * The HTTP edge checks the same with its schema; this guards every other caller.
 */
export function validateCharterFacts(f: CharterFacts): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const bad = (key: keyof CharterFacts, message: string): void => {
    problems.push({ field: `charter_facts.${CHARTER_FACT_FIELDS[key]}`, message });
  };
  if (f.target !== null && !(TARGETS as readonly string[]).includes(f.target))
    bad('target', `"${f.target}" is not one of: ${TARGETS.join(', ')}`);
  for (const key of ['actor1Type', 'actor2Type'] as const) {
    const v = f[key];
    if (v !== null && !(DESIGNATIONS as readonly string[]).includes(v))
      bad(key, `"${v}" is not one of: ${DESIGNATIONS.join(', ')}`);
  }
  for (const key of ['launchedFrom', 'actor1State', 'actor2State'] as const) {
    const v = f[key];
    if (v !== null && !ISO3.test(v)) bad(key, `"${v}" is not an ISO 3166-1 alpha-3 code (e.g. MLI)`);
  }
  return problems;
}
