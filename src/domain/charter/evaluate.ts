/**
 * The qualification engine: for one incident's facts, one treaty and one day, a proposal for every
 * clause of the treaty that carries a rule. Pure: the day is passed in, the actor registry was read
 * into the facts beforehand. People confirm or reject what it proposes; it decides nothing.
 */
import { clauseInEffect, type ClauseRule, type Treaty } from '../treaty.ts';
import type { ArticleRule } from './article-rule.ts';
import { art4 } from './art-4.ts';
import { art5 } from './art-5.ts';
import { art6 } from './art-6.ts';
import { art7 } from './art-7.ts';
import { art8 } from './art-8.ts';
import type { IncidentFacts } from './incident-facts.ts';
import { cite, readIncident } from './incident-reading.ts';
import type { Proposal } from './proposal.ts';

/** Each rule is written against the Liptako-Gourma article it is named after; other treaties reuse them. */
const RULES: Readonly<Record<ClauseRule, ArticleRule>> = {
  'counter-terrorism': art4,
  rebellion: art5,
  'collective-defence': art6,
  'extended-aggression': art7,
  'non-aggression': art8,
};

/** Each fact the rule needed but did not have multiplies its confidence by this. */
export const MISSING_FACT_FACTOR = 0.85;

const round = (x: number): number => Math.round(x * 100) / 100;

/**
 * One proposal per rule-bearing clause, in the treaty's order. `asOf` (YYYY-MM-DD) is the day whose
 * membership and clauses count — normally the incident's date.
 */
export function evaluate(facts: IncidentFacts, treaty: Treaty, asOf: string): Proposal[] {
  const reading = readIncident(facts, treaty, asOf);
  const proposals: Proposal[] = [];
  for (const clause of treaty.clauses) {
    if (clause.rule === null) continue;
    if (!clauseInEffect(clause, asOf)) {
      proposals.push({
        treaty: treaty.id,
        article: clause.id,
        status: 'not_engaged',
        confidence: 1,
        reasons: [
          {
            fact: 'as_of',
            value: `${asOf}: clause in effect from ${clause.effective.from}${clause.effective.to === null ? '' : ` to ${clause.effective.to}`}`,
            clause: cite(treaty, clause.id),
          },
        ],
        missing: [],
        obligations: [],
      });
      continue;
    }
    const finding = RULES[clause.rule](reading, clause);
    const missing = [...new Set(finding.missing)];
    const status = !finding.applies
      ? 'not_engaged'
      : clause.activation === 'automatic' && !finding.tentative
        ? 'engaged'
        : 'proposed';
    proposals.push({
      treaty: treaty.id,
      article: clause.id,
      status,
      confidence: round(finding.confidence * MISSING_FACT_FACTOR ** missing.length),
      reasons: finding.reasons,
      missing,
      obligations: finding.obligations,
    });
  }
  return proposals;
}
