/** Duty-of-assistance cases: obligations per other member, legal transitions, clocks and overdue. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assistanceClocks, overdue } from '../../src/domain/charter/workflow/assistance-clocks.ts';
import {
  advanceObligation,
  extendAssistanceCase,
  OBLIGATION_STATES,
  OBLIGATION_TRANSITIONS,
  openAssistanceCase,
  type AssistanceCase,
  type ObligationState,
} from '../../src/domain/charter/workflow/assistance-case.ts';
import {
  castVote,
  openDecision,
  type Decision,
  type DecisionSubject,
} from '../../src/domain/charter/workflow/decision.ts';
import type { Treaty } from '../../src/domain/treaty.ts';
import { CHARTER, PROTOCOL, withAccession } from './charter-fixtures.ts';
import { ADMIN, ANALYST, code, dm, hour, liaison, OBSERVER, ok } from './workflow-fixtures.ts';

const ACTIVATION: DecisionSubject = {
  kind: 'activation',
  article: '6',
  incidentId: 'inc-1',
  proposalVersion: 1,
  victim: 'NER',
};

/** A decision all members on the day assent to (or that stays open when `adopt` is false). */
function decided(
  treaty: Treaty,
  subject: DecisionSubject,
  referenceDate: string,
  adopt = true,
  id = 'd-1',
): Decision {
  let d = ok(openDecision({ id, treaty, subject, referenceDate, opener: ANALYST, at: hour(0) }));
  if (!adopt) return d;
  for (const [i, party] of d.voters.entries())
    if (d.state === 'open')
      d = ok(castVote(d, { party, choice: 'assent', voter: dm(party), at: hour(i + 1) }));
  assert.equal(d.state, 'adopted');
  return d;
}

function opened(treaty: Treaty = CHARTER): AssistanceCase {
  return ok(
    openAssistanceCase({
      id: 'case-1',
      decision: decided(treaty, ACTIVATION, '2024-05-10'),
      treaty,
      at: hour(4),
    }),
  );
}

const STEPS: Record<Exclude<ObligationState, 'pending'>, ObligationState[]> = {
  acknowledged: ['acknowledged'],
  pledged: ['acknowledged', 'pledged'],
  delivering: ['acknowledged', 'pledged', 'delivering'],
  fulfilled: ['acknowledged', 'pledged', 'delivering', 'fulfilled'],
  declined: ['declined'],
};

/** The case with BFA's obligation walked to `state`, one hour per step after activation. */
function walked(state: ObligationState): AssistanceCase {
  let c = opened();
  if (state === 'pending') return c;
  for (const [i, to] of STEPS[state].entries())
    c = ok(advanceObligation(c, { party: 'BFA', to, actor: liaison('BFA'), at: hour(5 + i), note: 'n' }));
  return c;
}

