/** Factories for the workflow tests: actors of each role and party, instants, and unwrapped results. */
import type { WorkflowActor } from '../../src/domain/charter/workflow/workflow-actor.ts';
import type { WorkflowResult } from '../../src/domain/charter/workflow/workflow-result.ts';
import type { UserRole } from '../../src/domain/role.ts';

let nextId = 100;
export function actor(role: UserRole, party: string | null = null): WorkflowActor {
  nextId += 1;
  return { id: nextId, role, party };
}

export const ANALYST: WorkflowActor = { id: 1, role: 'analyst', party: null };
export const ADMIN: WorkflowActor = { id: 2, role: 'admin', party: null };
export const OBSERVER: WorkflowActor = { id: 3, role: 'observer', party: null };
/** Each party's decision-maker (its representative in decisions). */
export const DM: Readonly<Record<string, WorkflowActor>> = {
  MLI: { id: 11, role: 'decision-maker', party: 'MLI' },
  BFA: { id: 12, role: 'decision-maker', party: 'BFA' },
  NER: { id: 13, role: 'decision-maker', party: 'NER' },
  TCD: { id: 14, role: 'decision-maker', party: 'TCD' },
  MRT: { id: 15, role: 'decision-maker', party: 'MRT' },
  GIN: { id: 16, role: 'decision-maker', party: 'GIN' },
  TGO: { id: 17, role: 'decision-maker', party: 'TGO' },
};
export const LIAISON: Readonly<Record<string, WorkflowActor>> = {
  MLI: { id: 21, role: 'liaison', party: 'MLI' },
  BFA: { id: 22, role: 'liaison', party: 'BFA' },
  NER: { id: 23, role: 'liaison', party: 'NER' },
  TGO: { id: 27, role: 'liaison', party: 'TGO' },
};

export function dm(party: string): WorkflowActor {
  const a = DM[party];
  if (a === undefined) throw new Error(`no decision-maker fixture for ${party}`);
  return a;
}

export function liaison(party: string): WorkflowActor {
  const a = LIAISON[party];
  if (a === undefined) throw new Error(`no liaison fixture for ${party}`);
  return a;
}

/** An instant on 2024-05-10 (the Boulkessi incident's day) plus so many hours. */
export function hour(h: number): string {
  return new Date(Date.UTC(2024, 4, 10, 0, 0, 0) + h * 3_600_000).toISOString();
}

/** The value of a successful result; fails the test with the refusal otherwise. */
export function ok<T>(result: WorkflowResult<T>): T {
  if (!result.ok) throw new Error(`refused: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** The refusal code of a result, or "ok". */
export function code<T>(result: WorkflowResult<T>): string {
  return result.ok ? 'ok' : result.error.code;
}
