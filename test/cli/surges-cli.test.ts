/**
 * `liptako surges` run as a user runs it, on a SQLite file and on a PostgreSQL schema: detect raises a surge and prints it, a
 * second run changes nothing, a day before the last change exits 1, bad usage exits 2; list prints
 * the open surges; and `serve` runs detection on the Charter tick's schedule.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SYSTEM_VISIBILITY } from '../../src/commands/charter-deps.ts';
import { addDays } from '../../src/domain/iso-week.ts';
import { commandStoreKinds, type CommandDatabase } from '../support/databases.ts';
import { commandWorkspace, freePort, liptako, startLiptako, stopLiptako } from './liptako-process.ts';
import { incidentInput, TEST_ACTOR } from '../support/factories.ts';

interface Printed {
  readonly on: string;
  readonly units: number;
  readonly opened: { admin1: string; fatalities_30d: number; baseline: number; level: string }[];
  readonly updated: unknown[];
  readonly closed: unknown[];
}

async function seed(db: CommandDatabase, day: string): Promise<void> {
  await db.use((store) =>
    store.upsertIncidents(
      [
        incidentInput({ eventDate: day, admin1: 'Mopti', fatalities: { low: null, best: 14, high: null } }),
        incidentInput({ eventDate: day, admin1: 'Gao', fatalities: { low: null, best: 2, high: null } }),
      ],
      { actor: TEST_ACTOR, changedBy: 'import', at: '2024-06-30T00:00:00Z' },
    ),
  );
}

for (const kind of commandStoreKinds)
  describe(`liptako surges (${kind.dialect})`, () => {
    it('detects a surge on a day, prints it, and changes nothing when run again', async (t) => {
      const { dir: cwd, db } = await commandWorkspace(t, kind);
      await seed(db, '2024-06-20');
      const first = await liptako(['surges', 'detect', '--on', '2024-06-30', ...db.args], { cwd });
      assert.equal(first.code, 0, first.stderr);
      const printed = JSON.parse(first.stdout) as Printed;
      assert.equal(printed.on, '2024-06-30');
      assert.equal(printed.units, 2);
      assert.deepEqual(
        printed.opened.map((s) => [s.admin1, s.fatalities_30d, s.baseline, s.level]),
        [['Mopti', 14, 0, 'elevated']],
      );
      const again = await liptako(['surges', 'detect', '--on', '2024-06-30', ...db.args], { cwd });
      assert.equal(again.code, 0, again.stderr);
      assert.deepEqual((JSON.parse(again.stdout) as Printed).opened, []);

      const list = await liptako(['surges', 'list', ...db.args], { cwd });
      assert.equal(list.code, 0, list.stderr);
      assert.match(list.stdout, /^\d+\topen\televated\tMLI\tMopti\t14\t0\t-\t2024-06-30$/m);

      const back = await liptako(['surges', 'detect', '--on', '2024-06-01', ...db.args], { cwd });
      assert.equal(back.code, 1);
      assert.match(back.stderr, /detection runs forward only/);
    });

    it('refuses a malformed day and an unknown action with exit code 2', async (t) => {
      const { dir: cwd, db } = await commandWorkspace(t, kind);
      const bad = await liptako(['surges', 'detect', '--on', '2024-13-01', ...db.args], { cwd });
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /not a calendar day/);
      const unknown = await liptako(['surges', 'raise', ...db.args], { cwd });
      assert.equal(unknown.code, 2);
      const floor = await liptako(['surges', 'detect', ...db.args], {
        cwd,
        env: { LIPTAKO_SURGE_MIN_FATALITIES: '-1' },
      });
      assert.equal(floor.code, 2);
      assert.match(floor.stderr, /minFatalities/);
    });

    it('runs inside serve on the Charter tick schedule, for today', async (t) => {
      const { dir: cwd, db } = await commandWorkspace(t, kind);
      await seed(db, addDays(new Date().toISOString().slice(0, 10), -3));
      const server = startLiptako(['serve', ...db.args, '--port', String(await freePort())], {
        cwd,
        env: { LIPTAKO_CHARTER_TICK_SECONDS: '1' },
      });
      try {
        await server.waitFor(/serving on/);
        await db.use(async (reader) => {
          const until = Date.now() + 15_000;
          let open = await reader.listSurges({ visibility: SYSTEM_VISIBILITY, limit: 10 });
          while (open.length === 0 && Date.now() < until) {
            await new Promise((resolve) => setTimeout(resolve, 200));
            open = await reader.listSurges({ visibility: SYSTEM_VISIBILITY, limit: 10 });
          }
          assert.deepEqual(
            open.map((s) => s.surge.admin1),
            ['Mopti'],
            `no surge after 15 s:\n${server.stderr()}`,
          );
        });
      } finally {
        const finished = await stopLiptako(server);
        assert.equal(finished.code, 0, finished.stderr);
      }
    });
  });
