/**
 * The hash of an incident's coded content, for idempotent re-imports: the store leaves a row alone when
 * its hash is unchanged. Fields go in a fixed order, so the hash does not depend on how the object was
 * built; text is hashed as mapped (trimmed, line breaks as LF), numbers as numbers ("12.0" = "12").
 * Record fields (status, classification, owner) are not hashed: they are the platform's, not the data's.
 */
import { hash } from 'node:crypto';
import type { IncidentCoding } from '../domain/incident.ts';

const CODING_KEYS = [
  'eventIdCnty',
  'eventDate',
  'timePrecision',
  'eventType',
  'subEventType',
  'actor1',
  'assocActor1',
  'inter1',
  'actor2',
  'assocActor2',
  'inter2',
  'interaction',
  'civilianTargeting',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geoPrecision',
  'fatalities',
  'source',
  'sourceScale',
  'notes',
  'tags',
] as const satisfies readonly (keyof IncidentCoding)[];

// Fails to compile when IncidentCoding gains a field that is not hashed.
type Unhashed = Exclude<keyof IncidentCoding, (typeof CODING_KEYS)[number]>;
const _everyFieldHashed: [Unhashed] extends [never] ? true : never = true;

/** Bumped if the normalisation changes, so that every row reads as changed once rather than silently. */
const VERSION = 'v1';

/**
 * SHA-256, hex, of the coded content. Each value is written with its kind and length ("s5:Mopti",
 * "n3:1.5", "-" for null), an unambiguous serialisation that costs less than JSON.stringify.
 */
export function contentHashOf(coding: IncidentCoding): string {
  let text = VERSION;
  for (const key of CODING_KEYS) {
    if (key === 'fatalities') {
      const f = coding.fatalities;
      text += serialised(f.low) + serialised(f.best) + serialised(f.high);
    } else text += serialised(coding[key]);
  }
  return hash('sha256', text, 'hex');
}

function serialised(value: string | number | boolean | null): string {
  if (value === null) return '-';
  if (typeof value === 'string') return `s${value.length}:${value}`;
  if (typeof value === 'number') {
    const n = String(value);
    return `n${n.length}:${n}`;
  }
  return value ? 't' : 'f';
}
