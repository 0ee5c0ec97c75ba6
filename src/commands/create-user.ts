/** Creates a user and a first API token; the token is returned once and only its hash is kept. */
import { randomBytes } from 'node:crypto';
import type { AuditActor } from '../domain/audit/audit-entry.ts';
import { isUserRole, roleNeedsParty, ROLES } from '../domain/role.ts';
import type { User } from '../domain/user.ts';
import type { Store } from '../store/store.ts';
import { hashToken } from './token-hash.ts';

export type CreateUserResult = { ok: true; user: User; token: string } | { ok: false; problems: string[] };

export const PARTY_CODES = ['MLI', 'BFA', 'NER'] as const;

/** A new random token: "lpk_" and 32 random bytes in base64url. */
export function newToken(): string {
  return `lpk_${randomBytes(32).toString('base64url')}`;
}

/** `by`: who issues it, for the audit log. */
export async function issueToken(store: Store, userId: number, now: Date, by: AuditActor): Promise<string> {
  const token = newToken();
  await store.createToken(
    { userId, tokenHash: hashToken(token), prefix: token.slice(0, 10), createdAt: now.toISOString() },
    { actor: by, at: now.toISOString() },
  );
  return token;
}

export async function createUser(
  store: Store,
  input: { name: string; role: string; party: string | null },
  now: Date,
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
  if (problems.length === 0 && (await store.findUserByName(name)) !== null)
    problems.push(`name: a user named "${name}" exists already`);
  if (problems.length > 0 || !isUserRole(input.role)) return { ok: false, problems };
  const at = now.toISOString();
  const user = await store.createUser({ name, role: input.role, party, createdAt: at }, { actor: by, at });
  const token = await issueToken(store, user.id, now, by);
  return { ok: true, user, token };
}
