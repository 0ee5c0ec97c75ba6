/**
 * The workflow end to end, pure: engine proposal → review → decision by every member → assistance
 * case → acknowledgement, pledge and overdue at a fixed instant; worked examples 8 and 9 of
 * CHARTER.md through recorded membership events.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { overdue } from '../../src/domain/charter/workflow/assistance-clocks.ts';
import { advanceObligation, openAssistanceCase } from '../../src/domain/charter/workflow/assistance-case.ts';
import {
  castVote,
  decisionOutcome,
  openActivationDecision,
  openDecision,
} from '../../src/domain/charter/workflow/decision.ts';
import { applyMembershipEvent } from '../../src/domain/charter/workflow/membership-event.ts';
import { openProposalRecord, reviewProposal } from '../../src/domain/charter/workflow/proposal-record.ts';
import type { Treaty } from '../../src/domain/treaty.ts';
import { CHARTER, evaluateIncident, FAN, incident, obliged } from './charter-fixtures.ts';
import { ANALYST, code, dm, hour, liaison, ok } from './workflow-fixtures.ts';

/** Armed forces of a non-party state strike a Nigerien garrison (worked example 4). */
function strikeOnNiger(eventDate: string): Record<string, unknown> {
  return incident({
    event_date: eventDate,
    country_iso3: 'NER',
    admin1: 'Dosso',
    location: 'Gaya',
    latitude: 11.88,
    longitude: 3.45,
    event_type: 'Battles',
    sub_event_type: 'Armed clash',
    actor1: 'Military Forces of Benin (2016-)',
    actor2: FAN,
    target: 'installation',
    fatalities: 5,
  });
}

/** Proposal → confirmation → decision with every voter assenting → case. Returns each stage. */
function activate(treaty: Treaty, eventDate: string, victim: string) {
  const proposal = evaluateIncident(strikeOnNiger(eventDate), treaty)['6'];
  assert.ok(proposal !== undefined);
  assert.equal(proposal.status, 'proposed');
  let record = openProposalRecord({ incidentId: 'inc-4', proposal, at: hour(0), cause: 'incident verified' });
  record = ok(
    reviewProposal(record, {
      version: 1,
      verdict: 'confirm',
      reason: 'foreign forces struck a garrison',
      reviewer: ANALYST,
      at: hour(1),
    }),
  );
  let decision = ok(
    openActivationDecision(record, {
      id: 'd-6',
      treaty,
      incidentDate: eventDate,
      victim,
      opener: ANALYST,
      at: hour(1),
    }),
  );
  const voters = decision.voters;
  for (const [i, party] of voters.entries())
    decision = ok(castVote(decision, { party, choice: 'assent', voter: dm(party), at: hour(2 + i) }));
  const activatedAt = hour(2 + voters.length);
  const assistance = ok(openAssistanceCase({ id: 'case-4', decision, treaty, at: activatedAt }));
  return { proposal, record, decision, voters, assistance, activatedAt };
}

