/**
 * The actor look-up the Charter engine needs, over the shipped registry: the registry's actor when it
 * knows the name, else what the wording of an ACLED name says ("Military Forces of Benin (2021-)" is
 * Benin's state force).
 */
import type { ActorInfo, ActorLookup } from '../domain/charter/incident-facts.ts';
import { parseAcledActorName } from './acled-actor-name.ts';
import type { ReferenceData } from './load-reference.ts';

const STATE_SHAPES = new Set(['military-forces', 'police-forces', 'government']);

export function actorLookup(reference: Pick<ReferenceData, 'actors' | 'countries'>): ActorLookup {
  return (name, country): ActorInfo | null => {
    const actor = reference.actors.resolve(name, country === null ? {} : { country });
    if (actor !== null)
      return {
        key: actor.key,
        designation: actor.designation,
        state: actor.state,
        country: actor.country,
        source: 'registry',
      };
    const parsed = parseAcledActorName(name);
    if (parsed === null) return null;
    const place = parsed.place === null ? null : reference.countries.iso3Of(parsed.place);
    return {
      key: null,
      designation: parsed.designation,
      state: STATE_SHAPES.has(parsed.shape) ? place : null,
      country: place,
      source: 'name',
    };
  };
}
