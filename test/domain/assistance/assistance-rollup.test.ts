import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { AssistanceLedger } from '../../../src/domain/assistance/assistance-ledger.ts';
import { fillStatus, rollUp } from '../../../src/domain/assistance/assistance-rollup.ts';
import {
  dispatch,
  pledge,
  receive,
  withdrawPledge,
} from '../../../src/domain/assistance/assistance-rules.ts';
import type { WorkflowActor } from '../../../src/domain/charter/workflow/workflow-actor.ts';
import {
  ADMIN,
  BFA_DECIDER,
  ledgerOf,
  MLI_LIAISON,
  NER_LIAISON,
  withDispatch,
  withPledge,
  withReceipt,
} from './assistance-fixtures.ts';

const AT = '2024-06-01T10:00:00Z';

describe('roll-ups', () => {
  it('gives none / partial / complete as Sahana Eden does: complete at or above the target', () => {
    assert.deepEqual(
      [fillStatus(0, 10), fillStatus(3, 10), fillStatus(10, 10), fillStatus(12, 10)],
      ['none', 'partial', 'complete', 'complete'],
    );
  });

  it('rolls a request up from its pledges, dispatches and receipts, and flags what is late', () => {
    let l = ledgerOf({ quantity: 10_000, neededBy: '2024-06-10' });
    l = withPledge(l, { party: 'MLI', quantity: 6000, availableFrom: '2024-06-02' }, MLI_LIAISON, AT);
    l = withPledge(l, { party: 'BFA', quantity: 4000, availableFrom: '2024-06-03' }, BFA_DECIDER, AT);
    l = withDispatch(l, { pledgeId: 1, quantity: 6000, expectedBy: '2024-06-05' }, MLI_LIAISON, AT);
    l = withReceipt(l, { dispatchId: 1, quantity: 2500 }, NER_LIAISON, '2024-06-04T10:00:00Z');
    const r = rollUp(l, '2024-06-06T12:00:00Z');
    assert.deepEqual(
      [r.committed, r.dispatched, r.inTransit, r.fulfilled, r.outstanding],
      [10_000, 6000, 3500, 2500, 0],
    );
    assert.deepEqual(
      [r.committedStatus, r.transitStatus, r.fulfilledStatus, r.stage],
      ['complete', 'partial', 'partial', 'in-transit'],
    );
    assert.equal(r.overdue, false);
    // BFA's pledge was available from the 3rd and nothing left; MLI's convoy was due on the 5th.
    assert.deepEqual(
      r.pledges.map((p) => [p.party, p.dispatchStatus, p.receiptStatus, p.late]),
      [
        ['MLI', 'complete', 'partial', false],
        ['BFA', 'none', 'none', true],
      ],
    );
    assert.deepEqual([r.latePledges, r.lateDispatches], [1, 1]);
    assert.equal(rollUp(l, '2024-06-11T00:00:01Z').overdue, true, 'the day after needed-by');
    assert.equal(rollUp(l, '2024-06-10T23:59:59Z').overdue, false, 'on the needed-by day');
  });

  it('calls a request fulfilled once everything asked for was received, and never overdue then', () => {
    let l = ledgerOf({ quantity: 10, neededBy: '2024-06-02' });
    l = withPledge(l, { party: 'MLI', quantity: 10 }, MLI_LIAISON, AT);
    l = withDispatch(l, { pledgeId: 1, quantity: 10 }, MLI_LIAISON, AT);
    l = withReceipt(l, { dispatchId: 1, quantity: 10 }, NER_LIAISON, AT);
    const r = rollUp(l, '2024-07-01T00:00:00Z');
    assert.deepEqual(
      [r.stage, r.fulfilledStatus, r.overdue, r.inTransit],
      ['fulfilled', 'complete', false, 0],
    );
  });

  it('keeps fulfilled ≤ dispatched ≤ committed ≤ requested and in transit = dispatched − fulfilled, whatever is attempted', () => {
    const actors: Record<string, WorkflowActor> = { MLI: MLI_LIAISON, BFA: BFA_DECIDER, TCD: ADMIN };
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('pledge' as const),
        party: fc.constantFrom('MLI', 'BFA', 'TCD'),
        quantity: fc.integer({ min: -50, max: 4000 }),
      }),
      fc.record({
        kind: fc.constant('dispatch' as const),
        pick: fc.nat(20),
        quantity: fc.integer({ min: -50, max: 3000 }),
      }),
      fc.record({
        kind: fc.constant('receive' as const),
        pick: fc.nat(20),
        quantity: fc.integer({ min: -50, max: 3000 }),
      }),
      fc.record({ kind: fc.constant('withdraw' as const), pick: fc.nat(20) }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.array(step, { maxLength: 40 }),
        (requested, steps) => {
          let l: AssistanceLedger = ledgerOf({ quantity: requested });
          for (const s of steps) {
            if (s.kind === 'pledge') {
              const r = pledge(
                l,
                { party: s.party, unit: 'litres', quantity: s.quantity, availableFrom: '2024-06-02' },
                actors[s.party] ?? ADMIN,
                AT,
              );
              if (r.ok) l = { ...l, pledges: [...l.pledges, { id: l.pledges.length + 1, ...r.value }] };
            } else if (s.kind === 'dispatch') {
              const p = l.pledges[s.pick % Math.max(1, l.pledges.length)];
              if (p === undefined) continue;
              const r = dispatch(l, { pledgeId: p.id, quantity: s.quantity }, actors[p.party] ?? ADMIN, AT);
              if (r.ok)
                l = { ...l, dispatches: [...l.dispatches, { id: l.dispatches.length + 1, ...r.value }] };
            } else if (s.kind === 'withdraw') {
              const p = l.pledges[s.pick % Math.max(1, l.pledges.length)];
              if (p === undefined) continue;
              const r = withdrawPledge(
                l,
                { pledgeId: p.id, reason: 'diverted' },
                actors[p.party] ?? ADMIN,
                AT,
              );
              if (r.ok) l = { ...l, pledges: l.pledges.map((x) => (x.id === p.id ? r.value : x)) };
            } else {
              const r = receive(
                l,
                { dispatchId: (s.pick % (l.dispatches.length + 2)) + 1, quantity: s.quantity },
                NER_LIAISON,
                AT,
              );
              if (r.ok) l = { ...l, receipts: [...l.receipts, { id: l.receipts.length + 1, ...r.value }] };
            }
            const u = rollUp(l, '2024-06-05T00:00:00Z');
            assert.ok(0 <= u.fulfilled && u.fulfilled <= u.dispatched, 'fulfilled ≤ dispatched');
            assert.ok(u.dispatched <= u.committed, 'dispatched ≤ committed');
            assert.ok(u.committed <= u.requested, 'committed ≤ requested');
            assert.equal(u.inTransit, u.dispatched - u.fulfilled);
            assert.equal(u.outstanding, u.requested - u.committed);
            for (const p of u.pledges) {
              const pl = l.pledges.find((x) => x.id === p.pledgeId);
              assert.ok(pl !== undefined && p.received <= p.dispatched && p.dispatched <= p.standing);
              assert.ok(p.standing <= pl.quantity);
            }
            assert.equal(u.fulfilledStatus === 'complete', u.stage === 'fulfilled');
          }
        },
      ),
      { seed: 6, numRuns: 300 },
    );
  });
});
