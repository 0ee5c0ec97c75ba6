/** Roles of the platform's users. Liaison officers and decision-makers belong to one party. */
export const ROLES = ['admin', 'analyst', 'liaison', 'decision-maker', 'observer'] as const;
export type UserRole = (typeof ROLES)[number];
/** A role, or nobody signed in. */
export type Role = UserRole | 'anonymous';

export function isUserRole(value: string): value is UserRole {
  return (ROLES as readonly string[]).includes(value);
}

/** Roles whose users act for one party and must name it. */
export function roleNeedsParty(role: UserRole): boolean {
  return role === 'liaison' || role === 'decision-maker';
}

/** Roles that may change incidents (coding, status) across the alliance. */
export function canEditIncidents(role: Role): boolean {
  return role === 'admin' || role === 'analyst';
}

/** Roles that may submit reports. */
export function canSubmitReports(role: Role): boolean {
  return role === 'admin' || role === 'analyst' || role === 'liaison' || role === 'decision-maker';
}
