/**
 * Article 8 — non-aggression between the parties. A compliance concern opens a consultation between
 * the parties concerned (e.g. Niger and Burkina Faso when an attack on Niger was launched from Burkina
 * Faso), visible to every party that is a member on the day it opens. Each party concerned makes
 * statements through its liaison officer or decision-maker; the consultation closes with an outcome.
 */
import { membershipOn, partiesOn, type Treaty } from '../../treaty.ts';
import { isBlank } from './is-blank.ts';
import { actsFor, isReviewer, type WorkflowActor } from './workflow-actor.ts';
import { refuse, succeed, type WorkflowResult } from './workflow-result.ts';
import { isBefore } from './workflow-time.ts';

export interface ConsultationStatement {
  readonly party: string;
  readonly by: number;
  readonly at: string;
  readonly text: string;
}

export interface Consultation {
  readonly id: string;
  readonly treaty: string;
  /** The incident that raised the concern, if any. */
  readonly incidentId: string | null;
  readonly subject: string;
  /** ISO3 of the parties concerned (at least two). */
  readonly concerned: readonly string[];
  /** ISO3 of every member on the opening day: all parties see it. */
  readonly visibleTo: readonly string[];
  readonly openedAt: string;
  readonly openedBy: number;
  readonly statements: readonly ConsultationStatement[];
  readonly closed: { readonly at: string; readonly by: number; readonly outcome: string } | null;
}

function mayManage(concerned: readonly string[], actor: WorkflowActor): boolean {
  return isReviewer(actor) || concerned.some((p) => actsFor(actor, p));
}

/** Opens a consultation between two or more parties that are members on `day`. */
export function openConsultation(input: {
  readonly id: string;
  readonly treaty: Treaty;
  readonly incidentId: string | null;
  readonly subject: string;
  readonly concerned: readonly string[];
  readonly day: string;
  readonly actor: WorkflowActor;
  readonly at: string;
}): WorkflowResult<Consultation> {
  const { id, treaty, incidentId, subject, day, actor, at } = input;
  const concerned = [...new Set(input.concerned)];
  if (concerned.length < 2) return refuse('invalid-input', 'a consultation is between at least two parties');
  for (const iso3 of concerned) {
    const p = treaty.parties.find((x) => x.iso3 === iso3);
    if (p === undefined || !membershipOn(treaty, p, day).member)
      return refuse('not-member', `${iso3} is not a member of ${treaty.id} on ${day}`);
  }
  if (!mayManage(concerned, actor))
    return refuse(
      'not-authorised',
      `a ${actor.role} cannot open a consultation between ${concerned.join(', ')}`,
    );
  if (isBlank(subject)) return refuse('reason-required', 'a consultation states its subject');
  return succeed({
    id,
    treaty: treaty.id,
    incidentId,
    subject,
    concerned,
    visibleTo: partiesOn(treaty, day).map((p) => p.iso3),
    openedAt: at,
    openedBy: actor.id,
    statements: [],
    closed: null,
  });
}

/** Every party sees the consultation; so do analysts, admins and observers of the alliance. */
export function canSeeConsultation(c: Consultation, viewer: WorkflowActor): boolean {
  if (viewer.party !== null) return c.visibleTo.includes(viewer.party);
  return viewer.role === 'admin' || viewer.role === 'analyst' || viewer.role === 'observer';
}

function lastEvent(c: Consultation): string {
  return c.statements.at(-1)?.at ?? c.openedAt;
}

/** A party concerned makes a statement through its liaison officer or decision-maker. */
export function addStatement(
  c: Consultation,
  input: {
    readonly party: string;
    readonly text: string;
    readonly actor: WorkflowActor;
    readonly at: string;
  },
): WorkflowResult<Consultation> {
  const { party, text, actor, at } = input;
  if (c.closed !== null) return refuse('case-closed', `consultation ${c.id} was closed at ${c.closed.at}`);
  if (!c.concerned.includes(party))
    return refuse(
      'not-concerned',
      `${party} is not a party to consultation ${c.id}; it can read it, not speak in it`,
    );
  if (!actsFor(actor, party))
    return refuse('not-representative', `user ${actor.id} (${actor.role}) does not speak for ${party}`);
  if (isBlank(text)) return refuse('reason-required', 'a statement has text');
  if (isBefore(at, lastEvent(c)))
    return refuse('out-of-order', `${at} is before the last statement (${lastEvent(c)})`);
  return succeed({ ...c, statements: [...c.statements, { party, by: actor.id, at, text }] });
}

export function closeConsultation(
  c: Consultation,
  input: { readonly outcome: string; readonly actor: WorkflowActor; readonly at: string },
): WorkflowResult<Consultation> {
  const { outcome, actor, at } = input;
  if (c.closed !== null) return refuse('case-closed', `consultation ${c.id} was closed at ${c.closed.at}`);
  if (!mayManage(c.concerned, actor))
    return refuse('not-authorised', `a ${actor.role} cannot close consultation ${c.id}`);
  if (isBlank(outcome)) return refuse('reason-required', 'closing a consultation records its outcome');
  if (isBefore(at, lastEvent(c)))
    return refuse('out-of-order', `${at} is before the last statement (${lastEvent(c)})`);
  return succeed({ ...c, closed: { at, by: actor.id, outcome } });
}
