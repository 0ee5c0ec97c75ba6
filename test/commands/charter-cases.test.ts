/**
 * The rest of the Charter workflow on each store: Art. 5 rebellion cases (peaceful means first, force
 * only on an adopted decision), Art. 8 consultations (statements by the parties concerned, visible to
 * all parties), membership events (a notice of denunciation, an accession on its decision) read by
 * evaluation and decisions, and an assistance case extended to a state that acceded later.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SYSTEM_VISIBILITY, type CharterDeps, type CharterResult } from '../../src/commands/charter-deps.ts';
import { currentTreaties, treatiesWith } from '../../src/commands/charter-deps.ts';
import { openCharterDecision } from '../../src/commands/charter-decision.ts';
import {
  listVisibleConsultations,
  makeStatement,
  openConsultationOn,
  readConsultation,
} from '../../src/commands/charter-consultation.ts';
import { recordMembershipEvent } from '../../src/commands/charter-membership.ts';
import { openOrUpdateRebellionCase, recordEscalation } from '../../src/commands/charter-rebellion.ts';
import { castVote, evaluateIncident, reviewProposal } from '../../src/commands/charter-workflow.ts';
import { currentVersion } from '../../src/domain/charter/workflow/proposal-record.ts';
import type { WorkflowActor } from '../../src/domain/charter/workflow/workflow-actor.ts';
import { visibilityOf } from '../../src/domain/classification.ts';
import { actorLookup } from '../../src/reference/actor-lookup.ts';
import { loadReference } from '../../src/reference/load-reference.ts';
import { loadTreaties } from '../../src/reference/treaties.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { incidentInput, TEST_ACTOR } from '../support/factories.ts';

const hour = (h: number): string => new Date(Date.UTC(2024, 5, 1) + h * 3_600_000).toISOString();
const ANALYST: WorkflowActor = { id: 1, role: 'analyst', party: null };
const OBSERVER: WorkflowActor = { id: 3, role: 'observer', party: null };
const dm = (party: string): WorkflowActor => ({
  id: 10 + party.charCodeAt(0),
  role: 'decision-maker',
  party,
});
const liaison = (party: string): WorkflowActor => ({ id: 40 + party.charCodeAt(0), role: 'liaison', party });
const seeAs = (a: WorkflowActor) => visibilityOf(a);

function ok<T>(r: CharterResult<T>): T {
  if (!r.ok) throw new Error(`refused: ${r.error.code}: ${r.error.message}`);
  return r.value;
}
const code = <T>(r: CharterResult<T>): string => (r.ok ? 'ok' : r.error.code);

describe('treaties with their membership events', () => {
  it('skips an event the data file already records, so a new treaty version does not break every command', () => {
    const [charter] = loadTreaties();
    assert.ok(charter);
    const notice = {
      treaty: charter.id,
      seq: 1,
      event: { kind: 'denunciation', party: 'MLI', notifiedOn: '2024-07-01', source: 'note verbale' },
      recordedAt: hour(0),
      recordedBy: 1,
    } as const;
    const [once] = treatiesWith([charter], [notice]);
    assert.equal(once?.version, `${charter.version}+m1`);
    // A later data file that records the same notice itself.
    const [updated] = treatiesWith(
      [{ ...charter, version: 'official.1', parties: once?.parties ?? [] }],
      [notice],
    );
    assert.equal(updated?.version, 'official.1', 'the notice is not applied twice');
    assert.deepEqual(updated?.parties, once?.parties);
  });
});

for (const kind of testStoreKinds) {
  describe(`Charter cases on ${kind.dialect}`, () => {
    let db: TestStore;
    let deps: CharterDeps;
    before(async () => {
      db = await kind.open();
      deps = { store: db.store, treaties: loadTreaties(), lookup: actorLookup(loadReference()) };
    });
    after(() => db.dispose());

    async function addIncident(over: Parameters<typeof incidentInput>[0] = {}): Promise<number> {
      const input = incidentInput({ status: 'verified', ...over });
      await db.store.upsertIncidents([input], { actor: TEST_ACTOR, changedBy: 'import', at: hour(0) });
      const found = await db.store.getIncidentBySourceKey(input.sourceKey, SYSTEM_VISIBILITY);
      assert.ok(found);
      return found.id;
    }

    /** FLA rebels take a town in Kidal region (worked example 3). */
    const kidal = (over: Parameters<typeof incidentInput>[0] = {}) =>
      addIncident({
        eventDate: '2024-05-20',
        admin1: 'Kidal',
        location: 'Anefis',
        latitude: 18.05,
        longitude: 0.6,
        eventType: 'Battles',
        subEventType: 'Non-state actor overtakes territory',
        actor1: 'FLA: Azawad Liberation Front',
        actor2: null,
        ...over,
      });

    async function adopt(decisionId: string, parties: readonly string[], h: number): Promise<void> {
      for (const party of parties)
        ok(
          await castVote(deps, {
            by: TEST_ACTOR,
            decisionId,
            choice: 'assent',
            actor: dm(party),
            visibility: SYSTEM_VISIBILITY,
            at: hour(h),
          }),
        );
    }

    it("opens one rebellion case per party and adds later incidents to it; another party's officer may not", async () => {
      const first = await kidal();
      const refused = await openOrUpdateRebellionCase(deps, {
        by: TEST_ACTOR,
        incidentId: first,
        note: null,
        actor: liaison('BFA'),
        visibility: seeAs(liaison('BFA')),
        at: hour(1),
      });
      assert.equal(code(refused), 'not-authorised');
      const opened = ok(
        await openOrUpdateRebellionCase(deps, {
          by: TEST_ACTOR,
          incidentId: first,
          note: 'FLA holds Anefis',
          actor: liaison('MLI'),
          visibility: seeAs(liaison('MLI')),
          at: hour(1),
        }),
      );
      assert.equal(opened.created, true);
      assert.equal(opened.rebellionCase.value.party, 'MLI');
      assert.equal(opened.rebellionCase.value.level, 'monitoring');

      const second = await kidal({ location: 'Tessalit', latitude: 20.2, longitude: 1.01 });
      const updated = ok(
        await openOrUpdateRebellionCase(deps, {
          by: TEST_ACTOR,
          incidentId: second,
          note: null,
          actor: ANALYST,
          visibility: SYSTEM_VISIBILITY,
          at: hour(2),
        }),
      );
      assert.equal(updated.created, false);
      assert.equal(updated.rebellionCase.value.id, opened.rebellionCase.value.id);
      assert.deepEqual(updated.rebellionCase.value.incidentIds, [String(first), String(second)]);
    });

    it('moves to force only on an adopted use-of-force decision, which must say why when no peaceful step is on record', async () => {
      const incidentId = await kidal({ country: 'NER', admin1: 'Agadez', location: 'Iferouane' });
      const { rebellionCase } = ok(
        await openOrUpdateRebellionCase(deps, {
          by: TEST_ACTOR,
          incidentId,
          note: null,
          actor: ANALYST,
          visibility: SYSTEM_VISIBILITY,
          at: hour(1),
        }),
      );
      const caseId = rebellionCase.value.id;
      const step = (over: Partial<Parameters<typeof recordEscalation>[1]>, h: number) =>
        recordEscalation(deps, {
          by: TEST_ACTOR,
          caseId,
          to: 'dialogue',
          peacefulMeans: [],
          note: null,
          decisionId: null,
          actor: ANALYST,
          visibility: SYSTEM_VISIBILITY,
          at: hour(h),
          ...over,
        });
      assert.equal(code(await step({}, 2)), 'reason-required', 'dialogue names its means');
      assert.equal(code(await step({ to: 'use-of-force' }, 2)), 'not-adopted');

      const bare = ok(
        await openCharterDecision(deps, {
          by: TEST_ACTOR,
          request: { kind: 'use-of-force', rebellionCaseId: caseId, justification: null },
          deadline: null,
          actor: ANALYST,
          visibility: SYSTEM_VISIBILITY,
          at: hour(3),
        }),
      );
      assert.deepEqual(bare.voters, ['MLI', 'BFA', 'NER']);
      await adopt(bare.id, ['MLI', 'BFA', 'NER'], 4);
      assert.equal(
        code(await step({ to: 'use-of-force', decisionId: bare.id }, 5)),
        'peaceful-step-required',
        'no peaceful means on record and no justification',
      );

      ok(await step({ to: 'mediation', peacefulMeans: ['mediation by the High Islamic Council'] }, 6));
      const moved = ok(await step({ to: 'use-of-force', decisionId: bare.id }, 7));
      assert.equal(moved.value.level, 'use-of-force');
      assert.equal(moved.value.steps.at(-1)?.decisionId, bare.id);
      assert.equal(moved.version, 3);
    });

    it('lets the concerned parties speak in a consultation that every party reads, and hides one without incident from observers', async () => {
      const incidentId = await addIncident({
        country: 'NER',
        location: 'Téra',
        actor1: 'JNIM: Group for Support of Islam and Muslims',
        actor2: 'Military Forces of Niger (2023-)',
      });
      const opened = ok(
        await openConsultationOn(deps, {
          by: TEST_ACTOR,
          incidentId,
          concerned: ['NER', 'BFA'],
          subject: 'an attack on Niger launched from Burkina Faso',
          actor: liaison('NER'),
          visibility: seeAs(liaison('NER')),
          at: hour(1),
        }),
      );
      assert.deepEqual(opened.value.visibleTo, ['MLI', 'BFA', 'NER']);
      const said = ok(
        await makeStatement(deps, {
          by: TEST_ACTOR,
          id: opened.value.id,
          text: 'Burkina Faso will investigate',
          actor: dm('BFA'),
          visibility: seeAs(dm('BFA')),
          at: hour(2),
        }),
      );
      assert.deepEqual(
        said.value.statements.map((s) => s.party),
        ['BFA'],
      );
      const mali = await makeStatement(deps, {
        by: TEST_ACTOR,
        id: opened.value.id,
        text: 'Mali supports the inquiry',
        actor: dm('MLI'),
        visibility: seeAs(dm('MLI')),
        at: hour(3),
      });
      assert.equal(code(mali), 'not-concerned', 'Mali reads it, it does not speak in it');
      assert.ok(
        ok(
          await readConsultation(deps, {
            id: opened.value.id,
            actor: liaison('MLI'),
            visibility: seeAs(liaison('MLI')),
          }),
        ),
      );
      assert.equal(
        code(
          await openConsultationOn(deps, {
            by: TEST_ACTOR,
            incidentId,
            concerned: ['NER', 'BFA'],
            subject: 'again',
            actor: ANALYST,
            visibility: SYSTEM_VISIBILITY,
            at: hour(4),
          }),
        ),
        'conflict',
        'one consultation per treaty and incident',
      );

      const general = ok(
        await openConsultationOn(deps, {
          by: TEST_ACTOR,
          incidentId: null,
          concerned: ['MLI', 'BFA'],
          subject: 'armed groups crossing the border near Djibo',
          actor: ANALYST,
          visibility: SYSTEM_VISIBILITY,
          at: hour(5),
        }),
      );
      assert.equal(
        code(
          await readConsultation(deps, {
            id: general.value.id,
            actor: OBSERVER,
            visibility: seeAs(OBSERVER),
          }),
        ),
        'unknown',
        'an observer reads public records only',
      );
      const seenByObserver = await listVisibleConsultations(deps, {
        actor: OBSERVER,
        visibility: seeAs(OBSERVER),
      });
      assert.ok(!seenByObserver.some((c) => c.value.id === general.value.id));
      assert.ok(
        seenByObserver.some((c) => c.value.id === opened.value.id),
        'the one on a PUBLIC incident',
      );
    });
  });

  describe(`membership events on ${kind.dialect}`, () => {
    let db: TestStore;
    let deps: CharterDeps;
    before(async () => {
      db = await kind.open();
      deps = { store: db.store, treaties: loadTreaties(), lookup: actorLookup(loadReference()) };
    });
    after(() => db.dispose());

    async function strikeOnNiger(eventDate: string): Promise<number> {
      const input = incidentInput({
        eventDate,
        country: 'NER',
        location: 'Gaya',
        latitude: 11.88,
        longitude: 3.45,
        actor1: 'Military Forces of Benin (2016-)',
        actor2: 'Military Forces of Niger (2023-)',
        status: 'verified',
      });
      await db.store.upsertIncidents([input], { actor: TEST_ACTOR, changedBy: 'import', at: hour(0) });
      const found = await db.store.getIncidentBySourceKey(input.sourceKey, SYSTEM_VISIBILITY);
      assert.ok(found);
      return found.id;
    }

    const art6Obligations = async (incidentId: number, h: number): Promise<string[]> => {
      const proposals = ok(
        await evaluateIncident(deps, {
          by: TEST_ACTOR,
          incidentId,
          visibility: SYSTEM_VISIBILITY,
          at: hour(h),
          cause: 'test',
        }),
      );
      const art6 = proposals.find(
        (p) => p.value.treaty === 'liptako-gourma-charter' && p.value.article === '6',
      );
      assert.ok(art6);
      return currentVersion(art6.value).proposal.obligations.map((o) => o.party);
    };

    it("records a party's own notice, refuses another party's and a second one, and evaluation follows it (worked example 8)", async () => {
      const notice = (actor: WorkflowActor, h: number) =>
        recordMembershipEvent(deps, {
          by: TEST_ACTOR,
          treaty: 'liptako-gourma-charter',
          request: { kind: 'denunciation', party: 'MLI', notifiedOn: '2024-07-01', source: 'note verbale' },
          actor,
          at: hour(h),
        });
      assert.equal(code(await notice(dm('BFA'), 1)), 'not-authorised');
      const recorded = ok(await notice(dm('MLI'), 2));
      assert.equal(recorded.seq, 1);
      assert.equal(code(await notice(ANALYST, 3)), 'already-under-notice');

      const [charter] = await currentTreaties(deps);
      assert.match(charter?.version ?? '', /\+m1$/);
      assert.deepEqual(await art6Obligations(await strikeOnNiger('2024-12-01'), 4), ['MLI', 'BFA']);
      assert.deepEqual(
        await art6Obligations(await strikeOnNiger('2025-02-01'), 5),
        ['BFA'],
        'seven months after the notice Mali is no party',
      );
    });

    it('admits a state on its adopted accession decision, and extends an earlier case to it by a further decision', async () => {
      const incidentId = await strikeOnNiger('2024-06-01');
      const proposals = ok(
        await evaluateIncident(deps, {
          by: TEST_ACTOR,
          incidentId,
          visibility: SYSTEM_VISIBILITY,
          at: hour(10),
          cause: 'test',
        }),
      );
      const art6 = proposals.find(
        (p) => p.value.treaty === 'liptako-gourma-charter' && p.value.article === '6',
      );
      assert.ok(art6);
      const { decision: activation } = ok(
        await reviewProposal(deps, {
          by: TEST_ACTOR,
          proposalId: art6.id,
          version: currentVersion(art6.value).version,
          verdict: 'confirm',
          reason: 'a garrison was struck',
          actor: ANALYST,
          visibility: SYSTEM_VISIBILITY,
          at: hour(11),
        }),
      );
      assert.ok(activation);
      let caseId = '';
      for (const party of activation.voters) {
        const voted = ok(
          await castVote(deps, {
            by: TEST_ACTOR,
            decisionId: activation.id,
            choice: 'assent',
            actor: dm(party),
            visibility: SYSTEM_VISIBILITY,
            at: hour(12),
          }),
        );
        caseId = voted.assistanceCase?.id ?? caseId;
      }

      const accession = ok(
        await openCharterDecision(deps, {
          by: TEST_ACTOR,
          request: { kind: 'accession', state: 'TCD', effectiveFrom: '2024-06-10' },
          deadline: null,
          actor: ANALYST,
          visibility: SYSTEM_VISIBILITY,
          at: hour(13),
        }),
      );
      for (const party of accession.voters)
        ok(
          await castVote(deps, {
            by: TEST_ACTOR,
            decisionId: accession.id,
            choice: 'assent',
            actor: dm(party),
            visibility: SYSTEM_VISIBILITY,
            at: hour(14),
          }),
        );
      const early = await recordMembershipEvent(deps, {
        by: TEST_ACTOR,
        treaty: 'liptako-gourma-charter',
        request: {
          kind: 'accession',
          decisionId: accession.id,
          state: { iso3: 'TCD', iso2: 'TD', name: { en: 'Chad', fr: 'Tchad' } },
          effectiveFrom: '2024-06-11',
        },
        actor: ANALYST,
        at: hour(15),
      });
      assert.equal(code(early), 'wrong-subject', 'the event says what the decision said');
      ok(
        await recordMembershipEvent(deps, {
          by: TEST_ACTOR,
          treaty: 'liptako-gourma-charter',
          request: {
            kind: 'accession',
            decisionId: accession.id,
            state: { iso3: 'TCD', iso2: 'TD', name: { en: 'Chad', fr: 'Tchad' } },
            effectiveFrom: '2024-06-10',
          },
          actor: ANALYST,
          at: hour(15),
        }),
      );
      // The case of an attack before the accession owes nothing to Chad until a decision extends it.
      const extension = ok(
        await openCharterDecision(deps, {
          by: TEST_ACTOR,
          request: { kind: 'assistance-extension', assistanceCaseId: caseId, parties: ['TCD'] },
          deadline: null,
          actor: dm('NER'),
          visibility: SYSTEM_VISIBILITY,
          at: new Date(Date.UTC(2024, 5, 12)).toISOString(),
        }),
      );
      assert.ok(extension.voters.includes('TCD'), 'a member on the day the decision opens votes');
      let extended = null;
      for (const party of extension.voters)
        extended = ok(
          await castVote(deps, {
            by: TEST_ACTOR,
            decisionId: extension.id,
            choice: 'assent',
            actor: dm(party),
            visibility: SYSTEM_VISIBILITY,
            at: new Date(Date.UTC(2024, 5, 12, 1)).toISOString(),
          }),
        ).assistanceCase;
      assert.deepEqual(
        extended?.obligations.map((o) => o.party),
        ['MLI', 'BFA', 'TCD'],
      );
      const stored = await db.store.getAssistanceCase(caseId, SYSTEM_VISIBILITY);
      assert.equal(stored?.value.obligations.length, 3);
      assert.deepEqual(
        (await db.store.listMembershipEvents('liptako-gourma-charter')).map((e) => [e.seq, e.event.kind]),
        [
          [1, 'denunciation'],
          [2, 'accession'],
        ],
        'the notice of the test before, then the accession',
      );
    });
  });
}
