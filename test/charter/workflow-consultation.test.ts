/** Art. 8 consultations: between the parties concerned, visible to all parties, closed with an outcome. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addStatement,
  canSeeConsultation,
  closeConsultation,
  openConsultation,
  type Consultation,
} from '../../src/domain/charter/workflow/consultation.ts';
import { CHARTER, withAccession } from './charter-fixtures.ts';
import { actor, ANALYST, code, dm, hour, liaison, OBSERVER, ok } from './workflow-fixtures.ts';

const base = {
  id: 'cons-1',
  treaty: CHARTER,
  incidentId: 'inc-6',
  subject: 'attack on a Nigerien army post launched from Burkina Faso',
  concerned: ['NER', 'BFA'],
  day: '2024-05-10',
  actor: ANALYST,
  at: hour(1),
};

function opened(): Consultation {
  return ok(openConsultation(base));
}

describe('consultation', () => {
  it('opens between the parties concerned and is visible to every member', () => {
    const c = opened();
    assert.deepEqual(c.concerned, ['NER', 'BFA']);
    assert.deepEqual(c.visibleTo, ['MLI', 'BFA', 'NER']);
    assert.equal(canSeeConsultation(c, liaison('MLI')), true, 'a party not concerned still sees it');
    assert.equal(canSeeConsultation(c, OBSERVER), true);
    assert.equal(canSeeConsultation(c, actor('liaison', 'TCD')), false, 'a non-party does not');
    assert.equal(canSeeConsultation(c, { id: 0, role: 'observer', party: null }), true);
  });

  it('a concerned party’s liaison officer may open it', () => {
    assert.equal(code(openConsultation({ ...base, actor: liaison('NER') })), 'ok');
  });

  for (const [what, over, expected] of [
    ['a single party', { concerned: ['NER', 'NER'] }, 'invalid-input'],
    ['a non-member', { concerned: ['NER', 'TCD'] }, 'not-member'],
    ['a party not concerned opening it', { actor: liaison('MLI') }, 'not-authorised'],
    ['no subject', { subject: ' ' }, 'reason-required'],
  ] as const)
    it(`refuses to open with ${what} (${expected})`, () => {
      assert.equal(code(openConsultation({ ...base, ...over })), expected);
    });

  it('an acceded state joins the parties who see consultations opened after its accession', () => {
    const four = withAccession(
      CHARTER,
      { iso3: 'TGO', iso2: 'TG', name: { en: 'Togo', fr: 'Togo' } },
      '2025-01-01',
    );
    const c = ok(openConsultation({ ...base, treaty: four, day: '2025-02-01' }));
    assert.equal(canSeeConsultation(c, liaison('TGO')), true);
  });

  it('records each concerned party’s statements in order', () => {
    let c = ok(
      addStatement(opened(), {
        party: 'NER',
        text: 'the attackers withdrew into Burkina Faso',
        actor: liaison('NER'),
        at: hour(2),
      }),
    );
    c = ok(
      addStatement(c, { party: 'BFA', text: 'patrols sent to the border', actor: dm('BFA'), at: hour(3) }),
    );
    assert.deepEqual(
      c.statements.map((s) => [s.party, s.by]),
      [
        ['NER', liaison('NER').id],
        ['BFA', dm('BFA').id],
      ],
    );
  });

  for (const [what, over, expected] of [
    ['a party not concerned', { party: 'MLI', actor: liaison('MLI') }, 'not-concerned'],
    ['someone speaking for another party', { actor: liaison('BFA') }, 'not-representative'],
    ['an analyst', { actor: ANALYST }, 'not-representative'],
    ['an empty text', { text: '' }, 'reason-required'],
    ['a date before the opening', { at: hour(0) }, 'out-of-order'],
  ] as const)
    it(`refuses a statement by ${what} (${expected})`, () => {
      const input = { party: 'NER', text: 'x', actor: liaison('NER'), at: hour(2), ...over };
      assert.equal(code(addStatement(opened(), input)), expected);
    });

  it('closes with an outcome, after which no statement is taken', () => {
    assert.equal(
      code(closeConsultation(opened(), { outcome: '', actor: ANALYST, at: hour(5) })),
      'reason-required',
    );
    assert.equal(
      code(closeConsultation(opened(), { outcome: 'x', actor: liaison('MLI'), at: hour(5) })),
      'not-authorised',
    );
    const closed = ok(
      closeConsultation(opened(), { outcome: 'joint border patrols agreed', actor: dm('NER'), at: hour(5) }),
    );
    assert.deepEqual(closed.closed, {
      at: hour(5),
      by: dm('NER').id,
      outcome: 'joint border patrols agreed',
    });
    assert.equal(
      code(addStatement(closed, { party: 'NER', text: 'x', actor: liaison('NER'), at: hour(6) })),
      'case-closed',
    );
    assert.equal(
      code(closeConsultation(closed, { outcome: 'y', actor: ANALYST, at: hour(7) })),
      'case-closed',
    );
  });
});
