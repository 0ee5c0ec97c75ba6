/**
 * `liptako charter tick` run as a user runs it, on a SQLite file and on a PostgreSQL schema: it evaluates the verified incident
 * an import left unevaluated, and a second run finds nothing to do; a bad --at is a usage error.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SYSTEM_VISIBILITY } from '../../src/commands/charter-workflow.ts';
import { commandWorkspace, freePort, liptako, startLiptako, stopLiptako } from '../cli/liptako-process.ts';
import { commandStoreKinds, type CommandDatabase } from '../support/databases.ts';
import { incidentInput, TEST_ACTOR } from '../support/factories.ts';

interface Printed {
  readonly evaluated: number[];
  readonly closed: string[];
  readonly flagged: unknown[];
  readonly conflicts: number;
}

/** A verified incident, as an import leaves it: not yet read by any Charter evaluation. */
async function seedVerifiedIncident(db: CommandDatabase): Promise<number> {
  const input = incidentInput({ status: 'verified' });
  const id = await db.use(async (store) => {
    await store.upsertIncidents([input], {
      actor: TEST_ACTOR,
      changedBy: 'import',
      at: '2024-05-11T00:00:00Z',
    });
    return (await store.getIncidentBySourceKey(input.sourceKey, SYSTEM_VISIBILITY))?.id;
  });
  assert.ok(id);
  return id;
}

for (const kind of commandStoreKinds)
  describe(`liptako charter tick (${kind.dialect})`, () => {
    it('evaluates a verified incident no evaluation has read, then finds nothing left to do', async (t) => {
      const { dir: cwd, db } = await commandWorkspace(t, kind);
      const id = await seedVerifiedIncident(db);

      const first = await liptako(['charter', 'tick', ...db.args, '--at', '2024-05-12T00:00:00Z'], { cwd });
      assert.equal(first.code, 0, first.stderr);
      const printed = JSON.parse(first.stdout) as Printed;
      assert.deepEqual(printed, { evaluated: [id], closed: [], flagged: [], conflicts: 0 });

      const second = await liptako(['charter', 'tick', ...db.args], { cwd });
      assert.equal(second.code, 0, second.stderr);
      assert.deepEqual((JSON.parse(second.stdout) as Printed).evaluated, []);
    });

    it('runs inside serve every LIPTAKO_CHARTER_TICK_SECONDS: a verified incident gets its proposals', async (t) => {
      const { dir: cwd, db } = await commandWorkspace(t, kind);
      const id = await seedVerifiedIncident(db);

      const server = startLiptako(['serve', ...db.args, '--port', String(await freePort())], {
        cwd,
        env: { LIPTAKO_CHARTER_TICK_SECONDS: '1' },
      });
      try {
        await server.waitFor(/serving on/);
        await db.use(async (reader) => {
          const until = Date.now() + 15_000;
          let proposals = await reader.listCharterProposals(id, SYSTEM_VISIBILITY);
          while (proposals.length === 0 && Date.now() < until) {
            await new Promise((resolve) => setTimeout(resolve, 200));
            proposals = await reader.listCharterProposals(id, SYSTEM_VISIBILITY);
          }
          assert.ok(proposals.length > 0, `no proposals after 15 s:\n${server.stderr()}`);
          assert.equal(
            proposals[0]?.value.versions[0]?.cause,
            'verified incident evaluated by the Charter tick',
          );
        });
      } finally {
        const finished = await stopLiptako(server);
        assert.equal(finished.code, 0, finished.stderr);
      }
    });

    it('refuses an --at that is not an ISO instant with exit code 2', async (t) => {
      const { dir: cwd, db } = await commandWorkspace(t, kind);
      const result = await liptako(['charter', 'tick', ...db.args, '--at', 'tomorrow'], { cwd });
      assert.equal(result.code, 2);
      assert.match(result.stderr, /--at: "tomorrow" is not an ISO instant/);
    });
  });
