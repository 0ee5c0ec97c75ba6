/**
 * The Store's Charter workflow records (proposals, decisions, assistance cases) on every
 * implementation (a real SQLite file and the real PostgreSQL): JSON round trips, optimistic versions,
 * all-or-nothing writes and the incident's visibility.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openAssistanceCase } from '../../src/domain/charter/workflow/assistance-case.ts';
import { castVote, openDecision, type Decision } from '../../src/domain/charter/workflow/decision.ts';
import {
  openProposalRecord,
  reviewProposal,
  type ProposalRecord,
} from '../../src/domain/charter/workflow/proposal-record.ts';
import type { WorkflowResult } from '../../src/domain/charter/workflow/workflow-result.ts';
import type { Proposal } from '../../src/domain/charter/proposal.ts';
import type { Visibility } from '../../src/domain/classification.ts';
import { findTreaty } from '../../src/reference/treaties.ts';
import type { Store } from '../../src/store/store.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { incidentInput, TEST_ACTOR, BY } from '../support/factories.ts';

const ALL: Visibility = { classifications: ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL'], nationalOf: null };
const PUBLIC_ONLY: Visibility = { classifications: ['PUBLIC'], nationalOf: null };
const AT = '2024-05-10T08:00:00.000Z';
const ANALYST = { id: 1, role: 'analyst', party: null } as const;

function ok<T>(r: WorkflowResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const treaty = findTreaty('liptako-gourma-charter');
if (treaty === null) throw new Error('the Charter is missing');
const CHARTER = treaty;

function proposal(article: string): Proposal {
  return {
    treaty: CHARTER.id,
    article,
    status: 'proposed',
    confidence: 0.85,
    reasons: [],
    missing: ['target'],
    obligations: [{ party: 'MLI', duty: 'assistance' }],
  };
}

async function addIncident(store: Store, over: Parameters<typeof incidentInput>[0] = {}): Promise<number> {
  const input = incidentInput({ status: 'verified', ...over });
  await store.upsertIncidents([input], { actor: TEST_ACTOR, changedBy: 'test', at: AT });
  const found = await store.getIncidentBySourceKey(input.sourceKey, ALL);
  assert.ok(found);
  return found.id;
}

function activation(id: string, incidentId: number): Decision {
  return ok(
    openDecision({
      id,
      treaty: CHARTER,
      subject: {
        kind: 'activation',
        article: '6',
        incidentId: String(incidentId),
        proposalVersion: 1,
        victim: 'NER',
      },
      referenceDate: '2024-05-10',
      opener: ANALYST,
      at: AT,
    }),
  );
}

for (const kind of testStoreKinds) {
  describe(`Charter workflow records on ${kind.dialect}`, () => {
    let db: TestStore;
    let store: Store;
    before(async () => {
      db = await kind.open();
      store = db.store;
    });
    after(() => db.dispose());

    it('stores one proposal record per treaty × article and reads it back whole, by incident and by id', async () => {
      const incidentId = await addIncident(store);
      const records: ProposalRecord[] = ['6', '4'].map((article) =>
        openProposalRecord({
          incidentId: String(incidentId),
          proposal: proposal(article),
          at: AT,
          cause: 'incident verified',
        }),
      );
      assert.equal(
        await store.writeCharter(
          records.map((record) => ({ kind: 'proposal', record, expectedVersion: null, at: AT })),
          BY,
        ),
        true,
      );
      const listed = await store.listCharterProposals(incidentId, ALL);
      assert.deepEqual(
        listed.map((p) => [p.value.article, p.version]),
        [
          ['4', 1],
          ['6', 1],
        ],
      );
      assert.deepEqual(listed[1]?.value, records[0]);
      const byId = await store.getCharterProposal(listed[1]?.id ?? 0, ALL);
      assert.deepEqual(byId?.value, records[0]);
    });

    it('refuses a second new record for the same article and a write naming a stale version', async () => {
      const incidentId = await addIncident(store);
      const record = openProposalRecord({
        incidentId: String(incidentId),
        proposal: proposal('6'),
        at: AT,
        cause: 'incident verified',
      });
      assert.equal(
        await store.writeCharter([{ kind: 'proposal', record, expectedVersion: null, at: AT }], BY),
        true,
      );
      assert.equal(
        await store.writeCharter([{ kind: 'proposal', record, expectedVersion: null, at: AT }], BY),
        false,
      );
      const reviewed = ok(
        reviewProposal(record, {
          version: 1,
          verdict: 'confirm',
          reason: 'foreign forces',
          reviewer: ANALYST,
          at: AT,
        }),
      );
      // Two reviewers read version 1: the first write wins, the second loses.
      assert.equal(
        await store.writeCharter([{ kind: 'proposal', record: reviewed, expectedVersion: 1, at: AT }], BY),
        true,
      );
      assert.equal(
        await store.writeCharter([{ kind: 'proposal', record: reviewed, expectedVersion: 1, at: AT }], BY),
        false,
      );
      const [stored] = await store.listCharterProposals(incidentId, ALL);
      assert.equal(stored?.version, 2);
      assert.equal(stored?.value.versions[0]?.review?.verdict, 'confirm');
    });

    it('writes nothing of a batch when one record loses its check', async () => {
      const incidentId = await addIncident(store);
      const record = openProposalRecord({
        incidentId: String(incidentId),
        proposal: proposal('6'),
        at: AT,
        cause: 'incident verified',
      });
      const decision = activation(`d-batch-${kind.dialect}`, incidentId);
      assert.equal(
        await store.writeCharter(
          [
            { kind: 'proposal', record, expectedVersion: null, at: AT },
            { kind: 'decision', decision, expectedVersion: 3 },
          ],
          BY,
        ),
        false,
      );
      assert.deepEqual(await store.listCharterProposals(incidentId, ALL), []);
      assert.equal(await store.getCharterDecision(decision.id, ALL), null);
    });

    it('lists open decisions apart from closed ones and opens a case on an adopted one', async () => {
      const incidentId = await addIncident(store);
      let decision = activation(`d-adopt-${kind.dialect}`, incidentId);
      assert.equal(
        await store.writeCharter([{ kind: 'decision', decision, expectedVersion: null }], BY),
        true,
      );
      const open = await store.listCharterDecisions({ visibility: ALL, state: 'open' });
      assert.ok(open.some((d) => d.value.id === decision.id));
      for (const party of ['MLI', 'BFA', 'NER'])
        decision = ok(
          castVote(decision, {
            party,
            choice: 'assent',
            voter: { id: 10, role: 'decision-maker', party },
            at: AT,
          }),
        );
      assert.equal(decision.state, 'adopted');
      const c = ok(openAssistanceCase({ id: `case-${decision.id}`, decision, treaty: CHARTER, at: AT }));
      assert.equal(
        await store.writeCharter(
          [
            { kind: 'decision', decision, expectedVersion: 1 },
            { kind: 'case', assistanceCase: c, expectedVersion: null },
          ],
          BY,
        ),
        true,
      );
      const stillOpen = await store.listCharterDecisions({ visibility: ALL, state: 'open' });
      assert.ok(!stillOpen.some((d) => d.value.id === decision.id));
      const stored = await store.getCharterDecision(decision.id, ALL);
      assert.deepEqual(stored, { version: 2, value: decision });
      assert.deepEqual(await store.getAssistanceCase(c.id, ALL), { version: 1, value: c });
      assert.ok((await store.listAssistanceCases(ALL)).some((x) => x.value.id === c.id));
    });

    it('hides the records of an incident the viewer may not see', async () => {
      const incidentId = await addIncident(store, { classification: 'AES_RESTRICTED' });
      const record = openProposalRecord({
        incidentId: String(incidentId),
        proposal: proposal('6'),
        at: AT,
        cause: 'incident verified',
      });
      const decision = ok(
        castVote(activation(`d-hidden-${kind.dialect}`, incidentId), {
          party: 'MLI',
          choice: 'assent',
          voter: { id: 10, role: 'decision-maker', party: 'MLI' },
          at: AT,
        }),
      );
      assert.equal(
        await store.writeCharter(
          [
            { kind: 'proposal', record, expectedVersion: null, at: AT },
            { kind: 'decision', decision, expectedVersion: null },
          ],
          BY,
        ),
        true,
      );
      assert.deepEqual(await store.listCharterProposals(incidentId, PUBLIC_ONLY), []);
      const [p] = await store.listCharterProposals(incidentId, ALL);
      assert.ok(p);
      assert.equal(await store.getCharterProposal(p.id, PUBLIC_ONLY), null);
      assert.equal(await store.getCharterDecision(decision.id, PUBLIC_ONLY), null);
      assert.ok(
        !(await store.listCharterDecisions({ visibility: PUBLIC_ONLY })).some(
          (d) => d.value.id === decision.id,
        ),
      );
    });
  });
}
