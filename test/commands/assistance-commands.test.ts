/**
 * The assistance commands on both stores: concurrent pledges never exceed a request (each is checked
 * against the ledger as the others left it), and refusals come back as values with their code.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  dispatchAssistance,
  pledgeAssistance,
  receiveAssistance,
} from '../../src/commands/assistance-ledger-write.ts';
import { cancelAssistanceRequest, createAssistanceRequest } from '../../src/commands/assistance-request.ts';
import type { AuditActor } from '../../src/domain/audit/audit-entry.ts';
import { rollUp } from '../../src/domain/assistance/assistance-rollup.ts';
import type { WorkflowActor } from '../../src/domain/charter/workflow/workflow-actor.ts';
import type { Visibility } from '../../src/domain/classification.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';

const ALL: Visibility = { classifications: ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL'], nationalOf: null };
const AT = '2024-06-01T08:00:00.000Z';
const officer = (id: number, party: string): WorkflowActor => ({ id, role: 'liaison', party });
const audit = (a: WorkflowActor): AuditActor => ({
  name: `user${a.id}`,
  userId: a.id,
  role: a.role,
  party: a.party,
});
const NER = officer(1, 'NER');
const PLEDGERS = [
  officer(2, 'MLI'),
  officer(3, 'BFA'),
  { id: 4, role: 'decision-maker', party: 'MLI' } as const,
];

for (const kind of testStoreKinds) {
  describe(`assistance commands on ${kind.dialect}`, () => {
    let db: TestStore;
    before(async () => {
      db = await kind.open();
    });
    after(() => db.dispose());

    async function newRequest(quantity: number): Promise<number> {
      const made = await createAssistanceRequest(db.store, {
        request: {
          party: 'NER',
          caseId: null,
          category: 'fuel',
          unit: 'litres',
          quantity,
          place: 'Tillabéri',
          neededBy: '2024-06-10',
          priority: 'high',
          description: 'diesel',
          classification: 'AES_RESTRICTED',
        },
        actor: NER,
        by: audit(NER),
        visibility: ALL,
        at: AT,
      });
      assert.ok(made.ok);
      return made.value.value.request.id;
    }

    it('lets twelve concurrent pledges of 3,000 litres commit only the three that fit in 10,000', async () => {
      const id = await newRequest(10_000);
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, k) => {
          const actor = PLEDGERS[k % PLEDGERS.length] ?? NER;
          return pledgeAssistance(db.store, {
            requestId: id,
            pledge: { party: actor.party ?? '', unit: 'litres', quantity: 3000, availableFrom: '2024-06-02' },
            actor,
            by: audit(actor),
            visibility: ALL,
            at: AT,
          });
        }),
      );
      const codes = results.map((r) => (r.ok ? 'ok' : r.error.code)).sort();
      assert.deepEqual(codes, [...Array(3).fill('ok'), ...Array(9).fill('over-request')].sort());
      const ledger = await db.store.getAssistanceLedger(id, ALL);
      assert.ok(ledger);
      assert.equal(rollUp(ledger.value, AT).committed, 9000);
    });

    it('runs a request through pledge, dispatch and receipt to fulfilled, refusing what breaks the rules', async () => {
      const id = await newRequest(500);
      const mli = PLEDGERS[0] ?? NER;
      const ctx = (actor: WorkflowActor) => ({
        requestId: id,
        actor,
        by: audit(actor),
        visibility: ALL,
        at: AT,
      });
      const pledged = await pledgeAssistance(db.store, {
        ...ctx(mli),
        pledge: { party: 'MLI', unit: 'litres', quantity: 500, availableFrom: '2024-06-02' },
      });
      assert.ok(pledged.ok);
      const pledgeId = pledged.value.written;
      const over = await dispatchAssistance(db.store, { ...ctx(mli), dispatch: { pledgeId, quantity: 501 } });
      assert.equal(over.ok ? 'ok' : over.error.code, 'over-pledge');
      const sent = await dispatchAssistance(db.store, { ...ctx(mli), dispatch: { pledgeId, quantity: 500 } });
      assert.ok(sent.ok);
      const unsent = await receiveAssistance(db.store, {
        ...ctx(NER),
        receipt: { dispatchId: sent.value.written + 99, quantity: 1 },
      });
      assert.equal(unsent.ok ? 'ok' : unsent.error.code, 'dispatch-not-sent');
      const got = await receiveAssistance(db.store, {
        ...ctx(NER),
        receipt: { dispatchId: sent.value.written, quantity: 500 },
      });
      assert.ok(got.ok);
      assert.equal(rollUp(got.value.value, AT).stage, 'fulfilled');
      const cancel = await cancelAssistanceRequest(db.store, { ...ctx(NER), reason: 'too late' });
      assert.equal(cancel.ok ? 'ok' : cancel.error.code, 'request-closed');
      const hidden = await pledgeAssistance(db.store, {
        ...ctx(mli),
        visibility: { classifications: ['PUBLIC'], nationalOf: null },
        pledge: { party: 'MLI', unit: 'litres', quantity: 1, availableFrom: '2024-06-02' },
      });
      assert.equal(hidden.ok ? 'ok' : hidden.error.code, 'unknown');
    });
  });
}
