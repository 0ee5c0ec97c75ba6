import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readIncidentInput } from '../../src/domain/charter/incident-input.ts';
import { incident } from './charter-fixtures.ts';

function problemsOf(value: unknown): string[] {
  const read = readIncidentInput(value);
  return read.ok ? [] : read.problems.map((p) => p.field);
}

describe('incident input', () => {
  it('accepts an extractor incident, ignoring fields the engine does not read', () => {
    const read = readIncidentInput({ ...incident(), notes: 'ambush', event_id_cnty: 'MLI1234' });
    assert.ok(read.ok);
    assert.equal(read.input.country_iso3, 'MLI');
  });

  it('treats absent, null and empty fields as unknown facts', () => {
    const read = readIncidentInput({ actor2: '', fatalities: null });
    assert.ok(read.ok);
    assert.equal(read.input.actor2, null);
    assert.equal(read.input.fatalities, null);
  });

  it('names every malformed field', () => {
    assert.deepEqual(
      problemsOf({
        event_date: '10/05/2024',
        country_iso3: 'Mali',
        fatalities: 'twelve',
        target: 'village',
        territory_seized: 'yes',
        actor1_type: 'jihadist',
        sub_event_type: 'Ambush',
      }),
      [
        'event_date',
        'sub_event_type',
        'fatalities',
        'territory_seized',
        'country_iso3',
        'target',
        'actor1_type',
      ],
    );
  });

  it('refuses a sub-event type of another event type', () => {
    assert.deepEqual(problemsOf({ event_type: 'Protests', sub_event_type: 'Armed clash' }), [
      'sub_event_type',
    ]);
  });

  it('infers the event type from the sub-event type and upper-cases ISO3 codes', () => {
    const read = readIncidentInput({ sub_event_type: 'Air/drone strike', launched_from: 'bfa' });
    assert.ok(read.ok);
    assert.equal(read.input.event_type, 'Explosions/Remote violence');
    assert.equal(read.input.launched_from, 'BFA');
  });

  it('refuses an array or a string in place of an incident', () => {
    assert.deepEqual(problemsOf([]), ['(incident)']);
    assert.deepEqual(problemsOf('JNIM'), ['(incident)']);
  });
});
