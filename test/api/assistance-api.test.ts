/**
 * The mutual-assistance ledger through the API, on a real SQLite file and the real PostgreSQL: a
 * Charter case's victim asks, the others pledge, send and the victim confirms receipt, the obligations
 * following; refusals with their status and message (over the request, negative quantities, a receipt
 * for a dispatch never sent); the board's filters and roll-ups; the scorecards; classification.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SYSTEM_VISIBILITY } from '../../src/commands/charter-deps.ts';
import { testStoreKinds } from '../support/databases.ts';
import { incidentInput, TEST_ACTOR } from '../support/factories.ts';
import { openApi, type ApiHarness, type UserName } from './api-harness.ts';

interface Detail {
  id: number;
  party: string;
  case_id: string | null;
  classification: string;
  pledging_parties: string[];
  rollup: Record<string, number | string | boolean>;
  pledges: { id: number; party: string; counted: number; dispatch_status: string; receipt_status: string }[];
  dispatches: { id: number; pledge_id: number; receipt_status: string }[];
  receipts: { id: number; dispatch_id: number; quantity: number }[];
  history: { kind: string; party: string }[];
}

for (const kind of testStoreKinds) {
  describe(`assistance ledger through the API on ${kind.dialect}`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(await kind.open());
    });
    after(() => api.close());

    const post = (user: UserName, url: string, payload: object) =>
      api.app.inject({ method: 'POST', url, headers: api.as(user), payload });
    const get = (user: UserName, url: string) =>
      api.app.inject({ method: 'GET', url, headers: api.as(user) });

    /** A verified strike by Benin's forces on a Nigerien garrison, through the Charter to an adopted Art. 6 case. */
    async function niger(): Promise<string> {
      const input = incidentInput({
        eventDate: '2024-05-10',
        country: 'NER',
        admin1: 'Dosso',
        admin2: null,
        admin3: null,
        location: 'Gaya',
        latitude: 11.88,
        longitude: 3.45,
        actor1: 'Military Forces of Benin (2016-)',
        actor2: 'Military Forces of Niger (2023-)',
        status: 'verified',
        classification: 'AES_RESTRICTED',
      });
      await api.db.store.upsertIncidents([input], {
        changedBy: 'test',
        at: '2024-05-11T00:00:00Z',
        actor: TEST_ACTOR,
      });
      const incident = await api.db.store.getIncidentBySourceKey(input.sourceKey, SYSTEM_VISIBILITY);
      assert.ok(incident);
      const evaluated = await post('admin', `/api/incidents/${incident.id}/charter/evaluate`, {});
      const art6 = evaluated
        .json<{ proposals: { id: number; article: string; treaty: string; version: number }[] }>()
        .proposals.find((p) => p.article === '6' && p.treaty === 'liptako-gourma-charter');
      assert.ok(art6);
      const reviewed = await post('admin', `/api/charter/proposals/${art6.id}/review`, {
        version: art6.version,
        verdict: 'confirm',
        reason: 'a non-party state struck a garrison',
      });
      const decisionId = reviewed.json<{ decision: { id: string } }>().decision.id;
      let caseId = '';
      for (const user of ['deciderMli', 'deciderBfa', 'deciderNer'] as const) {
        const voted = await post(user, `/api/charter/decisions/${decisionId}/votes`, { choice: 'assent' });
        assert.equal(voted.statusCode, 200, voted.body);
        caseId = voted.json<{ assistance_case: { id: string } | null }>().assistance_case?.id ?? caseId;
      }
      assert.notEqual(caseId, '');
      return caseId;
    }

    const obligationOf = async (caseId: string, party: string): Promise<string | undefined> =>
      (await get('admin', `/api/charter/cases/${encodeURIComponent(caseId)}`))
        .json<{ obligations: { party: string; state: string }[] }>()
        .obligations.find((o) => o.party === party)?.state;

    it('runs request → pledge → dispatch → receipt on a Charter case, the obligation following to fulfilled', async () => {
      const caseId = await niger();
      const made = await post('deciderNer', '/api/assistance/requests', {
        case_id: caseId,
        category: 'fuel',
        unit: 'litres',
        quantity: 20000,
        place: 'Gaya',
        needed_by: '2024-06-05',
        priority: 'critical',
        description: 'diesel for the garrison',
        classification: 'PUBLIC',
      });
      assert.equal(made.statusCode, 201, made.body);
      const request = made.json<Detail>();
      assert.deepEqual([request.party, request.case_id], ['NER', caseId]);
      assert.equal(
        request.classification,
        'AES_RESTRICTED',
        "the case incident's classification is the floor",
      );

      const pledged = await post('deciderMli', `/api/assistance/requests/${request.id}/pledges`, {
        quantity: 12000,
        available_from: '2024-06-02',
        note: 'from Sévaré',
      });
      assert.equal(pledged.statusCode, 201, pledged.body);
      assert.equal(await obligationOf(caseId, 'MLI'), 'pledged');
      const pledgeId = pledged.json<Detail>().pledges[0]?.id ?? 0;

      const over = await post('liaisonBfa', `/api/assistance/requests/${request.id}/pledges`, {
        quantity: 8001,
        available_from: '2024-06-02',
      });
      assert.equal(over.statusCode, 422);
      assert.equal(over.json<{ error: string }>().error, 'over_request');
      assert.match(over.json<{ message: string }>().message, /still needs: 8000 litres/);

      const negative = await post('liaisonBfa', `/api/assistance/requests/${request.id}/pledges`, {
        quantity: -5,
        available_from: '2024-06-02',
      });
      assert.deepEqual(
        [negative.statusCode, negative.json<{ error: string }>().error],
        [422, 'invalid_quantity'],
      );

      const sent = await post('liaisonMli', `/api/assistance/requests/${request.id}/dispatches`, {
        pledge_id: pledgeId,
        quantity: 12000,
        expected_by: '2024-06-04',
        reference: 'convoy MLI-7',
      });
      assert.equal(sent.statusCode, 201, sent.body);
      assert.equal(await obligationOf(caseId, 'MLI'), 'delivering');
      const dispatchId = sent.json<Detail>().dispatches[0]?.id ?? 0;

      const unsent = await post('deciderNer', `/api/assistance/requests/${request.id}/receipts`, {
        dispatch_id: dispatchId + 1000,
        quantity: 10,
      });
      assert.equal(unsent.statusCode, 422);
      assert.equal(unsent.json<{ error: string }>().error, 'dispatch_not_sent');
      assert.match(unsent.json<{ message: string }>().message, /was sent on request/);
      const byPledger = await post('deciderMli', `/api/assistance/requests/${request.id}/receipts`, {
        dispatch_id: dispatchId,
        quantity: 10,
      });
      assert.equal(byPledger.statusCode, 403);

      const half = await post('deciderNer', `/api/assistance/requests/${request.id}/receipts`, {
        dispatch_id: dispatchId,
        quantity: 6000,
      });
      assert.equal(half.statusCode, 201, half.body);
      assert.equal(await obligationOf(caseId, 'MLI'), 'delivering');
      const rest = await post('deciderNer', `/api/assistance/requests/${request.id}/receipts`, {
        dispatch_id: dispatchId,
        quantity: 6000,
        note: 'all arrived',
      });
      const detail = rest.json<Detail>();
      assert.equal(await obligationOf(caseId, 'MLI'), 'fulfilled');
      // 12,000 of the 20,000 litres asked were pledged, sent and received: partial, still in transit.
      assert.deepEqual(detail.rollup, {
        ...detail.rollup,
        requested: 20000,
        committed: 12000,
        dispatched: 12000,
        in_transit: 0,
        fulfilled: 12000,
        outstanding: 8000,
        committed_status: 'partial',
        fulfilled_status: 'partial',
        stage: 'in-transit',
      });
      assert.deepEqual(
        detail.history.map((h) => h.kind),
        ['requested', 'pledged', 'dispatched', 'received', 'received'],
      );
      assert.equal(
        await obligationOf(caseId, 'BFA'),
        'pending',
        'a party that pledged nothing stays where it was',
      );

      const overReceipt = await post('deciderNer', `/api/assistance/requests/${request.id}/receipts`, {
        dispatch_id: dispatchId,
        quantity: 1,
      });
      assert.deepEqual(
        [overReceipt.statusCode, overReceipt.json<{ error: string }>().error],
        [422, 'over_dispatch'],
      );

      const listed = await get(
        'liaisonBfa',
        `/api/assistance/requests?case_id=${encodeURIComponent(caseId)}`,
      );
      assert.deepEqual(
        listed.json<{ items: { id: number }[] }>().items.map((i) => i.id),
        [request.id],
      );
      const byPledger2 = await get('admin', '/api/assistance/requests?pledging_party=MLI&stage=in-transit');
      assert.ok(byPledger2.json<{ items: { id: number }[] }>().items.some((i) => i.id === request.id));

      const cards = await get('observer', '/api/assistance/scorecards');
      assert.equal(cards.statusCode, 200);
      assert.equal(
        cards.json<{ items: { party: string }[] }>().items.some((c) => c.party === 'MLI'),
        true,
      );
      const admin = (await get('admin', '/api/assistance/scorecards')).json<{
        items: {
          party: string;
          obligations: { met: number };
          pledges: number;
          delivered: number;
          median_hours_to_delivery: number | null;
        }[];
      }>();
      const mli = admin.items.find((c) => c.party === 'MLI');
      assert.deepEqual(
        [mli?.obligations.met, mli?.pledges, mli?.delivered, mli?.median_hours_to_delivery],
        [1, 1, 1, 0],
      );
    });

    it('refuses a request by another party, on a case whose victim it is not, in the wrong unit, and negative', async () => {
      const base = {
        category: 'food',
        unit: 'tonnes',
        quantity: 50,
        place: 'Mopti',
        needed_by: '2024-06-20',
        priority: 'high',
      };
      const other = await post('liaisonMli', '/api/assistance/requests', { ...base, party: 'BFA' });
      assert.equal(other.statusCode, 403);
      const analyst = await post('analyst', '/api/assistance/requests', { ...base, party: 'MLI' });
      assert.equal(analyst.statusCode, 403);
      const unit = await post('liaisonMli', '/api/assistance/requests', { ...base, unit: 'litres' });
      assert.deepEqual([unit.statusCode, unit.json<{ error: string }>().error], [422, 'wrong_unit']);
      const neg = await post('liaisonMli', '/api/assistance/requests', { ...base, quantity: -1 });
      assert.deepEqual([neg.statusCode, neg.json<{ error: string }>().error], [422, 'invalid_quantity']);
      const noParty = await post('admin', '/api/assistance/requests', base);
      assert.equal(noParty.statusCode, 422);
      const caseId = await niger();
      const notVictim = await post('liaisonMli', '/api/assistance/requests', { ...base, case_id: caseId });
      assert.equal(notVictim.statusCode, 422);
      assert.match(notVictim.json<{ message: string }>().message, /owes assistance to NER/);
      const unknownCase = await post('liaisonMli', '/api/assistance/requests', {
        ...base,
        case_id: 'no-such-case',
      });
      assert.equal(unknownCase.statusCode, 404);
    });

    it('keeps a NATIONAL request to its party, pledges in euros with their rate, and cancels with a reason', async () => {
      const national = await post('liaisonMli', '/api/assistance/requests', {
        category: 'intelligence',
        unit: 'isr-hours',
        quantity: 40,
        place: 'Ménaka',
        needed_by: '2024-06-20',
        priority: 'medium',
        classification: 'NATIONAL',
      });
      assert.equal(national.statusCode, 201);
      const id = national.json<Detail>().id;
      assert.equal((await get('deciderNer', `/api/assistance/requests/${id}`)).statusCode, 404);
      assert.equal((await get('observer', `/api/assistance/requests/${id}`)).statusCode, 404);
      assert.equal((await get('analyst', `/api/assistance/requests/${id}`)).statusCode, 200);
      assert.equal(
        (
          await post('deciderNer', `/api/assistance/requests/${id}/pledges`, {
            quantity: 1,
            available_from: '2024-06-02',
          })
        ).statusCode,
        404,
      );

      const funds = await post('liaisonMli', '/api/assistance/requests', {
        category: 'funds',
        unit: 'XOF',
        quantity: 50_000_000,
        place: 'Bamako',
        needed_by: '2024-07-01',
        priority: 'high',
      });
      const fundsId = funds.json<Detail>().id;
      const noRate = await post('deciderNer', `/api/assistance/requests/${fundsId}/pledges`, {
        unit: 'EUR',
        quantity: 10000,
        available_from: '2024-06-02',
      });
      assert.deepEqual([noRate.statusCode, noRate.json<{ error: string }>().error], [422, 'rate_required']);
      const euros = await post('deciderNer', `/api/assistance/requests/${fundsId}/pledges`, {
        unit: 'EUR',
        quantity: 10000,
        rate: 655.957,
        rate_date: '2024-06-01',
        available_from: '2024-06-02',
      });
      assert.equal(euros.statusCode, 201, euros.body);
      assert.equal(euros.json<Detail>().pledges[0]?.counted, 6_559_570);

      // Niger withdraws what it has not sent: the request needs it again, and Burkina Faso pledges it.
      const euroPledge = euros.json<Detail>().pledges[0]?.id ?? 0;
      const withdrawn = await post('deciderNer', `/api/assistance/requests/${fundsId}/withdrawals`, {
        pledge_id: euroPledge,
        reason: 'the transfer was blocked',
      });
      assert.equal(withdrawn.statusCode, 200, withdrawn.body);
      assert.equal(withdrawn.json<Detail>().rollup['outstanding'], 50_000_000);
      assert.deepEqual(
        withdrawn.json<Detail>().history.map((h) => h.kind),
        ['requested', 'pledged', 'withdrawn'],
      );
      const notTheirPledge = await post('liaisonBfa', `/api/assistance/requests/${fundsId}/withdrawals`, {
        pledge_id: euroPledge,
        reason: 'x',
      });
      assert.equal(notTheirPledge.statusCode, 403);
      const bfa = await post('liaisonBfa', `/api/assistance/requests/${fundsId}/pledges`, {
        quantity: 50_000_000,
        available_from: '2024-06-02',
      });
      assert.equal(bfa.statusCode, 201, bfa.body);

      const noReason = await post('liaisonMli', `/api/assistance/requests/${fundsId}/cancel`, { reason: '' });
      assert.equal(noReason.statusCode, 400);
      const notTheirs = await post('deciderNer', `/api/assistance/requests/${fundsId}/cancel`, {
        reason: 'x',
      });
      assert.equal(notTheirs.statusCode, 403);
      const cancelled = await post('liaisonMli', `/api/assistance/requests/${fundsId}/cancel`, {
        reason: 'budget found',
      });
      assert.equal(cancelled.statusCode, 200);
      const again = await post('deciderNer', `/api/assistance/requests/${fundsId}/pledges`, {
        quantity: 1,
        available_from: '2024-06-02',
      });
      assert.deepEqual([again.statusCode, again.json<{ error: string }>().error], [409, 'request_closed']);
    });
  });
}
