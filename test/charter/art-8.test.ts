import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BURKINA_ARMY, evaluateIncident, FAMA, incident, obliged } from './charter-fixtures.ts';

describe('Art. 8 (non-aggression between the parties)', () => {
  it("raises a concern between two parties when one's forces fight the other's", () => {
    const p = evaluateIncident(incident({ country_iso3: 'BFA', actor1: FAMA, actor2: BURKINA_ARMY }))['8'];
    assert.equal(p?.status, 'proposed');
    assert.equal(p?.confidence, 0.8);
    assert.deepEqual(obliged(p), ['BFA', 'MLI']);
  });

  it("raises a concern when a party's forces attack civilians on another party's territory", () => {
    const p = evaluateIncident(
      incident({
        country_iso3: 'BFA',
        event_type: 'Violence against civilians',
        sub_event_type: 'Attack',
        actor1: FAMA,
        actor2: 'Civilians (Burkina Faso)',
      }),
    )['8'];
    assert.equal(p?.status, 'proposed');
    assert.equal(p?.confidence, 0.6);
  });

  it("raises none for a party's forces fighting a designated group across the border", () => {
    const p = evaluateIncident(incident({ country_iso3: 'BFA', actor1: FAMA, actor2: 'JNIM' }))['8'];
    assert.equal(p?.status, 'not_engaged');
  });

  it('raises none when an attack is launched from a non-party state', () => {
    const p = evaluateIncident(incident({ launched_from: 'DZA' }))['8'];
    assert.equal(p?.status, 'not_engaged');
    assert.deepEqual(p?.missing, []);
  });

  it('names launched_from as missing for an attack inside a party when nothing else tells', () => {
    const p = evaluateIncident(incident())['8'];
    assert.deepEqual(p?.missing, ['launched_from']);
    assert.ok((p?.confidence ?? 1) < 0.9);
  });
});
