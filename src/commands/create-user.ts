/**
 * Creates a user and a first API token; the token is returned once and only its hash is kept. With a
 * password, the user can also sign in with it (checked against the rules, stored as an argon2id hash).
 */
import type { AuditActor } from '../domain/audit/audit-entry.ts';
import { passwordProblems } from '../domain/password-policy.ts';
import { isUserRole, roleNeedsParty, ROLES } from '../domain/role.ts';
import type { User } from '../domain/user.ts';
import type { Store } from '../store/store.ts';
import { issueToken } from './api-tokens.ts';
import { hashPassword } from './password-hashing.ts';

export type CreateUserResult = { ok: true; user: User; token: string } | { ok: false; problems: string[] };

export const PARTY_CODES = ['MLI', 'BFA', 'NER'] as const;

export async function createUser(
  store: Store,
  input: { name: string; role: string; party: string | null; password?: string },
  now: Date,
  /** Who creates the user, for the audit log. */
  by: AuditActor,
): Promise<CreateUserResult> {
  const problems: string[] = [];
  const name = input.name.trim();
  if (!/^[\p{L}\p{N}._@-]{2,64}$/u.test(name))
    problems.push('name: 2–64 letters, digits or . _ @ - (no spaces)');
  if (!isUserRole(input.role)) problems.push(`role: must be one of ${ROLES.join(', ')}`);
  const party = input.party?.toUpperCase() ?? null;
  if (party !== null && !(PARTY_CODES as readonly string[]).includes(party))
    problems.push(`party: must be one of ${PARTY_CODES.join(', ')}`);
  if (isUserRole(input.role) && roleNeedsParty(input.role) && party === null)
    problems.push(`party: a ${input.role} acts for one party; give --party ${PARTY_CODES.join('|')}`);
  if (isUserRole(input.role) && !roleNeedsParty(input.role) && party !== null)
    problems.push(`party: a ${input.role} is not tied to one party; leave --party out`);
  if (input.password !== undefined) problems.push(...passwordProblems(input.password, name));
  if (problems.length === 0 && (await store.findUserByName(name)) !== null)
    problems.push(`name: a user named "${name}" exists already`);
  if (problems.length > 0 || !isUserRole(input.role)) return { ok: false, problems };
  // Hashed first: a failure here leaves no user behind.
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const context = { actor: by, at: now.toISOString() };
  const user = await store.createUser({ name, role: input.role, party, createdAt: context.at }, context);
  if (passwordHash !== null) await store.setPasswordHash(user.id, passwordHash, context);
  const token = await issueToken(store, user.id, now, by);
  return { ok: true, user, token };
}
