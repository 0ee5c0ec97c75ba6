import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkReport } from '../../src/commands/submit-report.ts';

const liaison = { name: 'ali', userId: 7, role: 'liaison' as const, party: 'NER' };
const draft = { source: 'Poste de Téra', text: 'Attaque du marché de Téra ce matin.' };

describe('checking a report before it is stored', () => {
  it('defaults to a field report, AES RESTRICTED, with no owner', () => {
    const checked = checkReport(draft, liaison, '2024-06-01');
    assert.ok(!Array.isArray(checked));
    assert.equal(checked.kind, 'field');
    assert.equal(checked.classification, 'AES_RESTRICTED');
    assert.equal(checked.ownerParty, null);
  });

  it("makes a NATIONAL report the sender's party's own", () => {
    const checked = checkReport({ ...draft, classification: 'NATIONAL' }, liaison, '2024-06-01');
    assert.ok(!Array.isArray(checked));
    assert.equal(checked.ownerParty, 'NER');
  });

  it('refuses an empty text, a future publication date and a lone latitude', () => {
    const problems = checkReport(
      { ...draft, text: '  ', published: '2024-07-01', latitude: 14 },
      liaison,
      '2024-06-01',
    );
    assert.ok(Array.isArray(problems));
    assert.deepEqual(
      problems.map((p) => p.field),
      ['text', 'published', 'longitude'],
    );
  });

  it('lets an analyst file a NATIONAL report for a party, but not without naming it', () => {
    const analyst = { name: 'ana', userId: 8, role: 'analyst' as const, party: null };
    const owned = checkReport(
      { ...draft, classification: 'NATIONAL', ownerParty: 'BFA' },
      analyst,
      '2024-06-01',
    );
    assert.ok(!Array.isArray(owned));
    const unowned = checkReport({ ...draft, classification: 'NATIONAL' }, analyst, '2024-06-01');
    assert.ok(Array.isArray(unowned));
  });
});
