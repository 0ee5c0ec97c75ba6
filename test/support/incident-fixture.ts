/** A stored incident (as the store returns one) built from the factories' input, for pure tests. */
import type { Incident } from '../../src/domain/incident.ts';
import { incidentInput } from './factories.ts';

export function storedIncident(over: Partial<Incident> = {}): Incident {
  const { sourceKey, contentHash: _hash, ...fields } = incidentInput();
  return {
    ...fields,
    id: 7,
    sourceKey,
    revision: 1,
    mergedInto: null,
    charterFacts: {
      target: null,
      launchedFrom: null,
      attributedState: null,
      designation: null,
      hostStateConsent: null,
    } as unknown as Incident['charterFacts'], // the exports and feeds do not read the Charter facts
    createdAt: '2024-03-16T08:00:00.000Z',
    updatedAt: '2024-03-16T08:00:00.000Z',
    ...over,
  };
}
