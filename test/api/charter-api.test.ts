/**
 * The Charter workflow through the API, on a real SQLite file and the real PostgreSQL: a verified
 * incident → evaluation → Art. 6 proposal → confirmation → three assents → case with two obligations
 * → acknowledgement; and the refusals (observer, another party's representative, stale review).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Visibility } from '../../src/domain/classification.ts';
import { testStoreKinds } from '../support/databases.ts';
import { incidentInput, TEST_ACTOR } from '../support/factories.ts';
import { openApi, type ApiHarness, type UserName } from './api-harness.ts';

const ALL: Visibility = { classifications: ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL'], nationalOf: null };

interface ProposalBody {
  id: number;
  incident_id: number;
  article: string;
  treaty: string;
  version: number;
  status: string;
  state: string;
}
interface DecisionBody {
  id: string;
  state: string;
  voters: string[];
  awaiting: string[];
  votes: { party: string; choice: string | null }[];
  ballots: unknown[];
}
interface CaseBody {
  id: string;
  victim: string;
  obligations: { party: string; state: string; history: { note: string | null }[] }[];
}

/** Armed forces of Benin strike a Nigerien garrison (worked example 4), verified. */
async function addStrikeOnNiger(
  api: ApiHarness,
  over: Parameters<typeof incidentInput>[0] = {},
): Promise<number> {
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
    ...over,
  });
  await api.db.store.upsertIncidents([input], {
    actor: TEST_ACTOR,
    changedBy: 'test',
    at: '2024-05-11T00:00:00Z',
  });
  const found = await api.db.store.getIncidentBySourceKey(input.sourceKey, ALL);
  assert.ok(found);
  return found.id;
}

