/**
 * The Charter workflow commands on each store: evaluation into proposal records (revised when the
 * coding changes, left alone when not), refusals passed through as values, and a lost concurrent
 * change reported as a conflict.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  advanceObligation,
  castVote,
  evaluateIncident,
  reviewProposal,
  type CharterDeps,
} from '../../src/commands/charter-workflow.ts';
import { currentVersion } from '../../src/domain/charter/workflow/proposal-record.ts';
import type { Visibility } from '../../src/domain/classification.ts';
import { actorLookup } from '../../src/reference/actor-lookup.ts';
import { loadReference } from '../../src/reference/load-reference.ts';
import { loadTreaties } from '../../src/reference/treaties.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { incidentInput, TEST_ACTOR, BY } from '../support/factories.ts';

const ALL: Visibility = { classifications: ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL'], nationalOf: null };
const ANALYST = { id: 1, role: 'analyst', party: null } as const;
const at = (h: number): string => new Date(Date.UTC(2024, 4, 11, h)).toISOString();

for (const kind of testStoreKinds) {
  describe(`Charter workflow commands on ${kind.dialect}`, () => {
    let db: TestStore;
    let deps: CharterDeps;
    before(async () => {
      db = await kind.open();
      deps = { store: db.store, treaties: loadTreaties(), lookup: actorLookup(loadReference()) };
    });
    after(() => db.dispose());

    async function strike(status: 'verified' | 'machine-coded' = 'verified'): Promise<number> {
      const input = incidentInput({
        eventDate: '2024-05-10',
        country: 'NER',
        location: 'Gaya',
        latitude: 11.88,
        longitude: 3.45,
        actor1: 'Military Forces of Benin (2016-)',
        actor2: 'Military Forces of Niger (2023-)',
        status,
      });
      await db.store.upsertIncidents([input], { actor: TEST_ACTOR, changedBy: 'test', at: at(0) });
      const found = await db.store.getIncidentBySourceKey(input.sourceKey, ALL);
      assert.ok(found);
      return found.id;
    }

    it('stores one record per treaty × article, leaves them alone on an unchanged re-run and adds a version when the coding changed', async () => {
      const id = await strike();
      const first = await evaluateIncident(deps, {
        by: TEST_ACTOR,
        incidentId: id,
        visibility: ALL,
        at: at(1),
        cause: 'verified',
      });
      assert.ok(first.ok);
      const articles = first.value.map((p) => `${p.value.treaty}/${p.value.article}`);
      assert.equal(new Set(articles).size, articles.length);
      assert.ok(articles.includes('liptako-gourma-charter/6'));
      const again = await evaluateIncident(deps, {
        by: TEST_ACTOR,
        incidentId: id,
        visibility: ALL,
        at: at(2),
        cause: 'again',
      });
      assert.ok(again.ok);
      assert.ok(again.value.every((p) => p.version === 1 && p.value.versions.length === 1));

      await db.store.updateIncident(id, {
        actor: TEST_ACTOR,
        coding: { actor1: 'JNIM: Group for Support of Islam and Muslims' },
        changedBy: 'analyst',
        reason: 'recoded',
        at: at(3),
      });
      const revised = await evaluateIncident(deps, {
        by: TEST_ACTOR,
        incidentId: id,
        visibility: ALL,
        at: at(4),
        cause: 'coding changed: actor1',
      });
      assert.ok(revised.ok);
      const art6 = revised.value.find(
        (p) => p.value.treaty === 'liptako-gourma-charter' && p.value.article === '6',
      );
      assert.ok(art6);
      assert.equal(currentVersion(art6.value).version, 2);
      assert.equal(art6.value.versions[0]?.superseded?.cause, 'coding changed: actor1');
    });

    it('refuses to evaluate an incident that is not verified, and one the viewer cannot see', async () => {
      const id = await strike('machine-coded');
      const refused = await evaluateIncident(deps, {
        by: TEST_ACTOR,
        incidentId: id,
        visibility: ALL,
        at: at(1),
        cause: 'x',
      });
      assert.deepEqual(refused.ok ? null : refused.error.code, 'invalid-input');
      const unknown = await evaluateIncident(deps, {
        by: TEST_ACTOR,
        incidentId: 999_999,
        visibility: ALL,
        at: at(1),
        cause: 'x',
      });
      assert.deepEqual(unknown.ok ? null : unknown.error.code, 'unknown');
    });

    it('passes the workflow refusals through: a liaison may not review, a blank decline reason is refused', async () => {
      const id = await strike();
      const evaluated = await evaluateIncident(deps, {
        by: TEST_ACTOR,
        incidentId: id,
        visibility: ALL,
        at: at(1),
        cause: 'verified',
      });
      assert.ok(evaluated.ok);
      const art6 = evaluated.value.find(
        (p) => p.value.treaty === 'liptako-gourma-charter' && p.value.article === '6',
      );
      assert.ok(art6);
      const base = {
        proposalId: art6.id,
        version: 1,
        verdict: 'confirm',
        reason: 'garrison struck',
        visibility: ALL,
      } as const;
      const byLiaison = await reviewProposal(deps, {
        by: TEST_ACTOR,
        ...base,
        actor: { id: 5, role: 'liaison', party: 'MLI' },
        at: at(2),
      });
      assert.deepEqual(byLiaison.ok ? null : byLiaison.error.code, 'not-authorised');
      const confirmed = await reviewProposal(deps, { by: TEST_ACTOR, ...base, actor: ANALYST, at: at(2) });
      assert.ok(confirmed.ok && confirmed.value.decision);
      let caseId: string | null = null;
      for (const [i, party] of ['MLI', 'BFA', 'NER'].entries()) {
        const voted = await castVote(deps, {
          by: TEST_ACTOR,
          decisionId: confirmed.value.decision.id,
          choice: 'assent',
          actor: { id: 10 + i, role: 'decision-maker', party },
          visibility: ALL,
          at: at(3 + i),
        });
        assert.ok(voted.ok);
        caseId = voted.value.assistanceCase?.id ?? caseId;
      }
      assert.ok(caseId);
      const blank = await advanceObligation(deps, {
        by: TEST_ACTOR,
        caseId,
        party: 'MLI',
        to: 'declined',
        note: ' ',
        actor: { id: 21, role: 'liaison', party: 'MLI' },
        visibility: ALL,
        at: at(8),
      });
      assert.deepEqual(blank.ok ? null : blank.error.code, 'reason-required');
    });

    it('reports a conflict when a concurrent change to the same record came first', async () => {
      const id = await strike();
      const evaluated = await evaluateIncident(deps, {
        by: TEST_ACTOR,
        incidentId: id,
        visibility: ALL,
        at: at(1),
        cause: 'verified',
      });
      assert.ok(evaluated.ok);
      const art6 = evaluated.value.find(
        (p) => p.value.treaty === 'liptako-gourma-charter' && p.value.article === '6',
      );
      assert.ok(art6);
      // Another writer moves the row on between this command's read and its write.
      const store = db.store;
      const racing: CharterDeps = {
        ...deps,
        store: Object.assign(Object.create(store) as typeof store, {
          async writeCharter(...args: Parameters<typeof store.writeCharter>) {
            await store.writeCharter(
              [{ kind: 'proposal', record: art6.value, expectedVersion: art6.version, at: at(2) }],
              BY,
            );
            return store.writeCharter(...args);
          },
        }),
      };
      const lost = await reviewProposal(racing, {
        by: TEST_ACTOR,
        proposalId: art6.id,
        version: 1,
        verdict: 'confirm',
        reason: 'garrison struck',
        actor: ANALYST,
        visibility: ALL,
        at: at(3),
      });
      assert.deepEqual(lost.ok ? null : lost.error.code, 'conflict');
    });
  });
}
