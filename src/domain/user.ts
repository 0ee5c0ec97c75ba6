/** A user of the platform, their API tokens and their sign-in sessions. */
import type { UserRole } from './role.ts';
import type { TokenScope } from './token-scope.ts';

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
  /** What the owner wrote to recognise it ("nightly export"), or null. */
  readonly label: string | null;
  readonly scope: TokenScope;
  readonly createdAt: string;
  /** ISO timestamp after which the token no longer signs in; null: no expiry. */
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** A signed-in browser session. Its secret id is never stored, only its SHA-256. */
export interface Session {
  readonly id: number;
  readonly userId: number;
  /** The API token it was made from (sign-in with a token), which it never outlives. */
  readonly tokenId: number | null;
  readonly scope: TokenScope;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  /** When it ends if no request comes: the idle limit from lastSeenAt, capped by absoluteExpiresAt. */
  readonly expiresAt: string;
  readonly absoluteExpiresAt: string;
  readonly userAgent: string | null;
}
