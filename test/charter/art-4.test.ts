import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateIncident, factsOf, incident, obliged } from './charter-fixtures.ts';

describe('Art. 4 (terrorism and organised crime in the common area)', () => {
  it('is engaged without a vote by a designated group inside a party, with coordination duties for every party', () => {
    const p = evaluateIncident(incident())['4'];
    assert.equal(p?.status, 'engaged');
    assert.deepEqual(obliged(p), ['BFA', 'MLI', 'NER']);
    assert.deepEqual(factsOf(p), ['actor1', 'actor1_type', 'country_iso3']);
    assert.equal(p?.reasons[0]?.clause.id, '4');
    assert.match(p?.reasons[0]?.clause.text.fr ?? '', /espace commun de l'Alliance/);
  });

  it('is engaged for an organised-crime actor named so by the analyst', () => {
    const p = evaluateIncident(
      incident({ actor1: 'Trafiquants de Tinzaouatène', actor1_type: 'organised-crime' }),
    )['4'];
    assert.equal(p?.status, 'engaged');
  });

  it('is engaged when the designated group is actor2 (the army attacked it)', () => {
    const p = evaluateIncident(incident({ actor1: 'Military Forces of Mali (2021-)', actor2: 'JNIM' }))['4'];
    assert.equal(p?.status, 'engaged');
  });

  it('is not engaged by a designated group outside the common area', () => {
    const p = evaluateIncident(incident({ country_iso3: 'BEN', actor2: 'Military Forces of Benin (2016-)' }))[
      '4'
    ];
    assert.equal(p?.status, 'not_engaged');
    assert.match(String(p?.reasons.at(-1)?.value), /outside the common area/);
  });

  it('is only proposed, at half confidence, when the country is unknown', () => {
    const p = evaluateIncident(incident({ country_iso3: null }))['4'];
    assert.equal(p?.status, 'proposed');
    assert.deepEqual(p?.missing, ['country_iso3']);
    assert.ok((p?.confidence ?? 1) < 0.5);
  });

  it('proposes a check, at low confidence, for violence by an unidentified armed group inside a party', () => {
    const p = evaluateIncident(incident({ actor1: 'Unidentified Armed Group (Mali)' }))['4'];
    assert.equal(p?.status, 'proposed');
    assert.ok((p?.confidence ?? 1) <= 0.35);
  });
});