describe('duty-of-assistance case', () => {
  it('an adopted activation opens one pending obligation per other member, the victim owing none', () => {
    const c = opened();
    assert.deepEqual(
      c.obligations.map((o) => [o.party, o.state]),
      [
        ['MLI', 'pending'],
        ['BFA', 'pending'],
      ],
    );
    assert.equal(c.victim, 'NER');
    assert.equal(c.activatedAt, hour(4));
    assert.deepEqual(c.deadlines, { acknowledged: 24, pledged: 72 });
  });

  for (const [what, make, expected] of [
    ['an open decision', () => decided(CHARTER, ACTIVATION, '2024-05-10', false), 'not-adopted'],
    [
      'a decision on another subject',
      () =>
        decided(CHARTER, { kind: 'use-of-force', rebellionCaseId: 'r', justification: null }, '2024-05-10'),
      'wrong-subject',
    ],
    ['a decision under another treaty', () => decided(PROTOCOL, ACTIVATION, '2024-05-10'), 'wrong-subject'],
  ] as const)
    it(`refuses to open a case from ${what} (${expected})`, () => {
      assert.equal(
        code(openAssistanceCase({ id: 'c', decision: make(), treaty: CHARTER, at: hour(10) })),
        expected,
      );
    });

  it('refuses a case dated before its decision closed, and a deadline that is not a positive number of hours', () => {
    const decision = decided(CHARTER, ACTIVATION, '2024-05-10');
    assert.equal(
      code(openAssistanceCase({ id: 'c', decision, treaty: CHARTER, at: hour(1) })),
      'out-of-order',
    );
    assert.equal(
      code(
        openAssistanceCase({
          id: 'c',
          decision,
          treaty: CHARTER,
          at: hour(9),
          deadlines: { acknowledged: 0 },
        }),
      ),
      'invalid-input',
    );
  });

  // Every (from, to) pair: legal moves succeed, all others are refused.
  for (const from of OBLIGATION_STATES)
    for (const to of OBLIGATION_STATES) {
      const legal = OBLIGATION_TRANSITIONS[from].includes(to);
      it(`${legal ? 'allows' : 'refuses'} ${from} → ${to}`, () => {
        const c = walked(from);
        const r = advanceObligation(c, {
          party: 'BFA',
          to,
          actor: liaison('BFA'),
          at: hour(20),
          note: 'reason',
        });
        assert.equal(code(r), legal ? 'ok' : 'invalid-transition');
        if (r.ok) {
          const o = r.value.obligations.find((x) => x.party === 'BFA');
          assert.equal(o?.state, to);
          assert.equal(o?.enteredAt, hour(20));
          assert.deepEqual(o?.history.at(-1), {
            from,
            to,
            at: hour(20),
            by: liaison('BFA').id,
            note: 'reason',
          });
        }
      });
    }

  const refusals = [
    ['declining without a reason', { to: 'declined', note: ' ' }, 'reason-required'],
    ['a party with no obligation (the victim)', { party: 'NER', actor: liaison('NER') }, 'not-found'],
    ['another party’s liaison officer', { actor: liaison('MLI') }, 'not-authorised'],
    ['an analyst', { actor: ANALYST }, 'not-authorised'],
    ['an observer', { actor: OBSERVER }, 'not-authorised'],
    ['a date before the last change', { at: hour(3) }, 'out-of-order'],
  ] as const;
  for (const [what, over, expected] of refusals)
    it(`refuses ${what} (${expected})`, () => {
      const input = {
        party: 'BFA',
        to: 'acknowledged',
        actor: liaison('BFA'),
        at: hour(6),
        note: null,
        ...over,
      } as const;
      assert.equal(code(advanceObligation(opened(), input)), expected);
    });

  it('the party’s decision-maker, or an admin, may record a change', () => {
    assert.equal(
      code(advanceObligation(opened(), { party: 'BFA', to: 'acknowledged', actor: dm('BFA'), at: hour(6) })),
      'ok',
    );
    assert.equal(
      code(advanceObligation(opened(), { party: 'BFA', to: 'acknowledged', actor: ADMIN, at: hour(6) })),
      'ok',
    );
  });

  it('declined keeps its reason in the history', () => {
    const c = walked('declined');
    assert.equal(c.obligations.find((o) => o.party === 'BFA')?.history.at(-1)?.note, 'n');
  });
});

