/**
 * The Store's assistance ledger on every implementation (a real SQLite file and the real PostgreSQL):
 * round trips of requests, pledges, dispatches and receipts; the request's version as the optimistic
 * lock (a write checked against an old ledger writes nothing, not even its audit entry, also when the
 * writers race); the request's classification as its visibility; the audit entries of every write.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AssistanceLedger } from '../../src/domain/assistance/assistance-ledger.ts';
import { openRequest, type NewRequestInput } from '../../src/domain/assistance/assistance-rules.ts';
import type { Visibility } from '../../src/domain/classification.ts';
import type { Store, Stored } from '../../src/store/store.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { BY } from '../support/factories.ts';

const ALL: Visibility = { classifications: ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL'], nationalOf: null };
const MLI: Visibility = { classifications: ['PUBLIC', 'AES_RESTRICTED'], nationalOf: 'MLI' };
const PUBLIC_ONLY: Visibility = { classifications: ['PUBLIC'], nationalOf: null };
const AT = '2024-06-01T08:00:00.000Z';
const ADMIN = { id: 7, role: 'admin', party: null } as const;

function request(over: Partial<NewRequestInput> = {}) {
  const r = openRequest(
    {
      party: 'NER',
      caseId: null,
      category: 'food',
      unit: 'tonnes',
      quantity: 120.5,
      place: 'Ouallam',
      neededBy: '2024-06-15',
      priority: 'critical',
      description: 'rations for displaced families',
      classification: 'AES_RESTRICTED',
      ...over,
    },
    ADMIN,
    AT,
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const pledgeOf = (requestId: number, quantity: number) => ({
  requestId,
  party: 'MLI',
  unit: 'tonnes',
  quantity,
  rate: 1,
  rateDate: null,
  counted: quantity,
  availableFrom: '2024-06-03',
  note: 'from the Sévaré depot',
  pledgedAt: AT,
  pledgedBy: 9,
  withdrawn: null,
});

for (const kind of testStoreKinds) {
  describe(`assistance ledger store on ${kind.dialect}`, () => {
    let db: TestStore;
    let store: Store;
    before(async () => {
      db = await kind.open();
      store = db.store;
    });
    after(() => db.dispose());

    it('stores a request and reads its ledger back exactly, version 1, empty', async () => {
      const made = await store.createAssistanceRequest(request(), BY);
      const read = await store.getAssistanceLedger(made.value.request.id, ALL);
      assert.deepEqual(read, made);
      assert.equal(read?.version, 1);
      assert.equal(read?.value.request.quantity, 120.5);
      assert.deepEqual(read?.value.pledges, []);
    });

    it('adds a pledge, a dispatch and a receipt, each moving the version on and read back in the ledger', async () => {
      const made = await store.createAssistanceRequest(request(), BY);
      const id = made.value.request.id;
      const p = await store.writeAssistanceLedger(
        { kind: 'pledge', requestId: id, expectedVersion: 1, pledge: pledgeOf(id, 40) },
        BY,
      );
      assert.ok(p);
      const d = await store.writeAssistanceLedger(
        {
          kind: 'dispatch',
          requestId: id,
          expectedVersion: 2,
          dispatch: {
            pledgeId: p.id,
            quantity: 30,
            counted: 30,
            sentAt: AT,
            sentBy: 9,
            expectedBy: '2024-06-05',
            reference: 'convoy 12',
          },
        },
        BY,
      );
      assert.ok(d);
      const r = await store.writeAssistanceLedger(
        {
          kind: 'receipt',
          requestId: id,
          expectedVersion: 3,
          receipt: { dispatchId: d.id, quantity: 30, counted: 30, receivedAt: AT, receivedBy: 7, note: null },
        },
        BY,
      );
      assert.deepEqual(r?.version, 4);
      const ledger = (await store.getAssistanceLedger(id, ALL)) as Stored<AssistanceLedger>;
      assert.equal(ledger.version, 4);
      assert.deepEqual(ledger.value.pledges, [{ id: p.id, ...pledgeOf(id, 40) }]);
      assert.deepEqual(
        ledger.value.dispatches.map((x) => [x.pledgeId, x.quantity, x.reference]),
        [[p.id, 30, 'convoy 12']],
      );
      assert.deepEqual(
        ledger.value.receipts.map((x) => [x.dispatchId, x.quantity, x.receivedBy]),
        [[d.id, 30, 7]],
      );
    });

    it('writes nothing, and logs nothing, for a write checked against an old version', async () => {
      const made = await store.createAssistanceRequest(request(), BY);
      const id = made.value.request.id;
      assert.ok(
        await store.writeAssistanceLedger(
          { kind: 'pledge', requestId: id, expectedVersion: 1, pledge: pledgeOf(id, 10) },
          BY,
        ),
      );
      const size = await store.auditHeadSize();
      assert.equal(
        await store.writeAssistanceLedger(
          { kind: 'pledge', requestId: id, expectedVersion: 1, pledge: pledgeOf(id, 10) },
          BY,
        ),
        null,
      );
      assert.equal(await store.auditHeadSize(), size);
      assert.equal((await store.getAssistanceLedger(id, ALL))?.value.pledges.length, 1);
    });

    it('lets exactly one of eight racing writers checked against the same version through', async () => {
      const made = await store.createAssistanceRequest(request(), BY);
      const id = made.value.request.id;
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          store.writeAssistanceLedger(
            { kind: 'pledge', requestId: id, expectedVersion: 1, pledge: pledgeOf(id, 100) },
            BY,
          ),
        ),
      );
      assert.equal(results.filter((r) => r !== null).length, 1);
      const ledger = await store.getAssistanceLedger(id, ALL);
      assert.deepEqual([ledger?.version, ledger?.value.pledges.length], [2, 1]);
    });

    it('records a withdrawal on its pledge, once', async () => {
      const made = await store.createAssistanceRequest(request(), BY);
      const id = made.value.request.id;
      const p = await store.writeAssistanceLedger(
        { kind: 'pledge', requestId: id, expectedVersion: 1, pledge: pledgeOf(id, 40) },
        BY,
      );
      assert.ok(p);
      const withdrawn = {
        id: p.id,
        ...pledgeOf(id, 40),
        withdrawn: { quantity: 40, at: AT, by: 9, reason: 'diverted' },
      };
      assert.ok(
        await store.writeAssistanceLedger(
          { kind: 'withdraw', requestId: id, expectedVersion: 2, pledge: withdrawn },
          BY,
        ),
      );
      const ledger = await store.getAssistanceLedger(id, ALL);
      assert.deepEqual(ledger?.value.pledges, [withdrawn]);
      await assert.rejects(
        store.writeAssistanceLedger(
          { kind: 'withdraw', requestId: id, expectedVersion: 3, pledge: withdrawn },
          BY,
        ),
        /cannot be withdrawn/,
      );
      assert.equal(
        (await store.getAssistanceLedger(id, ALL))?.version,
        3,
        'the failed write rolled back whole',
      );
    });

    it('cancels a request with its reason', async () => {
      const made = await store.createAssistanceRequest(request(), BY);
      const id = made.value.request.id;
      const cancelled = {
        ...made.value.request,
        state: 'cancelled' as const,
        cancelled: { at: AT, by: 7, reason: 'relieved' },
      };
      assert.ok(
        await store.writeAssistanceLedger(
          { kind: 'cancel', requestId: id, expectedVersion: 1, request: cancelled },
          BY,
        ),
      );
      assert.deepEqual((await store.getAssistanceLedger(id, ALL))?.value.request, cancelled);
    });

    it('shows a request only to who may read its classification, in the detail and the list', async () => {
      const pub = await store.createAssistanceRequest(request({ classification: 'PUBLIC', party: 'BFA' }), {
        ...BY,
      });
      const nerNational = await store.createAssistanceRequest(request({ classification: 'NATIONAL' }), BY);
      const ids = (v: Visibility) =>
        store.listAssistanceLedgers({ visibility: v }).then((l) => l.map((x) => x.value.request.id));
      assert.equal(nerNational.value.request.ownerParty, 'NER');
      assert.equal(await store.getAssistanceLedger(nerNational.value.request.id, MLI), null);
      assert.ok(await store.getAssistanceLedger(nerNational.value.request.id, { ...MLI, nationalOf: 'NER' }));
      assert.ok(!(await ids(MLI)).includes(nerNational.value.request.id));
      assert.ok((await ids(ALL)).includes(nerNational.value.request.id));
      assert.deepEqual(await ids(PUBLIC_ONLY), [pub.value.request.id]);
      assert.deepEqual(
        (await store.listAssistanceLedgers({ visibility: ALL, party: 'BFA' })).map((x) => x.value.request.id),
        [pub.value.request.id],
      );
      assert.deepEqual(await store.listAssistanceLedgers({ visibility: ALL, category: 'fuel' }), []);
    });

    it('appends an audit entry for each write, naming the record', async () => {
      const from = await store.auditHeadSize();
      const made = await store.createAssistanceRequest(request(), BY);
      const id = made.value.request.id;
      const p = await store.writeAssistanceLedger(
        { kind: 'pledge', requestId: id, expectedVersion: 1, pledge: pledgeOf(id, 5) },
        BY,
      );
      const entries = (await store.readAuditLog(from, 100)).map(
        (e) => JSON.parse(e.entry) as { action: string; subject: { id: string } },
      );
      assert.deepEqual(
        entries.map((e) => [e.action, e.subject.id]),
        [
          ['assistance-request.create', String(id)],
          ['assistance-pledge.create', String(p?.id)],
        ],
      );
    });
  });
}
