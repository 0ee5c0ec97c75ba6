import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeReasons, mergeRefusal } from '../../src/domain/incident-merge.ts';

const live = (id: number, status: 'machine-coded' | 'verified' | 'rejected' = 'machine-coded') => ({
  id,
  status,
  mergedInto: null,
});

describe('merging incidents', () => {
  it('lets an analyst merge two verified incidents, and a rejected duplicate into a live one', () => {
    assert.equal(mergeRefusal(live(1, 'verified'), live(2, 'verified')), null);
    assert.equal(mergeRefusal(live(1), live(2, 'rejected')), null);
  });

  it('refuses one incident twice, a rejected survivor and anything merged already', () => {
    assert.equal(mergeRefusal(live(1), live(1))?.kind, 'same');
    assert.equal(mergeRefusal(live(1, 'rejected'), live(2))?.kind, 'conflict');
    assert.match(
      mergeRefusal(live(1), { id: 2, status: 'rejected', mergedInto: 7 })?.message ?? '',
      /merged into 7/,
    );
    assert.match(
      mergeRefusal({ id: 1, status: 'rejected', mergedInto: 7 }, live(2))?.message ?? '',
      /into that one/,
    );
  });

  it('names the other incident in each revision’s reason', () => {
    assert.deepEqual(mergeReasons(4, 9, 'same ambush'), {
      survivor: 'merged #9 into this incident: same ambush',
      other: 'merged into #4: same ambush',
    });
  });
});
