/**
 * Article 6 — collective defence (rule "collective-defence").
 *
 *   FR (citation de presse, eMedia.sn, identique chez Tchadinfos) : « Toute atteinte à la souveraineté
 *   et à l'intégrité du territoire d'une ou plusieurs Parties contractantes sera considérée comme une
 *   agression contre les autres Parties et engagera un devoir d'assistance et de secours de toutes les
 *   Parties, de manière individuelle ou collective, y compris l'emploi de la force armée, pour rétablir
 *   et assurer la sécurité au sein de l'espace couvert par l'Alliance »
 *   EN (afriqueeneveil.org translation): "any attack on the sovereignty and integrity of the territory
 *   of one or more contracting parties will be considered as an aggression against the other parties
 *   and will initiate a duty of assistance and relief of all parties, individually or collectively,
 *   including the use of armed force to restore and ensure security within the area covered by the
 *   Alliance."
 *
 * Product meaning (CHARTER.md): the engine proposes Art. 6 with its reasons; the parties decide
 * (unanimity). Activation creates a duty-of-assistance case with one obligation per other party.
 * Foreign state forces striking a party: high confidence; territory seized: proposed; an attack on a
 * party's defence forces on its territory: "possible", lower confidence; a massacre of civilians
 * alone is not an attack on sovereignty (civilian-harm record kept). Art. 7's cases fire it too.
 */
import type { ArticleRule, RuleFinding } from './article-rule.ts';
import { assistanceObligations } from './assistance-obligations.ts';
import { extendedAggressionOf } from './art-7.ts';
import {
  cite,
  clauseWithRule,
  foreignForceOf,
  isArmedNonState,
  isMember,
  membershipNote,
  partyForcesOf,
  territorySeized,
} from './incident-reading.ts';
import type { FactValue, Reason } from './proposal.ts';

/** A non-party state's forces strike a party's territory or forces. */
export const ART6_FOREIGN_FORCES = 0.9;
/** An international force (UN, EU, regional) strikes a party: rare, and its mandate matters. */
export const ART6_INTERNATIONAL_FORCE = 0.6;
/** A non-state actor takes territory of a party. */
export const ART6_TERRITORY_SEIZED = 0.75;
/** An armed group attacks a party's defence forces or installations on its territory: "possible". */
export const ART6_FORCES_ATTACKED = 0.5;
/** Added when the attack killed at least ART6_GRAVE_FATALITIES people. */
export const ART6_GRAVITY_BONUS = 0.1;
export const ART6_GRAVE_FATALITIES = 10;
/** An armed group attacks a party's strategic infrastructure. */
export const ART6_INFRASTRUCTURE = 0.4;
/** A battle a party's forces started (actor1) against an armed group, target unknown. */
export const ART6_CLASH_UNCLEAR = 0.3;
export const ART6_NOT_ENGAGED = 0.85;

interface Trigger {
  readonly victim: string;
  readonly confidence: number;
  readonly reasons: readonly Reason[];
}

