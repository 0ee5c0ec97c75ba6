/**
 * The Store's reads and writes for the situation room, on every implementation (a real SQLite file and
 * the real PostgreSQL): the weekly timeline against a plain computation, the admin-1 and sub-type
 * filters, merging two incidents, and the triage queue's order with its cursor.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EventType } from '../../src/domain/acled-taxonomy.ts';
import { visibilityOf, type Visibility } from '../../src/domain/classification.ts';
import type { Incident } from '../../src/domain/incident.ts';
import { weekStart, type TimelineWeek } from '../../src/domain/iso-week.ts';
import { foldName } from '../../src/domain/place.ts';
import { InvalidCursorError } from '../../src/store/invalid-cursor-error.ts';
import type { IncidentFilter, IncidentInput, Store } from '../../src/store/store.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { incidentInput, reportInput, TEST_ACTOR, BY } from '../support/factories.ts';

const SEE_ALL: Visibility = visibilityOf({ role: 'analyst', party: null });
const AT = '2025-01-01T00:00:00.000Z';
const LATER = '2025-02-01T00:00:00.000Z';
const IMPORT = { changedBy: 'import', at: AT, actor: TEST_ACTOR };

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function visible(v: Visibility, i: Incident): boolean {
  return (
    v.classifications.includes(i.classification) ||
    (i.classification === 'NATIONAL' && v.nationalOf !== null && i.ownerParty === v.nationalOf)
  );
}

/** The filter applied in plain code: the oracle of the store's SQL (no box, actor or text here). */
function matches(f: IncidentFilter, i: Incident): boolean {
  return (
    visible(f.visibility, i) &&
    (f.from === undefined || i.eventDate >= f.from) &&
    (f.to === undefined || i.eventDate <= f.to) &&
    (f.country === undefined || f.country.includes(i.country)) &&
    (f.eventType === undefined || f.eventType.includes(i.eventType)) &&
    (f.subEventType === undefined || f.subEventType.includes(i.subEventType)) &&
    (f.status === undefined || f.status.includes(i.status)) &&
    (f.admin1 === undefined || (i.admin1 !== null && f.admin1.map(foldName).includes(foldName(i.admin1))))
  );
}

/** The timeline computed in plain code. */
function referenceTimeline(incidents: readonly Incident[], f: IncidentFilter): TimelineWeek[] {
  const weeks = new Map<
    string,
    { count: number; fatalities: number; by: Record<string, number>; fat: Record<string, number> }
  >();
  for (const i of incidents) {
    if (!matches(f, i)) continue;
    const week = weekStart(i.eventDate);
    const w = weeks.get(week) ?? { count: 0, fatalities: 0, by: {}, fat: {} };
    w.count += 1;
    w.fatalities += i.fatalities.best;
    w.by[i.eventType] = (w.by[i.eventType] ?? 0) + 1;
    w.fat[i.eventType] = (w.fat[i.eventType] ?? 0) + i.fatalities.best;
    weeks.set(week, w);
  }
  return [...weeks.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([week, w]) => ({
      week,
      count: w.count,
      fatalities: w.fatalities,
      byEventType: w.by,
      fatalitiesByEventType: w.fat,
    }));
}

