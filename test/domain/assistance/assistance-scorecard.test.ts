import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { median, scorecards } from '../../../src/domain/assistance/assistance-scorecard.ts';
import { obligationFollowsLedger } from '../../../src/domain/assistance/obligation-follows-ledger.ts';
import type {
  AssistanceCase,
  AssistanceObligation,
} from '../../../src/domain/charter/workflow/assistance-case.ts';
import {
  BFA_DECIDER,
  ledgerOf,
  MLI_LIAISON,
  NER_LIAISON,
  withDispatch,
  withPledge,
  withReceipt,
} from './assistance-fixtures.ts';

const obligation = (party: string, state: AssistanceObligation['state']): AssistanceObligation => ({
  party,
  state,
  enteredAt: '2024-06-01T00:00:00Z',
  owedFrom: '2024-06-01T00:00:00Z',
  decisionId: 'd1',
  underNoticeUntil: null,
  history: [{ from: null, to: 'pending', at: '2024-06-01T00:00:00Z', by: null, note: null }],
});

const CASE: AssistanceCase = {
  id: 'case-1',
  treaty: 'liptako-gourma-charter',
  decisionId: 'd1',
  article: '6',
  incidentId: '7',
  incidentDate: '2024-05-30',
  victim: 'NER',
  activatedAt: '2024-06-01T00:00:00Z',
  deadlines: { acknowledged: 24, pledged: 72 },
  obligations: [obligation('MLI', 'pending'), obligation('BFA', 'declined')],
};

describe('obligations follow the ledger', () => {
  it('moves a pending obligation to pledged through acknowledged, one step at a time, recording who', () => {
    const c = obligationFollowsLedger(CASE, {
      party: 'MLI',
      target: 'pledged',
      at: '2024-06-02T00:00:00Z',
      by: 2,
      note: 'pledge 1 on request 1',
    });
    const o = c.obligations.find((x) => x.party === 'MLI');
    assert.equal(o?.state, 'pledged');
    assert.deepEqual(
      o?.history.slice(1).map((h) => [h.from, h.to, h.by]),
      [
        ['pending', 'acknowledged', 2],
        ['acknowledged', 'pledged', 2],
      ],
    );
  });

  it('never moves backward, never revives a declined obligation, and ignores a party that owes nothing', () => {
    const delivering = obligationFollowsLedger(CASE, {
      party: 'MLI',
      target: 'delivering',
      at: '2024-06-02T00:00:00Z',
      by: 2,
      note: 'x',
    });
    assert.equal(
      obligationFollowsLedger(delivering, {
        party: 'MLI',
        target: 'pledged',
        at: '2024-06-03T00:00:00Z',
        by: 2,
        note: 'x',
      }),
      delivering,
    );
    assert.equal(
      obligationFollowsLedger(CASE, {
        party: 'BFA',
        target: 'fulfilled',
        at: '2024-06-03T00:00:00Z',
        by: 3,
        note: 'x',
      }),
      CASE,
    );
    assert.equal(
      obligationFollowsLedger(CASE, {
        party: 'TCD',
        target: 'pledged',
        at: '2024-06-03T00:00:00Z',
        by: 3,
        note: 'x',
      }),
      CASE,
    );
  });
});

describe('scorecards', () => {
  it('takes medians of odd and even samples, and none of no sample', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([]), null);
  });

  it('counts obligations, pledges delivered and late, and times from the obligation or request to first pledge and to delivery', () => {
    let onCase = ledgerOf({ caseId: 'case-1', quantity: 100 }, '2024-06-01T06:00:00Z');
    onCase = withPledge(
      onCase,
      { party: 'MLI', quantity: 100, availableFrom: '2024-06-01' },
      MLI_LIAISON,
      '2024-06-01T12:00:00Z',
    );
    onCase = withDispatch(onCase, { pledgeId: 1, quantity: 100 }, MLI_LIAISON, '2024-06-02T00:00:00Z');
    onCase = withReceipt(onCase, { dispatchId: 1, quantity: 100 }, NER_LIAISON, '2024-06-03T12:00:00Z');
    let standalone = {
      ...ledgerOf({ quantity: 50 }, '2024-06-02T00:00:00Z'),
      request: { ...ledgerOf({ quantity: 50 }, '2024-06-02T00:00:00Z').request, id: 2 },
    };
    standalone = withPledge(
      standalone,
      { party: 'MLI', quantity: 20, availableFrom: '2024-06-03' },
      MLI_LIAISON,
      '2024-06-02T04:00:00Z',
    );
    standalone = withPledge(
      standalone,
      { party: 'BFA', quantity: 30, availableFrom: '2024-06-03' },
      BFA_DECIDER,
      '2024-06-02T02:00:00Z',
    );
    const cases: AssistanceCase[] = [
      obligationFollowsLedger(CASE, {
        party: 'MLI',
        target: 'fulfilled',
        at: '2024-06-03T12:00:00Z',
        by: 4,
        note: 'all received',
      }),
    ];
    const [mli, bfa, ner] = scorecards({
      parties: ['MLI', 'BFA', 'NER'],
      ledgers: [onCase, standalone],
      cases,
      now: '2024-06-05T00:00:00Z',
    });
    assert.deepEqual(mli?.obligations, { met: 1, open: 0, declined: 0, overdue: 0 });
    assert.deepEqual([mli?.pledges, mli?.delivered, mli?.outstanding, mli?.late], [2, 1, 1, 1]);
    // 12 h from activation on the case, 4 h from the standalone request: median 8 h.
    assert.deepEqual([mli?.medianHoursToFirstPledge, mli?.firstPledgeSamples], [8, 2]);
    assert.deepEqual([mli?.medianHoursToDelivery, mli?.deliverySamples], [48, 1]);
    assert.deepEqual(bfa?.obligations, { met: 0, open: 0, declined: 1, overdue: 0 });
    assert.deepEqual([bfa?.medianHoursToFirstPledge, bfa?.medianHoursToDelivery], [2, null]);
    assert.deepEqual([ner?.requestsMade, ner?.requestsFulfilled, ner?.pledges], [2, 1, 0]);
  });

  it('counts an open obligation past its deadline as overdue', () => {
    const [mli] = scorecards({ parties: ['MLI'], ledgers: [], cases: [CASE], now: '2024-06-04T00:00:01Z' });
    assert.deepEqual(mli?.obligations, { met: 0, open: 1, declined: 0, overdue: 1 });
  });
});
