/**
 * Editing an incident on each store: verifying it evaluates it against the treaties, re-coding a
 * verified incident revises only the proposals whose reasons changed, an edit that changes nothing
 * the engine reads adds no version, the Charter facts are stored, validated and kept by a re-import,
 * and the incidents no evaluation has seen are listed for the tick.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  charterTreatiesKey,
  SYSTEM_VISIBILITY,
  type CharterDeps,
} from '../../src/commands/charter-workflow.ts';
import { editIncident } from '../../src/commands/edit-incident.ts';
import { currentVersion, versionState } from '../../src/domain/charter/workflow/proposal-record.ts';
import { actorLookup } from '../../src/reference/actor-lookup.ts';
import { loadReference } from '../../src/reference/load-reference.ts';
import { loadTreaties } from '../../src/reference/treaties.ts';
import type { IncidentChange, StoredProposal } from '../../src/store/store.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { incidentInput, TEST_ACTOR } from '../support/factories.ts';

const at = (h: number): string => new Date(Date.UTC(2024, 4, 11, h)).toISOString();
const CHARTER = 'liptako-gourma-charter';

/** An attack on a Nigerien army post (worked example 6), reported, not yet verified. */
const postAttack = (over: Parameters<typeof incidentInput>[0] = {}) =>
  incidentInput({
    eventDate: '2024-05-10',
    country: 'NER',
    admin1: 'Tillabéri',
    location: 'Téra',
    latitude: 14.01,
    longitude: 0.75,
    actor1: 'JNIM: Group for Support of Islam and Muslims',
    actor2: 'Military Forces of Niger (2023-)',
    status: 'reported',
    ...over,
  });

