/**
 * Art. 5 rebellion cases on the store: open one for the party where an incident happened (or add the
 * incident to that party's open case), record steps on the escalation ladder — peaceful means first;
 * force only on an adopted use-of-force decision, which must say why when no peaceful step is on
 * record — and close a case with its outcome. The rules are the pure workflow's (rebellion-case.ts).
 */
import {
  addRebellionIncident,
  changeEscalation,
  closeRebellionCase,
  openRebellionCase,
  type EscalationLevel,
  type RebellionCase,
} from '../domain/charter/workflow/rebellion-case.ts';
import { actsFor, isReviewer, type WorkflowActor } from '../domain/charter/workflow/workflow-actor.ts';
import type { Visibility } from '../domain/classification.ts';
import { membershipOn } from '../domain/treaty.ts';
import type { Stored } from '../store/store.ts';
import {
  charterConflict,
  charterFail,
  SYSTEM_VISIBILITY,
  type CharterDeps,
  type CharterResult,
  currentTreaties,
} from './charter-deps.ts';

/** One case per treaty and opening incident: a retried request cannot open two. */
const rebellionIdFor = (treaty: string, incidentId: number): string => `rebellion-${treaty}-${incidentId}`;

/**
 * Opens a rebellion case for the party where the incident happened, or adds the incident to that
 * party's open case under the same treaty. Analysts and admins, or the party's liaison officer or
 * decision-maker; the party must be a member on the incident's date.
 */
export async function openOrUpdateRebellionCase(
  deps: CharterDeps,
  input: {
    readonly incidentId: number;
    /** Default: the first treaty (the Liptako-Gourma Charter). */
    readonly treaty?: string;
    readonly note: string | null;
    readonly actor: WorkflowActor;
    readonly visibility: Visibility;
    readonly at: string;
  },
): Promise<CharterResult<{ readonly rebellionCase: Stored<RebellionCase>; readonly created: boolean }>> {
  const { store } = deps;
  const incident = await store.getIncident(input.incidentId, input.visibility);
  if (incident === null) return charterFail('unknown', `incident ${input.incidentId} not found`);
  const treaties = await currentTreaties(deps);
  const treaty = input.treaty === undefined ? treaties[0] : treaties.find((t) => t.id === input.treaty);
  if (treaty === undefined) return charterFail('unknown', `treaty ${input.treaty ?? ''} not found`);
  const party = treaty.parties.find((p) => p.iso3 === incident.country);
  if (party === undefined || !membershipOn(treaty, party, incident.eventDate).member)
    return charterFail(
      'not-member',
      `${incident.country} is not a member of ${treaty.id} on ${incident.eventDate}: no rebellion case under it`,
    );
  if (!isReviewer(input.actor) && !actsFor(input.actor, party.iso3))
    return charterFail(
      'not-authorised',
      `a ${input.actor.role} cannot open or update a rebellion case for ${party.iso3}`,
    );
  // Looked for among all cases: the party has one open case per treaty, whoever can read it.
  const [open] = await store.listRebellionCases({
    visibility: SYSTEM_VISIBILITY,
    treaty: treaty.id,
    party: party.iso3,
    open: true,
  });
  if (open !== undefined) {
    const added = addRebellionIncident(open.value, String(incident.id));
    if (!added.ok) return added;
    if (added.value === open.value) return { ok: true, value: { rebellionCase: open, created: false } };
    const written = await store.writeCharter([
      { kind: 'rebellion', rebellionCase: added.value, expectedVersion: open.version },
    ]);
    if (!written) return charterConflict(`rebellion case ${open.value.id}`);
    return {
      ok: true,
      value: { rebellionCase: { version: open.version + 1, value: added.value }, created: false },
    };
  }
  const opened = openRebellionCase({
    id: rebellionIdFor(treaty.id, incident.id),
    treaty: treaty.id,
    party: party.iso3,
    incidentId: String(incident.id),
    actor: input.actor,
    at: input.at,
    note: input.note,
  });
  if (!opened.ok) return opened;
  if (
    !(await store.writeCharter([{ kind: 'rebellion', rebellionCase: opened.value, expectedVersion: null }]))
  )
    return charterConflict(`the rebellion case of ${party.iso3}`);
  return { ok: true, value: { rebellionCase: { version: 1, value: opened.value }, created: true } };
}

/** Records a step on the ladder; a move to force names the adopted use-of-force decision. */
export async function recordEscalation(
  deps: CharterDeps,
  input: {
    readonly caseId: string;
    readonly to: EscalationLevel;
    readonly peacefulMeans: readonly string[];
    readonly note: string | null;
    readonly decisionId: string | null;
    readonly actor: WorkflowActor;
    readonly visibility: Visibility;
    readonly at: string;
  },
): Promise<CharterResult<Stored<RebellionCase>>> {
  const { store } = deps;
  const stored = await store.getRebellionCase(input.caseId, input.visibility);
  if (stored === null) return charterFail('unknown', `rebellion case ${input.caseId} not found`);
  let decision = null;
  if (input.decisionId !== null) {
    const found = await store.getCharterDecision(input.decisionId, input.visibility);
    if (found === null) return charterFail('unknown', `decision ${input.decisionId} not found`);
    decision = found.value;
  }
  const moved = changeEscalation(stored.value, {
    to: input.to,
    actor: input.actor,
    at: input.at,
    peacefulMeans: input.peacefulMeans,
    note: input.note,
    decision,
  });
  if (!moved.ok) return moved;
  const ok = await store.writeCharter([
    { kind: 'rebellion', rebellionCase: moved.value, expectedVersion: stored.version },
  ]);
  if (!ok) return charterConflict(`rebellion case ${input.caseId}`);
  return { ok: true, value: { version: stored.version + 1, value: moved.value } };
}

export async function closeRebellion(
  deps: CharterDeps,
  input: {
    readonly caseId: string;
    readonly outcome: string;
    readonly actor: WorkflowActor;
    readonly visibility: Visibility;
    readonly at: string;
  },
): Promise<CharterResult<Stored<RebellionCase>>> {
  const { store } = deps;
  const stored = await store.getRebellionCase(input.caseId, input.visibility);
  if (stored === null) return charterFail('unknown', `rebellion case ${input.caseId} not found`);
  const closed = closeRebellionCase(stored.value, {
    actor: input.actor,
    at: input.at,
    outcome: input.outcome,
  });
  if (!closed.ok) return closed;
  const ok = await store.writeCharter([
    { kind: 'rebellion', rebellionCase: closed.value, expectedVersion: stored.version },
  ]);
  if (!ok) return charterConflict(`rebellion case ${input.caseId}`);
  return { ok: true, value: { version: stored.version + 1, value: closed.value } };
}
