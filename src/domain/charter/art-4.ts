/**
 * Article 4 — the fight against terrorism and organised crime (rule "counter-terrorism").
 *
 *   FR (citation de presse, eMedia.sn) : « Les Parties contractantes s'engagent à lutter contre le
 *   terrorisme sous toutes ses formes et la criminalité en bande organisée dans l'espace commun de
 *   l'Alliance. »
 *   EN (Voltaire Network translation): "The Contracting Parties undertake to combat terrorism in all
 *   its forms and organized crime in the region where the borders of the three countries meet."
 *
 * Product meaning (CHARTER.md): a standing commitment, engaged automatically — no vote — by any
 * incident involving a designated terrorist group or organised-crime actor inside the parties'
 * territory; it opens coordination (shared picture, alerts to all parties).
 */
import type { ActorFacts } from './incident-facts.ts';
import type { ArticleRule, RuleFinding } from './article-rule.ts';
import { cite, membershipNote, typeFact } from './incident-reading.ts';
import type { Reason } from './proposal.ts';

/** A designation from the registry or the analyst: as sure as the facts get. */
export const ART4_DESIGNATED = 0.95;
/** A designation read only from the wording of an ACLED name. */
export const ART4_DESIGNATED_BY_NAME = 0.85;
/** A designated group whose place is unknown: proposed, not engaged. */
export const ART4_PLACE_UNKNOWN = 0.5;
/** Violence inside a party by an unidentified or unknown armed actor: may be a designated group. */
export const ART4_MAYBE_DESIGNATED = 0.35;
export const ART4_NOT_ENGAGED = 0.9;

const DESIGNATED = new Set(['designated-terrorist-group', 'organised-crime']);

export const art4: ArticleRule = (reading, clause): RuleFinding => {
  const clauseCited = cite(reading.treaty, clause.id);
  const reason = (fact: string, value: Reason['value']): Reason => ({ fact, value, clause: clauseCited });
  const { facts, placeParty } = reading;
  const sides: [1 | 2, ActorFacts | null][] = [
    [1, facts.actor1],
    [2, facts.actor2],
  ];
  const missing: string[] = [];
  for (const [side, actor] of sides)
    if (actor !== null && actor.designation === null) missing.push(typeFact(side));
  if (facts.actor1 === null && facts.actor2 === null) missing.push('actor1');

  const designated = sides.find(([, a]) => a?.designation != null && DESIGNATED.has(a.designation));
  if (designated !== undefined) {
    const [side, actor] = designated;
    const reasons = [
      reason(`actor${side}`, actor?.name ?? null),
      reason(typeFact(side), actor?.designation ?? null),
    ];
    if (placeParty !== null) {
      reasons.push(reason('country_iso3', membershipNote(reading, placeParty.iso3)));
      return {
        applies: true,
        tentative: false,
        confidence: actor?.source === 'name' ? ART4_DESIGNATED_BY_NAME : ART4_DESIGNATED,
        reasons,
        missing: [],
        obligations: reading.members.map((p) => ({
          party: p.iso3,
          duty:
            p.iso3 === placeParty.iso3
              ? 'lead the response on its territory and share the operational picture and alerts with all parties (standing commitment, no vote)'
              : 'coordinate against terrorism and organised crime in the common area: receive and share the operational picture and alerts (standing commitment, no vote)',
        })),
      };
    }
    if (facts.country === null)
      return {
        applies: true,
        tentative: true,
        confidence: ART4_PLACE_UNKNOWN,
        reasons,
        missing: ['country_iso3'],
        obligations: [],
      };
    reasons.push(reason('country_iso3', `${facts.country}: outside the common area on ${reading.asOf}`));
    return {
      applies: false,
      tentative: false,
      confidence: ART4_NOT_ENGAGED,
      reasons,
      missing: [],
      obligations: [],
    };
  }

  const doubtful = sides.find(
    ([, a]) => a !== null && (a.designation === null || a.designation === 'unidentified'),
  );
  if (doubtful !== undefined && placeParty !== null && reading.violent === true) {
    const [side, actor] = doubtful;
    return {
      applies: true,
      tentative: true,
      confidence: ART4_MAYBE_DESIGNATED,
      reasons: [
        reason(`actor${side}`, actor?.name ?? null),
        reason(typeFact(side), actor?.designation ?? null),
        reason('event_type', facts.eventType),
        reason('country_iso3', membershipNote(reading, placeParty.iso3)),
      ],
      missing,
      obligations: [],
    };
  }
  const reasons = sides.flatMap(([side, a]) =>
    a === null ? [] : [reason(`actor${side}`, a.name), reason(typeFact(side), a.designation)],
  );
  if (placeParty === null && facts.country !== null)
    reasons.push(reason('country_iso3', `${facts.country}: outside the common area on ${reading.asOf}`));
  return {
    applies: false,
    tentative: false,
    confidence: ART4_NOT_ENGAGED,
    reasons,
    missing: placeParty === null && facts.country !== null ? [] : missing,
    obligations: [],
  };
};
