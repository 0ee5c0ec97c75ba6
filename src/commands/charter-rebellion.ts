/**
 * Art. 5 rebellion cases on the store: open one for the party where an incident happened (or add the
 * incident to that party's open case), record steps on the escalation ladder — peaceful means first;
 * force only on an adopted use-of-force decision, which must say why when no peaceful step is on
 * record — and close a case with its outcome. The rules are the pure workflow's (rebellion-case.ts).
 */
import type { AuditActor } from '../domain/audit/audit-entry.ts';
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
import type { Incident } from '../domain/incident.ts';
import { membershipOn, type Treaty } from '../domain/treaty.ts';
import type { CharterWrite, Stored } from '../store/store.ts';
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

/** What opening or updating a party's rebellion case writes (null: nothing to write) and gives. */
export interface RebellionPlan {
  readonly write: CharterWrite | null;
  readonly rebellionCase: Stored<RebellionCase>;
  readonly created: boolean;
}

/**
 * The rebellion case of the party where the incident happened: a new one (monitoring), or that
 * party's open case under the treaty with the incident added. Analysts and admins, or the party's
 * liaison officer or decision-maker; the party must be a member on the incident's date. Nothing is
 * written: the caller writes `write` (with its own records, in one transaction).
 */
export async function planRebellionCase(
  deps: CharterDeps,
  input: {
    readonly incident: Incident;
    readonly treaty: Treaty;
    readonly note: string | null;
    readonly actor: WorkflowActor;
    readonly at: string;
  },
): Promise<CharterResult<RebellionPlan>> {
  const { incident, treaty } = input;
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
  const [open] = await deps.store.listRebellionCases({
    visibility: SYSTEM_VISIBILITY,
    treaty: treaty.id,
    party: party.iso3,
    open: true,
  });
  if (open !== undefined) {
    const added = addRebellionIncident(open.value, String(incident.id));
    if (!added.ok) return added;
    if (added.value === open.value)
      return { ok: true, value: { write: null, rebellionCase: open, created: false } };
    return {
      ok: true,
      value: {
        write: { kind: 'rebellion', rebellionCase: added.value, expectedVersion: open.version },
        rebellionCase: { version: open.version + 1, value: added.value },
        created: false,
      },
    };
  }
  // A case this incident opened may have been closed since: the new one gets an id of its own.
  const first = rebellionIdFor(treaty.id, incident.id);
  const taken = (await deps.store.getRebellionCase(first, SYSTEM_VISIBILITY)) !== null;
  const opened = openRebellionCase({
    id: taken ? `${first}-${Date.parse(input.at)}` : first,
    treaty: treaty.id,
    party: party.iso3,
    incidentId: String(incident.id),
    actor: input.actor,
    at: input.at,
    note: input.note,
  });
  if (!opened.ok) return opened;
  return {
    ok: true,
    value: {
      write: { kind: 'rebellion', rebellionCase: opened.value, expectedVersion: null },
      rebellionCase: { version: 1, value: opened.value },
      created: true,
    },
  };
}

/** Opens or updates the rebellion case of the incident's party (see planRebellionCase). */
export async function openOrUpdateRebellionCase(
  deps: CharterDeps,
  input: {
    readonly incidentId: number;
    /** Default: the first treaty (the Liptako-Gourma Charter). */
    readonly treaty?: string;
    readonly note: string | null;
    readonly actor: WorkflowActor;
    /** The same user, as the audit log names them. */
    readonly by: AuditActor;
    readonly visibility: Visibility;
    readonly at: string;
  },
): Promise<CharterResult<{ readonly rebellionCase: Stored<RebellionCase>; readonly created: boolean }>> {
  const incident = await deps.store.getIncident(input.incidentId, input.visibility);
  if (incident === null) return charterFail('unknown', `incident ${input.incidentId} not found`);
  const treaties = await currentTreaties(deps);
  const treaty = input.treaty === undefined ? treaties[0] : treaties.find((t) => t.id === input.treaty);
  if (treaty === undefined) return charterFail('unknown', `treaty ${input.treaty ?? ''} not found`);
  const plan = await planRebellionCase(deps, { ...input, incident, treaty });
  if (!plan.ok) return plan;
  const { write, rebellionCase, created } = plan.value;
  if (write !== null && !(await deps.store.writeCharter([write], { actor: input.by, at: input.at })))
    return charterConflict(`the rebellion case of ${rebellionCase.value.party}`);
  return { ok: true, value: { rebellionCase, created } };
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
    /** The same user, as the audit log names them. */
    readonly by: AuditActor;
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
  const ok = await store.writeCharter(
    [{ kind: 'rebellion', rebellionCase: moved.value, expectedVersion: stored.version }],
    { actor: input.by, at: input.at },
  );
  if (!ok) return charterConflict(`rebellion case ${input.caseId}`);
  return { ok: true, value: { version: stored.version + 1, value: moved.value } };
}

export async function closeRebellion(
  deps: CharterDeps,
  input: {
    readonly caseId: string;
    readonly outcome: string;
    readonly actor: WorkflowActor;
    /** The same user, as the audit log names them. */
    readonly by: AuditActor;
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
  const ok = await store.writeCharter(
    [{ kind: 'rebellion', rebellionCase: closed.value, expectedVersion: stored.version }],
    { actor: input.by, at: input.at },
  );
  if (!ok) return charterConflict(`rebellion case ${input.caseId}`);
  return { ok: true, value: { version: stored.version + 1, value: closed.value } };
}

/**
 * A case as a viewer may read it: the incidents added to it that they may not see (a NATIONAL one of
 * another party, say) are left out of its list. The case itself is visible with its opening incident.
 */
export async function asSeenBy(
  deps: CharterDeps,
  c: RebellionCase,
  visibility: Visibility,
): Promise<RebellionCase> {
  const seen: string[] = [];
  for (const id of c.incidentIds)
    if ((await deps.store.getIncident(Number(id), visibility)) !== null) seen.push(id);
  return seen.length === c.incidentIds.length ? c : { ...c, incidentIds: seen };
}