for (const kind of testStoreKinds) {
  describe(`editing an incident on ${kind.dialect}`, () => {
    let db: TestStore;
    let deps: CharterDeps;
    before(async () => {
      db = await kind.open();
      deps = { store: db.store, treaties: loadTreaties(), lookup: actorLookup(loadReference()) };
    });
    after(() => db.dispose());

    async function add(over: Parameters<typeof incidentInput>[0] = {}): Promise<number> {
      const input = postAttack(over);
      await db.store.upsertIncidents([input], { actor: TEST_ACTOR, changedBy: 'import', at: at(0) });
      const found = await db.store.getIncidentBySourceKey(input.sourceKey, SYSTEM_VISIBILITY);
      assert.ok(found);
      return found.id;
    }

    const edit = (id: number, change: Omit<IncidentChange, 'changedBy' | 'at'>, hour: number) =>
      editIncident(deps, {
        id,
        visibility: SYSTEM_VISIBILITY,
        change: { changedBy: 'ana', at: at(hour), ...change },
      });

    const article = (proposals: readonly StoredProposal[], a: string): StoredProposal => {
      const found = proposals.find((p) => p.value.treaty === CHARTER && p.value.article === a);
      assert.ok(found, `a proposal for art. ${a}`);
      return found;
    };

    it('evaluates an incident when it is verified, and not before', async () => {
      const id = await add();
      const reported = await edit(
        id,
        { actor: TEST_ACTOR, coding: { notes: 'second source' }, reason: 'notes' },
        1,
      );
      assert.ok(reported.ok);
      assert.equal(reported.charter, null, 'a reported incident is not evaluated');
      assert.deepEqual(await db.store.listCharterProposals(id, SYSTEM_VISIBILITY), []);

      const verified = await edit(
        id,
        { actor: TEST_ACTOR, status: 'verified', reason: 'two sources agree' },
        2,
      );
      assert.ok(verified.ok && verified.charter?.ok);
      const proposals = await db.store.listCharterProposals(id, SYSTEM_VISIBILITY);
      const art4 = currentVersion(article(proposals, '4').value);
      assert.equal(art4.proposal.status, 'engaged');
      assert.equal(art4.cause, 'incident verified by ana');
      assert.equal(art4.treatyVersion, loadTreaties()[0]?.version);
      assert.ok(currentVersion(article(proposals, '8').value).proposal.missing.includes('launched_from'));
    });

    it('adds no version when an edit changes nothing the engine reads, and revises only the proposals whose reasons changed', async () => {
      const id = await add({ status: 'verified' });
      const first = await edit(
        id,
        { actor: TEST_ACTOR, coding: { notes: 'checked' }, reason: 'first look' },
        1,
      );
      assert.ok(first.ok && first.charter?.ok);
      const before = await db.store.listCharterProposals(id, SYSTEM_VISIBILITY);

      const notes = await edit(
        id,
        { actor: TEST_ACTOR, coding: { notes: 'checked twice' }, reason: 'notes' },
        2,
      );
      assert.ok(notes.ok && notes.charter?.ok);
      const same = await db.store.listCharterProposals(id, SYSTEM_VISIBILITY);
      assert.deepEqual(
        same.map((p) => p.value.versions.length),
        before.map(() => 1),
        'the same facts and treaty versions add no version',
      );

      const recoded = await edit(
        id,
        { actor: TEST_ACTOR, charterFacts: { launchedFrom: 'BFA' }, reason: 'launched from BFA' },
        3,
      );
      assert.ok(recoded.ok && recoded.charter?.ok);
      const after = await db.store.listCharterProposals(id, SYSTEM_VISIBILITY);
      const art8 = article(after, '8').value;
      assert.equal(art8.versions.length, 2);
      const superseded = art8.versions[0];
      assert.ok(superseded);
      assert.equal(versionState(superseded), 'superseded');
      assert.equal(currentVersion(art8).cause, 'coding changed by ana: launchedFrom');
      assert.notEqual(currentVersion(art8).proposal.status, 'not_engaged');
      assert.deepEqual(
        currentVersion(art8).proposal.obligations.map((o) => o.party),
        ['BFA', 'NER'],
        'a consultation between Burkina Faso and Niger',
      );
      assert.equal(article(after, '4').value.versions.length, 1, 'Art. 4 reads the same reasons');
    });

    it('stores the Charter facts, records them in the history and keeps them through a re-import', async () => {
      const input = postAttack();
      await db.store.upsertIncidents([input], { actor: TEST_ACTOR, changedBy: 'import', at: at(0) });
      const found = await db.store.getIncidentBySourceKey(input.sourceKey, SYSTEM_VISIBILITY);
      assert.ok(found);
      assert.deepEqual(found.charterFacts, {
        target: null,
        launchedFrom: null,
        territorySeized: null,
        actor1Type: null,
        actor2Type: null,
        actor1State: null,
        actor2State: null,
      });
      const edited = await edit(
        found.id,
        {
          actor: TEST_ACTOR,
          charterFacts: { target: 'installation', territorySeized: false, actor2State: 'NER' },
          reason: 'the post was hit',
        },
        1,
      );
      assert.ok(edited.ok);
      assert.equal(edited.incident.charterFacts.target, 'installation');
      assert.equal(edited.incident.charterFacts.territorySeized, false);
      const history = await db.store.listRevisions(found.id);
      assert.deepEqual(history.at(-1)?.changes['target'], { before: null, after: 'installation' });

      const reimported = { ...input, fatalities: { low: null, best: 9, high: null }, contentHash: 'changed' };
      assert.deepEqual(
        await db.store.upsertIncidents([reimported], { actor: TEST_ACTOR, changedBy: 'import', at: at(2) }),
        ['updated'],
      );
      const after = await db.store.getIncident(found.id, SYSTEM_VISIBILITY);
      assert.equal(after?.fatalities.best, 9);
      assert.equal(after?.charterFacts.target, 'installation', 'an import never writes the facts');

      const cleared = await edit(
        found.id,
        { actor: TEST_ACTOR, charterFacts: { target: null }, reason: 'unsure' },
        3,
      );
      assert.ok(cleared.ok);
      assert.equal(cleared.incident.charterFacts.target, null);
      assert.equal(cleared.incident.charterFacts.actor2State, 'NER', 'the facts left out keep their value');
    });

    it('refuses facts outside their vocabulary, naming the field, and changes nothing', async () => {
      const id = await add();
      // A caller other than the HTTP edge (whose schema refuses it first).
      const refused = await edit(
        id,
        {
          actor: TEST_ACTOR,
          charterFacts: { launchedFrom: 'Burkina', target: 'tanks' as 'forces' },
          reason: 'bad facts',
        },
        1,
      );
      assert.equal(refused.ok, false);
      assert.deepEqual(
        refused.ok ? [] : refused.error === 'invalid_coding' ? refused.problems.map((p) => p.field) : [],
        ['charter_facts.target', 'charter_facts.launched_from'],
      );
      assert.equal((await db.store.getIncident(id, SYSTEM_VISIBILITY))?.revision, 1);
    });

    it('lists the verified incidents no evaluation has read in their current revision and treaty versions', async () => {
      const key = charterTreatiesKey(deps.treaties);
      const id = await add({ status: 'verified' });
      const reported = await add();
      const pending = await db.store.listIncidentsToEvaluate({ treaties: key, limit: 1000 });
      assert.ok(pending.includes(id), 'an imported verified incident is waiting');
      assert.ok(!pending.includes(reported), 'a reported one is not');

      const evaluated = await edit(id, { actor: TEST_ACTOR, coding: { notes: 'seen' }, reason: 'look' }, 1);
      assert.ok(evaluated.ok && evaluated.charter?.ok);
      assert.ok(!(await db.store.listIncidentsToEvaluate({ treaties: key, limit: 1000 })).includes(id));
      assert.ok(
        (await db.store.listIncidentsToEvaluate({ treaties: `${key}+1`, limit: 1000 })).includes(id),
        'another treaty version reads it again',
      );
      await db.store.updateIncident(id, {
        actor: TEST_ACTOR,
        coding: { fatalities: { low: null, best: 4, high: null } },
        changedBy: 'x',
        reason: 'y',
        at: at(2),
      });
      assert.ok(
        (await db.store.listIncidentsToEvaluate({ treaties: key, limit: 1000 })).includes(id),
        'a change that skipped the evaluation is found',
      );
    });
  });
}