for (const kind of testStoreKinds) {
  describe(`Charter workflow API on ${kind.dialect}`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(await kind.open());
    });
    after(() => api.close());

    const post = (user: UserName, url: string, payload: object) =>
      api.app.inject({ method: 'POST', url, headers: api.as(user), payload });
    const get = (user: UserName, url: string) =>
      api.app.inject({ method: 'GET', url, headers: api.as(user) });

    /** Evaluates the incident and confirms its Charter Art. 6 proposal; returns the decision opened. */
    async function openArt6Decision(incidentId: number): Promise<DecisionBody> {
      const evaluated = await post('analyst', `/api/incidents/${incidentId}/charter/evaluate`, {});
      assert.equal(evaluated.statusCode, 200, evaluated.body);
      const { proposals } = evaluated.json<{ proposals: ProposalBody[] }>();
      const art6 = proposals.find((p) => p.treaty === 'liptako-gourma-charter' && p.article === '6');
      assert.ok(art6);
      const reviewed = await post('analyst', `/api/charter/proposals/${art6.id}/review`, {
        version: art6.version,
        verdict: 'confirm',
        reason: 'the forces of a non-party state struck a garrison',
      });
      assert.equal(reviewed.statusCode, 200, reviewed.body);
      const { decision } = reviewed.json<{ decision: DecisionBody | null }>();
      assert.ok(decision);
      return decision;
    }

    it('takes a verified incident from proposal to confirmation, three assents, a case with two obligations and an acknowledgement', async () => {
      const incidentId = await addStrikeOnNiger(api);
      const evaluated = await post('analyst', `/api/incidents/${incidentId}/charter/evaluate`, {});
      assert.equal(evaluated.statusCode, 200, evaluated.body);
      const listed = await get('observer', `/api/incidents/${incidentId}/charter`);
      assert.equal(listed.statusCode, 200);
      const proposals = listed.json<{ proposals: ProposalBody[] }>().proposals;
      const art6 = proposals.find((p) => p.treaty === 'liptako-gourma-charter' && p.article === '6');
      assert.deepEqual(
        art6 && [art6.status, art6.state, art6.version],
        ['proposed', 'open', 1],
        'the engine proposes Art. 6 and nobody reviewed it yet',
      );
      assert.ok(art6);

      const reviewed = await post('analyst', `/api/charter/proposals/${art6.id}/review`, {
        version: 1,
        verdict: 'confirm',
        reason: 'the forces of a non-party state struck a garrison',
      });
      assert.equal(reviewed.statusCode, 200, reviewed.body);
      const { proposal, decision } = reviewed.json<{ proposal: ProposalBody; decision: DecisionBody }>();
      assert.equal(proposal.state, 'confirmed');
      assert.deepEqual(decision.voters, ['MLI', 'BFA', 'NER']);

      const board = await get('liaisonBfa', '/api/charter/decisions');
      const open = board.json<{ items: DecisionBody[] }>().items.find((d) => d.id === decision.id);
      assert.deepEqual(open?.awaiting, ['MLI', 'BFA', 'NER']);

      let last: { decision: DecisionBody; assistance_case: CaseBody | null } | null = null;
      for (const user of ['deciderMli', 'deciderBfa', 'deciderNer'] as const) {
        const voted = await post(user, `/api/charter/decisions/${decision.id}/votes`, { choice: 'assent' });
        assert.equal(voted.statusCode, 200, voted.body);
        last = voted.json();
      }
      assert.equal(last?.decision.state, 'adopted');
      const opened = last?.assistance_case;
      assert.ok(opened);
      assert.equal(opened.victim, 'NER');
      assert.deepEqual(
        opened.obligations.map((o) => [o.party, o.state]),
        [
          ['MLI', 'pending'],
          ['BFA', 'pending'],
        ],
      );
      const stillOpen = (await get('analyst', '/api/charter/decisions')).json<{ items: DecisionBody[] }>();
      assert.ok(
        !stillOpen.items.some((d) => d.id === decision.id),
        'an adopted decision leaves the open list',
      );

      const acknowledged = await post('liaisonBfa', `/api/charter/cases/${opened.id}/obligations/BFA`, {
        state: 'acknowledged',
        reason: 'received by the general staff',
      });
      assert.equal(acknowledged.statusCode, 200, acknowledged.body);
      const cases = (await get('observer', '/api/charter/cases')).json<{ items: CaseBody[] }>();
      const c = cases.items.find((x) => x.id === opened.id);
      assert.deepEqual(
        c?.obligations.map((o) => [o.party, o.state]),
        [
          ['MLI', 'pending'],
          ['BFA', 'acknowledged'],
        ],
      );
      assert.equal(c?.obligations[1]?.history.at(-1)?.note, 'received by the general staff');
    });

    it("refuses an observer's and a liaison officer's vote with 403, and a vote naming another party with 400", async () => {
      const decision = await openArt6Decision(await addStrikeOnNiger(api));
      const observer = await post('observer', `/api/charter/decisions/${decision.id}/votes`, {
        choice: 'assent',
      });
      assert.equal(observer.statusCode, 403);
      assert.equal(observer.json<{ error: string }>().error, 'not_representative');
      const liaison = await post('liaisonMli', `/api/charter/decisions/${decision.id}/votes`, {
        choice: 'assent',
      });
      assert.equal(liaison.statusCode, 403, 'a liaison officer does not vote');
      // The body cannot name another party: the party is the session's.
      const smuggled = await post('deciderNer', `/api/charter/decisions/${decision.id}/votes`, {
        choice: 'assent',
        party: 'MLI',
      });
      assert.equal(smuggled.statusCode, 400);
    });

    it('replaces a party’s earlier vote with its later one while the decision is open', async () => {
      const decision = await openArt6Decision(await addStrikeOnNiger(api));
      const first = await post('deciderBfa', `/api/charter/decisions/${decision.id}/votes`, {
        choice: 'abstention',
      });
      assert.equal(first.statusCode, 200, first.body);
      const second = await post('deciderBfa', `/api/charter/decisions/${decision.id}/votes`, {
        choice: 'assent',
      });
      const after = second.json<{ decision: DecisionBody }>().decision;
      assert.equal(after.state, 'open');
      assert.equal(after.votes.find((v) => v.party === 'BFA')?.choice, 'assent');
      assert.equal(after.ballots.length, 2, 'the replaced ballot stays in the history');
      assert.deepEqual(after.awaiting, ['MLI', 'NER']);
    });

    it('refuses a vote once the decision is closed (409) and a second review of the same version', async () => {
      const incidentId = await addStrikeOnNiger(api);
      const decision = await openArt6Decision(incidentId);
      const objected = await post('deciderMli', `/api/charter/decisions/${decision.id}/votes`, {
        choice: 'objection',
      });
      assert.equal(objected.json<{ decision: DecisionBody }>().decision.state, 'rejected');
      const late = await post('deciderMli', `/api/charter/decisions/${decision.id}/votes`, {
        choice: 'assent',
      });
      assert.equal(late.statusCode, 409);
      assert.equal(late.json<{ error: string }>().error, 'decision_closed');

      const listed = (await get('analyst', `/api/incidents/${incidentId}/charter`)).json<{
        proposals: ProposalBody[];
      }>();
      const art6 = listed.proposals.find((p) => p.treaty === 'liptako-gourma-charter' && p.article === '6');
      assert.ok(art6);
      const again = await post('analyst', `/api/charter/proposals/${art6.id}/review`, {
        version: 1,
        verdict: 'reject',
        reason: 'second thoughts',
      });
      assert.equal(again.statusCode, 409);
    });

    it('hides the Charter records of an incident the viewer may not see (404) and refuses an unknown obligation move', async () => {
      const hidden = await addStrikeOnNiger(api, { classification: 'NATIONAL', ownerParty: 'NER' });
      assert.equal((await post('analyst', `/api/incidents/${hidden}/charter/evaluate`, {})).statusCode, 200);
      assert.equal((await get('liaisonMli', `/api/incidents/${hidden}/charter`)).statusCode, 404);
      const proposals = (await get('analyst', `/api/incidents/${hidden}/charter`)).json<{
        proposals: ProposalBody[];
      }>().proposals;
      const first = proposals[0];
      assert.ok(first);
      const review = await post('admin', `/api/charter/proposals/${first.id}/review`, {
        version: 1,
        verdict: 'reject',
        reason: 'no',
      });
      assert.equal(review.statusCode, 200, 'an admin sees NATIONAL records');
      const none = await post('liaisonBfa', '/api/charter/cases/case-none/obligations/BFA', {
        state: 'acknowledged',
      });
      assert.equal(none.statusCode, 404);
    });

    it('lists the proposals waiting for review across incidents, hiding those the viewer may not read', async () => {
      const shared = await addStrikeOnNiger(api);
      const national = await addStrikeOnNiger(api, { classification: 'NATIONAL', ownerParty: 'NER' });
      for (const id of [shared, national])
        assert.equal((await post('analyst', `/api/incidents/${id}/charter/evaluate`, {})).statusCode, 200);
      type Listed = { items: ProposalBody[] };
      const open = (user: UserName) =>
        get(user, '/api/charter/proposals?limit=500').then((r) => {
          assert.equal(r.statusCode, 200, r.body);
          return r.json<Listed>().items;
        });
      const seen = await open('analyst');
      assert.ok(seen.every((p) => p.state === 'open' && p.status !== 'not_engaged'));
      const art6 = seen.find((p) => p.incident_id === shared && p.article === '6');
      assert.ok(art6, 'the open Art. 6 proposal is on the board');
      assert.ok(seen.some((p) => p.incident_id === national));
      const mali = await open('liaisonMli');
      assert.ok(mali.some((p) => p.incident_id === shared));
      assert.ok(
        !mali.some((p) => p.incident_id === national),
        "Niger's NATIONAL record is not Mali's to see",
      );
      const reviewed = await post('analyst', `/api/charter/proposals/${art6.id}/review`, {
        version: art6.version,
        verdict: 'reject',
        reason: 'not an armed attack by a state',
      });
      assert.equal(reviewed.statusCode, 200, reviewed.body);
      assert.ok(
        !(await open('analyst')).some((p) => p.id === art6.id),
        'a reviewed proposal leaves the board',
      );
      assert.equal((await get('analyst', '/api/charter/proposals?limit=0')).statusCode, 400);
    });

    it('evaluates incidents verified in bulk from the triage queue at once', async () => {
      const id = await addStrikeOnNiger(api, { status: 'machine-coded' });
      assert.equal(
        (await get('analyst', `/api/incidents/${id}/charter`)).json<{ proposals: unknown[] }>().proposals
          .length,
        0,
      );
      const bulk = await post('analyst', '/api/incidents/bulk', { ids: [id], action: 'verify' });
      assert.equal(bulk.statusCode, 200, bulk.body);
      const proposals = (await get('analyst', `/api/incidents/${id}/charter`)).json<{
        proposals: ProposalBody[];
      }>().proposals;
      assert.ok(
        proposals.some((p) => p.article === '6' && p.status !== 'not_engaged'),
        'the Art. 6 proposal exists right after verification',
      );
    });
  });
}
