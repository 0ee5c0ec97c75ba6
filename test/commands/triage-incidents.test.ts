import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { triageIncidents } from '../../src/commands/triage-incidents.ts';
import { visibilityOf, type Visibility } from '../../src/domain/classification.ts';
import type { Store } from '../../src/store/store.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { incidentInput, TEST_ACTOR } from '../support/factories.ts';

const ALL: Visibility = visibilityOf({ role: 'analyst', party: null });
const NOW = new Date('2025-03-01T10:00:00Z');

for (const kind of testStoreKinds) {
  describe(`triageIncidents on ${kind.dialect}`, () => {
    let db: TestStore;
    let store: Store;
    const ids: Record<string, number> = {};
    before(async () => {
      db = await kind.open();
      store = db.store;
      const inputs = {
        open: incidentInput({ status: 'machine-coded' }),
        done: incidentInput({ status: 'rejected' }),
        ner: incidentInput({ status: 'reported', classification: 'NATIONAL', ownerParty: 'NER' }),
      };
      await store.upsertIncidents(Object.values(inputs), {
        actor: TEST_ACTOR,
        changedBy: 'import',
        at: '2025-01-01T00:00:00Z',
      });
      for (const [name, input] of Object.entries(inputs))
        ids[name] = (await store.getIncidentBySourceKey(input.sourceKey, ALL))?.id ?? -1;
    });
    after(() => db.dispose());

    it('changes what it may, reports the rest, and leaves hidden incidents untouched as not found', async () => {
      const results = await triageIncidents(
        store,
        {
          actor: TEST_ACTOR,
          ids: [ids['open'] ?? -1, ids['ner'] ?? -1, 424242, ids['done'] ?? -1],
          action: 'reject',
          reason: 'duplicate of a wire report',
          by: 'officer-mli',
          visibility: visibilityOf({ role: 'liaison', party: 'MLI' }),
        },
        NOW,
      );
      assert.deepEqual(
        results.map((r) => r.outcome),
        ['updated', 'not_found', 'not_found', 'unchanged'],
      );
      assert.equal((await store.getIncident(ids['ner'] ?? -1, ALL))?.status, 'reported');
      const [revision] = (await store.listRevisions(ids['open'] ?? -1)).slice(-1);
      assert.deepEqual(
        [revision?.reason, revision?.changedBy, revision?.changedAt, revision?.changes['status']],
        [
          'duplicate of a wire report',
          'officer-mli',
          NOW.toISOString(),
          { before: 'machine-coded', after: 'rejected' },
        ],
      );
    });
  });
}
