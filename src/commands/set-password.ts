/** Sets a user's password: checked against the rules, hashed with argon2id; the user's sessions end. */
import type { AuditActor } from '../domain/audit/audit-entry.ts';
import { passwordProblems } from '../domain/password-policy.ts';
import { throttleKey } from '../domain/sign-in-throttle.ts';
import type { Store } from '../store/store.ts';
import { hashPassword } from './password-hashing.ts';

export type SetPasswordResult = { ok: true } | { ok: false; problems: string[] };

export async function setPassword(
  store: Store,
  userName: string,
  password: string,
  now: Date,
  /** Who sets it, for the audit log. */
  by: AuditActor,
): Promise<SetPasswordResult> {
  const found = await store.findUserByName(userName);
  if (found === null) return { ok: false, problems: [`name: no user named "${userName}"`] };
  const problems = passwordProblems(password, found.name);
  if (problems.length > 0) return { ok: false, problems };
  const hash = await hashPassword(password);
  if (!(await store.setPasswordHash(found.id, hash, { actor: by, at: now.toISOString() })))
    return { ok: false, problems: [`name: no user named "${userName}"`] };
  // An operator who sets a new password also lifts the lock on the name.
  await store.clearSignInFailures(throttleKey('user', found.name));
  return { ok: true };
}
