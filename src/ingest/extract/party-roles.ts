/**
 * Role stage: whether an actor mention is the one who attacks (agent) or the one attacked (target),
 * read from its place around the nearest event cue of its sentence. Active voice puts the agent before
 * the verb and the target after it ("militants killed two soldiers"); the passive turns them round
 * ("two soldiers were killed by militants", "deux soldats ont été tués", ACLED's telegraphic "Malian
 * army post attacked in Soumpi"); a noun takes its agent after "by" and its target after "on" or
 * "against" ("an attack by gunmen on a checkpoint"). A party said to be off duty or unarmed counts as
 * civilians, and whoever claims an attack made it. Pure: positions are offsets in the document's text.
 */

export type Role = 'agent' | 'target' | null;

/** A count right before a word: digits or a number word ("3 soldiers", "two gendarmes", "deux soldats"). */
const COUNT_BEFORE =
  /(?:\d+|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze)|\p{L}+(?:ty|te|ze|aine))\s+$/iu;

export interface RoleCues {
  /** Text before a cue that makes it passive ("were", "ont été"). */
  readonly passiveBefore: RegExp;
  /** Text right after a participle cue that makes it passive ("attacked in", "tués dans"). */
  readonly passiveAfter: RegExp;
  /** A cue that ends like a participle ("attacked", "tués"). */
  readonly participle: RegExp;
  /** Text between a cue and a mention that makes the mention the agent ("by", "par"). */
  readonly agentBetween: RegExp;
  /** Text between a cue and a mention that makes the mention the target ("on", "against", "contre"). */
  readonly targetBetween: RegExp;
  /** Words next to an armed party that make it civilians ("off-duty", "unarmed", "retired"). */
  readonly civilianQualifier: RegExp;
  /** Text between a cue and a mention that cuts them apart (";", "while", "when"). */
  readonly clauseBreak: RegExp;
  /** Text after a mention that makes it the claimant, hence the agent ("JNIM claimed"). */
  readonly claimAfter: RegExp;
  /** Text before a mention that makes it the claimant ("claimed by", "revendiqué par"). */
  readonly claimBefore: RegExp;
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The role of `span` relative to the nearest cue hit of its sentence, or null when none is near. */
export function roleOf(
  text: string,
  sentence: Span,
  hits: readonly Span[],
  span: Span,
  cues: RoleCues,
): Role {
  // Whoever claims an attack made it.
  if (
    cues.claimAfter.test(text.slice(span.end, Math.min(sentence.end, span.end + 40))) ||
    cues.claimBefore.test(text.slice(Math.max(sentence.start, span.start - 40), span.start))
  )
    return 'agent';
  let best: Span | null = null;
  let bestGap = Infinity;
  for (const h of hits) {
    if (h.start < sentence.start || h.end > sentence.end) continue;
    if (h.start < span.end && span.start < h.end) continue;
    const gap = h.start >= span.end ? h.start - span.end : span.start - h.end;
    const between = h.start >= span.end ? text.slice(span.end, h.start) : text.slice(h.end, span.start);
    if (cues.clauseBreak.test(between)) continue;
    if (gap < bestGap) {
      best = h;
      bestGap = gap;
    }
  }
  if (best === null) return null;
  const hit = best;
  const before = text.slice(Math.max(sentence.start, hit.start - 40), hit.start);
  const after = text.slice(hit.end, Math.min(sentence.end, hit.end + 20));
  const passive =
    cues.passiveBefore.test(before) ||
    (cues.participle.test(text.slice(hit.start, hit.end)) && cues.passiveAfter.test(after));
  // "3 soldiers wounded", "deux soldats tués": a counted noun right before a participle was hit.
  const counted =
    cues.participle.test(text.slice(hit.start, hit.end)) &&
    /^\s*$/.test(text.slice(span.end, hit.start)) &&
    COUNT_BEFORE.test(text.slice(Math.max(sentence.start, span.start - 20), span.start));
  if (span.end <= hit.start) return passive || counted ? 'target' : 'agent';
  const between = text.slice(hit.end, span.start);
  const by = between.search(cues.agentBetween);
  if (by >= 0) {
    const on = between.slice(by).search(cues.targetBetween);
    return on >= 0 ? 'target' : 'agent';
  }
  return 'target';
}

/** Whether an armed party's mention is qualified as off duty, unarmed or retired. */
export function civilianQualified(text: string, sentence: Span, span: Span, cues: RoleCues): boolean {
  const around = text.slice(Math.max(sentence.start, span.start - 25), Math.min(sentence.end, span.end + 40));
  return cues.civilianQualifier.test(around);
}