async function everyIncident(store: Store): Promise<Incident[]> {
  const all: Incident[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listIncidents({
      visibility: SEE_ALL,
      limit: 1000,
      ...(cursor === undefined ? {} : { cursor }),
    });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return all;
}

for (const kind of testStoreKinds) {
  describe(`timeline, filters, merge and triage order on ${kind.dialect}`, () => {
    let db: TestStore;
    let store: Store;
    before(async () => {
      db = await kind.open();
      store = db.store;
    });
    after(() => db.dispose());

    describe('timelineIncidents', () => {
      const rand = seeded(11);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T; // rand() < 1
      const TYPES: readonly [EventType, IncidentInput['subEventType']][] = [
        ['Battles', 'Armed clash'],
        ['Battles', 'Government regains territory'],
        ['Riots', 'Mob violence'],
        ['Violence against civilians', 'Attack'],
      ];
      const ADMIN1 = ['Mopti', 'Ségou', 'Tillabéri', 'Sahel', null] as const;
      const day = (): string =>
        new Date(Date.UTC(2022, 0, 1) + Math.floor(rand() * 2 * 365) * 86_400_000).toISOString().slice(0, 10);
      const randomInput = (): IncidentInput => {
        const [eventType, subEventType] = pick(TYPES);
        const classification = pick(['PUBLIC', 'PUBLIC', 'AES_RESTRICTED', 'NATIONAL'] as const);
        return incidentInput({
          sourceKey: `timeline:${rand()}`,
          eventDate: day(),
          eventType,
          subEventType,
          country: pick(['MLI', 'BFA', 'NER']),
          admin1: pick(ADMIN1),
          status: pick(['machine-coded', 'reported', 'verified'] as const),
          classification,
          ownerParty: classification === 'NATIONAL' ? pick(['MLI', 'NER']) : null,
          latitude: rand() < 0.1 ? null : 12 + rand() * 6,
          longitude: null,
          fatalities: { low: null, best: Math.floor(rand() * 6), high: null },
        });
      };
      // Longitude follows latitude: the factory's are placed, and unplaced ones count too.
      const placed = (i: IncidentInput): IncidentInput =>
        i.latitude === null
          ? { ...i, longitude: null, geoPrecision: null }
          : { ...i, longitude: -4 + rand() * 8 };
      let all: Incident[] = [];

      before(async () => {
        const inputs = Array.from({ length: 500 }, () => placed(randomInput()));
        for (let i = 0; i < inputs.length; i += 125)
          await store.upsertIncidents(inputs.slice(i, i + 125), IMPORT);
        // Re-imports that move incidents between weeks and keys, some twice in one batch.
        const moved = inputs.slice(0, 100).map((a) => ({ ...placed(randomInput()), sourceKey: a.sourceKey }));
        await store.upsertIncidents([...moved.slice(0, 50), ...moved.slice(0, 10)], IMPORT);
        await store.upsertIncidents(moved.slice(50), { ...IMPORT, at: LATER });
        // Analysts' edits: status, classification, date and fatalities.
        const listed = await everyIncident(store);
        for (const incident of listed.slice(0, 60)) {
          const other = randomInput();
          await store.updateIncident(incident.id, {
            actor: TEST_ACTOR,
            status: pick(['verified', 'rejected'] as const),
            classification: other.classification,
            ownerParty: other.ownerParty,
            coding: pick([
              {},
              { eventDate: other.eventDate },
              { fatalities: other.fatalities, eventDate: other.eventDate },
            ]),
            changedBy: 'analyst',
            reason: 'review',
            at: LATER,
          });
        }
        all = await everyIncident(store);
      });

      it('sums every week exactly as the incidents themselves, for random filters, windows and viewers', async () => {
        const viewers: Visibility[] = [
          SEE_ALL,
          visibilityOf({ role: 'liaison', party: 'MLI' }),
          visibilityOf({ role: 'observer', party: null }),
        ];
        for (let n = 0; n < 50; n++) {
          const [d1, d2] = [day(), day()].sort();
          const filter: IncidentFilter = {
            visibility: pick(viewers),
            ...(rand() < 0.7 ? { from: rand() < 0.3 ? weekStart(d1 ?? '') : d1 } : {}),
            ...(rand() < 0.7 ? { to: d2 } : {}),
            ...(rand() < 0.3 ? { country: [pick(['MLI', 'BFA', 'NER'])] } : {}),
            ...(rand() < 0.3 ? { eventType: [pick(TYPES)[0], pick(TYPES)[0]] } : {}),
            ...(rand() < 0.2 ? { subEventType: [pick(TYPES)[1]] } : {}),
            ...(rand() < 0.2 ? { admin1: [pick(['SEGOU', 'tillaberi', 'Mopti'])] } : {}),
            ...(rand() < 0.3 ? { status: ['verified' as const, 'reported' as const] } : {}),
          };
          assert.deepEqual(
            await store.timelineIncidents(filter),
            referenceTimeline(all, filter),
            JSON.stringify(filter),
          );
        }
      });

      it('counts no incident a viewer may not see', async () => {
        const observer = visibilityOf({ role: 'observer', party: null });
        const seen = (await store.timelineIncidents({ visibility: observer })).reduce(
          (n, w) => n + w.count,
          0,
        );
        assert.equal(seen, all.filter((i) => i.classification === 'PUBLIC').length);
        assert.ok(seen < all.length);
        assert.deepEqual(
          await store.timelineIncidents({ visibility: { classifications: [], nationalOf: null } }),
          [],
        );
      });

      it('filters lists and counts by admin-1 whatever the accents and case, and by sub-type', async () => {
        for (const filter of [
          { visibility: SEE_ALL, admin1: ['segou', 'TILLABERI'] },
          { visibility: SEE_ALL, subEventType: ['Mob violence' as const] },
          { visibility: SEE_ALL, admin1: ['Mopti'], subEventType: ['Armed clash' as const] },
        ]) {
          const want = all
            .filter((i) => matches(filter, i))
            .map((i) => i.id)
            .sort((a, b) => a - b);
          assert.ok(want.length > 0, JSON.stringify(filter));
          const page = await store.listIncidents({ ...filter, limit: 1000 });
          assert.deepEqual(
            page.items.map((i) => i.id).sort((a, b) => a - b),
            want,
            JSON.stringify(filter),
          );
          assert.equal(await store.countIncidents(filter), want.length);
          const clusters = await store.aggregateIncidents({ ...filter, zoom: 3 });
          assert.equal(
            clusters.reduce((n, c) => n + c.count, 0),
            all.filter((i) => matches(filter, i) && i.latitude !== null).length,
          );
        }
      });
    });

    describe('mergeIncidents', () => {
      const ids: Record<string, number> = {};
      const add = async (name: string, over: Partial<IncidentInput> = {}): Promise<void> => {
        const input = incidentInput(over);
        await store.upsertIncidents([input], IMPORT);
        const found = await store.getIncidentBySourceKey(input.sourceKey, SEE_ALL);
        assert.ok(found);
        ids[name] = found.id;
      };
      const id = (name: string): number => ids[name] ?? -1;
      const link = async (incident: string, eventIndex = 0): Promise<number> => {
        const { report } = await store.insertReport(reportInput(), {
          actor: TEST_ACTOR,
          submittedBy: 'field',
          receivedAt: AT,
        });
        await store.linkReport(
          {
            reportId: report.id,
            eventIndex,
            incidentId: id(incident),
            confidence: 0.8,
            evidence: [],
            event: {
              eventDate: '2024-03-15',
              dateStated: true,
              country: 'MLI',
              admin1: null,
              location: null,
              latitude: null,
              longitude: null,
              eventType: 'Battles',
              subEventType: 'Armed clash',
              actor1: null,
              actor2: null,
              fatalities: null,
            },
            needsReview: false,
            createdAt: AT,
          },
          BY,
        );
        return report.id;
      };
      const merge = (survivor: string, other: string, visibility = SEE_ALL) =>
        store.mergeIncidents({
          actor: TEST_ACTOR,
          survivorId: id(survivor),
          otherId: id(other),
          visibility,
          changedBy: 'analyst-1',
          reason: 'same ambush',
          at: LATER,
        });

      before(async () => {
        await add('keep', { status: 'verified', eventDate: '2024-03-15' });
        await add('dup', {
          status: 'verified',
          eventDate: '2024-03-16',
          fatalities: { low: null, best: 7, high: null },
        });
        await add('rejected', { status: 'rejected' });
        await add('national', { classification: 'NATIONAL', ownerParty: 'NER' });
        await add('third');
      });

      it('moves every source of the other incident, rejects it with a pointer and records both revisions', async () => {
        const kept = await link('keep');
        const moved = [await link('dup'), await link('dup', 0)];
        const before = await store.timelineIncidents({ visibility: SEE_ALL, status: ['verified'] });
        const outcome = await merge('keep', 'dup');
        assert.ok(outcome.ok);
        assert.equal(outcome.moved, 2);
        assert.deepEqual(
          (await store.listIncidentSources(id('keep'), SEE_ALL))
            .map((s) => s.report.id)
            .sort((a, b) => a - b),
          [kept, ...moved].sort((a, b) => a - b),
        );
        assert.deepEqual(await store.listIncidentSources(id('dup'), SEE_ALL), []);
        const other = await store.getIncident(id('dup'), SEE_ALL);
        assert.equal(other?.status, 'rejected');
        assert.equal(other?.mergedInto, id('keep'));
        const [otherRevision] = (await store.listRevisions(id('dup'))).slice(-1);
        assert.equal(otherRevision?.reason, `merged into #${id('keep')}: same ambush`);
        assert.deepEqual(otherRevision?.changes['merged_into'], { before: null, after: id('keep') });
        assert.deepEqual(otherRevision?.changes['status'], { before: 'verified', after: 'rejected' });
        const [survivorRevision] = (await store.listRevisions(id('keep'))).slice(-1);
        assert.equal(survivorRevision?.reason, `merged #${id('dup')} into this incident: same ambush`);
        assert.equal(survivorRevision?.changedBy, 'analyst-1');
        assert.deepEqual(survivorRevision?.changes['merged_from'], { before: null, after: id('dup') });
        assert.equal(outcome.survivor.revision, 2);
        // The summaries follow: the merged incident left the verified weeks.
        const after = await store.timelineIncidents({ visibility: SEE_ALL, status: ['verified'] });
        assert.equal(
          after.reduce((n, w) => n + w.count, 0),
          before.reduce((n, w) => n + w.count, 0) - 1,
        );
      });

      it('refuses a merge into itself, into a rejected incident and of an incident merged already, writing nothing', async () => {
        const refused = async (survivor: string, other: string, kind: 'same' | 'conflict'): Promise<void> => {
          const revisions = [
            (await store.listRevisions(id(survivor))).length,
            (await store.listRevisions(id(other))).length,
          ];
          const outcome = await merge(survivor, other);
          assert.ok(!outcome.ok && outcome.error === 'refused', `${survivor} ← ${other}`);
          assert.equal(outcome.refusal.kind, kind);
          assert.deepEqual(
            [(await store.listRevisions(id(survivor))).length, (await store.listRevisions(id(other))).length],
            revisions,
          );
        };
        await refused('third', 'third', 'same');
        await refused('rejected', 'third', 'conflict');
        await refused('third', 'dup', 'conflict');
        await refused('dup', 'third', 'conflict');
      });

      it('answers not_found for an incident the viewer may not see, and merges nothing', async () => {
        const liaison = visibilityOf({ role: 'liaison', party: 'MLI' });
        const outcome = await merge('third', 'national', liaison);
        assert.deepEqual(outcome, { ok: false, error: 'not_found', id: id('national') });
        assert.equal((await store.getIncident(id('national'), SEE_ALL))?.mergedInto, null);
      });
    });

    describe('listIncidents sorted oldest record first', () => {
      it("pages through every incident once, by creation then id, and by event date the other way; refuses the other sort's cursor", async () => {
        // Created out of id order, in every status, several on one instant.
        const created = ['2025-03-03T00:00:00.000Z', '2025-03-01T00:00:00.000Z', '2025-03-02T00:00:00.000Z'];
        const STATUSES = ['machine-coded', 'reported', 'verified', 'rejected'] as const;
        for (const [k, at] of created.entries())
          await store.upsertIncidents(
            Array.from({ length: 7 }, (_, n) =>
              incidentInput({
                eventDate: `2023-0${1 + (n % 3)}-10`,
                admin1: 'Kidal',
                status: STATUSES[(n + k) % 4] ?? 'verified',
              }),
            ),
            { actor: TEST_ACTOR, changedBy: 'import', at },
          );
        const cases = [
          { sort: 'created_asc', status: undefined, total: 21 },
          { sort: 'created_asc', status: ['machine-coded', 'reported'], total: 10 },
          { sort: 'date_desc', status: undefined, total: 21 },
          { sort: 'date_desc', status: ['verified'], total: 6 },
        ] as const;
        for (const { sort, status, total } of cases) {
          const label = `${sort} ${status?.join(',') ?? 'all'}`;
          const seen: Incident[] = [];
          let cursor: string | undefined;
          for (;;) {
            const page = await store.listIncidents({
              visibility: SEE_ALL,
              admin1: ['kidal'],
              ...(status === undefined ? {} : { status }),
              limit: 4,
              sort,
              ...(cursor === undefined ? {} : { cursor }),
            });
            seen.push(...page.items);
            if (page.nextCursor === null) break;
            cursor = page.nextCursor;
          }
          assert.equal(seen.length, total, label);
          assert.equal(new Set(seen.map((i) => i.id)).size, total, label);
          const sorted = [...seen].sort((a, b) =>
            sort === 'created_asc'
              ? a.createdAt.localeCompare(b.createdAt) || a.id - b.id
              : b.eventDate.localeCompare(a.eventDate) || b.id - a.id,
          );
          assert.deepEqual(
            seen.map((i) => i.id),
            sorted.map((i) => i.id),
            label,
          );
        }
        const first = await store.listIncidents({ visibility: SEE_ALL, limit: 2, sort: 'created_asc' });
        assert.ok(first.nextCursor);
        await assert.rejects(
          store.listIncidents({ visibility: SEE_ALL, limit: 2, sort: 'date_desc', cursor: first.nextCursor }),
          InvalidCursorError,
        );
      });
    });
  });
}