export const art6: ArticleRule = (reading, clause): RuleFinding => {
  const own = cite(reading.treaty, clause.id);
  const reason = (fact: string, value: FactValue): Reason => ({ fact, value, clause: own });
  const { facts, placeParty, target } = reading;
  const a1 = facts.actor1;
  const a2 = facts.actor2;
  const missing: string[] = [];
  if (a1 !== null && a1.designation === null) missing.push('actor1_type');
  if (a2 !== null && a2.designation === null) missing.push('actor2_type');
  if (target === null && reading.violent !== false) missing.push('target');
  if (facts.country === null) missing.push('country_iso3');

  const triggers: Trigger[] = [];
  const attackerParty = partyForcesOf(reading, a1);
  const forcesHit = partyForcesOf(reading, a2);

  const foreign = foreignForceOf(reading, a1);
  const foreignVictim = placeParty?.iso3 ?? forcesHit;
  if (foreign !== null && reading.violent !== false && foreignVictim !== null)
    triggers.push({
      victim: foreignVictim,
      confidence: foreign === 'international' ? ART6_INTERNATIONAL_FORCE : ART6_FOREIGN_FORCES,
      reasons: [
        reason('actor1', a1?.name ?? null),
        reason('actor1_type', a1?.designation ?? null),
        reason('actor1_state', foreign),
        reason('country_iso3', membershipNote(reading, foreignVictim)),
        ...(target === null ? [] : [reason('target', target)]),
      ],
    });

  const seized = territorySeized(facts);
  if (seized === true && placeParty !== null && attackerParty === null && foreign === null)
    triggers.push({
      victim: placeParty.iso3,
      confidence: ART6_TERRITORY_SEIZED,
      reasons: [
        reason('territory_seized', true),
        ...(facts.subEventType === null ? [] : [reason('sub_event_type', facts.subEventType)]),
        reason('actor1', a1?.name ?? null),
        reason('country_iso3', membershipNote(reading, placeParty.iso3)),
      ],
    });

  const attackerNonState = a1 === null || a1.designation === null || isArmedNonState(a1);
  if (
    placeParty !== null &&
    attackerParty === null &&
    foreign === null &&
    attackerNonState &&
    reading.violent !== false
  ) {
    const onForces = target === 'forces' || target === 'installation';
    const victim = forcesHit ?? placeParty.iso3;
    if (onForces && victim === placeParty.iso3) {
      const grave = facts.fatalities !== null && facts.fatalities >= ART6_GRAVE_FATALITIES;
      if (facts.fatalities === null) missing.push('fatalities');
      triggers.push({
        victim,
        confidence: ART6_FORCES_ATTACKED + (grave ? ART6_GRAVITY_BONUS : 0),
        reasons: [
          reason('actor1', a1?.name ?? null),
          reason('actor1_type', a1?.designation ?? null),
          reason('target', target),
          ...(a2 === null ? [] : [reason('actor2', a2.name)]),
          reason('country_iso3', membershipNote(reading, placeParty.iso3)),
          reason('fatalities', facts.fatalities),
        ],
      });
    } else if (target === 'infrastructure')
      triggers.push({
        victim: placeParty.iso3,
        confidence: ART6_INFRASTRUCTURE,
        reasons: [
          reason('actor1', a1?.name ?? null),
          reason('target', target),
          reason('country_iso3', membershipNote(reading, placeParty.iso3)),
        ],
      });
  }
  if (
    placeParty !== null &&
    attackerParty === placeParty.iso3 &&
    target === null &&
    facts.eventType === 'Battles' &&
    isArmedNonState(a2)
  )
    triggers.push({
      victim: placeParty.iso3,
      confidence: ART6_CLASH_UNCLEAR,
      reasons: [
        reason('event_type', facts.eventType),
        reason('actor1', a1?.name ?? null),
        reason('actor2', a2?.name ?? null),
        reason('actor2_type', a2?.designation ?? null),
        reason('country_iso3', membershipNote(reading, placeParty.iso3)),
      ],
    });

  const extension = clauseWithRule(reading, 'extended-aggression');
  if (extension !== null) {
    const found = extendedAggressionOf(reading, missing);
    const cited = cite(reading.treaty, extension);
    if (found !== null)
      triggers.push({
        victim: found.party,
        confidence: found.confidence,
        reasons: found.facts.map(([fact, value]) => ({ fact, value, clause: cited })),
      });
  }

  const best = triggers.reduce<Trigger | null>(
    (b, t) => (b === null || t.confidence > b.confidence ? t : b),
    null,
  );
  if (best === null) {
    const reasons: Reason[] = [];
    if (reading.violent === false) reasons.push(reason('event_type', facts.eventType));
    else if (target === 'civilians')
      reasons.push(
        reason(
          'target',
          'civilians: no attack on sovereignty institutions or control of territory; civilian-harm record kept',
        ),
      );
    else if (target !== null) reasons.push(reason('target', target));
    if (facts.country !== null && placeParty === null && !(forcesHit !== null && extension !== null))
      reasons.push(reason('country_iso3', `${facts.country}: not a party on ${reading.asOf}`));
    if (attackerParty !== null && facts.country !== null && isMember(reading, facts.country))
      reasons.push(reason('actor1', `${a1?.name ?? ''}: forces of a party (see the non-aggression clause)`));
    return {
      applies: false,
      tentative: false,
      confidence: ART6_NOT_ENGAGED,
      reasons,
      missing: reading.violent === false ? [] : [...new Set(missing)],
      obligations: [],
    };
  }
  const seen = new Set<string>();
  const reasons = triggers
    .sort((x, y) => y.confidence - x.confidence)
    .flatMap((t) => t.reasons)
    .filter((r) => {
      const key = `${r.fact}=${String(r.value)}@${r.clause.id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return {
    applies: true,
    tentative: false,
    confidence: Math.min(1, best.confidence),
    reasons,
    missing: [...new Set(missing)],
    obligations: assistanceObligations(reading, best.victim),
  };
};
