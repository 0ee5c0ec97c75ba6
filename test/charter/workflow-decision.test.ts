/** Decisions: voters on the reference date, representatives only, replaced ballots, the rule's arithmetic. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Proposal } from '../../src/domain/charter/proposal.ts';
import {
  castVote,
  closeAtDeadline,
  decisionOutcome,
  decisionTally,
  openActivationDecision,
  openDecision,
  type Decision,
} from '../../src/domain/charter/workflow/decision.ts';
import {
  requiredAssents,
  tallyDecision,
  type Ballot,
  type VoteChoice,
} from '../../src/domain/charter/workflow/decision-tally.ts';
import {
  openProposalRecord,
  reviewProposal,
  type ReviewVerdict,
} from '../../src/domain/charter/workflow/proposal-record.ts';
import type { DecisionRule, Treaty } from '../../src/domain/treaty.ts';
import {
  CHARTER,
  evaluateIncident,
  incident,
  PROTOCOL,
  withAccession,
  withNotice,
} from './charter-fixtures.ts';
import { ANALYST, code, dm, hour, liaison, ok } from './workflow-fixtures.ts';

const UNANIMITY: DecisionRule = { kind: 'unanimity', abstentionIsAssent: false };
const twoThirds: DecisionRule = {
  kind: 'qualified-majority',
  numerator: 2,
  denominator: 3,
  abstentionIsAssent: false,
};
const half: DecisionRule = {
  kind: 'qualified-majority',
  numerator: 1,
  denominator: 2,
  abstentionIsAssent: false,
};

const ballots = (...votes: [string, VoteChoice][]): Ballot[] =>
  votes.map(([party, choice], i) => ({ party, choice, by: 0, at: hour(i) }));

describe('decision arithmetic', () => {
  for (const [rule, members, required] of [
    [UNANIMITY, 3, 3],
    [UNANIMITY, 4, 4],
    [twoThirds, 3, 2],
    [twoThirds, 4, 3],
    [twoThirds, 6, 4],
    [half, 3, 2],
    [half, 4, 2],
  ] as const)
    it(`${rule.kind === 'unanimity' ? 'unanimity' : `${rule.numerator}/${rule.denominator}`} of ${members} members needs ${required} assents`, () => {
      assert.equal(requiredAssents(rule, members), required);
    });

  const ABC = ['A', 'B', 'C'];
  const ABCD = ['A', 'B', 'C', 'D'];
  const table: [string, DecisionRule, string[], Ballot[], 'adopted' | 'rejected' | 'open', number][] = [
    ['unanimity: no ballot yet is open', UNANIMITY, ABC, [], 'open', 0],
    [
      'unanimity: three assents adopt',
      UNANIMITY,
      ABC,
      ballots(['A', 'assent'], ['B', 'assent'], ['C', 'assent']),
      'adopted',
      3,
    ],
    [
      'unanimity: an abstention is not assent, so two assents and an abstention stay open',
      UNANIMITY,
      ABC,
      ballots(['A', 'assent'], ['B', 'assent'], ['C', 'abstention']),
      'open',
      2,
    ],
    [
      'unanimity: one objection rejects',
      UNANIMITY,
      ABC,
      ballots(['A', 'assent'], ['B', 'objection']),
      'rejected',
      1,
    ],
    [
      'unanimity: an abstention replaced by assent adopts',
      UNANIMITY,
      ABC,
      ballots(['A', 'abstention'], ['B', 'assent'], ['C', 'assent'], ['A', 'assent']),
      'adopted',
      3,
    ],
    [
      'unanimity: an assent replaced by an objection rejects',
      UNANIMITY,
      ABC,
      ballots(['A', 'assent'], ['B', 'assent'], ['A', 'objection']),
      'rejected',
      1,
    ],
    [
      'unanimity: a ballot of a non-voter is ignored',
      UNANIMITY,
      ABC,
      ballots(['A', 'assent'], ['B', 'assent'], ['Z', 'assent']),
      'open',
      2,
    ],
    [
      '2/3 of 4: three assents adopt',
      twoThirds,
      ABCD,
      ballots(['A', 'assent'], ['B', 'assent'], ['C', 'assent']),
      'adopted',
      3,
    ],
    [
      '2/3 of 4: two assents and two abstentions stay open (abstention is not assent)',
      twoThirds,
      ABCD,
      ballots(['A', 'assent'], ['B', 'assent'], ['C', 'abstention'], ['D', 'abstention']),
      'open',
      2,
    ],
    [
      '2/3 of 4: one objection leaves three possible assents, so it stays open',
      twoThirds,
      ABCD,
      ballots(['A', 'objection'], ['B', 'assent']),
      'open',
      1,
    ],
    [
      '2/3 of 4: one objection and three assents adopt',
      twoThirds,
      ABCD,
      ballots(['A', 'objection'], ['B', 'assent'], ['C', 'assent'], ['D', 'assent']),
      'adopted',
      3,
    ],
    [
      '2/3 of 4: two objections make three assents impossible and reject',
      twoThirds,
      ABCD,
      ballots(['A', 'objection'], ['B', 'objection']),
      'rejected',
      0,
    ],
    ['2/3 of 3: two assents adopt', twoThirds, ABC, ballots(['A', 'assent'], ['B', 'assent']), 'adopted', 2],
    [
      '2/3 of 4: a replaced assent no longer counts',
      twoThirds,
      ABCD,
      ballots(['A', 'assent'], ['B', 'assent'], ['B', 'abstention'], ['C', 'assent']),
      'open',
      2,
    ],
    [
      '1/2 of 4: two assents adopt (at least half)',
      half,
      ABCD,
      ballots(['A', 'assent'], ['B', 'assent']),
      'adopted',
      2,
    ],
    [
      '1/2 of 4: three objections reject',
      half,
      ABCD,
      ballots(['A', 'objection'], ['B', 'objection'], ['C', 'objection']),
      'rejected',
      0,
    ],
  ];
  for (const [name, rule, voters, bs, outcome, assents] of table)
    it(name, () => {
      const t = tallyDecision(rule, voters, bs);
      assert.equal(t.outcome, outcome, t.explanation);
      assert.equal(t.assent, assents);
      assert.equal(t.assent + t.objection + t.abstention + t.notVoted.length, voters.length);
    });

  it('explains an abstention under unanimity in words', () => {
    const t = tallyDecision(UNANIMITY, ABC, ballots(['A', 'assent'], ['B', 'assent'], ['C', 'abstention']));
    assert.match(t.explanation, /C abstained, and an abstention is not assent/);
    assert.match(t.explanation, /2 of 3 assent, 0 object, 1 abstain, 0 not voted/);
  });

  it('throws on a malformed rule (a bug in the treaty data, not an expected failure)', () => {
    assert.throws(() =>
      requiredAssents(
        { kind: 'qualified-majority', numerator: 4, denominator: 3, abstentionIsAssent: false },
        3,
      ),
    );
  });
});

const SUBJECT = { kind: 'use-of-force', rebellionCaseId: 'reb-1', justification: null } as const;

function open(
  treaty: Treaty = CHARTER,
  referenceDate = '2024-05-10',
  deadline: string | null = null,
): Decision {
  return ok(
    openDecision({
      id: 'd-1',
      treaty,
      subject: SUBJECT,
      referenceDate,
      opener: ANALYST,
      at: hour(0),
      deadline,
    }),
  );
}

function vote(d: Decision, party: string, choice: VoteChoice, h: number): Decision {
  return ok(castVote(d, { party, choice, voter: dm(party), at: hour(h) }));
}

describe('decision voting', () => {
  it('the voters are every member on the reference date, in the treaty’s order', () => {
    assert.deepEqual(open().voters, ['MLI', 'BFA', 'NER']);
    assert.deepEqual(open(PROTOCOL, '2024-03-01').voters, ['NER', 'TCD', 'MRT']);
    assert.deepEqual(open(PROTOCOL, '2024-08-01').voters, ['NER', 'TCD', 'MRT', 'GIN']);
  });

  it('a party five months into its notice still votes; seven months in, it does not', () => {
    const leaving = withNotice(CHARTER, 'NER', '2024-01-01');
    assert.deepEqual(open(leaving, '2024-06-01').voters, ['MLI', 'BFA', 'NER']);
    assert.deepEqual(open(leaving, '2024-08-01').voters, ['MLI', 'BFA']);
  });

  it('an acceded state votes only on decisions referenced after its accession', () => {
    const four = withAccession(
      CHARTER,
      { iso3: 'TGO', iso2: 'TG', name: { en: 'Togo', fr: 'Togo' } },
      '2025-01-01',
    );
    assert.deepEqual(open(four, '2024-05-10').voters, ['MLI', 'BFA', 'NER']);
    assert.deepEqual(open(four, '2025-02-01').voters, ['MLI', 'BFA', 'NER', 'TGO']);
    assert.equal(
      code(castVote(open(four), { party: 'TGO', choice: 'assent', voter: dm('TGO'), at: hour(1) })),
      'not-a-voter',
    );
  });

  it('three assents under unanimity close the decision as adopted at the last ballot', () => {
    const d = vote(vote(vote(open(), 'MLI', 'assent', 1), 'BFA', 'assent', 2), 'NER', 'assent', 3);
    assert.equal(d.state, 'adopted');
    assert.equal(d.closedAt, hour(3));
    assert.match(d.closedBecause ?? '', /all 3 parties assented/);
    assert.equal(decisionOutcome(d).outcome, 'adopted');
  });

  it('a second ballot replaces the first while open, and both stay in the history', () => {
    let d = vote(open(), 'MLI', 'abstention', 1);
    d = vote(vote(d, 'BFA', 'assent', 2), 'NER', 'assent', 3);
    assert.equal(d.state, 'open', 'the abstention blocks unanimity');
    d = vote(d, 'MLI', 'assent', 4);
    assert.equal(d.state, 'adopted');
    assert.equal(d.ballots.length, 4);
    assert.deepEqual(decisionTally(d).votes, { MLI: 'assent', BFA: 'assent', NER: 'assent' });
  });

  it('an objection under unanimity closes the decision as rejected, and the objection can no longer be replaced', () => {
    const d = vote(vote(open(), 'MLI', 'assent', 1), 'BFA', 'objection', 2);
    assert.equal(d.state, 'rejected');
    assert.match(d.closedBecause ?? '', /BFA objected/);
    assert.equal(
      code(castVote(d, { party: 'BFA', choice: 'assent', voter: dm('BFA'), at: hour(3) })),
      'decision-closed',
    );
  });

  it('a vote after adoption is refused', () => {
    const d = vote(vote(vote(open(), 'MLI', 'assent', 1), 'BFA', 'assent', 2), 'NER', 'assent', 3);
    assert.equal(
      code(castVote(d, { party: 'NER', choice: 'objection', voter: dm('NER'), at: hour(4) })),
      'decision-closed',
    );
  });

  it('two of three Protocol members adopt under its 2/3 rule; an abstention does not count', () => {
    let d = open(PROTOCOL, '2024-03-01');
    d = ok(castVote(d, { party: 'NER', choice: 'abstention', voter: dm('NER'), at: hour(1) }));
    d = ok(castVote(d, { party: 'TCD', choice: 'assent', voter: dm('TCD'), at: hour(2) }));
    assert.equal(d.state, 'open');
    d = ok(castVote(d, { party: 'MRT', choice: 'assent', voter: dm('MRT'), at: hour(3) }));
    assert.equal(d.state, 'adopted');
    assert.match(d.closedBecause ?? '', /2\/3 of the 3 members \(2 assents/);
  });

  const refusals: [string, Partial<Parameters<typeof castVote>[1]>, string][] = [
    ['a liaison officer of the party', { voter: liaison('MLI') }, 'not-representative'],
    ['an analyst', { voter: ANALYST }, 'not-representative'],
    ['another party’s decision-maker', { voter: dm('BFA') }, 'not-representative'],
    ['a non-member’s decision-maker for its own state', { party: 'TCD', voter: dm('TCD') }, 'not-a-voter'],
    ['a ballot dated before the opening', { at: hour(-1) }, 'out-of-order'],
  ];
  for (const [who, over, expected] of refusals)
    it(`refuses a vote by ${who} (${expected})`, () => {
      const input = { party: 'MLI', choice: 'assent', voter: dm('MLI'), at: hour(1), ...over } as const;
      const d = open();
      const r = castVote(d, input);
      assert.equal(code(r), expected);
      assert.equal(d.ballots.length, 0);
    });

  it('refuses a vote after the deadline; closing at the deadline rejects what was not adopted', () => {
    const d = vote(vote(open(CHARTER, '2024-05-10', hour(48)), 'MLI', 'assent', 1), 'BFA', 'abstention', 2);
    assert.equal(
      code(castVote(d, { party: 'NER', choice: 'assent', voter: dm('NER'), at: hour(49) })),
      'deadline-passed',
    );
    assert.equal(code(closeAtDeadline(d, hour(47))), 'deadline-not-reached');
    const closed = ok(closeAtDeadline(d, hour(49)));
    assert.equal(closed.state, 'rejected');
    assert.equal(closed.closedAt, hour(49));
    assert.match(
      decisionOutcome(closed).explanation,
      /deadline .* passed without adoption: unanimity: BFA abstained/,
    );
    assert.equal(code(closeAtDeadline(closed, hour(50))), 'decision-closed');
  });

  it('a decision with no deadline is never closed by one', () => {
    assert.equal(code(closeAtDeadline(open(), hour(10_000))), 'deadline-not-reached');
  });

  for (const [what, over, expected] of [
    ['a liaison officer', { opener: liaison('MLI') }, 'not-authorised'],
    ['a deadline before the opening', { deadline: hour(-1) }, 'invalid-input'],
    ['a reference date before the treaty had members', { referenceDate: '2020-01-01' }, 'not-member'],
  ] as const)
    it(`refuses to open a decision with ${what} (${expected})`, () => {
      const input = {
        id: 'd',
        treaty: CHARTER,
        subject: SUBJECT,
        referenceDate: '2024-05-10',
        opener: ANALYST,
        at: hour(0),
      };
      assert.equal(code(openDecision({ ...input, ...over })), expected);
    });
});

function reviewed(proposal: Proposal, verdict: ReviewVerdict | null) {
  const r = openProposalRecord({ incidentId: 'inc-1', proposal, at: hour(0), cause: 'verified' });
  return verdict === null
    ? r
    : ok(reviewProposal(r, { version: 1, verdict, reason: 'read', reviewer: ANALYST, at: hour(1) }));
}

const proposalFor = (article: string, over: Record<string, unknown> = {}): Proposal => {
  const p = evaluateIncident(incident(over))[article];
  if (p === undefined) throw new Error(`no Art. ${article}`);
  return p;
};

const AIRCRAFT = {
  country_iso3: 'GHA',
  admin1: 'Upper East',
  location: 'Bawku',
  latitude: 11.06,
  longitude: -0.24,
  event_type: 'Explosions/Remote violence',
  sub_event_type: 'Shelling/artillery/missile attack',
  actor1: 'Unidentified Armed Group (Ghana)',
  actor2: 'Military Forces of Burkina Faso (2022-)',
  target: 'aircraft',
  fatalities: 2,
};
const PROTEST = {
  admin1: 'Bamako',
  location: 'Bamako',
  event_type: 'Protests',
  sub_event_type: 'Peaceful protest',
  actor1: 'Protesters (Mali)',
  actor2: null,
  fatalities: 0,
};

describe('opening a decision from a confirmed proposal', () => {
  const base = {
    id: 'd-6',
    treaty: CHARTER,
    incidentDate: '2024-05-10',
    victim: 'MLI',
    opener: ANALYST,
    at: hour(2),
  };

  it('a confirmed Art. 6 proposal opens an activation decision with every member voting, the victim included', () => {
    const d = ok(openActivationDecision(reviewed(proposalFor('6'), 'confirm'), base));
    assert.deepEqual(d.voters, ['MLI', 'BFA', 'NER']);
    assert.deepEqual(d.subject, {
      kind: 'activation',
      article: '6',
      incidentId: 'inc-1',
      proposalVersion: 1,
      victim: 'MLI',
    });
    assert.equal(d.referenceDate, '2024-05-10');
    assert.deepEqual(d.rule, { kind: 'unanimity', abstentionIsAssent: false });
  });

  it('a confirmed Art. 7 proposal opens one too', () => {
    const d = ok(
      openActivationDecision(reviewed(proposalFor('7', AIRCRAFT), 'confirm'), { ...base, victim: 'BFA' }),
    );
    assert.equal(d.subject.kind === 'activation' && d.subject.article, '7');
  });

  for (const [what, record, over, expected] of [
    ['an unreviewed proposal', reviewed(proposalFor('6'), null), {}, 'not-confirmed'],
    ['a rejected proposal', reviewed(proposalFor('6'), 'reject'), {}, 'not-confirmed'],
    ['a confirmed Art. 4 proposal', reviewed(proposalFor('4'), 'confirm'), {}, 'wrong-subject'],
    ['a confirmed “not engaged” Art. 6', reviewed(proposalFor('6', PROTEST), 'confirm'), {}, 'not-proposed'],
    ['a victim that is not a member', reviewed(proposalFor('6'), 'confirm'), { victim: 'TCD' }, 'not-member'],
    ['another treaty', reviewed(proposalFor('6'), 'confirm'), { treaty: PROTOCOL }, 'wrong-subject'],
  ] as const)
    it(`refuses to open from ${what} (${expected})`, () => {
      assert.equal(code(openActivationDecision(record, { ...base, ...over })), expected);
    });
});
