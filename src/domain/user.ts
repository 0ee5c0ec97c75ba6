/** A user of the platform and their API tokens. */
import type { UserRole } from './role.ts';

export interface User {
  readonly id: number;
  readonly name: string;
  readonly role: UserRole;
  /** ISO3 of the party a liaison officer or decision-maker acts for. */
  readonly party: string | null;
  readonly createdAt: string;
}

export interface ApiToken {
  readonly id: number;
  readonly userId: number;
  /** First characters of the token, shown so users can tell tokens apart. */
  readonly prefix: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}
