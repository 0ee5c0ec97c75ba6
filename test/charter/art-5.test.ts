import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateIncident, incident, obliged } from './charter-fixtures.ts';

const KIDAL = { admin1: 'Kidal', location: 'Kidal', latitude: 18.44, longitude: 1.41 };

describe('Art. 5 (armed rebellion, peaceful means first)', () => {
  it('proposes a rebellion case for a clash involving a rebel movement, dialogue first', () => {
    const p = evaluateIncident(incident({ ...KIDAL, actor1: 'CSP-PSD' }))['5'];
    assert.equal(p?.status, 'proposed');
    assert.equal(p?.confidence, 0.8);
    assert.deepEqual(obliged(p), ['BFA', 'MLI', 'NER']);
    assert.match(
      p?.obligations.find((o) => o.party === 'MLI')?.duty ?? '',
      /monitoring, then dialogue or mediation/,
    );
  });

  it('is surest when a rebel movement takes territory', () => {
    const p = evaluateIncident(
      incident({ ...KIDAL, actor1: 'MNLA', sub_event_type: 'Non-state actor overtakes territory' }),
    )['5'];
    assert.equal(p?.status, 'proposed');
    assert.equal(p?.confidence, 0.9);
  });

  it('is proposed for a non-state seizure of territory by a group that is not a rebel movement', () => {
    const p = evaluateIncident(incident({ territory_seized: true }))['5'];
    assert.equal(p?.status, 'proposed');
    assert.equal(p?.confidence, 0.7);
  });

  it('is not engaged by a jihadist ambush that takes no territory', () => {
    assert.equal(evaluateIncident(incident())['5']?.status, 'not_engaged');
  });

  it('names territory_seized as missing when neither the sub-event type nor the analyst tells', () => {
    const p = evaluateIncident(incident({ sub_event_type: null, event_type: 'Battles' }))['5'];
    assert.deepEqual(p?.missing, ['territory_seized']);
  });
});
