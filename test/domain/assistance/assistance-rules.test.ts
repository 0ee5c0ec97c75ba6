import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  cancelRequest,
  dispatch,
  openRequest,
  outstanding,
  pledge,
  receive,
  withdrawPledge,
} from '../../../src/domain/assistance/assistance-rules.ts';
import {
  ADMIN,
  ANALYST,
  BFA_DECIDER,
  ledgerOf,
  MLI_LIAISON,
  NER_LIAISON,
  ok,
  requestInput,
  withDispatch,
  withPledge,
  withReceipt,
} from './assistance-fixtures.ts';

const AT = '2024-06-01T10:00:00Z';
const code = (r: { ok: boolean; error?: { code: string } }): string | undefined =>
  r.ok ? undefined : r.error?.code;

describe('assistance requests', () => {
  it('opens a request by the party’s liaison officer, trimmed, with the case incident’s classification as its floor', () => {
    const r = ok(
      openRequest(
        requestInput({
          place: '  Ayorou ',
          classification: 'PUBLIC',
          caseClassification: { classification: 'AES_RESTRICTED', ownerParty: null },
        }),
        NER_LIAISON,
        AT,
      ),
    );
    assert.equal(r.place, 'Ayorou');
    assert.equal(r.classification, 'AES_RESTRICTED');
    assert.equal(r.state, 'open');
    assert.equal(r.createdBy, NER_LIAISON.id);
  });

  it('makes a NATIONAL request owned by the requesting party', () => {
    const r = ok(openRequest(requestInput({ classification: 'NATIONAL' }), NER_LIAISON, AT));
    assert.equal(r.ownerParty, 'NER');
  });

  it('refuses another party’s officer and an analyst, and lets an admin ask on a party’s behalf', () => {
    assert.equal(code(openRequest(requestInput(), MLI_LIAISON, AT)), 'not-authorised');
    assert.equal(code(openRequest(requestInput(), ANALYST, AT)), 'not-authorised');
    assert.equal(openRequest(requestInput(), ADMIN, AT).ok, true);
  });

  it('refuses zero, negative and fractional-franc quantities, and a unit the category is not counted in', () => {
    assert.equal(code(openRequest(requestInput({ quantity: 0 }), NER_LIAISON, AT)), 'invalid-quantity');
    assert.equal(code(openRequest(requestInput({ quantity: -5 }), NER_LIAISON, AT)), 'invalid-quantity');
    assert.equal(
      code(openRequest(requestInput({ unit: 'tonnes', category: 'troops' }), NER_LIAISON, AT)),
      'wrong-unit',
    );
    assert.equal(
      code(openRequest(requestInput({ category: 'funds', unit: 'EUR' }), NER_LIAISON, AT)),
      'wrong-unit',
    );
    const francs = openRequest(
      requestInput({ category: 'funds', unit: 'XOF', quantity: 1000.5 }),
      NER_LIAISON,
      AT,
    );
    assert.equal(code(francs), 'invalid-quantity');
    assert.match(francs.ok ? '' : francs.error.message, /whole number of francs/);
  });

  it('refuses a missing place, a malformed needed-by day and a request on another party’s NATIONAL incident', () => {
    assert.equal(code(openRequest(requestInput({ place: ' ' }), NER_LIAISON, AT)), 'invalid-input');
    assert.equal(
      code(openRequest(requestInput({ neededBy: '10/06/2024' }), NER_LIAISON, AT)),
      'invalid-input',
    );
    const other = requestInput({ caseClassification: { classification: 'NATIONAL', ownerParty: 'MLI' } });
    assert.equal(code(openRequest(other, NER_LIAISON, AT)), 'invalid-input');
  });
});

