/**
 * Art. 8 consultations on the store: opened between the parties concerned (from an incident, or on a
 * subject alone), visible to every party that is a member on the day it opens; each party concerned
 * speaks through its liaison officer or decision-maker (the party is the session's, never the
 * request's); closed with an outcome. The rules are the pure workflow's (consultation.ts).
 */
import type { AuditActor } from '../domain/audit/audit-entry.ts';
import { randomUUID } from 'node:crypto';
import {
  addStatement,
  canSeeConsultation,
  closeConsultation,
  openConsultation,
  type Consultation,
} from '../domain/charter/workflow/consultation.ts';
import type { WorkflowActor } from '../domain/charter/workflow/workflow-actor.ts';
import { dayOf } from '../domain/charter/workflow/workflow-time.ts';
import type { Visibility } from '../domain/classification.ts';
import type { Incident } from '../domain/incident.ts';
import type { Treaty } from '../domain/treaty.ts';
import type { Stored } from '../store/store.ts';
import {
  charterConflict,
  charterFail,
  type CharterDeps,
  type CharterResult,
  currentTreaties,
} from './charter-deps.ts';

/** A consultation the viewer may read: its incident is visible to them, and so is it (all parties). */
export async function readConsultation(
  deps: CharterDeps,
  input: { readonly id: string; readonly actor: WorkflowActor; readonly visibility: Visibility },
): Promise<CharterResult<Stored<Consultation>>> {
  const stored = await deps.store.getConsultation(input.id, input.visibility);
  if (stored === null || !canSeeConsultation(stored.value, input.actor))
    return charterFail('unknown', `consultation ${input.id} not found`);
  return { ok: true, value: stored };
}

export async function listVisibleConsultations(
  deps: CharterDeps,
  input: { readonly actor: WorkflowActor; readonly visibility: Visibility },
): Promise<Stored<Consultation>[]> {
  const all = await deps.store.listConsultations(input.visibility);
  return all.filter((c) => canSeeConsultation(c.value, input.actor));
}

/**
 * A new consultation between two or more parties members on the incident's date (or today without an
 * incident), not yet written. Analysts and admins, or a concerned party's liaison officer or
 * decision-maker. One per treaty and incident, so a retried request cannot open two.
 */
export const consultationIdFor = (treaty: string, incidentId: number): string =>
  `consultation-${treaty}-${incidentId}`;

export function planConsultation(input: {
  readonly incident: Incident | null;
  readonly treaty: Treaty;
  readonly concerned: readonly string[];
  readonly subject: string;
  readonly actor: WorkflowActor;
  readonly at: string;
}): CharterResult<Consultation> {
  const { incident, treaty } = input;
  return openConsultation({
    id: incident === null ? `consultation-${randomUUID()}` : consultationIdFor(treaty.id, incident.id),
    treaty,
    incidentId: incident === null ? null : String(incident.id),
    subject: input.subject,
    concerned: input.concerned,
    day: incident?.eventDate ?? dayOf(input.at),
    actor: input.actor,
    at: input.at,
  });
}

/** Opens a consultation (see planConsultation). */
export async function openConsultationOn(
  deps: CharterDeps,
  input: {
    readonly incidentId: number | null;
    readonly treaty?: string;
    readonly concerned: readonly string[];
    readonly subject: string;
    readonly actor: WorkflowActor;
    /** The same user, as the audit log names them. */
    readonly by: AuditActor;
    readonly visibility: Visibility;
    readonly at: string;
  },
): Promise<CharterResult<Stored<Consultation>>> {
  const { store } = deps;
  const incident =
    input.incidentId === null ? null : await store.getIncident(input.incidentId, input.visibility);
  if (input.incidentId !== null && incident === null)
    return charterFail('unknown', `incident ${input.incidentId} not found`);
  const treaties = await currentTreaties(deps);
  const treaty = input.treaty === undefined ? treaties[0] : treaties.find((t) => t.id === input.treaty);
  if (treaty === undefined) return charterFail('unknown', `treaty ${input.treaty ?? ''} not found`);
  const opened = planConsultation({ ...input, incident, treaty });
  if (!opened.ok) return opened;
  if (
    !(await store.writeCharter(
      [{ kind: 'consultation', consultation: opened.value, expectedVersion: null }],
      { actor: input.by, at: input.at },
    ))
  )
    return charterConflict(`the consultation on incident ${input.incidentId ?? ''}`);
  return { ok: true, value: { version: 1, value: opened.value } };
}

/** A statement for the signed-in user's own party. */
export async function makeStatement(
  deps: CharterDeps,
  input: {
    readonly id: string;
    readonly text: string;
    readonly actor: WorkflowActor;
    /** The same user, as the audit log names them. */
    readonly by: AuditActor;
    readonly visibility: Visibility;
    readonly at: string;
  },
): Promise<CharterResult<Stored<Consultation>>> {
  const read = await readConsultation(deps, input);
  if (!read.ok) return read;
  if (input.actor.party === null)
    return charterFail('not-representative', `a ${input.actor.role} with no party speaks for no party`);
  const said = addStatement(read.value.value, {
    party: input.actor.party,
    text: input.text,
    actor: input.actor,
    at: input.at,
  });
  if (!said.ok) return said;
  const ok = await deps.store.writeCharter(
    [{ kind: 'consultation', consultation: said.value, expectedVersion: read.value.version }],
    { actor: input.by, at: input.at },
  );
  if (!ok) return charterConflict(`consultation ${input.id}`);
  return { ok: true, value: { version: read.value.version + 1, value: said.value } };
}

export async function closeConsultationWith(
  deps: CharterDeps,
  input: {
    readonly id: string;
    readonly outcome: string;
    readonly actor: WorkflowActor;
    /** The same user, as the audit log names them. */
    readonly by: AuditActor;
    readonly visibility: Visibility;
    readonly at: string;
  },
): Promise<CharterResult<Stored<Consultation>>> {
  const read = await readConsultation(deps, input);
  if (!read.ok) return read;
  const closed = closeConsultation(read.value.value, {
    outcome: input.outcome,
    actor: input.actor,
    at: input.at,
  });
  if (!closed.ok) return closed;
  const ok = await deps.store.writeCharter(
    [{ kind: 'consultation', consultation: closed.value, expectedVersion: read.value.version }],
    { actor: input.by, at: input.at },
  );
  if (!ok) return charterConflict(`consultation ${input.id}`);
  return { ok: true, value: { version: read.value.version + 1, value: closed.value } };
}
