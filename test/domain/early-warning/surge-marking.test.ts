/** A surge's marking: the highest of its incidents', NATIONAL of several parties seen by no party's officer. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupByAdminUnit } from '../../../src/domain/early-warning/admin-unit-series.ts';
import { highestMarking, higherMarking } from '../../../src/domain/early-warning/surge-marking.ts';
import { canSee } from '../../../src/domain/classification.ts';

describe('surge marking', () => {
  it('takes the highest classification, and the one owner of NATIONAL incidents', () => {
    assert.deepEqual(highestMarking([]), { classification: 'PUBLIC', ownerParty: null });
    assert.deepEqual(
      highestMarking([
        { classification: 'PUBLIC', ownerParty: null },
        { classification: 'NATIONAL', ownerParty: 'MLI' },
        { classification: 'AES_RESTRICTED', ownerParty: null },
        { classification: 'NATIONAL', ownerParty: 'MLI' },
      ]),
      { classification: 'NATIONAL', ownerParty: 'MLI' },
    );
  });

  it('gives NATIONAL incidents of two parties no owner: only the alliance-wide roles see the surge', () => {
    const m = higherMarking(
      { classification: 'NATIONAL', ownerParty: 'MLI' },
      { classification: 'NATIONAL', ownerParty: 'BFA' },
    );
    assert.deepEqual(m, { classification: 'NATIONAL', ownerParty: null });
    assert.equal(canSee({ role: 'liaison', party: 'MLI' }, m), false);
    assert.equal(canSee({ role: 'liaison', party: 'BFA' }, m), false);
    assert.equal(canSee({ role: 'analyst', party: null }, m), true);
  });

  it('groups spellings of one admin-1 name into one unit, marked by all its incidents', () => {
    const units = groupByAdminUnit([
      {
        day: '2024-06-01',
        country: 'MLI',
        admin1: 'Ségou',
        classification: 'PUBLIC',
        ownerParty: null,
        fatalities: 3,
        events: 2,
      },
      {
        day: '2024-06-01',
        country: 'MLI',
        admin1: 'SEGOU',
        classification: 'AES_RESTRICTED',
        ownerParty: null,
        fatalities: 4,
        events: 1,
      },
      {
        day: '2024-06-02',
        country: 'MLI',
        admin1: 'Segou',
        classification: 'PUBLIC',
        ownerParty: null,
        fatalities: 1,
        events: 1,
      },
      {
        day: '2024-06-02',
        country: 'BFA',
        admin1: 'Segou',
        classification: 'PUBLIC',
        ownerParty: null,
        fatalities: 9,
        events: 1,
      },
      {
        day: '2024-06-02',
        country: 'MLI',
        admin1: '  ',
        classification: 'NATIONAL',
        ownerParty: 'MLI',
        fatalities: 9,
        events: 1,
      },
    ]);
    assert.deepEqual([...units.keys()].sort(), ['BFA|segou', 'MLI|segou']);
    const segou = units.get('MLI|segou');
    assert.ok(segou);
    assert.equal(segou.admin1, 'Ségou');
    assert.deepEqual(segou.days, [
      { day: '2024-06-01', fatalities: 7, events: 3 },
      { day: '2024-06-02', fatalities: 1, events: 1 },
    ]);
    assert.deepEqual(segou.marking, { classification: 'AES_RESTRICTED', ownerParty: null });
  });
});
