/**
 * PATCH /api/incidents/:id and the Charter, on a real SQLite file and the real PostgreSQL: the
 * Charter facts are shown, edited with validation and read by the engine; verifying an incident
 * evaluates it, and re-coding it revises the proposals the change touches.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SYSTEM_VISIBILITY } from '../../src/commands/charter-workflow.ts';
import { testStoreKinds } from '../support/databases.ts';
import { incidentInput, TEST_ACTOR } from '../support/factories.ts';
import { openApi, type ApiHarness } from './api-harness.ts';

interface ProposalBody {
  treaty: string;
  article: string;
  version: number;
  status: string;
  missing: string[];
  reasons: { fact: string; value: unknown }[];
  history: { state: string; cause: string }[];
}

for (const kind of testStoreKinds) {
  describe(`incident Charter facts and automatic evaluation on ${kind.dialect}`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(await kind.open());
    });
    after(() => api.close());

    /** A shot-down Burkinabè army aircraft over a non-party state (worked example 5), reported. */
    async function addAircraftIncident(): Promise<number> {
      const input = incidentInput({
        eventDate: '2024-05-10',
        country: 'GHA',
        admin1: 'Upper East',
        admin2: null,
        admin3: null,
        location: 'Bawku',
        latitude: 11.06,
        longitude: -0.24,
        eventType: 'Explosions/Remote violence',
        subEventType: 'Air/drone strike',
        actor1: 'Unidentified Armed Group (Ghana)',
        actor2: 'Military Forces of Burkina Faso (2022-)',
        status: 'reported',
      });
      await api.db.store.upsertIncidents([input], {
        actor: TEST_ACTOR,
        changedBy: 'test',
        at: '2024-05-11T00:00:00Z',
      });
      const found = await api.db.store.getIncidentBySourceKey(input.sourceKey, SYSTEM_VISIBILITY);
      assert.ok(found);
      return found.id;
    }

    const patch = (id: number, payload: object) =>
      api.app.inject({ method: 'PATCH', url: `/api/incidents/${id}`, headers: api.as('analyst'), payload });
    const charter = async (id: number): Promise<ProposalBody[]> => {
      const res = await api.app.inject({
        method: 'GET',
        url: `/api/incidents/${id}/charter`,
        headers: api.as('observer'),
      });
      assert.equal(res.statusCode, 200, res.body);
      return res
        .json<{ proposals: ProposalBody[] }>()
        .proposals.filter((p) => p.treaty === 'liptako-gourma-charter');
    };

    it('shows the Charter facts, all unknown, on a new incident', async () => {
      const id = await addAircraftIncident();
      const res = await api.app.inject({
        method: 'GET',
        url: `/api/incidents/${id}`,
        headers: api.as('observer'),
      });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json<{ incident: { charter_facts: object } }>().incident.charter_facts, {
        target: null,
        launched_from: null,
        territory_seized: null,
        actor1_type: null,
        actor2_type: null,
        actor1_state: null,
        actor2_state: null,
      });
    });

    it('evaluates the incident when an analyst verifies it, and revises Art. 7 when the target is stated', async () => {
      const id = await addAircraftIncident();
      assert.deepEqual(await charter(id), [], 'a reported incident has no proposals');
      const verified = await patch(id, { status: 'verified', reason: 'confirmed by the general staff' });
      assert.equal(verified.statusCode, 200, verified.body);
      const first = await charter(id);
      const art7 = first.find((p) => p.article === '7');
      assert.equal(art7?.status, 'proposed', "an attack on a party's forces outside the area");
      assert.deepEqual(
        art7.reasons.find((r) => r.fact === 'target')?.value,
        'forces',
        'the target inferred from actor2',
      );

      const facts = await patch(id, {
        reason: 'an army aircraft was shot down',
        charter_facts: { target: 'aircraft', actor2_type: 'state-force', actor2_state: 'BFA' },
      });
      assert.equal(facts.statusCode, 200, facts.body);
      assert.deepEqual(
        facts.json<{ charter_facts: { target: string; actor2_state: string } }>().charter_facts,
        {
          target: 'aircraft',
          launched_from: null,
          territory_seized: null,
          actor1_type: null,
          actor2_type: 'state-force',
          actor2_state: 'BFA',
          actor1_state: null,
        },
      );
      const second = await charter(id);
      const revised = second.find((p) => p.article === '7');
      assert.equal(revised?.status, 'proposed');
      assert.equal(revised.reasons.find((r) => r.fact === 'target')?.value, 'aircraft');
      assert.equal(revised.version, 2);
      assert.deepEqual(
        revised.history.map((h) => h.state),
        ['superseded', 'open'],
      );
      assert.match(revised.history[1]?.cause ?? '', /^coding changed by analyst: .*target/);
    });

    it('refuses a fact outside its vocabulary or an unknown fact with 400, naming it, and changes nothing', async () => {
      const id = await addAircraftIncident();
      const bad = await patch(id, { reason: 'bad', charter_facts: { target: 'tank' } });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json<{ message: string }>().message, /charter_facts\.target/);
      const unknown = await patch(id, { reason: 'bad', charter_facts: { outside_area: true } });
      assert.equal(unknown.statusCode, 400);
      assert.match(unknown.json<{ message: string }>().message, /outside_area/);
      const code = await patch(id, { reason: 'bad', charter_facts: { launched_from: 'bf' } });
      assert.equal(code.statusCode, 400);
      const still = await api.db.store.getIncident(id, SYSTEM_VISIBILITY);
      assert.equal(still?.revision, 1);
    });
  });
}