describe('pledges', () => {
  it('records a pledge by another party and counts it against the request', () => {
    const l = withPledge(ledgerOf(), { party: 'MLI', quantity: 4000 }, MLI_LIAISON, AT);
    assert.equal(l.pledges[0]?.counted, 4000);
    assert.equal(outstanding(l), 6000);
  });

  it('refuses a pledge exceeding what the request still needs, naming the figures', () => {
    const l = withPledge(ledgerOf(), { party: 'MLI', quantity: 7000 }, MLI_LIAISON, AT);
    const over = pledge(
      l,
      { party: 'BFA', unit: 'litres', quantity: 3001, availableFrom: '2024-06-02' },
      BFA_DECIDER,
      AT,
    );
    assert.equal(code(over), 'over-request');
    assert.match(over.ok ? '' : over.error.message, /still needs: 3000 litres \(asked 10000, pledged 7000\)/);
    assert.equal(
      pledge(
        l,
        { party: 'BFA', unit: 'litres', quantity: 3000, availableFrom: '2024-06-02' },
        BFA_DECIDER,
        AT,
      ).ok,
      true,
    );
  });

  it('refuses negative and zero pledges, the wrong unit, a pledge to one’s own request and one for another party', () => {
    const l = ledgerOf();
    const p = (over: object, actor = MLI_LIAISON) =>
      code(
        pledge(
          l,
          { party: 'MLI', unit: 'litres', quantity: 10, availableFrom: '2024-06-02', ...over },
          actor,
          AT,
        ),
      );
    assert.equal(p({ quantity: -1 }), 'invalid-quantity');
    assert.equal(p({ quantity: 0 }), 'invalid-quantity');
    assert.equal(p({ unit: 'tonnes' }), 'wrong-unit');
    assert.equal(p({ party: 'NER' }, NER_LIAISON), 'own-request');
    assert.equal(p({ party: 'BFA' }), 'not-authorised');
    assert.equal(p({ party: 'BFA' }, ADMIN), undefined);
  });

  it('records funds pledged in another currency as given, counted in XOF only by the stated rate', () => {
    const l = ledgerOf({ category: 'funds', unit: 'XOF', quantity: 100_000_000 });
    const noRate = pledge(
      l,
      { party: 'MLI', unit: 'EUR', quantity: 50_000, availableFrom: '2024-06-02' },
      MLI_LIAISON,
      AT,
    );
    assert.equal(code(noRate), 'rate-required');
    const p = ok(
      pledge(
        l,
        {
          party: 'MLI',
          unit: 'EUR',
          quantity: 50_000,
          rate: 655.957,
          rateDate: '2024-06-01',
          availableFrom: '2024-06-02',
        },
        MLI_LIAISON,
        AT,
      ),
    );
    assert.deepEqual(
      [p.unit, p.quantity, p.rate, p.rateDate, p.counted],
      ['EUR', 50_000, 655.957, '2024-06-01', 32_797_850],
    );
    assert.equal(
      code(
        pledge(
          l,
          {
            party: 'MLI',
            unit: 'EUR',
            quantity: 10,
            rate: -1,
            rateDate: '2024-06-01',
            availableFrom: '2024-06-02',
          },
          MLI_LIAISON,
          AT,
        ),
      ),
      'invalid-quantity',
    );
    assert.equal(
      code(
        pledge(
          l,
          { party: 'MLI', unit: 'XOF', quantity: 10.5, availableFrom: '2024-06-02' },
          MLI_LIAISON,
          AT,
        ),
      ),
      'invalid-quantity',
    );
  });

  it('refuses pledges on a cancelled or fulfilled request', () => {
    const l = ledgerOf({ quantity: 10 });
    const cancelled = { ...l, request: ok(cancelRequest(l, 'the garrison was relieved', NER_LIAISON, AT)) };
    const p = { party: 'MLI', unit: 'litres', quantity: 1, availableFrom: '2024-06-02' };
    assert.equal(code(pledge(cancelled, p, MLI_LIAISON, AT)), 'request-closed');
    let done = withPledge(l, { party: 'BFA', quantity: 10 }, BFA_DECIDER, AT);
    done = withDispatch(done, { pledgeId: 1, quantity: 10 }, BFA_DECIDER, AT);
    done = withReceipt(done, { dispatchId: 1, quantity: 10 }, NER_LIAISON, '2024-06-02T10:00:00Z');
    assert.equal(code(pledge(done, p, MLI_LIAISON, AT)), 'request-closed');
  });
});

