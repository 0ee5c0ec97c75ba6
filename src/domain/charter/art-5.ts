/**
 * Article 5 — armed rebellion and other threats to territorial integrity (rule "rebellion").
 *
 *   FR (citation de presse, eMedia.sn) : « [Les parties contractantes œuvreront en outre à] la
 *   prévention, la gestion et au règlement de toute rébellion armée ou autre menace portant atteinte à
 *   l'intégrité du territoire et à la souveraineté de chacun des pays membres de l'Alliance, en
 *   privilégiant les voies pacifiques et diplomatiques et, en cas de nécessité, à user de la force pour
 *   faire face aux situations de rupture de la paix et de la stabilité. »
 *   EN (afriqueeneveil.org translation): "the contracting parties also work to prevent, manage and
 *   resolve any armed rebellion or other threat affecting the territorial integrity and sovereignty of
 *   each of the member countries of the Alliance, by favoring peaceful and diplomatic means and, if
 *   necessary, to use force to deal with situations of disruption of peace and stability."
 *
 * Product meaning (CHARTER.md): incidents involving rebel movements (ACLED inter 2: CSP-PSD, FLA,
 * MNLA, HCUA, CMA…) or a non-state seizure of territory open or update a rebellion case with an
 * escalation ladder (monitoring → dialogue / mediation → use of force); peaceful means first.
 */
import type { ArticleRule, RuleFinding } from './article-rule.ts';
import { cite, isArmedNonState, membershipNote, territorySeized, typeFact } from './incident-reading.ts';
import type { Obligation, Reason } from './proposal.ts';

/** A rebel movement that takes territory. */
export const ART5_REBEL_SEIZURE = 0.9;
/** A rebel movement in an incident inside a party. */
export const ART5_REBEL = 0.8;
/** A non-state actor other than a rebel movement takes territory ("other threat"). */
export const ART5_SEIZURE = 0.7;
export const ART5_PLACE_UNKNOWN = 0.45;
export const ART5_NOT_ENGAGED = 0.9;

export const art5: ArticleRule = (reading, clause): RuleFinding => {
  const clauseCited = cite(reading.treaty, clause.id);
  const reason = (fact: string, value: Reason['value']): Reason => ({ fact, value, clause: clauseCited });
  const { facts, placeParty } = reading;
  const sides = [
    [1, facts.actor1],
    [2, facts.actor2],
  ] as const;
  const rebel = sides.find(([, a]) => a?.designation === 'rebel-movement');
  const seized = territorySeized(facts);
  const seizer = facts.actor1;
  const nonStateSeizure =
    seized === true && (seizer === null || seizer.designation === null || isArmedNonState(seizer));
  const missing: string[] = [];
  for (const [side, a] of sides) if (a !== null && a.designation === null) missing.push(typeFact(side));
  if (seized === null && reading.violent !== false) missing.push('territory_seized');

  const reasons: Reason[] = [];
  if (rebel !== undefined) {
    reasons.push(
      reason(`actor${rebel[0]}`, rebel[1]?.name ?? null),
      reason(typeFact(rebel[0]), 'rebel-movement'),
    );
  }
  if (seized !== null) reasons.push(reason('territory_seized', seized));
  if (facts.subEventType !== null) reasons.push(reason('sub_event_type', facts.subEventType));
  if (nonStateSeizure && rebel === undefined && seizer !== null)
    reasons.push(reason('actor1', seizer.name), reason(typeFact(1), seizer.designation));

  if (rebel === undefined && !nonStateSeizure)
    return {
      applies: false,
      tentative: false,
      confidence: ART5_NOT_ENGAGED,
      reasons,
      missing,
      obligations: [],
    };
  if (placeParty === null) {
    if (facts.country !== null) {
      reasons.push(reason('country_iso3', `${facts.country}: not a party on ${reading.asOf}`));
      return {
        applies: false,
        tentative: false,
        confidence: ART5_NOT_ENGAGED,
        reasons,
        missing: [],
        obligations: [],
      };
    }
    return {
      applies: true,
      tentative: true,
      confidence: ART5_PLACE_UNKNOWN,
      reasons,
      missing: [...missing, 'country_iso3'],
      obligations: [],
    };
  }
  reasons.push(reason('country_iso3', membershipNote(reading, placeParty.iso3)));
  const confidence = rebel !== undefined ? (seized === true ? ART5_REBEL_SEIZURE : ART5_REBEL) : ART5_SEIZURE;
  const obligations: Obligation[] = reading.members.map((p) => ({
    party: p.iso3,
    duty:
      p.iso3 === placeParty.iso3
        ? 'open or update the rebellion case: monitoring, then dialogue or mediation; force only on a recorded decision that says why peaceful means did not suffice'
        : `support the prevention, management and settlement of the threat to ${placeParty.iso3}, favouring peaceful and diplomatic means`,
  }));
  return { applies: true, tentative: false, confidence, reasons, missing, obligations };
};
