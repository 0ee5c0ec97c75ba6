/**
 * The facts the Charter rules read, built from an incident: where, who (with designation and state,
 * from the actor registry when the incident does not say), what, against what, how grave, from where.
 * The registry is reached through an injected look-up so that the domain stays pure.
 */
import type { EventType, SubEventType } from '../acled-taxonomy.ts';
import type { Designation } from '../actor.ts';
import type { IncidentInput, Target } from './incident-input.ts';

/** What the registry (or the wording of an ACLED name) says about an actor. */
export interface ActorInfo {
  /** Registry key, or null when only the name's wording told. */
  readonly key: string | null;
  readonly designation: Designation;
  /** ISO3 of the state whose forces or government the actor is; null for a non-state actor. */
  readonly state: string | null;
  /** ISO3 of the country the name is scoped to ("Civilians (Mali)" → MLI), or null. */
  readonly country: string | null;
  readonly source: 'registry' | 'name';
}

/** Looks an actor name up, in the country where the incident happened when known. */
export type ActorLookup = (name: string, country: string | null) => ActorInfo | null;

export interface ActorFacts {
  readonly name: string;
  readonly key: string | null;
  /** Null when neither the incident nor the registry tells. */
  readonly designation: Designation | null;
  readonly state: string | null;
  readonly country: string | null;
  /** Where the designation came from. */
  readonly source: 'given' | 'registry' | 'name' | 'unknown';
}

export interface IncidentFacts {
  readonly eventDate: string | null;
  /** ISO3 of the country where it happened. */
  readonly country: string | null;
  readonly admin1: string | null;
  readonly location: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly eventType: EventType | null;
  readonly subEventType: SubEventType | null;
  readonly actor1: ActorFacts | null;
  readonly actor2: ActorFacts | null;
  readonly fatalities: number | null;
  /** The target as the incident states it (rules may infer one from actor2 when it is absent). */
  readonly target: Target | null;
  readonly launchedFrom: string | null;
  readonly territorySeized: boolean | null;
}

function actorFacts(
  name: string | null,
  givenType: Designation | null,
  givenState: string | null,
  country: string | null,
  lookup: ActorLookup,
): ActorFacts | null {
  if (name === null && givenType === null) return null;
  const found = name === null ? null : lookup(name, country);
  return {
    name: name ?? '(unnamed)',
    key: found?.key ?? null,
    designation: givenType ?? found?.designation ?? null,
    state: givenState ?? found?.state ?? null,
    country: found?.country ?? null,
    source: givenType !== null ? 'given' : (found?.source ?? 'unknown'),
  };
}

/** The facts of an incident; the incident's own `actorN_type` and `actorN_state` win over the registry. */
export function incidentFacts(input: IncidentInput, lookup: ActorLookup): IncidentFacts {
  const country = input.country_iso3;
  return {
    eventDate: input.event_date,
    country,
    admin1: input.admin1,
    location: input.location,
    latitude: input.latitude,
    longitude: input.longitude,
    eventType: input.event_type,
    subEventType: input.sub_event_type,
    actor1: actorFacts(input.actor1, input.actor1_type, input.actor1_state, country, lookup),
    actor2: actorFacts(input.actor2, input.actor2_type, input.actor2_state, country, lookup),
    fatalities: input.fatalities,
    target: input.target,
    launchedFrom: input.launched_from,
    territorySeized: input.territory_seized,
  };
}
