/**
 * Rebellion cases, consultations, decisions opened on their own and membership events through the
 * API, on a real SQLite file and the real PostgreSQL: who may do what (403), what a viewer may not
 * see (404), illegal moves (409), bad input (400), and the records as the board reads them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SYSTEM_VISIBILITY } from '../../src/commands/charter-deps.ts';
import { testStoreKinds } from '../support/databases.ts';
import { incidentInput, TEST_ACTOR } from '../support/factories.ts';
import { openApi, type ApiHarness, type UserName } from './api-harness.ts';

interface RebellionBody {
  id: string;
  party: string;
  level: string;
  incident_ids: number[];
  has_peaceful_step: boolean;
  steps: { level: string; peaceful_means: string[]; decision_id: string | null }[];
  closed: { outcome: string } | null;
}
interface ConsultationBody {
  id: string;
  concerned: string[];
  visible_to: string[];
  statements: { party: string; text: string }[];
  closed: { outcome: string } | null;
}
interface DecisionBody {
  id: string;
  state: string;
  voters: string[];
  subject: { kind: string; rebellion_case_id: string | null; state: string | null };
}

for (const kind of testStoreKinds) {
  describe(`Charter cases through the API on ${kind.dialect}`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(await kind.open());
    });
    after(() => api.close());

    const post = (user: UserName, url: string, payload: object) =>
      api.app.inject({ method: 'POST', url, headers: api.as(user), payload });
    const get = (user: UserName, url: string) =>
      api.app.inject({ method: 'GET', url, headers: api.as(user) });

    /** FLA rebels take a town in Kidal region (worked example 3). */
    async function addKidal(over: Parameters<typeof incidentInput>[0] = {}): Promise<number> {
      const input = incidentInput({
        eventDate: '2024-05-20',
        admin1: 'Kidal',
        location: 'Anefis',
        eventType: 'Battles',
        subEventType: 'Non-state actor overtakes territory',
        actor1: 'FLA: Azawad Liberation Front',
        actor2: null,
        status: 'verified',
        ...over,
      });
      await api.db.store.upsertIncidents([input], {
        actor: TEST_ACTOR,
        changedBy: 'test',
        at: '2024-05-21T00:00:00Z',
      });
      const found = await api.db.store.getIncidentBySourceKey(input.sourceKey, SYSTEM_VISIBILITY);
      assert.ok(found);
      return found.id;
    }

    it('documents every Charter route in the OpenAPI document', async () => {
      const doc = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
        paths: Record<string, unknown>;
      }>();
      for (const path of [
        '/api/charter/decisions',
        '/api/charter/decisions/{id}',
        '/api/charter/cases/{id}',
        '/api/charter/rebellion-cases',
        '/api/charter/rebellion-cases/{id}/steps',
        '/api/charter/consultations/{id}/statements',
        '/api/charter/membership-events',
      ])
        assert.ok(path in doc.paths, path);
    });

    it('keeps a rebellion case from monitoring through mediation to force on an adopted decision', async () => {
      const incidentId = await addKidal();
      assert.equal(
        (await post('observer', '/api/charter/rebellion-cases', { incident_id: incidentId })).statusCode,
        403,
        'observers read only',
      );
      assert.equal(
        (await post('liaisonBfa', '/api/charter/rebellion-cases', { incident_id: incidentId })).statusCode,
        403,
        "Burkina Faso's officer does not act for Mali",
      );
      const opened = await post('liaisonMli', '/api/charter/rebellion-cases', {
        incident_id: incidentId,
        note: 'FLA holds Anefis',
      });
      assert.equal(opened.statusCode, 200, opened.body);
      const { rebellion_case: created } = opened.json<{ rebellion_case: RebellionBody }>();
      assert.deepEqual(
        [created.party, created.level, created.incident_ids],
        ['MLI', 'monitoring', [incidentId]],
      );

      const noMeans = await post('analyst', `/api/charter/rebellion-cases/${created.id}/steps`, {
        level: 'dialogue',
      });
      assert.equal(noMeans.statusCode, 422);
      const force = await post('analyst', `/api/charter/rebellion-cases/${created.id}/steps`, {
        level: 'use-of-force',
      });
      assert.equal(force.statusCode, 409);
      assert.equal(force.json<{ error: string }>().error, 'not_adopted');
      const mediation = await post('liaisonMli', `/api/charter/rebellion-cases/${created.id}/steps`, {
        level: 'mediation',
        peaceful_means: ['talks in Algiers'],
      });
      assert.equal(mediation.statusCode, 200, mediation.body);
      assert.equal(mediation.json<RebellionBody>().has_peaceful_step, true);

      const opening = await post('deciderMli', '/api/charter/decisions', {
        subject: { kind: 'use-of-force', rebellion_case_id: created.id, justification: 'talks failed' },
      });
      assert.equal(opening.statusCode, 200, opening.body);
      const decision = opening.json<DecisionBody>();
      assert.equal(decision.subject.rebellion_case_id, created.id);
      for (const user of ['deciderMli', 'deciderBfa', 'deciderNer'] as const)
        assert.equal(
          (await post(user, `/api/charter/decisions/${decision.id}/votes`, { choice: 'assent' })).statusCode,
          200,
        );
      assert.equal(
        (await get('observer', `/api/charter/decisions/${decision.id}`)).json<DecisionBody>().state,
        'adopted',
      );
      const moved = await post('analyst', `/api/charter/rebellion-cases/${created.id}/steps`, {
        level: 'use-of-force',
        decision_id: decision.id,
      });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.equal(moved.json<RebellionBody>().level, 'use-of-force');

      const closed = await post('analyst', `/api/charter/rebellion-cases/${created.id}/close`, {
        outcome: 'Anefis retaken',
      });
      assert.equal(closed.statusCode, 200);
      const again = await post('analyst', `/api/charter/rebellion-cases/${created.id}/close`, {
        outcome: 'twice',
      });
      assert.equal(again.statusCode, 409);
      const listed = (await get('observer', '/api/charter/rebellion-cases?party=MLI')).json<{
        items: RebellionBody[];
      }>();
      assert.equal(listed.items.find((c) => c.id === created.id)?.closed?.outcome, 'Anefis retaken');
    });

    it('opens the rebellion case when Art. 5 is confirmed, and a consultation when Art. 8 is, from incidents verified through PATCH', async () => {
      const kidal = await addKidal({ status: 'reported', location: 'Ber' });
      const patch = (id: number, payload: object) =>
        api.app.inject({ method: 'PATCH', url: `/api/incidents/${id}`, headers: api.as('analyst'), payload });
      const verifiedKidal = await patch(kidal, { status: 'verified', reason: 'confirmed' });
      assert.equal(verifiedKidal.statusCode, 200, verifiedKidal.body);
      const proposals = (await get('analyst', `/api/incidents/${kidal}/charter`)).json<{
        proposals: { id: number; treaty: string; article: string; version: number; status: string }[];
      }>().proposals;
      const art5 = proposals.find((p) => p.treaty === 'liptako-gourma-charter' && p.article === '5');
      assert.ok(art5 && art5.status !== 'not_engaged', 'the engine reads a rebellion');
      const confirmed = await post('analyst', `/api/charter/proposals/${art5.id}/review`, {
        version: art5.version,
        verdict: 'confirm',
        reason: 'FLA took Ber',
      });
      assert.equal(confirmed.statusCode, 200, confirmed.body);
      const rebellion = confirmed.json<{ rebellion_case: RebellionBody | null }>().rebellion_case;
      assert.ok(rebellion);
      assert.equal(rebellion.party, 'MLI');
      assert.ok(rebellion.incident_ids.includes(kidal));

      const input = incidentInput({
        eventDate: '2024-05-20',
        country: 'NER',
        admin1: 'Tillabéri',
        location: 'Téra',
        actor1: 'JNIM: Group for Support of Islam and Muslims',
        actor2: 'Military Forces of Niger (2023-)',
        status: 'reported',
      });
      await api.db.store.upsertIncidents([input], {
        actor: TEST_ACTOR,
        changedBy: 'test',
        at: '2024-05-21T00:00:00Z',
      });
      const tera = (await api.db.store.getIncidentBySourceKey(input.sourceKey, SYSTEM_VISIBILITY))?.id;
      assert.ok(tera);
      const verified = await patch(tera, {
        status: 'verified',
        reason: 'the attackers withdrew into Burkina Faso',
        charter_facts: { launched_from: 'BFA' },
      });
      assert.equal(verified.statusCode, 200, verified.body);
      const art8 = (await get('analyst', `/api/incidents/${tera}/charter`))
        .json<{
          proposals: { id: number; treaty: string; article: string; version: number; status: string }[];
        }>()
        .proposals.find((p) => p.treaty === 'liptako-gourma-charter' && p.article === '8');
      assert.ok(art8 && art8.status !== 'not_engaged', 'launched from a party: a compliance concern');
      const reviewed = await post('analyst', `/api/charter/proposals/${art8.id}/review`, {
        version: art8.version,
        verdict: 'confirm',
        reason: 'launched from Burkina Faso',
      });
      assert.equal(reviewed.statusCode, 200, reviewed.body);
      const consultation = reviewed.json<{ consultation: ConsultationBody | null }>().consultation;
      assert.deepEqual(consultation?.concerned, ['BFA', 'NER']);
      const listed = (await get('deciderMli', '/api/charter/consultations')).json<{
        items: ConsultationBody[];
      }>();
      assert.ok(
        listed.items.some((c) => c.id === consultation.id),
        'every party reads it',
      );
    });

    it('hides a rebellion case on a NATIONAL incident from another party and from observers (404), and a NATIONAL incident added to a public case', async () => {
      const incidentId = await addKidal({
        country: 'BFA',
        admin1: 'Sahel',
        location: 'Djibo',
        classification: 'NATIONAL',
        ownerParty: 'BFA',
      });
      const opened = await post('analyst', '/api/charter/rebellion-cases', { incident_id: incidentId });
      assert.equal(opened.statusCode, 200, opened.body);
      const { id } = opened.json<{ rebellion_case: RebellionBody }>().rebellion_case;
      assert.equal((await get('liaisonBfa', `/api/charter/rebellion-cases/${id}`)).statusCode, 200);
      assert.equal((await get('deciderMli', `/api/charter/rebellion-cases/${id}`)).statusCode, 404);
      assert.equal((await get('observer', `/api/charter/rebellion-cases/${id}`)).statusCode, 404);
      const step = await post('liaisonMli', `/api/charter/rebellion-cases/${id}/steps`, {
        level: 'dialogue',
        peaceful_means: ['x'],
      });
      assert.equal(step.statusCode, 404, 'what one may not see one cannot move');
      const list = (await get('observer', '/api/charter/rebellion-cases')).json<{ items: RebellionBody[] }>();
      assert.ok(!list.items.some((c) => c.id === id));

      const publicOne = await addKidal({ country: 'NER', admin1: 'Agadez', location: 'Arlit' });
      const secret = await addKidal({
        country: 'NER',
        admin1: 'Agadez',
        location: 'Iferouane',
        classification: 'NATIONAL',
        ownerParty: 'NER',
      });
      const first = await post('analyst', '/api/charter/rebellion-cases', { incident_id: publicOne });
      const caseId = first.json<{ rebellion_case: RebellionBody }>().rebellion_case.id;
      const added = await post('analyst', '/api/charter/rebellion-cases', { incident_id: secret });
      assert.equal(added.json<{ created: boolean }>().created, false);
      const seenByNiger = (
        await get('deciderNer', `/api/charter/rebellion-cases/${caseId}`)
      ).json<RebellionBody>();
      assert.deepEqual(seenByNiger.incident_ids, [publicOne, secret]);
      const seenByObserver = (
        await get('observer', `/api/charter/rebellion-cases/${caseId}`)
      ).json<RebellionBody>();
      assert.deepEqual(seenByObserver.incident_ids, [publicOne], 'the NATIONAL incident stays hidden');
    });

    it('lets the concerned parties state their positions in a consultation all parties read', async () => {
      const opened = await post('analyst', '/api/charter/consultations', {
        concerned: ['NER', 'BFA'],
        subject: 'an attack on Niger launched from Burkina Faso',
      });
      assert.equal(opened.statusCode, 200, opened.body);
      const c = opened.json<ConsultationBody>();
      assert.deepEqual(c.visible_to, ['MLI', 'BFA', 'NER']);
      const said = await post('liaisonBfa', `/api/charter/consultations/${c.id}/statements`, {
        text: 'Burkina Faso will investigate',
      });
      assert.equal(said.statusCode, 200, said.body);
      const mali = await post('deciderMli', `/api/charter/consultations/${c.id}/statements`, {
        text: 'we support it',
      });
      assert.equal(mali.statusCode, 403);
      assert.equal(mali.json<{ error: string }>().error, 'not_concerned');
      const analyst = await post('analyst', `/api/charter/consultations/${c.id}/statements`, { text: 'x' });
      assert.equal(analyst.statusCode, 403, 'only a party speaks');
      const read = await get('liaisonMli', `/api/charter/consultations/${c.id}`);
      assert.equal(read.statusCode, 200);
      assert.deepEqual(
        read.json<ConsultationBody>().statements.map((s) => s.party),
        ['BFA'],
      );
      assert.equal((await get('observer', `/api/charter/consultations/${c.id}`)).statusCode, 404);
      const one = await post('analyst', '/api/charter/consultations', { concerned: ['NER'], subject: 'x' });
      assert.equal(one.statusCode, 400, 'at least two parties');
      const closed = await post('deciderNer', `/api/charter/consultations/${c.id}/close`, {
        outcome: 'joint patrols',
      });
      assert.equal(closed.statusCode, 200, closed.body);
      const late = await post('liaisonBfa', `/api/charter/consultations/${c.id}/statements`, {
        text: 'late',
      });
      assert.equal(late.statusCode, 409);
    });

    it("records a party's notice of denunciation and an accession on its adopted decision", async () => {
      const bfa = await post('deciderBfa', '/api/charter/membership-events', {
        event: { kind: 'denunciation', party: 'MLI', notified_on: '2024-07-01', source: 'note verbale' },
      });
      assert.equal(bfa.statusCode, 403, "a party records its own notice, not another's");
      const unknownField = await post('analyst', '/api/charter/membership-events', {
        event: { kind: 'denunciation', party: 'MLI', notified_on: '2024-07-01', source: 'x', extra: 1 },
      });
      assert.equal(unknownField.statusCode, 400);

      const opening = await post('analyst', '/api/charter/decisions', {
        subject: { kind: 'accession', state: 'TCD', effective_from: '2024-07-01' },
      });
      assert.equal(opening.statusCode, 200, opening.body);
      const accession = opening.json<DecisionBody>();
      const event = {
        kind: 'accession',
        decision_id: accession.id,
        state: 'TCD',
        iso2: 'TD',
        name_en: 'Chad',
        name_fr: 'Tchad',
        effective_from: '2024-07-01',
      };
      const early = await post('analyst', '/api/charter/membership-events', { event });
      assert.equal(early.statusCode, 409, 'the decision is not adopted yet');
      for (const user of ['deciderMli', 'deciderBfa', 'deciderNer'] as const)
        await post(user, `/api/charter/decisions/${accession.id}/votes`, { choice: 'assent' });
      const recorded = await post('analyst', '/api/charter/membership-events', { event });
      assert.equal(recorded.statusCode, 200, recorded.body);
      const own = await post('deciderMli', '/api/charter/membership-events', {
        event: { kind: 'denunciation', party: 'MLI', notified_on: '2024-07-01', source: 'note verbale' },
      });
      assert.equal(own.statusCode, 200, own.body);
      const listed = await get('observer', '/api/charter/membership-events');
      assert.deepEqual(
        listed
          .json<{ items: { seq: number; kind: string; party: string }[] }>()
          .items.map((e) => [e.seq, e.kind, e.party]),
        [
          [1, 'accession', 'TCD'],
          [2, 'denunciation', 'MLI'],
        ],
      );
    });
  });
}
