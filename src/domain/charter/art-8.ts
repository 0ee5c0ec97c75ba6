/**
 * Article 8 — non-aggression between the parties (rule "non-aggression").
 *
 *   FR (citation de presse, Burkina24) : « Les parties s'engagent à ne pas recourir entre elles, à la
 *   menace, à l'emploi de la force ou à l'agression, soit contre l'intégrité territoriale ou
 *   l'indépendance politique d'une partie ; à ne pas faire de blocus des ports, des routes, des côtes
 *   ou des infrastructures stratégiques d'une partie par les forces armées ; à ne pas à partir d'un
 *   territoire mis à la disposition par une Partie, perpétrer des attaques ou des agressions contre une
 *   autre partie ou des États tiers ; à ne pas à partir du territoire d'une Partie permettre à des
 *   groupes armés, des forces armées irrégulières ou des mercenaires de perpétrer des attaques contre
 *   un pays du champ »
 *   EN: unofficial translation of the above (see the treaty file).
 *
 * Product meaning (CHARTER.md): a compliance concern is flagged when a party's forces act against
 * another party, or when an attack on one party is launched from another's territory; it opens a
 * consultation between the parties concerned, visible to all. Blockades are not read from incident
 * facts yet (no fact says "blockade").
 */
import type { ArticleRule, RuleFinding } from './article-rule.ts';
import { cite, isMember, membershipNote, partyForcesOf } from './incident-reading.ts';
import type { FactValue, Obligation, Reason } from './proposal.ts';

/** One party's forces fight another party's forces or government. */
export const ART8_FORCES_AGAINST_PARTY = 0.8;
/** One party's forces strike people, installations or infrastructure on another party's territory. */
export const ART8_FORCES_ON_PARTY_TERRITORY = 0.6;
/** An attack on a party launched from another party's territory. */
export const ART8_LAUNCHED_FROM_PARTY = 0.7;
export const ART8_NOT_ENGAGED = 0.9;

interface Concern {
  /** The party whose forces acted, or from whose territory the attack came. */
  readonly from: string;
  /** The party attacked. */
  readonly against: string;
  readonly how: 'forces' | 'launched-from';
  readonly confidence: number;
  readonly facts: readonly (readonly [string, FactValue])[];
}

export const art8: ArticleRule = (reading, clause): RuleFinding => {
  const clauseCited = cite(reading.treaty, clause.id);
  const reason = (fact: string, value: FactValue): Reason => ({ fact, value, clause: clauseCited });
  const { facts, placeParty, target } = reading;
  const missing: string[] = [];
  const concerns: Concern[] = [];

  const actingParty = partyForcesOf(reading, facts.actor1);
  if (actingParty !== null && reading.violent !== false) {
    const forcesHit = partyForcesOf(reading, facts.actor2);
    const peopleOf = facts.actor2?.designation === 'civilians' ? facts.actor2.country : null;
    if (forcesHit !== null && forcesHit !== actingParty)
      concerns.push({
        from: actingParty,
        against: forcesHit,
        how: 'forces',
        confidence: ART8_FORCES_AGAINST_PARTY,
        facts: [
          ['actor1', facts.actor1?.name ?? null],
          ['actor1_state', actingParty],
          ['actor2', facts.actor2?.name ?? null],
          ['actor2_state', forcesHit],
        ],
      });
    else if (placeParty !== null && placeParty.iso3 !== actingParty) {
      const hitsParty =
        (peopleOf !== null && peopleOf === placeParty.iso3) ||
        target === 'forces' ||
        target === 'installation' ||
        target === 'infrastructure' ||
        target === 'civilians';
      if (hitsParty)
        concerns.push({
          from: actingParty,
          against: placeParty.iso3,
          how: 'forces',
          confidence: ART8_FORCES_ON_PARTY_TERRITORY,
          facts: [
            ['actor1', facts.actor1?.name ?? null],
            ['actor1_state', actingParty],
            ['country_iso3', membershipNote(reading, placeParty.iso3)],
            ['target', target],
          ],
        });
    }
  }

  if (placeParty !== null && reading.violent !== false) {
    const from = facts.launchedFrom;
    if (from === null) {
      // Only worth naming when nothing else raised a concern: the answer could then change.
      if (concerns.length === 0) missing.push('launched_from');
    } else if (from !== placeParty.iso3 && isMember(reading, from))
      concerns.push({
        from,
        against: placeParty.iso3,
        how: 'launched-from',
        confidence: ART8_LAUNCHED_FROM_PARTY,
        facts: [
          ['launched_from', membershipNote(reading, from)],
          ['country_iso3', membershipNote(reading, placeParty.iso3)],
          ['actor1', facts.actor1?.name ?? null],
        ],
      });
  }

  const best = concerns.reduce<Concern | null>(
    (b, c) => (b === null || c.confidence > b.confidence ? c : b),
    null,
  );
  if (best === null) {
    const reasons: Reason[] = [];
    if (facts.launchedFrom !== null) reasons.push(reason('launched_from', facts.launchedFrom));
    if (actingParty !== null) reasons.push(reason('actor1_state', actingParty));
    return {
      applies: false,
      tentative: false,
      confidence: ART8_NOT_ENGAGED,
      reasons,
      missing,
      obligations: [],
    };
  }
  const what =
    best.how === 'forces'
      ? `its forces acted against ${best.against}`
      : `an attack on ${best.against} was launched from its territory`;
  const obligations: Obligation[] = [
    {
      party: best.from,
      duty: `answer the compliance concern raised because ${what}: take part in a consultation with ${best.against}, visible to all parties (non-aggression)`,
    },
    {
      party: best.against,
      duty: `take part in the consultation with ${best.from} on the compliance concern, visible to all parties (non-aggression)`,
    },
  ];
  return {
    applies: true,
    tentative: false,
    confidence: best.confidence,
    reasons: best.facts.map(([fact, value]) => reason(fact, value)),
    missing,
    obligations,
  };
};
