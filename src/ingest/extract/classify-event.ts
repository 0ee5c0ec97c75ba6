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
  /** A state force (national or foreign) takes part. */
  readonly state: boolean;
  /** How many distinct non-state armed groups take part (an unidentified one counts). */
  readonly nonState: number;
  readonly civilians: boolean;
  /** An armed party (state or not) is the one attacked. */
  readonly armedTarget: boolean;
  /** Civilians are named other than as attackers ("villagers attacked …" is not a civilian target). */
  readonly civilianTarget: boolean;
  /** Deaths reported, null when unknown. */
  readonly fatalities: number | null;
  /** Deaths the text gives for civilians, and for armed men (forces or assailants). */
  readonly civilianDeaths?: number;
  readonly armedDeaths?: number;
}

/**
 * The type of an incident from its strongest cue. An attack or killing is Battles/Armed clash when an
 * armed party is the one attacked or two armed sides meet, Violence against civilians/Attack when
 * civilians are; with neither, an ambush or an attack on a post is a battle and any other attack
 * violence against civilians. A protest met with force becomes Protest with intervention or Excessive
 * force against protesters.
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
  const killed = facts.fatalities !== null && facts.fatalities > 0;
  // An explosion or a strike with gunfire or ground troops is a battle ("IED followed by gunfire").
  if (type === 'Explosions/Remote violence' && sub !== 'Suicide bomb' && dict.complexAttack.test(text))
    return { eventType: 'Battles', subEventType: 'Armed clash' };
  if (type === '@target' || type === '@armed') {
    // An attack on a post that killed only civilians is violence against civilians (a village's
    // self-defence post overrun, then the villagers killed).
    const civiliansOnly = (facts.civilianDeaths ?? 0) > 0 && (facts.armedDeaths ?? 0) === 0;
    const battle =
      (facts.armedTarget && !(facts.civilianTarget && civiliansOnly)) ||
      (!facts.civilianTarget && ((facts.state && facts.nonState > 0) || facts.nonState >= 2));
    // An attack that killed and hurt no one and took goods or burnt property is looting.
    const looting = hits.find((h) => h.cue.sub === 'Looting/property destruction');
    if (looting !== undefined && !killed && !dict.injury.test(text) && !battle)
      return { eventType: looting.cue.type, subEventType: looting.cue.sub };
    if (battle) return { eventType: 'Battles', subEventType: 'Armed clash' };
    if (facts.civilianTarget) return { eventType: 'Violence against civilians', subEventType: 'Attack' };
    if (type === '@armed') return { eventType: 'Battles', subEventType: 'Armed clash' };
    return { eventType: 'Violence against civilians', subEventType: 'Attack' };
  }
  // Fighters abducted, or a post attacked where some were also taken: a battle.
  if (sub === 'Abduction/forced disappearance' && facts.armedTarget && !facts.civilianTarget)
    return { eventType: 'Battles', subEventType: 'Armed clash' };
  // Abducted and killed: ACLED codes the killing.
  if (sub === 'Abduction/forced disappearance' && killed)
    return { eventType: 'Violence against civilians', subEventType: 'Attack' };
  if (type === 'Protests') {
    if (dict.protestExcessiveForce.test(text))
      return { eventType: 'Protests', subEventType: 'Excessive force against protesters' };
    if (dict.protestIntervention.test(text))
      return { eventType: 'Protests', subEventType: 'Protest with intervention' };
  }
  return { eventType: type, subEventType: sub };
}
