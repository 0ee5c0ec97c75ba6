/** Proposal review: confirm or reject with a reason, re-evaluation supersedes, history is kept. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  currentVersion,
  openProposalRecord,
  reviewProposal,
  reviseProposal,
  versionState,
  type ProposalRecord,
} from '../../src/domain/charter/workflow/proposal-record.ts';
import { evaluateIncident, incident } from './charter-fixtures.ts';
import { ADMIN, ANALYST, code, dm, hour, liaison, OBSERVER, ok } from './workflow-fixtures.ts';

const art6 = (over: Record<string, unknown> = {}) => {
  const p = evaluateIncident(incident(over))['6'];
  if (p === undefined) throw new Error('no Art. 6 proposal');
  return p;
};

const art4 = () => {
  const p = evaluateIncident(incident())['4'];
  if (p === undefined) throw new Error('no Art. 4 proposal');
  return p;
};

function fresh(): ProposalRecord {
  return openProposalRecord({
    incidentId: 'inc-1',
    proposal: art6(),
    at: hour(1),
    cause: 'incident verified',
  });
}

describe('proposal review', () => {
  it('opens version 1 as open, for the proposal’s treaty and article', () => {
    const r = fresh();
    assert.equal(r.treaty, 'liptako-gourma-charter');
    assert.equal(r.article, '6');
    assert.equal(r.versions.length, 1);
    assert.equal(versionState(currentVersion(r)), 'open');
  });

  for (const [reviewer, verdict, expected] of [
    [ANALYST, 'confirm', 'confirmed'],
    [ADMIN, 'confirm', 'confirmed'],
    [ANALYST, 'reject', 'rejected'],
    [ADMIN, 'reject', 'rejected'],
  ] as const)
    it(`a ${reviewer.role} may ${verdict} with a reason, recording who, when and why (${expected})`, () => {
      const r = ok(
        reviewProposal(fresh(), { version: 1, verdict, reason: 'checked', reviewer, at: hour(2) }),
      );
      const v = currentVersion(r);
      assert.equal(versionState(v), expected);
      assert.deepEqual(v.review, { verdict, reason: 'checked', by: reviewer.id, at: hour(2) });
    });

  const refusals = [
    ['a decision-maker', { reviewer: dm('MLI') }, 'not-authorised'],
    ['a liaison officer', { reviewer: liaison('MLI') }, 'not-authorised'],
    ['an observer', { reviewer: OBSERVER }, 'not-authorised'],
    ['an empty reason', { reason: '  ' }, 'reason-required'],
    ['a version that does not exist', { version: 2 }, 'superseded'],
    ['a review dated before the evaluation', { at: hour(0) }, 'out-of-order'],
  ] as const;
  for (const [what, over, expected] of refusals)
    it(`refuses a review by ${what} (${expected})`, () => {
      const input = {
        version: 1,
        verdict: 'confirm',
        reason: 'ok',
        reviewer: ANALYST,
        at: hour(2),
        ...over,
      } as const;
      assert.equal(code(reviewProposal(fresh(), input)), expected);
    });

  it('refuses a second review of the same version', () => {
    const once = ok(
      reviewProposal(fresh(), {
        version: 1,
        verdict: 'confirm',
        reason: 'a',
        reviewer: ANALYST,
        at: hour(2),
      }),
    );
    assert.equal(
      code(
        reviewProposal(once, { version: 1, verdict: 'reject', reason: 'b', reviewer: ADMIN, at: hour(3) }),
      ),
      'already-reviewed',
    );
  });

  it('re-evaluation adds version 2 and marks the confirmed version 1 superseded, keeping its review', () => {
    const confirmed = ok(
      reviewProposal(fresh(), {
        version: 1,
        verdict: 'confirm',
        reason: 'a',
        reviewer: ANALYST,
        at: hour(2),
      }),
    );
    const revised = ok(
      reviseProposal(confirmed, {
        proposal: art6({ fatalities: 30 }),
        at: hour(5),
        cause: 'coding changed: fatalities',
      }),
    );
    assert.equal(revised.versions.length, 2);
    const v1 = revised.versions[0];
    const v2 = revised.versions[1];
    assert.ok(v1 !== undefined && v2 !== undefined);
    assert.equal(versionState(v1), 'superseded');
    assert.deepEqual(v1.superseded, { at: hour(5), byVersion: 2, cause: 'coding changed: fatalities' });
    assert.equal(v1.review?.verdict, 'confirm');
    assert.equal(versionState(v2), 'open');
    assert.equal(
      v2.proposal.reasons.some((x) => x.fact === 'fatalities' && x.value === 30),
      true,
    );
    assert.equal(confirmed.versions.length, 1, 'the input record is unchanged');
  });

  it('refuses a review of the superseded version after re-evaluation', () => {
    const revised = ok(reviseProposal(fresh(), { proposal: art6(), at: hour(3), cause: 'coding changed' }));
    assert.equal(
      code(
        reviewProposal(revised, {
          version: 1,
          verdict: 'confirm',
          reason: 'a',
          reviewer: ANALYST,
          at: hour(4),
        }),
      ),
      'superseded',
    );
    assert.equal(
      code(
        reviewProposal(revised, {
          version: 2,
          verdict: 'confirm',
          reason: 'a',
          reviewer: ANALYST,
          at: hour(4),
        }),
      ),
      'ok',
    );
  });

  for (const [what, input, expected] of [
    ['another article', { proposal: art4(), at: hour(3), cause: 'x' }, 'wrong-subject'],
    ['no cause', { proposal: art6(), at: hour(3), cause: '' }, 'reason-required'],
    ['a date before the current version', { proposal: art6(), at: hour(0), cause: 'x' }, 'out-of-order'],
  ] as const)
    it(`refuses a re-evaluation with ${what} (${expected})`, () => {
      assert.equal(code(reviseProposal(fresh(), input)), expected);
    });
});