describe('dispatches and receipts', () => {
  const pledged = withPledge(ledgerOf(), { party: 'MLI', quantity: 5000 }, MLI_LIAISON, AT);

  it('refuses a dispatch over what the pledge has not yet sent, and one by another party', () => {
    const once = withDispatch(pledged, { pledgeId: 1, quantity: 3000 }, MLI_LIAISON, AT);
    const over = dispatch(once, { pledgeId: 1, quantity: 2001 }, MLI_LIAISON, AT);
    assert.equal(code(over), 'over-pledge');
    assert.match(over.ok ? '' : over.error.message, /not yet sent: 2000 litres/);
    assert.equal(code(dispatch(once, { pledgeId: 1, quantity: 10 }, BFA_DECIDER, AT)), 'not-authorised');
    assert.equal(code(dispatch(once, { pledgeId: 9, quantity: 10 }, MLI_LIAISON, AT)), 'not-found');
    assert.equal(code(dispatch(once, { pledgeId: 1, quantity: -3 }, MLI_LIAISON, AT)), 'invalid-quantity');
  });

  it('refuses a receipt for a dispatch never sent, one over what was sent, and one by the pledging party', () => {
    const sent = withDispatch(pledged, { pledgeId: 1, quantity: 3000 }, MLI_LIAISON, AT);
    const unsent = receive(sent, { dispatchId: 2, quantity: 1 }, NER_LIAISON, AT);
    assert.equal(code(unsent), 'dispatch-not-sent');
    assert.match(unsent.ok ? '' : unsent.error.message, /no dispatch 2 was sent/);
    const half = withReceipt(sent, { dispatchId: 1, quantity: 2000 }, NER_LIAISON, AT);
    assert.equal(code(receive(half, { dispatchId: 1, quantity: 1001 }, NER_LIAISON, AT)), 'over-dispatch');
    assert.equal(receive(half, { dispatchId: 1, quantity: 1000 }, NER_LIAISON, AT).ok, true);
    assert.equal(code(receive(half, { dispatchId: 1, quantity: 10 }, MLI_LIAISON, AT)), 'not-authorised');
    assert.equal(
      code(receive(sent, { dispatchId: 1, quantity: 10 }, NER_LIAISON, '2024-06-01T09:00:00Z')),
      'dispatch-not-sent',
    );
  });

  it('counts dispatches and receipts of a foreign-currency pledge in XOF by the pledge’s rate', () => {
    let l = ledgerOf({ category: 'funds', unit: 'XOF', quantity: 10_000_000 });
    l = withPledge(
      l,
      { party: 'MLI', unit: 'EUR', quantity: 10_000, rate: 655.957, rateDate: '2024-06-01' },
      MLI_LIAISON,
      AT,
    );
    l = withDispatch(l, { pledgeId: 1, quantity: 4000 }, MLI_LIAISON, AT);
    l = withReceipt(l, { dispatchId: 1, quantity: 4000 }, NER_LIAISON, AT);
    assert.equal(l.dispatches[0]?.counted, 2_623_828);
    assert.equal(l.receipts[0]?.counted, 2_623_828);
  });

  it('cancels with a reason only, and only once', () => {
    const l = ledgerOf();
    assert.equal(code(cancelRequest(l, ' ', NER_LIAISON, AT)), 'invalid-input');
    assert.equal(code(cancelRequest(l, 'relieved', MLI_LIAISON, AT)), 'not-authorised');
    const c = { ...l, request: ok(cancelRequest(l, 'relieved', NER_LIAISON, AT)) };
    assert.equal(code(cancelRequest(c, 'again', NER_LIAISON, AT)), 'request-closed');
    assert.equal(
      code(
        dispatch(
          withPledge(l, { party: 'MLI', quantity: 5 }, MLI_LIAISON, AT),
          { pledgeId: 1, quantity: 1 },
          MLI_LIAISON,
          AT,
        ),
      ),
      undefined,
    );
  });
});

describe('withdrawing a pledge', () => {
  it('takes back what was not sent, so the request needs it again and another party may pledge it', () => {
    let l = withPledge(ledgerOf(), { party: 'MLI', quantity: 10_000 }, MLI_LIAISON, AT);
    l = withDispatch(l, { pledgeId: 1, quantity: 4000 }, MLI_LIAISON, AT);
    assert.equal(outstanding(l), 0);
    const p = ok(withdrawPledge(l, { pledgeId: 1, reason: ' the convoy was diverted ' }, MLI_LIAISON, AT));
    assert.deepEqual(p.withdrawn, {
      quantity: 6000,
      at: AT,
      by: MLI_LIAISON.id,
      reason: 'the convoy was diverted',
    });
    const after = { ...l, pledges: [p] };
    assert.equal(outstanding(after), 6000);
    assert.equal(code(dispatch(after, { pledgeId: 1, quantity: 1 }, MLI_LIAISON, AT)), 'over-pledge');
    assert.equal(
      pledge(
        after,
        { party: 'BFA', unit: 'litres', quantity: 6000, availableFrom: '2024-06-02' },
        BFA_DECIDER,
        AT,
      ).ok,
      true,
    );
    assert.equal(
      code(withdrawPledge(after, { pledgeId: 1, reason: 'again' }, MLI_LIAISON, AT)),
      'request-closed',
    );
  });

  it('refuses another party, a missing reason, an unknown pledge and a pledge sent in full', () => {
    let l = withPledge(ledgerOf(), { party: 'MLI', quantity: 100 }, MLI_LIAISON, AT);
    assert.equal(code(withdrawPledge(l, { pledgeId: 1, reason: 'x' }, BFA_DECIDER, AT)), 'not-authorised');
    assert.equal(code(withdrawPledge(l, { pledgeId: 1, reason: ' ' }, MLI_LIAISON, AT)), 'invalid-input');
    assert.equal(code(withdrawPledge(l, { pledgeId: 2, reason: 'x' }, MLI_LIAISON, AT)), 'not-found');
    assert.equal(withdrawPledge(l, { pledgeId: 1, reason: 'x' }, ADMIN, AT).ok, true);
    l = withDispatch(l, { pledgeId: 1, quantity: 100 }, MLI_LIAISON, AT);
    const full = withdrawPledge(l, { pledgeId: 1, reason: 'x' }, MLI_LIAISON, AT);
    assert.equal(code(full), 'invalid-input');
    assert.match(full.ok ? '' : full.error.message, /sent in full/);
  });
});