describe('assistance clocks and overdue', () => {
  it('clocks run from activation and from entering the current state', () => {
    const c = ok(
      advanceObligation(opened(), { party: 'BFA', to: 'acknowledged', actor: liaison('BFA'), at: hour(10) }),
    );
    const clocks = assistanceClocks(c, hour(34));
    assert.equal(clocks.sinceActivationMs, 30 * 3_600_000);
    assert.deepEqual(clocks.obligations, [
      { party: 'MLI', state: 'pending', sinceOwedMs: 30 * 3_600_000, timeInStateMs: 30 * 3_600_000 },
      { party: 'BFA', state: 'acknowledged', sinceOwedMs: 30 * 3_600_000, timeInStateMs: 24 * 3_600_000 },
    ]);
  });

  const table: [string, number, [string, string, number][]][] = [
    ['nothing is late at 24 h after activation (the deadline itself)', 4 + 24, []],
    [
      'MLI is late to acknowledge by 1 h at 25 h (BFA acknowledged in time)',
      4 + 25,
      [['MLI', 'acknowledged', 1]],
    ],
    [
      'at 80 h MLI is late to pledge by 8 h and to acknowledge by 56 h; BFA to pledge by 8 h',
      4 + 80,
      [
        ['MLI', 'pledged', 8],
        ['MLI', 'acknowledged', 56],
        ['BFA', 'pledged', 8],
      ],
    ],
  ];
  for (const [name, h, expected] of table)
    it(name, () => {
      const c = ok(
        advanceObligation(opened(), {
          party: 'BFA',
          to: 'acknowledged',
          actor: liaison('BFA'),
          at: hour(10),
        }),
      );
      assert.deepEqual(
        overdue(c, hour(h)).map((o) => [o.party, o.expected, o.lateByMs / 3_600_000]),
        expected,
      );
    });

  it('reports the due instant and the current state', () => {
    const [late] = overdue(opened(), hour(30));
    assert.deepEqual(late, {
      party: 'MLI',
      state: 'pending',
      expected: 'acknowledged',
      dueAt: hour(28),
      lateByMs: 2 * 3_600_000,
    });
  });

  it('a state reached late is no longer overdue; fulfilled and declined never are', () => {
    let c = opened();
    c = ok(
      advanceObligation(c, {
        party: 'MLI',
        to: 'declined',
        actor: liaison('MLI'),
        at: hour(5),
        note: 'no means',
      }),
    );
    for (const [i, to] of STEPS.fulfilled.entries())
      c = ok(advanceObligation(c, { party: 'BFA', to, actor: liaison('BFA'), at: hour(100 + i) }));
    assert.deepEqual(overdue(c, hour(500)), []);
  });

  it('uses the case’s own deadlines', () => {
    const decision = decided(CHARTER, ACTIVATION, '2024-05-10');
    const c = ok(
      openAssistanceCase({
        id: 'c',
        decision,
        treaty: CHARTER,
        at: hour(4),
        deadlines: { acknowledged: 2, fulfilled: 240 },
      }),
    );
    assert.deepEqual(
      overdue(c, hour(4 + 241)).map((o) => [o.party, o.expected, o.lateByMs / 3_600_000]),
      [
        ['MLI', 'fulfilled', 1],
        ['MLI', 'acknowledged', 239],
        ['BFA', 'fulfilled', 1],
        ['BFA', 'acknowledged', 239],
      ],
    );
  });
});

describe('extending a case after an accession', () => {
  const TOGO = { iso3: 'TGO', iso2: 'TG', name: { en: 'Togo', fr: 'Togo' } };
  const four = withAccession(CHARTER, TOGO, '2024-06-01');
  const extension = (parties: string[], assistanceCaseId = 'case-1'): DecisionSubject => ({
    kind: 'assistance-extension',
    assistanceCaseId,
    parties,
  });

  it('an accession after activation adds no obligation by itself', () => {
    const c = opened(four);
    assert.deepEqual(
      c.obligations.map((o) => o.party),
      ['MLI', 'BFA'],
    );
  });

  it('an adopted extension decision adds the acceded state’s obligation, its clock running from then', () => {
    const d = decided(four, extension(['TGO']), '2024-06-15', true, 'd-ext');
    assert.deepEqual(d.voters, ['MLI', 'BFA', 'NER', 'TGO']);
    const c = ok(extendAssistanceCase(opened(four), { decision: d, treaty: four, at: hour(200) }));
    const togo = c.obligations.find((o) => o.party === 'TGO');
    assert.equal(togo?.state, 'pending');
    assert.equal(togo?.owedFrom, hour(200));
    assert.equal(togo?.decisionId, 'd-ext');
    assert.deepEqual(
      overdue(c, hour(225)).filter((o) => o.party === 'TGO'),
      [{ party: 'TGO', state: 'pending', expected: 'acknowledged', dueAt: hour(224), lateByMs: 3_600_000 }],
    );
  });

  for (const [what, make, expected] of [
    ['an open decision', () => decided(four, extension(['TGO']), '2024-06-15', false), 'not-adopted'],
    [
      'a decision on another case',
      () => decided(four, extension(['TGO'], 'x'), '2024-06-15'),
      'wrong-subject',
    ],
    [
      'a party not yet a member on its date',
      () => decided(four, extension(['TGO']), '2024-05-20'),
      'not-member',
    ],
    ['the victim', () => decided(four, extension(['NER']), '2024-06-15'), 'invalid-input'],
    ['a party that already owes', () => decided(four, extension(['BFA']), '2024-06-15'), 'invalid-input'],
  ] as const)
    it(`refuses an extension by ${what} (${expected})`, () => {
      assert.equal(
        code(extendAssistanceCase(opened(four), { decision: make(), treaty: four, at: hour(200) })),
        expected,
      );
    });
});
