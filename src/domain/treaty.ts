/**
 * A treaty as data: its clauses with their French and English text (and how authoritative each text
 * is), its parties with membership periods and denunciation notices, and its decision rule. The
 * engine (src/domain/charter/evaluate.ts) reads any treaty of this shape; nothing about the
 * Liptako-Gourma Charter is hard-coded beyond the rule each clause names.
 */
import { isMemberOn, type Party } from './party.ts';

/** How a clause's text was obtained: the official text, a quotation, a translation, or a summary. */
export const WORDINGS = [
  'official',
  'press-quotation',
  'translation',
  'unofficial-translation',
  'paraphrase',
  'illustrative',
] as const;
export type Wording = (typeof WORDINGS)[number];

export interface ClauseText {
  readonly text: string;
  readonly wording: Wording;
  /** Where the text comes from (URL or description); "illustrative" texts say so. */
  readonly source: string;
}

/**
 * The rule of the engine that reads a clause. The Liptako-Gourma Charter's articles 4–8 each name one;
 * another treaty's clauses name the rule that matches their meaning.
 */
export const CLAUSE_RULES = [
  'counter-terrorism',
  'rebellion',
  'collective-defence',
  'extended-aggression',
  'non-aggression',
] as const;
export type ClauseRule = (typeof CLAUSE_RULES)[number];

/**
 * Whether a clause applies by itself when its facts are met ("engaged", a standing commitment) or
 * only once the parties decide ("proposed", for a decision under the treaty's rule).
 */
export const ACTIVATIONS = ['automatic', 'decision'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export interface TreatyClause {
  /** "4", "6", "final-unanimity": how people cite it. */
  readonly id: string;
  readonly title: { readonly fr: string; readonly en: string };
  /** Null when no text in that language is known. */
  readonly text: { readonly fr: ClauseText | null; readonly en: ClauseText | null };
  /** The engine rule that reads this clause, or null for a clause the engine does not evaluate. */
  readonly rule: ClauseRule | null;
  readonly activation: Activation | null;
  /** First and last day (YYYY-MM-DD) the clause is in effect; `to` null while it lasts. */
  readonly effective: { readonly from: string; readonly to: string | null };
}

/** How the parties decide: an abstention never counts as assent. */
export type DecisionRule =
  | { readonly kind: 'unanimity'; readonly abstentionIsAssent: false }
  | {
      readonly kind: 'qualified-majority';
      /** Share of the members on the day (not of the votes cast) that must assent, e.g. 2/3. */
      readonly numerator: number;
      readonly denominator: number;
      readonly abstentionIsAssent: false;
    };

/** A notice of denunciation: membership ends when the treaty's notice period has run. */
export interface DenunciationNotice {
  /** Day the notice was received (YYYY-MM-DD). */
  readonly notifiedOn: string;
  readonly source: string;
}

export interface TreatyParty extends Party {
  readonly denunciations: readonly DenunciationNotice[];
}

export interface Treaty {
  readonly id: string;
  /** Version of the data file, so that an official text can replace ours and be told apart. */
  readonly version: string;
  readonly title: { readonly fr: string; readonly en: string };
  /** True for an example treaty that is not a real instrument. */
  readonly illustrative: boolean;
  readonly signedOn: string;
  /** First day in force. */
  readonly inForceFrom: string;
  /** ISO3 of the depositary state. */
  readonly depositary: string;
  readonly decisionRule: DecisionRule;
  /** Months between a notice of denunciation and its effect. */
  readonly denunciationNoticeMonths: number;
  readonly parties: readonly TreatyParty[];
  readonly clauses: readonly TreatyClause[];
  /** Free notes on the data: what is known, what is missing, where the rest will come from. */
  readonly notes: readonly string[];
}

/** Adds whole months to a day, keeping the day of month or the month's last day (08-31 + 6 → 02-28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The day before a day (YYYY-MM-DD). */
export function dayBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** A party's standing on a day: member or not, and the notice it runs under if it gave one. */
export interface Membership {
  readonly member: boolean;
  /** The notice in course on that day, with the last day of membership it leads to. */
  readonly notice: { readonly notifiedOn: string; readonly lastDay: string } | null;
}

/**
 * Whether a party is a member on a day: inside one of its membership periods and not past the end of
 * a denunciation notice. A notice given on D with six months' notice ends membership on the day
 * before D + 6 months; until then the party keeps its rights and its duties.
 */
export function membershipOn(treaty: Treaty, party: TreatyParty, day: string): Membership {
  if (!isMemberOn(party, day)) return { member: false, notice: null };
  for (const n of party.denunciations) {
    if (n.notifiedOn > day) continue;
    const lastDay = dayBefore(addMonths(n.notifiedOn, treaty.denunciationNoticeMonths));
    if (day > lastDay) return { member: false, notice: { notifiedOn: n.notifiedOn, lastDay } };
    return { member: true, notice: { notifiedOn: n.notifiedOn, lastDay } };
  }
  return { member: true, notice: null };
}

/** The parties that are members on a day, in the treaty's order. */
export function partiesOn(treaty: Treaty, day: string): TreatyParty[] {
  return treaty.parties.filter((p) => membershipOn(treaty, p, day).member);
}

/** The clauses in effect on a day. */
export function clauseInEffect(clause: TreatyClause, day: string): boolean {
  return clause.effective.from <= day && (clause.effective.to === null || day <= clause.effective.to);
}

/** The decision rule in words, for duties and messages. */
export function describeDecisionRule(rule: DecisionRule): string {
  if (rule.kind === 'unanimity') return 'decision by unanimity of the parties; an abstention is not assent';
  return `decision by ${rule.numerator}/${rule.denominator} of the parties; an abstention is not assent`;
}
