/**
 * The rule that decides a surge of violence in an admin unit, after the method of OCHA's HDX Signals
 * for ACLED data: the fatalities of the last 30 days against the highest 30-day total of the year
 * before, with a floor so that a quiet place does not alert on its first few deaths.
 */

export interface SurgeRule {
  /** Days of the current window, the day of detection included (HDX Signals: 30). */
  readonly windowDays: number;
  /** Days before the current window whose windows of `windowDays` make the baseline (365). */
  readonly baselineDays: number;
  /** The current window's fatalities must reach this floor (HDX Signals' minimum; default 10). */
  readonly minFatalities: number;
  /**
   * The current total must also be at least baseline × (1 + this): 0 (the default) asks only that it
   * exceed the baseline; 0.25 asks for a quarter more.
   */
  readonly minRelativeIncrease: number;
  /** 'high' from this many times the greater of the baseline and the floor (default 2). */
  readonly highRatio: number;
  /**
   * An open surge whose condition no longer holds stays open (lapsing) this many days before it
   * closes; when the condition holds again meanwhile, the same surge goes on and nothing is raised.
   */
  readonly coolDownDays: number;
}

export const DEFAULT_SURGE_RULE: SurgeRule = {
  windowDays: 30,
  baselineDays: 365,
  minFatalities: 10,
  minRelativeIncrease: 0,
  highRatio: 2,
  coolDownDays: 7,
};

/** What is wrong with a rule, one line each; empty when it can be used. */
export function surgeRuleProblems(rule: SurgeRule): string[] {
  const problems: string[] = [];
  const whole = (name: keyof SurgeRule, min: number, max: number): void => {
    const v = rule[name];
    if (!Number.isInteger(v) || v < min || v > max)
      problems.push(`${name} must be a whole number from ${min} to ${max}`);
  };
  whole('windowDays', 1, 366);
  whole('baselineDays', 1, 3660);
  whole('minFatalities', 0, 1_000_000);
  whole('coolDownDays', 0, 366);
  if (rule.baselineDays < rule.windowDays) problems.push('baselineDays must be at least windowDays');
  if (
    !Number.isFinite(rule.minRelativeIncrease) ||
    rule.minRelativeIncrease < 0 ||
    rule.minRelativeIncrease > 100
  )
    problems.push('minRelativeIncrease must be from 0 to 100');
  if (!Number.isFinite(rule.highRatio) || rule.highRatio < 1 || rule.highRatio > 100)
    problems.push('highRatio must be from 1 to 100');
  return problems;
}
