/**
 * The Charter tick on each store, with an injected clock: verified incidents no evaluation has read
 * are evaluated, decisions past their deadline are closed (once, even with two nodes ticking at the
 * same time), overdue obligations are flagged once; a second tick finds nothing to do.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { charterTick, scheduleCharterTicks } from '../../src/commands/charter-tick.ts';
import { SYSTEM_VISIBILITY, type CharterDeps } from '../../src/commands/charter-workflow.ts';
import { openAssistanceCase } from '../../src/domain/charter/workflow/assistance-case.ts';
import { castVote, openDecision, type Decision } from '../../src/domain/charter/workflow/decision.ts';
import type { WorkflowResult } from '../../src/domain/charter/workflow/workflow-result.ts';
import { actorLookup } from '../../src/reference/actor-lookup.ts';
import { loadReference } from '../../src/reference/load-reference.ts';
import { findTreaty, loadTreaties } from '../../src/reference/treaties.ts';
import { openStore } from '../../src/store/open-store.ts';
import { testDatabaseUrl, testStoreKinds, type TestStore } from '../support/databases.ts';
import { incidentInput, TEST_ACTOR, BY } from '../support/factories.ts';

const hour = (h: number): Date => new Date(Date.UTC(2024, 4, 11, h));
const ANALYST = { id: 1, role: 'analyst', party: null } as const;
const treaty = findTreaty('liptako-gourma-charter');
if (treaty === null) throw new Error('the Charter is missing');
const CHARTER = treaty;

function ok<T>(r: WorkflowResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

for (const kind of testStoreKinds) {
  describe(`Charter tick on ${kind.dialect}`, () => {
    let db: TestStore;
    let deps: CharterDeps;
    before(async () => {
      db = await kind.open();
      deps = { store: db.store, treaties: loadTreaties(), lookup: actorLookup(loadReference()) };
    });
    after(() => db.dispose());

    async function addIncident(status: 'verified' | 'reported'): Promise<number> {
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
      await db.store.upsertIncidents([input], {
        actor: TEST_ACTOR,
        changedBy: 'import',
        at: hour(0).toISOString(),
      });
      const found = await db.store.getIncidentBySourceKey(input.sourceKey, SYSTEM_VISIBILITY);
      assert.ok(found);
      return found.id;
    }

    /** An open activation decision on a new incident, with a deadline. */
    async function openWithDeadline(id: string, deadline: Date): Promise<Decision> {
      const incidentId = await addIncident('reported');
      const decision = ok(
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
          at: hour(1).toISOString(),
          deadline: deadline.toISOString(),
        }),
      );
      assert.ok(await db.store.writeCharter([{ kind: 'decision', decision, expectedVersion: null }], BY));
      return decision;
    }

    it('evaluates the verified incidents no evaluation has read, once', async () => {
      const verified = await addIncident('verified');
      const reported = await addIncident('reported');
      const first = await charterTick(deps, hour(2), { evaluations: 10_000 });
      assert.ok(first.evaluated.includes(verified));
      assert.ok(!first.evaluated.includes(reported));
      const proposals = await db.store.listCharterProposals(verified, SYSTEM_VISIBILITY);
      assert.equal(proposals[0]?.value.versions[0]?.cause, 'verified incident evaluated by the Charter tick');
      const second = await charterTick(deps, hour(3), { evaluations: 10_000 });
      assert.deepEqual(second.evaluated, [], 'nothing is left to evaluate');
    });

    it('closes a decision once its deadline has passed, as rejected, and only once', async () => {
      const decision = await openWithDeadline(`deadline-${kind.dialect}`, hour(10));
      const early = await charterTick(deps, hour(9));
      assert.ok(!early.closed.includes(decision.id), 'not before its deadline');
      const late = await charterTick(deps, hour(11));
      assert.ok(late.closed.includes(decision.id));
      const stored = await db.store.getCharterDecision(decision.id, SYSTEM_VISIBILITY);
      assert.equal(stored?.value.state, 'rejected');
      assert.equal(stored?.value.closedAt, hour(11).toISOString());
      assert.match(stored?.value.closedBecause ?? '', /^deadline .* passed without adoption/);
      const again = await charterTick(deps, hour(12));
      assert.ok(!again.closed.includes(decision.id));
      assert.equal((await db.store.getCharterDecision(decision.id, SYSTEM_VISIBILITY))?.version, 2);
    });

    it('lets exactly one of two nodes ticking at once close a decision', async () => {
      const decision = await openWithDeadline(`race-${kind.dialect}`, hour(10));
      // A second node: another store (its own pool) on the same PostgreSQL schema. SQLite serves one
      // process: there the two ticks share its one connection.
      const other =
        kind.dialect === 'postgres'
          ? await openStore({ databaseUrl: testDatabaseUrl, schema: db.location })
          : db.store;
      try {
        const results = await Promise.all([
          charterTick(deps, hour(11)),
          charterTick({ ...deps, store: other }, hour(11)),
        ]);
        const closers = results.filter((r) => r.closed.includes(decision.id));
        assert.equal(closers.length, 1, 'one node closes it, the other finds it closed or loses the write');
        const stored = await db.store.getCharterDecision(decision.id, SYSTEM_VISIBILITY);
        assert.equal(stored?.version, 2, 'written once');
      } finally {
        if (other !== db.store) await other.close();
      }
    });

    it('flags each overdue obligation once, when its deadline passes', async () => {
      const decision = await openWithDeadline(`case-${kind.dialect}`, hour(100));
      let adopted = decision;
      for (const [i, party] of ['MLI', 'BFA', 'NER'].entries())
        adopted = ok(
          castVote(adopted, {
            party,
            choice: 'assent',
            voter: { id: 10 + i, role: 'decision-maker', party },
            at: hour(2).toISOString(),
          }),
        );
      const assistanceCase = ok(
        openAssistanceCase({
          id: `c-${decision.id}`,
          decision: adopted,
          treaty: CHARTER,
          at: hour(2).toISOString(),
        }),
      );
      assert.ok(
        await db.store.writeCharter(
          [
            { kind: 'decision', decision: adopted, expectedVersion: 1 },
            { kind: 'case', assistanceCase, expectedVersion: null },
          ],
          BY,
        ),
      );
      const inTime = await charterTick(deps, hour(2 + 23));
      assert.deepEqual(
        inTime.flagged.filter((f) => f.caseId === assistanceCase.id),
        [],
      );

      const late = await charterTick(deps, hour(2 + 25));
      assert.deepEqual(
        late.flagged.filter((f) => f.caseId === assistanceCase.id).map((f) => [f.party, f.expected]),
        [
          ['MLI', 'acknowledged'],
          ['BFA', 'acknowledged'],
        ],
      );
      const again = await charterTick(deps, hour(2 + 26));
      assert.deepEqual(
        again.flagged.filter((f) => f.caseId === assistanceCase.id),
        [],
        'flagged once',
      );
      const later = await charterTick(deps, hour(2 + 73));
      assert.deepEqual(
        later.flagged.filter((f) => f.caseId === assistanceCase.id).map((f) => f.expected),
        ['pledged', 'pledged'],
      );
      const stored = await db.store.getAssistanceCase(assistanceCase.id, SYSTEM_VISIBILITY);
      assert.equal(stored?.value.overdueFlags?.length, 4);
      assert.equal(stored?.value.overdueFlags?.[0]?.flaggedAt, hour(27).toISOString());
    });

    it('runs on a schedule until stopped, reporting each tick', async () => {
      const decision = await openWithDeadline(`scheduled-${kind.dialect}`, hour(10));
      const closed: string[] = [];
      const errors: unknown[] = [];
      const schedule = scheduleCharterTicks(deps, {
        intervalMs: 10,
        now: () => hour(11),
        onTick: (r) => closed.push(...r.closed),
        onError: (e) => errors.push(e),
      });
      const deadline = Date.now() + 5000;
      while (!closed.includes(decision.id) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 10));
      await schedule.stop();
      assert.deepEqual(errors, []);
      assert.ok(closed.includes(decision.id), 'a scheduled tick closed it');
      assert.equal(closed.filter((id) => id === decision.id).length, 1);
    });
  });
}
