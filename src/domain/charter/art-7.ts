/**
 * Article 7 — what aggression also covers (rule "extended-aggression").
 *
 *   EN (afriqueeneveil.org translation): "aggression as referred to in Article 6 also includes any
 *   attack against the defense and security forces of one or more Contracting Parties, including when
 *   they [are] deployed in a national capacity in a theater of operation outside the Alliance area; any
 *   attack and in any place against the ships or aircraft of one or more parties."
 *   FR: not retrieved; only a paraphrase is known (see the treaty file).
 *
 * Product meaning (CHARTER.md): the Art. 6 proposal also fires for attacks on a party's forces
 * deployed outside the Alliance area and for attacks anywhere on a party's ships or aircraft, even
 * when they happen outside the three states. Inside the area an attack on forces is read under Art. 6.
 */
import type { ArticleRule, RuleFinding } from './article-rule.ts';
import { assistanceObligations } from './assistance-obligations.ts';
import { cite, isMember, membershipNote, partyForcesOf, type IncidentReading } from './incident-reading.ts';
import type { FactValue, Reason } from './proposal.ts';

/** An attack anywhere on a party's ship or aircraft. */
export const ART7_SHIP_OR_AIRCRAFT = 0.8;
/** An attack on a party's forces outside the area; "deployed in a national capacity" is not checked. */
export const ART7_FORCES_ABROAD = 0.7;
export const ART7_NOT_ENGAGED = 0.9;

/** What Art. 7 finds in an incident: whose forces, ship or aircraft were attacked, and how surely. */
export interface ExtendedAggression {
  readonly party: string;
  readonly limb: 'forces-abroad' | 'ship-or-aircraft';
  readonly confidence: number;
  readonly facts: readonly (readonly [string, FactValue])[];
}

/** The Art. 7 finding, or null; `missing` receives the facts that would have been needed. */
export function extendedAggressionOf(reading: IncidentReading, missing: string[]): ExtendedAggression | null {
  const { facts, target } = reading;
  const owner = partyForcesOf(reading, facts.actor2);
  const attackerIsParty = partyForcesOf(reading, facts.actor1) !== null;
  if (target === 'ship' || target === 'aircraft') {
    if (owner === null) {
      if (facts.actor2 === null) missing.push('actor2');
      else if (facts.actor2.designation === null) missing.push('actor2_type');
      else if (facts.actor2.state === null) missing.push('actor2_state');
      return null;
    }
    if (attackerIsParty) return null;
    return {
      party: owner,
      limb: 'ship-or-aircraft',
      confidence: ART7_SHIP_OR_AIRCRAFT,
      facts: [
        ['target', target],
        ['actor2', facts.actor2?.name ?? null],
        ['actor2_state', membershipNote(reading, owner)],
        ['country_iso3', facts.country],
      ],
    };
  }
  if (owner === null || attackerIsParty || reading.violent === false) return null;
  if (target !== 'forces' && target !== 'installation') return null;
  if (facts.country === null) {
    missing.push('country_iso3');
    return null;
  }
  if (isMember(reading, facts.country)) return null;
  return {
    party: owner,
    limb: 'forces-abroad',
    confidence: ART7_FORCES_ABROAD,
    facts: [
      ['country_iso3', `${facts.country}: outside the Alliance area`],
      ['actor2', facts.actor2?.name ?? null],
      ['actor2_state', membershipNote(reading, owner)],
      ['target', target],
    ],
  };
}

export const art7: ArticleRule = (reading, clause): RuleFinding => {
  const clauseCited = cite(reading.treaty, clause.id);
  const reason = (fact: string, value: FactValue): Reason => ({ fact, value, clause: clauseCited });
  const missing: string[] = [];
  if (reading.target === null && reading.violent !== false) missing.push('target');
  const found = extendedAggressionOf(reading, missing);
  if (found === null) {
    const owner = partyForcesOf(reading, reading.facts.actor2);
    const reasons =
      owner !== null && isMember(reading, reading.facts.country)
        ? [reason('country_iso3', `${reading.facts.country}: inside the Alliance area, read under Art. 6`)]
        : reading.target === null
          ? []
          : [reason('target', reading.target)];
    return {
      applies: false,
      tentative: false,
      confidence: ART7_NOT_ENGAGED,
      reasons,
      missing,
      obligations: [],
    };
  }
  return {
    applies: true,
    tentative: false,
    confidence: found.confidence,
    reasons: found.facts.map(([fact, value]) => reason(fact, value)),
    missing,
    obligations: assistanceObligations(reading, found.party),
  };
};
