/**
 * The alerts' records on both stores: the outbox is ordered and gap-free for readers, an alert commits
 * with the change it announces (or not at all), lists respect classification, subscriptions belong to
 * their user, and concurrent writers still read back in seq order.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser } from '../../src/commands/create-user.ts';
import { incidentAlert, type NewAlertEvent } from '../../src/domain/alerts/alert-event.ts';
import type { Classification, Visibility } from '../../src/domain/classification.ts';
import type { Store } from '../../src/store/store.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { BY, incidentInput, TEST_ACTOR } from '../support/factories.ts';

const ALL: Visibility = { classifications: ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL'], nationalOf: null };

function alert(classification: Classification = 'PUBLIC', ownerParty: string | null = null): NewAlertEvent {
  const i = incidentInput({ classification, ownerParty });
  return incidentAlert('incident.created', { ...i, id: 5, mergedInto: null });
}

for (const kind of testStoreKinds) {
  describe(`alert records on ${kind.dialect}`, () => {
    let db: TestStore;
    let store: Store;
    before(async () => {
      db = await kind.open();
      store = db.store;
    });
    after(() => db.dispose());

    it('numbers alerts in order and reads them back after any seq, exactly as written', async () => {
      assert.deepEqual(await store.alertSeqRange(), { first: 0, last: 0 });
      const written = await store.publishAlerts([alert(), alert('NATIONAL', 'MLI'), alert()], BY);
      const seqs = written.map((w) => w.seq);
      assert.deepEqual(
        [...seqs].sort((a, b) => a - b),
        seqs,
      );
      assert.equal(new Set(seqs).size, 3);
      const [first] = seqs;
      assert.ok(first !== undefined);
      const read = await store.readAlertEvents(first, 100);
      assert.deepEqual(read, written.slice(1));
      assert.deepEqual(read[0]?.payload, written[1]?.payload);
      assert.equal(read[0]?.ownerParty, 'MLI');
      assert.deepEqual(await store.alertSeqRange(), { first, last: seqs[2] });
    });

    it('writes an alert with its change or not at all', async () => {
      const { last } = await store.alertSeqRange();
      await assert.rejects(
        store.atomically(async (tx) => {
          await tx.publishAlerts([alert()], BY);
          throw new Error('the change failed');
        }),
        /the change failed/,
      );
      assert.equal((await store.alertSeqRange()).last, last);
      await store.atomically(async (tx) => {
        await tx.upsertIncidents([incidentInput()], { changedBy: 't', at: BY.at, actor: TEST_ACTOR });
        await tx.publishAlerts([alert()], BY);
      });
      assert.equal((await store.readAlertEvents(last, 10)).length, 1);
    });

    it('keeps seq order for concurrent writers: a reader never finds an earlier seq appear later', async () => {
      const { last } = await store.alertSeqRange();
      await Promise.all(
        Array.from({ length: 20 }, () => store.atomically((tx) => tx.publishAlerts([alert()], BY))),
      );
      const read = await store.readAlertEvents(last, 100);
      assert.equal(read.length, 20);
      const seqs = read.map((r) => r.seq);
      assert.deepEqual(
        [...seqs].sort((a, b) => a - b),
        seqs,
      );
    });

    it('lists only the alerts a visibility sees, newest first, in pages', async () => {
      const written = await store.publishAlerts(
        [alert('PUBLIC'), alert('AES_RESTRICTED'), alert('NATIONAL', 'MLI'), alert('NATIONAL', 'BFA')],
        BY,
      );
      const observer = await store.listAlertEvents({
        visibility: { classifications: ['PUBLIC'], nationalOf: null },
        limit: 3,
      });
      assert.ok(observer.every((e) => e.classification === 'PUBLIC'));
      const liaison = await store.listAlertEvents({
        visibility: { classifications: ['PUBLIC', 'AES_RESTRICTED'], nationalOf: 'MLI' },
        limit: 3,
      });
      assert.deepEqual(
        liaison.map((e) => e.seq),
        [written[2], written[1], written[0]].map((w) => w?.seq),
      );
      const page = await store.listAlertEvents({ visibility: ALL, limit: 2, before: written[2]?.seq ?? 0 });
      assert.deepEqual(
        page.map((e) => e.seq),
        [written[1]?.seq, written[0]?.seq],
      );
    });

    it('keeps each user’s subscriptions to them, with the webhook secret kept out of every read', async () => {
      const a = await createUser(
        store,
        { name: 'awa', role: 'analyst', party: null },
        new Date(),
        TEST_ACTOR,
      );
      const b = await createUser(
        store,
        { name: 'binta', role: 'observer', party: null },
        new Date(),
        TEST_ACTOR,
      );
      assert.ok(a.ok && b.ok);
      const made = await store.createSubscription(
        a.user.id,
        {
          name: 'Mopti',
          filter: { adminUnits: [{ country: 'MLI', admin1: 'Mopti' }] },
          webhook: { url: 'https://hooks.example.org/x', secret: 'whsec_s', active: true },
        },
        BY,
      );
      assert.equal(await store.getSubscription(made.id, b.user.id), null);
      assert.deepEqual(await store.getSubscription(made.id, a.user.id), made);
      assert.ok(!JSON.stringify(made).includes('whsec_s'));
      assert.equal(
        await store.updateSubscription(made.id, b.user.id, { name: 'x', filter: {}, webhook: null }, BY),
        null,
      );
      const renamed = await store.updateSubscription(
        made.id,
        a.user.id,
        {
          name: 'Mopti et Ségou',
          filter: {},
          webhook: { url: 'https://hooks.example.org/y', active: false },
        },
        BY,
      );
      assert.deepEqual(renamed?.webhook, { url: 'https://hooks.example.org/y', active: false });
      // Reactivated: the secret kept from before still signs.
      await store.updateSubscription(
        made.id,
        a.user.id,
        { name: 'Mopti', filter: {}, webhook: { url: 'https://hooks.example.org/y', active: true } },
        BY,
      );
      const [target] = (await store.listWebhookTargets()).filter((t) => t.subscription.id === made.id);
      assert.equal(target?.secret, 'whsec_s');
      assert.equal(target?.owner.role, 'analyst');
      assert.equal(await store.deleteSubscription(made.id, b.user.id, BY), false);
      assert.equal(await store.deleteSubscription(made.id, a.user.id, BY), true);
      assert.deepEqual(await store.listSubscriptions(a.user.id), []);
    });

    it('moves a worker cursor only from where it was: a second worker that read the same alerts writes nothing', async () => {
      assert.equal(await store.readAlertCursor('test'), 0);
      assert.equal(await store.recordWebhookDeliveries({ name: 'test', from: 0, to: 5 }, [], BY.at), true);
      assert.equal(await store.recordWebhookDeliveries({ name: 'test', from: 0, to: 7 }, [], BY.at), false);
      assert.equal(await store.readAlertCursor('test'), 5);
      const results = await Promise.all([
        store.recordWebhookDeliveries({ name: 'test', from: 5, to: 9 }, [], BY.at),
        store.recordWebhookDeliveries({ name: 'test', from: 5, to: 9 }, [], BY.at),
      ]);
      assert.deepEqual(results.sort(), [false, true]);
    });
  });
}
