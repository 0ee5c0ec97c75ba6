/** Membership events: accession by an adopted decision, denunciation with notice, as new Treaty states. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { castVote, openDecision, type Decision } from '../../src/domain/charter/workflow/decision.ts';
import {
  applyMembershipEvent,
  denunciationLastDay,
  type MembershipEvent,
} from '../../src/domain/charter/workflow/membership-event.ts';
import { membershipOn, partiesOn, type Treaty } from '../../src/domain/treaty.ts';
import { CHARTER, PROTOCOL, withNotice } from './charter-fixtures.ts';
import { ANALYST, code, dm, hour, ok } from './workflow-fixtures.ts';

const TOGO = { iso3: 'TGO', iso2: 'TG', name: { en: 'Togo', fr: 'Togo' } };

function accessionDecision(
  treaty: Treaty = CHARTER,
  state = 'TGO',
  effectiveFrom = '2025-01-01',
  votes: readonly ('assent' | 'objection' | 'abstention')[] = ['assent', 'assent', 'assent'],
): Decision {
  let d = ok(
    openDecision({
      id: 'd-acc',
      treaty,
      subject: { kind: 'accession', state, effectiveFrom },
      referenceDate: '2024-05-10',
      opener: ANALYST,
      at: hour(0),
    }),
  );
  for (const [i, party] of d.voters.entries()) {
    const choice = votes[i];
    if (choice !== undefined && d.state === 'open')
      d = ok(castVote(d, { party, choice, voter: dm(party), at: hour(i + 1) }));
  }
  return d;
}

const accession = (decision: Decision, effectiveFrom = '2025-01-01', state = TOGO): MembershipEvent => ({
  kind: 'accession',
  state,
  effectiveFrom,
  decision,
});

describe('accession', () => {
  it('an adopted accession decision adds the state, a member from its effective day', () => {
    const four = ok(applyMembershipEvent(CHARTER, accession(accessionDecision())));
    const togo = four.parties.find((p) => p.iso3 === 'TGO');
    assert.ok(togo !== undefined);
    assert.deepEqual(togo.memberships, [{ from: '2025-01-01', to: null }]);
    assert.equal(membershipOn(four, togo, '2024-12-31').member, false);
    assert.equal(membershipOn(four, togo, '2025-01-01').member, true);
    assert.deepEqual(
      partiesOn(four, '2025-01-01').map((p) => p.iso3),
      ['MLI', 'BFA', 'NER', 'TGO'],
    );
    assert.equal(CHARTER.parties.length, 3, 'the input treaty is unchanged');
  });

  it('under the Protocol’s 2/3 rule, two of three assents admit a state despite an abstention', () => {
    const d = accessionDecision(PROTOCOL, 'TGO', '2025-01-01', ['assent', 'abstention', 'assent']);
    assert.equal(d.state, 'adopted');
    assert.equal(code(applyMembershipEvent(PROTOCOL, accession(d))), 'ok');
  });

  it('a former member whose period ended (not by denunciation) rejoins with a new period', () => {
    const lapsed: Treaty = {
      ...CHARTER,
      parties: [
        ...CHARTER.parties,
        { ...TOGO, memberships: [{ from: '2023-09-16', to: '2024-01-31' }], denunciations: [] },
      ],
    };
    const back = ok(applyMembershipEvent(lapsed, accession(accessionDecision(lapsed))));
    assert.deepEqual(back.parties.find((p) => p.iso3 === 'TGO')?.memberships, [
      { from: '2023-09-16', to: '2024-01-31' },
      { from: '2025-01-01', to: null },
    ]);
  });

  const refusals: [string, () => [Treaty, MembershipEvent], string][] = [
    [
      'a decision still open (an abstention under unanimity)',
      () => [
        CHARTER,
        accession(accessionDecision(CHARTER, 'TGO', '2025-01-01', ['assent', 'abstention', 'assent'])),
      ],
      'not-adopted',
    ],
    [
      'a rejected decision',
      () => [CHARTER, accession(accessionDecision(CHARTER, 'TGO', '2025-01-01', ['objection']))],
      'not-adopted',
    ],
    [
      'a decision on another state',
      () => [CHARTER, accession(accessionDecision(CHARTER, 'GHA'))],
      'wrong-subject',
    ],
    [
      'another effective day than decided',
      () => [CHARTER, accession(accessionDecision(), '2025-02-01')],
      'wrong-subject',
    ],
    [
      'a decision under another treaty',
      () => [CHARTER, accession(accessionDecision(PROTOCOL))],
      'wrong-subject',
    ],
    [
      'an effective day before the decision',
      () => [CHARTER, accession(accessionDecision(CHARTER, 'TGO', '2024-01-01'), '2024-01-01')],
      'out-of-order',
    ],
    [
      'a state that is already a member',
      () => [
        CHARTER,
        accession(accessionDecision(CHARTER, 'MLI'), '2025-01-01', {
          iso3: 'MLI',
          iso2: 'ML',
          name: TOGO.name,
        }),
      ],
      'already-member',
    ],
    [
      'a state that left by denunciation',
      () => [
        withNotice(CHARTER, 'NER', '2024-01-01'),
        accession(accessionDecision(CHARTER, 'NER'), '2025-01-01', {
          iso3: 'NER',
          iso2: 'NE',
          name: TOGO.name,
        }),
      ],
      'rejoin-unsupported',
    ],
  ];
  for (const [what, make, expected] of refusals)
    it(`refuses an accession with ${what} (${expected})`, () => {
      const [treaty, event] = make();
      assert.equal(code(applyMembershipEvent(treaty, event)), expected);
    });
});

describe('denunciation', () => {
  const notice = (party: string, notifiedOn: string, source = 'note verbale'): MembershipEvent => ({
    kind: 'denunciation',
    party,
    notifiedOn,
    source,
  });

  it('records the notice: a member, under notice, until the day before six months have run', () => {
    const leaving = ok(applyMembershipEvent(CHARTER, notice('NER', '2025-01-10')));
    const ner = leaving.parties.find((p) => p.iso3 === 'NER');
    assert.ok(ner !== undefined);
    assert.equal(denunciationLastDay(CHARTER, '2025-01-10'), '2025-07-09');
    assert.deepEqual(membershipOn(leaving, ner, '2025-06-10'), {
      member: true,
      notice: { notifiedOn: '2025-01-10', lastDay: '2025-07-09' },
    });
    assert.equal(membershipOn(leaving, ner, '2025-07-09').member, true);
    assert.equal(membershipOn(leaving, ner, '2025-07-10').member, false);
    assert.equal(membershipOn(leaving, ner, '2024-12-31').notice, null, 'no notice before it was given');
  });

  it('uses the treaty’s own notice period (twelve months for the Protocol)', () => {
    assert.equal(denunciationLastDay(PROTOCOL, '2025-01-10'), '2026-01-09');
  });

  for (const [what, treaty, event, expected] of [
    ['an unknown state', CHARTER, notice('TCD', '2025-01-10'), 'not-member'],
    ['a day before the state was a member', PROTOCOL, notice('GIN', '2024-06-01'), 'not-member'],
    [
      'a notice already running',
      withNotice(CHARTER, 'NER', '2025-01-10'),
      notice('NER', '2025-03-01'),
      'already-under-notice',
    ],
    ['no source', CHARTER, notice('NER', '2025-01-10', ' '), 'reason-required'],
  ] as const)
    it(`refuses a denunciation by ${what} (${expected})`, () => {
      assert.equal(code(applyMembershipEvent(treaty, event)), expected);
    });
});
