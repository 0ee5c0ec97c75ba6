/**
 * Factories for the Charter tests: incidents as the extractor writes them, treaties derived from the
 * shipped ones (a denunciation notice, an accession), and the engine run with the real actor registry.
 */
import { evaluate } from '../../src/domain/charter/evaluate.ts';
import { incidentFacts } from '../../src/domain/charter/incident-facts.ts';
import { readIncidentInput } from '../../src/domain/charter/incident-input.ts';
import type { Proposal } from '../../src/domain/charter/proposal.ts';
import type { Treaty, TreatyParty } from '../../src/domain/treaty.ts';
import { actorLookup } from '../../src/reference/actor-lookup.ts';
import { loadReference } from '../../src/reference/load-reference.ts';
import { findTreaty } from '../../src/reference/treaties.ts';

export const lookup = actorLookup(loadReference());

function shipped(id: string): Treaty {
  const treaty = findTreaty(id);
  if (treaty === null) throw new Error(`treaty ${id} is not shipped`);
  return treaty;
}

export const CHARTER = shipped('liptako-gourma-charter');
export const PROTOCOL = shipped('example-mutual-defence-protocol');

export const FAMA = 'Military Forces of Mali (2021-)';
export const FAN = 'Military Forces of Niger (2023-)';
export const BURKINA_ARMY = 'Military Forces of Burkina Faso (2022-)';
export const JNIM = 'JNIM: Group for Support of Islam and Muslims';
export const IS_SAHEL = 'Islamic State (Sahel)';

/** A JNIM ambush on the Malian army near Boulkessi (worked example 1), to be varied by each test. */
export function incident(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_date: '2024-05-10',
    country_iso3: 'MLI',
    admin1: 'Mopti',
    location: 'Boulkessi',
    latitude: 15.06,
    longitude: -1.32,
    event_type: 'Battles',
    sub_event_type: 'Armed clash',
    actor1: JNIM,
    actor2: FAMA,
    fatalities: 12,
    ...overrides,
  };
}

/** The proposals for an incident, keyed by article; asOf defaults to the incident's date. */
export function evaluateIncident(
  value: Record<string, unknown>,
  treaty: Treaty = CHARTER,
  asOf?: string,
): Record<string, Proposal> {
  const read = readIncidentInput(value);
  if (!read.ok) throw new Error(`bad test incident: ${JSON.stringify(read.problems)}`);
  const day = asOf ?? read.input.event_date;
  if (day === null) throw new Error('a test incident needs a day');
  const proposals = evaluate(incidentFacts(read.input, lookup), treaty, day);
  return Object.fromEntries(proposals.map((p) => [p.article, p]));
}

/** Parties a proposal puts obligations on, sorted. */
export function obliged(p: Proposal | undefined): string[] {
  return (p?.obligations ?? []).map((o) => o.party).sort();
}

/** The facts a proposal's reasons name. */
export function factsOf(p: Proposal | undefined): string[] {
  return (p?.reasons ?? []).map((r) => r.fact);
}

/** A treaty whose party gave notice of denunciation on a day. */
export function withNotice(treaty: Treaty, iso3: string, notifiedOn: string): Treaty {
  return {
    ...treaty,
    parties: treaty.parties.map((p) =>
      p.iso3 === iso3 ? { ...p, denunciations: [{ notifiedOn, source: 'test' }] } : p,
    ),
  };
}

/** A treaty that a state joined on a day (by the unanimous decision the final provisions require). */
export function withAccession(
  treaty: Treaty,
  party: Omit<TreatyParty, 'memberships' | 'denunciations'>,
  from: string,
): Treaty {
  return {
    ...treaty,
    parties: [...treaty.parties, { ...party, memberships: [{ from, to: null }], denunciations: [] }],
  };
}
