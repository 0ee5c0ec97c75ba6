import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateIncident, FAMA, incident, obliged } from './charter-fixtures.ts';

describe('Art. 6 (collective defence: an attack on one is an aggression against all)', () => {
  it("proposes a possible aggression, at 0.5 to 0.6, for an attack on a party's forces on its territory", () => {
    const light = evaluateIncident(incident({ fatalities: 2 }))['6'];
    const grave = evaluateIncident(incident({ fatalities: 12 }))['6'];
    assert.equal(light?.confidence, 0.5);
    assert.equal(grave?.confidence, 0.6);
    assert.deepEqual(obliged(grave), ['BFA', 'NER']);
  });

  it("proposes it with high confidence when a non-party state's forces strike a party", () => {
    const p = evaluateIncident(incident({ actor1: 'Military Forces of Benin (2016-)', target: 'forces' }))[
      '6'
    ];
    assert.equal(p?.status, 'proposed');
    assert.equal(p?.confidence, 0.9);
    assert.ok(p?.reasons.some((r) => r.fact === 'actor1_state' && r.value === 'BEN'));
  });

  it('does not propose it for a massacre of civilians alone', () => {
    const p = evaluateIncident(
      incident({
        event_type: 'Violence against civilians',
        sub_event_type: 'Attack',
        actor2: 'Civilians (Mali)',
      }),
    )['6'];
    assert.equal(p?.status, 'not_engaged');
  });

  it("does not propose it for a party's own air strike on an armed group", () => {
    const p = evaluateIncident(
      incident({
        event_type: 'Explosions/Remote violence',
        sub_event_type: 'Air/drone strike',
        actor1: FAMA,
        actor2: 'JNIM',
      }),
    )['6'];
    assert.equal(p?.status, 'not_engaged');
  });

  it("proposes it at low confidence for a battle the party's forces are coded as starting, naming target as missing", () => {
    const p = evaluateIncident(incident({ actor1: FAMA, actor2: 'JNIM' }))['6'];
    assert.equal(p?.status, 'proposed');
    assert.ok((p?.confidence ?? 1) < 0.3);
    assert.deepEqual(p?.missing, ['target']);
  });

  it('quotes the clause in French and English with how each text was obtained', () => {
    const clause = evaluateIncident(incident())['6']?.reasons[0]?.clause;
    assert.equal(clause?.id, '6');
    assert.match(clause?.text.fr ?? '', /devoir d'assistance et de secours/);
    assert.match(clause?.text.en ?? '', /duty of assistance and relief/);
    assert.deepEqual(clause?.wording, { fr: 'press-quotation', en: 'translation' });
  });
});