describe('workflow end to end', () => {
  it('Art. 6 proposal → confirmed → all three parties assent (Niger too) → case with two obligations → acknowledgement, pledge, overdue', () => {
    const { proposal, decision, voters, assistance } = activate(CHARTER, '2024-05-10', 'NER');
    assert.deepEqual(obliged(proposal), ['BFA', 'MLI']);
    assert.deepEqual(voters, ['MLI', 'BFA', 'NER'], 'the attacked party votes too');
    assert.equal(decision.state, 'adopted');
    assert.equal(decisionOutcome(decision).tally.assent, 3);
    assert.deepEqual(
      assistance.obligations.map((o) => [o.party, o.state]),
      [
        ['MLI', 'pending'],
        ['BFA', 'pending'],
      ],
    );
    assert.equal(assistance.activatedAt, hour(5));

    // BFA acknowledges at +10 h and pledges at +30 h; MLI does nothing.
    let c = ok(
      advanceObligation(assistance, {
        party: 'BFA',
        to: 'acknowledged',
        actor: liaison('BFA'),
        at: hour(15),
      }),
    );
    c = ok(
      advanceObligation(c, {
        party: 'BFA',
        to: 'pledged',
        actor: dm('BFA'),
        at: hour(35),
        note: 'one battalion and two transport aircraft',
      }),
    );
    assert.equal(
      c.obligations.find((o) => o.party === 'BFA')?.history.at(-1)?.note,
      'one battalion and two transport aircraft',
    );

    // Fixed now: 80 h after activation. MLI missed both deadlines; BFA none.
    const late = overdue(c, hour(85));
    assert.deepEqual(
      late.map((o) => [o.party, o.state, o.expected, o.dueAt, o.lateByMs / 3_600_000]),
      [
        ['MLI', 'pending', 'pledged', hour(77), 8],
        ['MLI', 'pending', 'acknowledged', hour(29), 56],
      ],
    );
  });

  it('example 8: Niger attacked five months after its notice still votes and is still owed assistance by both others', () => {
    const leaving = ok(
      applyMembershipEvent(CHARTER, {
        kind: 'denunciation',
        party: 'NER',
        notifiedOn: '2025-01-10',
        source: 'note verbale',
      }),
    );
    const { voters, assistance } = activate(leaving, '2025-06-10', 'NER');
    assert.deepEqual(voters, ['MLI', 'BFA', 'NER']);
    assert.deepEqual(
      assistance.obligations.map((o) => o.party),
      ['MLI', 'BFA'],
    );
  });

  it('example 8: seven months after its notice, no activation decision can open for Niger', () => {
    const leaving = ok(
      applyMembershipEvent(CHARTER, {
        kind: 'denunciation',
        party: 'NER',
        notifiedOn: '2025-01-10',
        source: 'note verbale',
      }),
    );
    const p = evaluateIncident(strikeOnNiger('2025-08-10'), leaving)['6'];
    assert.ok(p !== undefined);
    assert.equal(p.status, 'not_engaged');
    const record = ok(
      reviewProposal(openProposalRecord({ incidentId: 'i', proposal: p, at: hour(0), cause: 'verified' }), {
        version: 1,
        verdict: 'confirm',
        reason: 'Niger had left',
        reviewer: ANALYST,
        at: hour(1),
      }),
    );
    const r = openActivationDecision(record, {
      id: 'd',
      treaty: leaving,
      incidentDate: '2025-08-10',
      victim: 'NER',
      opener: ANALYST,
      at: hour(2),
    });
    assert.equal(code(r), 'not-proposed');
  });

  it('example 8 (other side): a party under notice still owes assistance, and the obligation says until when', () => {
    const leaving = ok(
      applyMembershipEvent(CHARTER, {
        kind: 'denunciation',
        party: 'BFA',
        notifiedOn: '2025-01-10',
        source: 'note verbale',
      }),
    );
    const { assistance } = activate(leaving, '2025-06-10', 'NER');
    assert.deepEqual(
      assistance.obligations.map((o) => [o.party, o.underNoticeUntil]),
      [
        ['MLI', null],
        ['BFA', '2025-07-09'],
      ],
    );
  });

  it('example 9: after a fourth state accedes by unanimous decision, an aggression on Niger gives obligations to all three others', () => {
    let accession = ok(
      openDecision({
        id: 'd-acc',
        treaty: CHARTER,
        subject: { kind: 'accession', state: 'TGO', effectiveFrom: '2025-01-01' },
        referenceDate: '2024-11-01',
        opener: ANALYST,
        at: hour(0),
      }),
    );
    for (const [i, party] of accession.voters.entries())
      accession = ok(castVote(accession, { party, choice: 'assent', voter: dm(party), at: hour(1 + i) }));
    assert.equal(accession.state, 'adopted');
    const four = ok(
      applyMembershipEvent(CHARTER, {
        kind: 'accession',
        state: { iso3: 'TGO', iso2: 'TG', name: { en: 'Togo', fr: 'Togo' } },
        effectiveFrom: '2025-01-01',
        decision: accession,
      }),
    );
    const { proposal, voters, assistance } = activate(four, '2025-03-01', 'NER');
    assert.deepEqual(obliged(proposal), ['BFA', 'MLI', 'TGO']);
    assert.deepEqual(voters, ['MLI', 'BFA', 'NER', 'TGO']);
    assert.deepEqual(
      assistance.obligations.map((o) => o.party),
      ['MLI', 'BFA', 'TGO'],
    );
  });

  it('an incident before the accession, activated after it, owes nothing from the acceded state', () => {
    const four = ok(
      applyMembershipEvent(CHARTER, {
        kind: 'accession',
        state: { iso3: 'TGO', iso2: 'TG', name: { en: 'Togo', fr: 'Togo' } },
        effectiveFrom: '2025-01-01',
        decision: (() => {
          let d = ok(
            openDecision({
              id: 'd-acc',
              treaty: CHARTER,
              subject: { kind: 'accession', state: 'TGO', effectiveFrom: '2025-01-01' },
              referenceDate: '2024-05-10',
              opener: ANALYST,
              at: hour(0),
            }),
          );
          for (const [i, party] of d.voters.entries())
            d = ok(castVote(d, { party, choice: 'assent', voter: dm(party), at: hour(1 + i) }));
          return d;
        })(),
      }),
    );
    const { voters, assistance } = activate(four, '2024-12-20', 'NER');
    assert.deepEqual(voters, ['MLI', 'BFA', 'NER']);
    assert.deepEqual(
      assistance.obligations.map((o) => o.party),
      ['MLI', 'BFA'],
    );
  });
});
