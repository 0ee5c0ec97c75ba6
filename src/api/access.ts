/** Who may call a route. Every route declares one; a route without is refused to everyone. */
import type { UserRole } from '../domain/role.ts';

export type Access =
  /** Anyone, signed in or not (health, documentation, the web shell's files). */
  | { readonly kind: 'public' }
  /** Any signed-in user; anonymous visitors too when the deployment allows public reads. */
  | { readonly kind: 'read' }
  /** Signed-in users with one of these roles. */
  | { readonly kind: 'roles'; readonly roles: readonly UserRole[] };

export const PUBLIC: Access = { kind: 'public' };
export const READ: Access = { kind: 'read' };
export const roles = (...list: UserRole[]): Access => ({ kind: 'roles', roles: list });
