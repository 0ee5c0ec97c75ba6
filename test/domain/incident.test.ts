import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canTransition,
  diffCoding,
  isIsoDate,
  validateCoding,
  validateRecord,
} from '../../src/domain/incident.ts';
import { incidentInput } from '../support/factories.ts';

describe('incident coding', () => {
  it('accepts a complete ACLED battle', () => {
    assert.deepEqual(validateCoding(incidentInput()), []);
  });

  it('names every field that is wrong', () => {
    const problems = validateCoding({
      ...incidentInput(),
      eventDate: '2024-02-30',
      subEventType: 'Attack',
      actor1: ' ',
      country: 'Mali',
      latitude: 95,
      fatalities: { low: 5, best: 3, high: 2 },
    });
    assert.deepEqual(
      problems.map((p) => p.field),
      ['event_date', 'sub_event_type', 'actor1', 'country', 'latitude', 'fatalities_low', 'fatalities_high'],
    );
  });

  it('requires latitude and longitude together', () => {
    const problems = validateCoding({ ...incidentInput(), latitude: null });
    assert.deepEqual(
      problems.map((p) => p.field),
      ['latitude'],
    );
    assert.deepEqual(validateCoding({ ...incidentInput(), latitude: null, longitude: null }), []);
  });

  it('tells real calendar days from impossible ones', () => {
    assert.ok(isIsoDate('2024-02-29'));
    assert.ok(!isIsoDate('2023-02-29'));
    assert.ok(!isIsoDate('2024-2-9'));
    assert.ok(!isIsoDate('15 March 2024'));
  });

  it('requires an owning party for a NATIONAL record', () => {
    assert.deepEqual(
      validateRecord({
        status: 'reported',
        classification: 'NATIONAL',
        ownerParty: null,
        origin: 'report',
      }).map((p) => p.field),
      ['owner_party'],
    );
  });

  it('lists only the changed fields with their before and after values', () => {
    const before = incidentInput();
    const changes = diffCoding(before, {
      ...before,
      fatalities: { low: null, best: 9, high: null },
      location: 'Hombori',
    });
    assert.deepEqual(Object.keys(changes).sort(), ['fatalities', 'location']);
    assert.deepEqual(changes['location'], { before: 'Boni', after: 'Hombori' });
  });

  it('never sends a reviewed incident back to machine-coded', () => {
    assert.ok(canTransition('machine-coded', 'verified'));
    assert.ok(canTransition('verified', 'rejected'));
    assert.ok(!canTransition('verified', 'machine-coded'));
    assert.ok(!canTransition('verified', 'verified'));
  });
});
