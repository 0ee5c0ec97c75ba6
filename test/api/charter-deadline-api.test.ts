/**
 * Deadlines through the API, on a real SQLite file and the real PostgreSQL, with an injected clock: a
 * confirmation opens its decision with a deadline, a ballot after it is refused (409), the Charter tick
 * closes the decision as rejected, and the board lists it under state=rejected.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { charterTick } from '../../src/commands/charter-tick.ts';
import { SYSTEM_VISIBILITY } from '../../src/commands/charter-workflow.ts';
import { actorLookup } from '../../src/reference/actor-lookup.ts';
import { loadReference } from '../../src/reference/load-reference.ts';
import { loadTreaties } from '../../src/reference/treaties.ts';
import { testStoreKinds } from '../support/databases.ts';
import { incidentInput, TEST_ACTOR } from '../support/factories.ts';
import { openApi, type ApiHarness, type UserName } from './api-harness.ts';

interface DecisionBody {
  id: string;
  state: string;
  deadline: string | null;
  closed_at: string | null;
  explanation: string;
}

for (const kind of testStoreKinds) {
  describe(`Charter decision deadlines through the API on ${kind.dialect}`, () => {
    let api: ApiHarness;
    let clock = new Date('2024-06-01T12:00:00Z');
    before(async () => {
      api = await openApi(await kind.open(), { now: () => clock });
    });
    after(() => api.close());

    const post = (user: UserName, url: string, payload: object) =>
      api.app.inject({ method: 'POST', url, headers: api.as(user), payload });

    it('refuses a ballot after the deadline and lets the tick close the decision as rejected', async () => {
      clock = new Date('2024-06-01T12:00:00Z');
      const input = incidentInput({
        eventDate: '2024-05-10',
        country: 'NER',
        location: 'Gaya',
        latitude: 11.88,
        longitude: 3.45,
        actor1: 'Military Forces of Benin (2016-)',
        actor2: 'Military Forces of Niger (2023-)',
        status: 'verified',
      });
      await api.db.store.upsertIncidents([input], {
        actor: TEST_ACTOR,
        changedBy: 'test',
        at: '2024-05-11T00:00:00Z',
      });
      const incident = await api.db.store.getIncidentBySourceKey(input.sourceKey, SYSTEM_VISIBILITY);
      assert.ok(incident);
      const evaluated = await post('analyst', `/api/incidents/${incident.id}/charter/evaluate`, {});
      const art6 = evaluated
        .json<{ proposals: { id: number; treaty: string; article: string; version: number }[] }>()
        .proposals.find((p) => p.treaty === 'liptako-gourma-charter' && p.article === '6');
      assert.ok(art6);
      const reviewed = await post('analyst', `/api/charter/proposals/${art6.id}/review`, {
        version: art6.version,
        verdict: 'confirm',
        reason: 'a garrison was struck',
        decision_deadline: '2024-06-02T12:00:00Z',
      });
      assert.equal(reviewed.statusCode, 200, reviewed.body);
      const decision = reviewed.json<{ decision: DecisionBody }>().decision;
      assert.equal(decision.deadline, '2024-06-02T12:00:00.000Z');

      const inTime = await post('deciderMli', `/api/charter/decisions/${decision.id}/votes`, {
        choice: 'assent',
      });
      assert.equal(inTime.statusCode, 200, inTime.body);
      clock = new Date('2024-06-02T13:00:00Z');
      const late = await post('deciderBfa', `/api/charter/decisions/${decision.id}/votes`, {
        choice: 'assent',
      });
      assert.equal(late.statusCode, 409);
      assert.equal(late.json<{ error: string }>().error, 'deadline_passed');

      const deps = { store: api.db.store, treaties: loadTreaties(), lookup: actorLookup(loadReference()) };
      const tick = await charterTick(deps, clock);
      assert.ok(tick.closed.includes(decision.id));
      const open = await api.app.inject({
        method: 'GET',
        url: '/api/charter/decisions',
        headers: api.as('observer'),
      });
      assert.ok(!open.json<{ items: DecisionBody[] }>().items.some((d) => d.id === decision.id));
      const rejected = await api.app.inject({
        method: 'GET',
        url: '/api/charter/decisions?state=rejected',
        headers: api.as('observer'),
      });
      assert.equal(rejected.statusCode, 200, rejected.body);
      const closed = rejected.json<{ items: DecisionBody[] }>().items.find((d) => d.id === decision.id);
      assert.equal(closed?.closed_at, '2024-06-02T13:00:00.000Z');
      assert.match(closed.explanation, /^deadline .* passed without adoption/);
    });

    it('refuses a decision on a NATIONAL incident until it is shared, then shows the case with the overdue obligations the tick flagged', async () => {
      clock = new Date('2024-06-01T12:00:00Z');
      const input = incidentInput({
        eventDate: '2024-05-10',
        country: 'NER',
        location: 'Gaya',
        latitude: 11.88,
        longitude: 3.45,
        actor1: 'Military Forces of Benin (2016-)',
        actor2: 'Military Forces of Niger (2023-)',
        status: 'verified',
        classification: 'NATIONAL',
        ownerParty: 'NER',
      });
      await api.db.store.upsertIncidents([input], {
        actor: TEST_ACTOR,
        changedBy: 'test',
        at: '2024-05-11T00:00:00Z',
      });
      const incident = await api.db.store.getIncidentBySourceKey(input.sourceKey, SYSTEM_VISIBILITY);
      assert.ok(incident);
      const evaluated = await post('analyst', `/api/incidents/${incident.id}/charter/evaluate`, {});
      const art6 = evaluated
        .json<{ proposals: { id: number; treaty: string; article: string; version: number }[] }>()
        .proposals.find((p) => p.treaty === 'liptako-gourma-charter' && p.article === '6');
      assert.ok(art6);
      const confirm = () =>
        post('analyst', `/api/charter/proposals/${art6.id}/review`, {
          version: art6.version,
          verdict: 'confirm',
          reason: 'a garrison was struck',
        });
      const national = await confirm();
      assert.equal(national.statusCode, 409, 'the other parties could not read what they decide on');
      assert.equal(national.json<{ error: string }>().error, 'not_shared');
      const shared = await api.app.inject({
        method: 'PATCH',
        url: `/api/incidents/${incident.id}`,
        headers: api.as('analyst'),
        payload: { classification: 'AES_RESTRICTED', reason: 'shared with the parties for a decision' },
      });
      assert.equal(shared.statusCode, 200, shared.body);
      const reviewed = await confirm();
      assert.equal(reviewed.statusCode, 200, reviewed.body);
      const decision = reviewed.json<{ decision: DecisionBody }>().decision;
      let caseId = '';
      for (const user of ['deciderMli', 'deciderBfa', 'deciderNer'] as const) {
        const voted = await post(user, `/api/charter/decisions/${decision.id}/votes`, { choice: 'assent' });
        assert.equal(voted.statusCode, 200, voted.body);
        caseId = voted.json<{ assistance_case: { id: string } | null }>().assistance_case?.id ?? caseId;
      }
      assert.notEqual(caseId, '');

      clock = new Date('2024-06-02T13:00:00Z');
      const deps = { store: api.db.store, treaties: loadTreaties(), lookup: actorLookup(loadReference()) };
      await charterTick(deps, clock);
      const shown = await api.app.inject({
        method: 'GET',
        url: `/api/charter/cases/${caseId}`,
        headers: api.as('deciderNer'),
      });
      assert.equal(shown.statusCode, 200, shown.body);
      const obligations = shown.json<{
        obligations: { party: string; overdue: { expected: string; flagged_at: string | null }[] }[];
      }>().obligations;
      assert.deepEqual(
        obligations.map((o) => [o.party, o.overdue.map((x) => [x.expected, x.flagged_at])]),
        [
          ['MLI', [['acknowledged', '2024-06-02T13:00:00.000Z']]],
          ['BFA', [['acknowledged', '2024-06-02T13:00:00.000Z']]],
        ],
      );
      const hidden = await api.app.inject({
        method: 'GET',
        url: `/api/charter/cases/${caseId}`,
        headers: api.as('observer'),
      });
      assert.equal(hidden.statusCode, 404, 'observers read PUBLIC records only');
    });

    it('refuses an unknown decision state in the query with 400', async () => {
      const res = await api.app.inject({
        method: 'GET',
        url: '/api/charter/decisions?state=pending',
        headers: api.as('observer'),
      });
      assert.equal(res.statusCode, 400);
    });
  });
}
