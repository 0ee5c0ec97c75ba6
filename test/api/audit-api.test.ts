import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadAuditKey, type AuditKey } from '../../src/commands/audit-key.ts';
import { checkProof, signCheckpoint } from '../../src/commands/audit-log.ts';
import { formatVerifierKey } from '../../src/domain/audit/checkpoint.ts';
import { testStoreKinds } from '../support/databases.ts';
import { incidentInput, TEST_ACTOR } from '../support/factories.ts';
import { openApi, type ApiHarness } from './api-harness.ts';

interface Entry {
  seq: number;
  time: string;
  actor: { name: string; user_id: number | null; role: string; party: string | null };
  action: string;
  subject: { type: string; id: string };
  before: unknown;
  after: unknown;
}

let keyDir: string;
let key: AuditKey;
before(async () => {
  keyDir = await mkdtemp(path.join(tmpdir(), 'liptako-audit-api-'));
  key = loadAuditKey(path.join(keyDir, 'audit-key.pem'), { create: true });
});
after(() => rm(keyDir, { recursive: true, force: true }));

for (const kind of testStoreKinds) {
  describe(`audit routes on ${kind.dialect}`, () => {
    let api: ApiHarness;
    let incidentId: number;
    before(async () => {
      api = await openApi(await kind.open());
      const input = incidentInput({ status: 'reported', country: 'NER', location: 'Téra' });
      await api.db.store.upsertIncidents([input], {
        changedBy: 'test',
        at: '2024-06-01T00:00:00Z',
        actor: TEST_ACTOR,
      });
      incidentId =
        (
          await api.db.store.getIncidentBySourceKey(input.sourceKey, {
            classifications: ['PUBLIC'],
            nationalOf: null,
          })
        )?.id ?? 0;
    });
    after(() => api.close());

    const get = (url: string, user: Parameters<ApiHarness['as']>[0] = 'admin') =>
      api.app.inject({ method: 'GET', url, headers: api.as(user) });

    it("records an analyst's PATCH of an incident with the analyst, the fields before and after", async () => {
      const res = await api.app.inject({
        method: 'PATCH',
        url: `/api/incidents/${incidentId}`,
        headers: api.as('analyst'),
        payload: { status: 'verified', fatalities: 4, reason: 'Confirmed by the Téra post' },
      });
      assert.equal(res.statusCode, 200, res.body);
      const page = (await get(`/api/audit?subject_type=incident&subject_id=${incidentId}`)).json() as {
        items: Entry[];
      };
      // Verifying it also evaluates it against the Charter (charter-evaluation.record, proposals).
      const latest = page.items.find((e) => e.action === 'incident.update');
      const created = page.items.find((e) => e.action === 'incident.create');
      assert.equal(latest?.action, 'incident.update');
      assert.equal(latest?.actor.name, 'analyst');
      assert.equal(latest?.actor.role, 'analyst');
      assert.equal(typeof latest?.actor.user_id, 'number');
      assert.equal(latest?.time, '2024-06-01T12:00:00.000Z');
      assert.deepEqual(latest?.before, {
        revision: 1,
        status: 'reported',
        fatalities: { low: null, best: 3, high: null },
      });
      assert.deepEqual(latest?.after, {
        revision: 2,
        reason: 'Confirmed by the Téra post',
        status: 'verified',
        fatalities: { low: null, best: 4, high: null },
      });
      assert.ok(created && latest && created.seq < latest.seq);
    });

    it("records a liaison officer's POST /api/reports with the officer and party", async () => {
      const res = await api.app.inject({
        method: 'POST',
        url: '/api/reports',
        headers: api.as('liaisonBfa'),
        payload: {
          source: 'Poste de Dori',
          text: 'Des hommes armés ont attaqué Seytenga.',
          client_ref: 'audit-1',
        },
      });
      assert.equal(res.statusCode, 201, res.body);
      const id = res.json().id as number;
      const page = (await get(`/api/audit?subject_type=report&subject_id=${id}`)).json() as {
        items: Entry[];
      };
      assert.equal(page.items.length, 1);
      const entry = page.items[0];
      assert.equal(entry?.action, 'report.create');
      assert.equal(entry?.before, null);
      assert.deepEqual(entry?.actor, {
        name: 'liaisonBfa',
        user_id: entry?.actor.user_id,
        role: 'liaison',
        party: 'BFA',
      });
      assert.equal((entry?.after as { text: string }).text, 'Des hommes armés ont attaqué Seytenga.');
    });

    it('pages the log newest first', async () => {
      const first = (await get('/api/audit?limit=2')).json() as { items: Entry[]; next_before: number };
      assert.equal(first.items.length, 2);
      assert.ok((first.items[0]?.seq ?? 0) > (first.items[1]?.seq ?? 0));
      const next = (await get(`/api/audit?limit=2&before=${first.next_before}`)).json() as { items: Entry[] };
      assert.equal(next.items[0]?.seq, (first.items[1]?.seq ?? 0) - 1);
    });

    it('lets only admins and analysts read entries and proofs, and refuses bad queries', async () => {
      for (const user of ['observer', 'liaisonBfa', 'deciderNer'] as const) {
        assert.equal((await get('/api/audit', user)).statusCode, 403, user);
        assert.equal((await get('/api/audit/proof/0', user)).statusCode, 403, user);
      }
      assert.equal((await get('/api/audit', 'analyst')).statusCode, 200);
      assert.equal((await api.app.inject({ method: 'GET', url: '/api/audit' })).statusCode, 401);
      assert.equal((await get('/api/audit?limit=0')).statusCode, 400);
      assert.equal((await get('/api/audit?subject_type=DROP%20TABLE')).statusCode, 400);
      assert.equal((await get('/api/audit?colour=red')).statusCode, 400);
      assert.equal((await get('/api/audit/proof/-1')).statusCode, 400);
      assert.equal((await get('/api/audit/proof/abc')).statusCode, 400);
    });

    it('serves the latest signed checkpoint to anyone signed in, and proofs that a party can check', async () => {
      assert.equal((await get('/api/audit/checkpoint', 'observer')).statusCode, 404);
      assert.equal((await get('/api/audit/proof/0')).statusCode, 409);
      const signed = await signCheckpoint(api.db.store, key, new Date('2024-06-02T00:00:00Z'));
      assert.ok(signed.ok);
      const checkpoint = await get('/api/audit/checkpoint', 'observer');
      assert.equal(checkpoint.statusCode, 200);
      assert.equal(checkpoint.json().note, signed.note);
      assert.equal(checkpoint.json().size, signed.size);
      const proof = await get(`/api/audit/proof/${signed.size - 1}`, 'analyst');
      assert.equal(proof.statusCode, 200, proof.body);
      assert.deepEqual(checkProof(proof.json(), formatVerifierKey(key.verifier)), { ok: true });
      assert.equal((await get(`/api/audit/proof/${signed.size + 100}`)).statusCode, 404);
    });
  });
}
