/** Art. 5 rebellion cases: the escalation ladder, peaceful means first, force only by decision. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { castVote, openDecision, type Decision } from '../../src/domain/charter/workflow/decision.ts';
import {
  addRebellionIncident,
  changeEscalation,
  closeRebellionCase,
  hasPeacefulStep,
  openRebellionCase,
  type EscalationLevel,
  type RebellionCase,
} from '../../src/domain/charter/workflow/rebellion-case.ts';
import { CHARTER } from './charter-fixtures.ts';
import { ADMIN, ANALYST, code, dm, hour, liaison, OBSERVER, ok } from './workflow-fixtures.ts';

function forceDecision(justification: string | null, adopt = true, caseId = 'reb-1'): Decision {
  let d = ok(
    openDecision({
      id: 'd-force',
      treaty: CHARTER,
      subject: { kind: 'use-of-force', rebellionCaseId: caseId, justification },
      referenceDate: '2024-05-10',
      opener: ANALYST,
      at: hour(0),
    }),
  );
  if (!adopt) return d;
  for (const [i, party] of d.voters.entries())
    d = ok(castVote(d, { party, choice: 'assent', voter: dm(party), at: hour(i + 1) }));
  return d;
}

function opened(): RebellionCase {
  return ok(
    openRebellionCase({
      id: 'reb-1',
      treaty: CHARTER.id,
      party: 'MLI',
      incidentId: 'kidal-1',
      actor: ANALYST,
      at: hour(1),
    }),
  );
}

function afterDialogue(): RebellionCase {
  return ok(
    changeEscalation(opened(), {
      to: 'dialogue',
      actor: liaison('MLI'),
      at: hour(10),
      peacefulMeans: ['talks with CSP-PSD through Algerian mediation'],
    }),
  );
}

describe('rebellion case', () => {
  it('opens at monitoring with the incident, who and when', () => {
    const c = opened();
    assert.equal(c.level, 'monitoring');
    assert.deepEqual(c.incidentIds, ['kidal-1']);
    assert.deepEqual(c.steps[0], {
      level: 'monitoring',
      at: hour(1),
      by: ANALYST.id,
      peacefulMeans: [],
      note: null,
      decisionId: null,
    });
  });

  it('a further incident updates the case once', () => {
    const c = ok(addRebellionIncident(ok(addRebellionIncident(opened(), 'kidal-2')), 'kidal-2'));
    assert.deepEqual(c.incidentIds, ['kidal-1', 'kidal-2']);
  });

  for (const [to, means, expected] of [
    ['dialogue', ['talks'], 'ok'],
    ['mediation', ['mediation by Algeria'], 'ok'],
    ['dialogue', [], 'reason-required'],
    ['mediation', ['  '], 'reason-required'],
    ['monitoring', [], 'ok'],
  ] as const)
    it(`${expected === 'ok' ? 'records' : 'refuses'} a step to ${to} naming ${means.length} peaceful means (${expected})`, () => {
      assert.equal(
        code(changeEscalation(opened(), { to, actor: ANALYST, at: hour(2), peacefulMeans: means })),
        expected,
      );
    });

  it('records which peaceful means were tried', () => {
    const c = afterDialogue();
    assert.equal(hasPeacefulStep(c), true);
    assert.deepEqual(c.steps.at(-1)?.peacefulMeans, ['talks with CSP-PSD through Algerian mediation']);
    assert.equal(c.steps.at(-1)?.by, liaison('MLI').id);
  });

  const toForce: [string, () => RebellionCase, Decision | null, string][] = [
    ['after dialogue, with an adopted decision', afterDialogue, forceDecision(null), 'ok'],
    ['after dialogue, with no decision', afterDialogue, null, 'not-adopted'],
    ['after dialogue, with a decision still open', afterDialogue, forceDecision(null, false), 'not-adopted'],
    ['with a decision on another case', afterDialogue, forceDecision(null, true, 'reb-9'), 'wrong-subject'],
    [
      'with no peaceful step and a decision without justification',
      opened,
      forceDecision(null),
      'peaceful-step-required',
    ],
    [
      'with no peaceful step and a blank justification',
      opened,
      forceDecision('  '),
      'peaceful-step-required',
    ],
    [
      'with no peaceful step and a decision recording why',
      opened,
      forceDecision('armed columns marching on Kidal; no interlocutor for talks'),
      'ok',
    ],
  ];
  for (const [what, start, decision, expected] of toForce)
    it(`${expected === 'ok' ? 'allows' : 'refuses'} a move to force ${what} (${expected})`, () => {
      const r = changeEscalation(start(), { to: 'use-of-force', actor: ANALYST, at: hour(20), decision });
      assert.equal(code(r), expected);
      if (r.ok) {
        assert.equal(r.value.level, 'use-of-force');
        assert.equal(r.value.steps.at(-1)?.decisionId, 'd-force');
      }
    });

  for (const to of ['mediation', 'dialogue', 'monitoring'] as const satisfies readonly EscalationLevel[])
    it(`allows de-escalation from force to ${to}`, () => {
      const force = ok(
        changeEscalation(afterDialogue(), {
          to: 'use-of-force',
          actor: ANALYST,
          at: hour(20),
          decision: forceDecision(null),
        }),
      );
      const r = changeEscalation(force, {
        to,
        actor: ADMIN,
        at: hour(30),
        peacefulMeans: ['ceasefire talks'],
      });
      assert.equal(r.ok && r.value.level, to);
    });

  for (const [who, actor] of [
    ['an observer', OBSERVER],
    ['another party’s liaison officer', liaison('BFA')],
  ] as const)
    it(`refuses a step by ${who}`, () => {
      assert.equal(
        code(changeEscalation(opened(), { to: 'dialogue', actor, at: hour(2), peacefulMeans: ['talks'] })),
        'not-authorised',
      );
      assert.equal(
        code(
          openRebellionCase({
            id: 'r',
            treaty: CHARTER.id,
            party: 'MLI',
            incidentId: 'i',
            actor,
            at: hour(1),
          }),
        ),
        'not-authorised',
      );
    });

  it('refuses a step dated before the last one', () => {
    assert.equal(
      code(
        changeEscalation(afterDialogue(), {
          to: 'mediation',
          actor: ANALYST,
          at: hour(5),
          peacefulMeans: ['x'],
        }),
      ),
      'out-of-order',
    );
  });

  it('closes with an outcome, after which nothing changes', () => {
    assert.equal(
      code(closeRebellionCase(opened(), { actor: ANALYST, at: hour(3), outcome: '' })),
      'reason-required',
    );
    const closed = ok(
      closeRebellionCase(afterDialogue(), { actor: dm('MLI'), at: hour(40), outcome: 'peace agreement' }),
    );
    assert.deepEqual(closed.closed, { at: hour(40), by: dm('MLI').id, outcome: 'peace agreement' });
    assert.equal(
      code(changeEscalation(closed, { to: 'monitoring', actor: ANALYST, at: hour(41) })),
      'case-closed',
    );
    assert.equal(code(addRebellionIncident(closed, 'kidal-3')), 'case-closed');
    assert.equal(
      code(closeRebellionCase(closed, { actor: ANALYST, at: hour(42), outcome: 'again' })),
      'case-closed',
    );
  });
});
