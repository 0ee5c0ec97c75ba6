/**
 * An incident read against one treaty on one day: which parties are members, whether it happened
 * inside a party, whose forces each actor is, what was hit. Every rule reads the same reading.
 */
import type { Designation } from '../actor.ts';
import { clauseInEffect, membershipOn, type Treaty, type TreatyParty } from '../treaty.ts';
import type { ActorFacts, IncidentFacts } from './incident-facts.ts';
import type { Target } from './incident-input.ts';
import type { ClauseCitation } from './proposal.ts';

export interface IncidentReading {
  readonly facts: IncidentFacts;
  readonly treaty: Treaty;
  /** The day membership and clauses are read on. */
  readonly asOf: string;
  readonly members: readonly TreatyParty[];
  /** The member party where it happened; null outside the area or when the country is unknown. */
  readonly placeParty: TreatyParty | null;
  /** Whether the event is violence (battle, explosion, violence against civilians); null when unknown. */
  readonly violent: boolean | null;
  /** What was hit: as stated, or inferred from actor2 and the event type. */
  readonly target: Target | null;
  readonly targetInferred: boolean;
}

const VIOLENT = new Set(['Battles', 'Explosions/Remote violence', 'Violence against civilians']);
const ARMED_NON_STATE: ReadonlySet<Designation> = new Set([
  'designated-terrorist-group',
  'organised-crime',
  'rebel-movement',
  'militia',
  'unidentified',
]);
const STATE_FORCE: ReadonlySet<Designation> = new Set(['state-force', 'government']);

export function readIncident(facts: IncidentFacts, treaty: Treaty, asOf: string): IncidentReading {
  const members = treaty.parties.filter((p) => membershipOn(treaty, p, asOf).member);
  const placeParty = members.find((p) => p.iso3 === facts.country) ?? null;
  const violent = facts.eventType === null ? null : VIOLENT.has(facts.eventType);
  let target = facts.target;
  let targetInferred = false;
  if (target === null) {
    const a2 = facts.actor2;
    if (a2?.designation !== undefined && a2.designation !== null && STATE_FORCE.has(a2.designation))
      target = 'forces';
    else if (a2?.designation === 'civilians' || facts.eventType === 'Violence against civilians')
      target = 'civilians';
    targetInferred = target !== null;
  }
  return { facts, treaty, asOf, members, placeParty, violent, target, targetInferred };
}

export function isMember(reading: IncidentReading, iso3: string | null): boolean {
  return iso3 !== null && reading.members.some((p) => p.iso3 === iso3);
}

/**
 * The member party whose defence and security forces (or government) an actor is: state forces, and
 * auxiliaries that the registry ties to a state (Burkina Faso's VDP). Null for anyone else.
 */
export function partyForcesOf(reading: IncidentReading, actor: ActorFacts | null): string | null {
  if (actor === null || actor.designation === null || actor.state === null) return null;
  const forces = STATE_FORCE.has(actor.designation) || actor.designation === 'militia';
  return forces && isMember(reading, actor.state) ? actor.state : null;
}

/** The state of a non-party state's forces (or "international" for an international force), else null. */
export function foreignForceOf(reading: IncidentReading, actor: ActorFacts | null): string | null {
  if (actor === null || actor.designation === null) return null;
  if (actor.designation === 'international-force') return 'international';
  const stateLike = actor.designation === 'state-force' || actor.designation === 'foreign-force';
  return stateLike && actor.state !== null && !isMember(reading, actor.state) ? actor.state : null;
}

export function isArmedNonState(actor: ActorFacts | null): boolean {
  return (
    actor?.designation !== null && actor?.designation !== undefined && ARMED_NON_STATE.has(actor.designation)
  );
}

/** Whether the ACLED coding or the analyst says that territory changed hands to a non-state actor. */
export function territorySeized(facts: IncidentFacts): boolean | null {
  if (facts.territorySeized !== null) return facts.territorySeized;
  if (facts.subEventType === 'Non-state actor overtakes territory') return true;
  return facts.subEventType === null ? null : false;
}

/** The clause with an id, cited with its text in both languages. */
export function cite(treaty: Treaty, clauseId: string): ClauseCitation {
  const clause = treaty.clauses.find((c) => c.id === clauseId);
  return {
    id: clauseId,
    text: { fr: clause?.text.fr?.text ?? null, en: clause?.text.en?.text ?? null },
    wording: { fr: clause?.text.fr?.wording ?? null, en: clause?.text.en?.wording ?? null },
  };
}

/** The clause in effect on the day that carries a rule, if the treaty has one. */
export function clauseWithRule(reading: IncidentReading, rule: string): string | null {
  const clause = reading.treaty.clauses.find((c) => c.rule === rule && clauseInEffect(c, reading.asOf));
  return clause?.id ?? null;
}

/** Names an actor's designation fact for reasons and missing lists. */
export function typeFact(side: 1 | 2): string {
  return `actor${side}_type`;
}

/** A party's standing on the reading's day, in words: "MLI, party on 2024-06-01 (under notice …)". */
export function membershipNote(reading: IncidentReading, iso3: string): string {
  const party = reading.treaty.parties.find((p) => p.iso3 === iso3);
  if (party === undefined) return `${iso3}, not a party to ${reading.treaty.id}`;
  const m = membershipOn(reading.treaty, party, reading.asOf);
  const notice =
    m.notice === null
      ? ''
      : ` (notice of denunciation given ${m.notice.notifiedOn}; party until ${m.notice.lastDay})`;
  return `${iso3}, ${m.member ? 'party' : 'not a party'} on ${reading.asOf}${notice}`;
}
