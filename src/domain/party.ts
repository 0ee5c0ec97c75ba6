/** A state party to a treaty, with the periods in which it was a member. */

export interface MembershipPeriod {
  /** First day of membership (YYYY-MM-DD). */
  readonly from: string;
  /** Last day of membership, or null while it lasts. A denunciation's notice ends here. */
  readonly to: string | null;
}

export interface Party {
  /** ISO 3166-1 alpha-3 code. */
  readonly iso3: string;
  /** ISO 3166-1 alpha-2 code, as GeoNames and ACLED event ids use it. */
  readonly iso2: string;
  readonly name: { readonly en: string; readonly fr: string };
  readonly memberships: readonly MembershipPeriod[];
}

/** Whether the party is a member on a day (YYYY-MM-DD); ISO dates compare as strings. */
export function isMemberOn(party: Party, day: string): boolean {
  return party.memberships.some((m) => m.from <= day && (m.to === null || day <= m.to));
}

/** The parties that are members on a day. */
export function membersOn(parties: readonly Party[], day: string): Party[] {
  return parties.filter((p) => isMemberOn(p, day));
}
