import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IncidentCoding } from '../../src/domain/incident.ts';
import { contentHashOf, HASHED_FIELDS } from '../../src/ingest/content-hash.ts';

const coding: IncidentCoding = {
  eventIdCnty: 'MLI99001',
  eventDate: '2024-03-05',
  timePrecision: 1,
  eventType: 'Battles',
  subEventType: 'Armed clash',
  actor1: 'Military Forces of Mali (2021-)',
  assocActor1: null,
  inter1: 1,
  actor2: 'JNIM: Jamaah Nusrat al-Islam wal Muslimin',
  assocActor2: null,
  inter2: 2,
  interaction: 12,
  civilianTargeting: false,
  country: 'MLI',
  admin1: 'Mopti',
  admin2: 'Douentza',
  admin3: null,
  location: 'Boni',
  latitude: 15.0719,
  longitude: -2.2139,
  geoPrecision: 1,
  fatalities: { low: null, best: 3, high: null },
  source: 'Studio Tamani',
  sourceScale: null,
  notes: 'Invented note.',
  tags: null,
};

/** A different value of the same kind for each field. */
function changed(field: (typeof HASHED_FIELDS)[number]): IncidentCoding {
  const value = coding[field];
  if (field === 'fatalities') return { ...coding, fatalities: { low: 1, best: 3, high: null } };
  if (typeof value === 'number') return { ...coding, [field]: value + 1 };
  if (typeof value === 'boolean') return { ...coding, [field]: !value };
  return { ...coding, [field]: value === null ? 'x' : null };
}

describe('contentHashOf', () => {
  it('is a SHA-256 in hex that does not depend on the order the fields were set in', () => {
    const reordered = Object.fromEntries(Object.entries(coding).reverse()) as unknown as IncidentCoding; // same fields
    assert.match(contentHashOf(coding), /^[0-9a-f]{64}$/);
    assert.equal(contentHashOf(reordered), contentHashOf(coding));
  });

  it('changes when any coded field changes', () => {
    const base = contentHashOf(coding);
    for (const field of HASHED_FIELDS) assert.notEqual(contentHashOf(changed(field)), base, field);
  });

  it('tells apart a value moved from one field to the next', () => {
    assert.notEqual(contentHashOf({ ...coding, admin2: null, admin3: 'Douentza' }), contentHashOf(coding));
  });

  it('ignores the record fields the platform sets', () => {
    const record = { status: 'rejected', classification: 'NATIONAL', ownerParty: 'MLI', origin: 'manual' };
    assert.equal(contentHashOf({ ...coding, ...record } as IncidentCoding), contentHashOf(coding));
  });
});
