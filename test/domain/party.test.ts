import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMemberOn, membersOn, type Party } from '../../src/domain/party.ts';

const mali: Party = {
  iso3: 'MLI',
  iso2: 'ML',
  name: { en: 'Mali', fr: 'Mali' },
  memberships: [{ from: '2023-09-16', to: null }],
};
const leaving: Party = { ...mali, iso3: 'XXX', memberships: [{ from: '2023-09-16', to: '2025-03-16' }] };

describe('party membership', () => {
  it('counts a party from the day of signature, and not before', () => {
    assert.ok(isMemberOn(mali, '2023-09-16'));
    assert.ok(!isMemberOn(mali, '2023-09-15'));
  });

  it('keeps a withdrawing party a member until the last day of its notice', () => {
    assert.ok(isMemberOn(leaving, '2025-03-16'));
    assert.ok(!isMemberOn(leaving, '2025-03-17'));
    assert.deepEqual(
      membersOn([mali, leaving], '2025-06-01').map((p) => p.iso3),
      ['MLI'],
    );
  });
});
