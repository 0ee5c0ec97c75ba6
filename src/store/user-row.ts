/** Users between the domain and the `users` table. */
import type { UserRole } from '../domain/role.ts';
import type { User } from '../domain/user.ts';
import type { UserRow } from './schema.ts';

export function rowToUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    // Written only from NewUser's UserRole.
    role: row.role as UserRole,
    party: row.party,
    createdAt: row.created_at,
  };
}
