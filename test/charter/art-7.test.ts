import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BURKINA_ARMY, evaluateIncident, FAMA, incident, obliged } from './charter-fixtures.ts';

const ABROAD = {
  country_iso3: 'CIV',
  admin1: 'Savanes',
  location: 'Tengrela',
  latitude: 10.48,
  longitude: -6.41,
};

describe('Art. 7 (aggression includes forces abroad, and ships and aircraft anywhere)', () => {
  it("proposes Art. 7 and Art. 6 for an attack on a party's forces deployed outside the area", () => {
    const p = evaluateIncident(
      incident({ ...ABROAD, actor1: 'Unidentified Armed Group (Mali)', target: 'forces' }),
    );
    assert.equal(p['7']?.status, 'proposed');
    assert.equal(p['7']?.confidence, 0.7);
    assert.equal(p['6']?.status, 'proposed');
    assert.deepEqual(obliged(p['6']), ['BFA', 'NER']);
  });

  it("proposes it for an attack on a party's aircraft inside the area too", () => {
    const p = evaluateIncident(incident({ actor2: BURKINA_ARMY, country_iso3: 'BFA', target: 'aircraft' }))[
      '7'
    ];
    assert.equal(p?.status, 'proposed');
    assert.equal(p?.confidence, 0.8);
  });

  it('leaves an attack on forces inside the area to Art. 6', () => {
    const p = evaluateIncident(incident())['7'];
    assert.equal(p?.status, 'not_engaged');
    assert.match(String(p?.reasons[0]?.value), /read under Art\. 6/);
  });

  it('names the owner as missing when an aircraft of unknown owner is hit', () => {
    const p = evaluateIncident(incident({ ...ABROAD, actor2: 'Aviateurs inconnus', target: 'aircraft' }))[
      '7'
    ];
    assert.equal(p?.status, 'not_engaged');
    assert.deepEqual(p?.missing, ['actor2_type']);
  });

  it("is not engaged when a party's own forces are the attackers abroad", () => {
    const p = evaluateIncident(incident({ ...ABROAD, actor1: FAMA, actor2: 'JNIM', target: 'forces' }))['7'];
    assert.equal(p?.status, 'not_engaged');
  });
});
