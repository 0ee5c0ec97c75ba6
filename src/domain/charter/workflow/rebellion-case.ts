/**
 * Article 5 — rebellion case. "prévenir, gérer et régler toute rébellion armée ou autre menace
 * portant atteinte à l'intégrité du territoire et à la souveraineté de chacun des pays de l'Alliance,
 * en privilégiant les voies pacifiques et diplomatiques et, en cas de nécessité, l'usage de la force".
 *
 * An escalation ladder: monitoring → dialogue / mediation → use of force. Each step records who, when
 * and which peaceful means were tried. Moving to force needs an adopted "use-of-force" decision on the
 * case (CHARTER.md: "moving to force needs a recorded decision"); if no peaceful step was recorded
 * before, the decision must also record why (its justification). De-escalation is always allowed.
 */
import type { Decision } from './decision.ts';
import { isBlank } from './is-blank.ts';
import { actsFor, isReviewer, type WorkflowActor } from './workflow-actor.ts';
import { refuse, succeed, type WorkflowResult } from './workflow-result.ts';
import { isBefore } from './workflow-time.ts';

export const ESCALATION_LEVELS = ['monitoring', 'dialogue', 'mediation', 'use-of-force'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/** Dialogue and mediation are the same rung: peaceful means. */
export const ESCALATION_RUNG: Readonly<Record<EscalationLevel, number>> = {
  monitoring: 0,
  dialogue: 1,
  mediation: 1,
  'use-of-force': 2,
};

export interface EscalationStep {
  readonly level: EscalationLevel;
  readonly at: string;
  readonly by: number;
  /** The peaceful means tried at this step ("talks with CSP-PSD in Algiers", "mediation by …"). */
  readonly peacefulMeans: readonly string[];
  readonly note: string | null;
  /** The adopted decision a move to force rests on. */
  readonly decisionId: string | null;
}

export interface RebellionCase {
  readonly id: string;
  readonly treaty: string;
  /** ISO3 of the party whose territory and sovereignty are threatened. */
  readonly party: string;
  /** The incidents that opened or updated the case. */
  readonly incidentIds: readonly string[];
  readonly level: EscalationLevel;
  /** The opening (monitoring) first. */
  readonly steps: readonly EscalationStep[];
  readonly closed: { readonly at: string; readonly by: number; readonly outcome: string } | null;
}

/** Analysts and admins, or the threatened party's liaison officer or decision-maker. */
function mayAct(c: Pick<RebellionCase, 'party'>, actor: WorkflowActor): boolean {
  return isReviewer(actor) || actsFor(actor, c.party);
}

export function openRebellionCase(input: {
  readonly id: string;
  readonly treaty: string;
  readonly party: string;
  readonly incidentId: string;
  readonly actor: WorkflowActor;
  readonly at: string;
  readonly note?: string | null;
}): WorkflowResult<RebellionCase> {
  const { id, treaty, party, incidentId, actor, at } = input;
  if (!mayAct({ party }, actor))
    return refuse('not-authorised', `a ${actor.role} cannot open a rebellion case for ${party}`);
  return succeed({
    id,
    treaty,
    party,
    incidentIds: [incidentId],
    level: 'monitoring',
    steps: [
      {
        level: 'monitoring',
        at,
        by: actor.id,
        peacefulMeans: [],
        note: input.note ?? null,
        decisionId: null,
      },
    ],
    closed: null,
  });
}

/** A further incident updates the open case (the engine proposes Art. 5 again). */
export function addRebellionIncident(c: RebellionCase, incidentId: string): WorkflowResult<RebellionCase> {
  if (c.closed !== null) return refuse('case-closed', `rebellion case ${c.id} was closed at ${c.closed.at}`);
  if (c.incidentIds.includes(incidentId)) return succeed(c);
  return succeed({ ...c, incidentIds: [...c.incidentIds, incidentId] });
}

/** Whether a dialogue or mediation step with at least one peaceful means is on record. */
export function hasPeacefulStep(c: RebellionCase): boolean {
  return c.steps.some((s) => ESCALATION_RUNG[s.level] === 1 && s.peacefulMeans.some((m) => !isBlank(m)));
}

/**
 * Records a step up or down the ladder (or another round at the same level). Dialogue and mediation
 * name the peaceful means tried. Force needs an adopted use-of-force decision on this case, and, with
 * no peaceful step on record, a justification in that decision.
 */
export function changeEscalation(
  c: RebellionCase,
  input: {
    readonly to: EscalationLevel;
    readonly actor: WorkflowActor;
    readonly at: string;
    readonly peacefulMeans?: readonly string[];
    readonly note?: string | null;
    readonly decision?: Decision | null;
  },
): WorkflowResult<RebellionCase> {
  const { to, actor, at } = input;
  const peacefulMeans = (input.peacefulMeans ?? []).filter((m) => !isBlank(m));
  const decision = input.decision ?? null;
  if (c.closed !== null) return refuse('case-closed', `rebellion case ${c.id} was closed at ${c.closed.at}`);
  if (!mayAct(c, actor))
    return refuse('not-authorised', `a ${actor.role} cannot move rebellion case ${c.id}`);
  const last = c.steps.at(-1);
  if (last !== undefined && isBefore(at, last.at))
    return refuse('out-of-order', `${at} is before the last step (${last.at})`);
  if (ESCALATION_RUNG[to] === 1 && peacefulMeans.length === 0)
    return refuse('reason-required', `a ${to} step names the peaceful means tried`);
  if (to === 'use-of-force' && c.level !== 'use-of-force') {
    if (decision === null)
      return refuse('not-adopted', 'moving to the use of force needs an adopted decision of the parties');
    const s = decision.subject;
    if (s.kind !== 'use-of-force' || s.rebellionCaseId !== c.id || decision.treaty !== c.treaty)
      return refuse('wrong-subject', `decision ${decision.id} is not on the use of force in case ${c.id}`);
    if (decision.state !== 'adopted')
      return refuse('not-adopted', `decision ${decision.id} is ${decision.state}`);
    if (!hasPeacefulStep(c) && isBlank(s.justification))
      return refuse(
        'peaceful-step-required',
        `no peaceful means are recorded on case ${c.id}; Art. 5 favours them, so the decision must record why force comes first`,
      );
  }
  const step: EscalationStep = {
    level: to,
    at,
    by: actor.id,
    peacefulMeans,
    note: input.note ?? null,
    decisionId: to === 'use-of-force' ? (decision?.id ?? last?.decisionId ?? null) : null,
  };
  return succeed({ ...c, level: to, steps: [...c.steps, step] });
}

export function closeRebellionCase(
  c: RebellionCase,
  input: { readonly actor: WorkflowActor; readonly at: string; readonly outcome: string },
): WorkflowResult<RebellionCase> {
  const { actor, at, outcome } = input;
  if (c.closed !== null) return refuse('case-closed', `rebellion case ${c.id} was closed at ${c.closed.at}`);
  if (!mayAct(c, actor))
    return refuse('not-authorised', `a ${actor.role} cannot close rebellion case ${c.id}`);
  if (isBlank(outcome)) return refuse('reason-required', 'closing a rebellion case records its outcome');
  const last = c.steps.at(-1);
  if (last !== undefined && isBefore(at, last.at))
    return refuse('out-of-order', `${at} is before the last step (${last.at})`);
  return succeed({ ...c, closed: { at, by: actor.id, outcome } });
}
