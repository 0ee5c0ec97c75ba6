/** Event classification stage: cue words → ACLED event type and sub-type, the strongest cue winning. */
import type { EventCue, ExtractDictionaries } from './extract-dictionaries.ts';

export interface CueHit {
  readonly cue: EventCue;
  readonly start: number;
  readonly end: number;
}

/** Every cue found in a text, strongest first, then earliest. */
export function findEventCues(text: string, dict: ExtractDictionaries): CueHit[] {
  const hits: CueHit[] = [];
  for (const cue of dict.eventCues) {
    cue.pattern.lastIndex = 0;
    for (const m of text.matchAll(cue.pattern))
      hits.push({ cue, start: m.index, end: m.index + m[0].length });
  }
  return hits.sort((a, b) => b.cue.priority - a.cue.priority || a.start - b.start);
}

export interface Classification {
  readonly eventType: string;
  readonly subEventType: string;
}

/** Whom an attack hit, as the actor stage saw it. */
export interface TargetFacts {
  /** An armed opponent (state force, named group, militia) besides the attacker. */
  readonly armedOpponent: boolean;
  readonly civilians: boolean;
}

/**
 * The type of an incident from its strongest cue. An attack or killing is Battles/Armed clash when an
 * armed opponent is hit, Violence against civilians/Attack otherwise; a protest met with force becomes
 * Protest with intervention or Excessive force against protesters.
 */
export function classify(
  hits: readonly CueHit[],
  facts: TargetFacts,
  text: string,
  dict: ExtractDictionaries,
): Classification | null {
  const best = hits[0];
  if (best === undefined) return null;
  const { type, sub } = best.cue;
  if (type === '@target') {
    if (facts.armedOpponent) return { eventType: 'Battles', subEventType: 'Armed clash' };
    return { eventType: 'Violence against civilians', subEventType: 'Attack' };
  }
  if (
    type === 'Battles' &&
    sub === 'Armed clash' &&
    !facts.armedOpponent &&
    facts.civilians &&
    hits.some((h) => h.cue.type === '@target')
  ) {
    // "attaque" of a village with civilian victims and no armed opponent
    return { eventType: 'Violence against civilians', subEventType: 'Attack' };
  }
  if (type === 'Protests') {
    if (dict.protestExcessiveForce.test(text))
      return { eventType: 'Protests', subEventType: 'Excessive force against protesters' };
    if (dict.protestIntervention.test(text))
      return { eventType: 'Protests', subEventType: 'Protest with intervention' };
  }
  return { eventType: type, subEventType: sub };
}
