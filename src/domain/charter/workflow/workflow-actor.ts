/**
 * Who acts in the workflow: a user's id, role and party, as the caller authenticated them. A `User`
 * is one. The domain trusts these three fields; the API must take them from the session, never from
 * the request body.
 */
import type { User } from '../../user.ts';

export type WorkflowActor = Pick<User, 'id' | 'role' | 'party'>;

/** Analysts and admins review proposals and open decisions, cases and consultations. */
export function isReviewer(actor: WorkflowActor): boolean {
  return actor.role === 'analyst' || actor.role === 'admin';
}

/** A party's representative in a decision: its decision-maker. Liaison officers do not vote. */
export function representsInDecisions(actor: WorkflowActor, party: string): boolean {
  return actor.role === 'decision-maker' && actor.party === party;
}

/** Acts for a party in cases and consultations: its liaison officer or its decision-maker. */
export function actsFor(actor: WorkflowActor, party: string): boolean {
  return (actor.role === 'liaison' || actor.role === 'decision-maker') && actor.party === party;
}
