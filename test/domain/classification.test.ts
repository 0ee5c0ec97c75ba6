import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canSee, type Classification, type Viewer } from '../../src/domain/classification.ts';

const record = (classification: Classification, ownerParty: string | null = null) => ({
  classification,
  ownerParty,
});

describe('who may see a record', () => {
  const cases: [Viewer, ReturnType<typeof record>, boolean][] = [
    [{ role: 'analyst', party: null }, record('NATIONAL', 'MLI'), true],
    [{ role: 'admin', party: null }, record('NATIONAL', 'NER'), true],
    [{ role: 'liaison', party: 'BFA' }, record('NATIONAL', 'BFA'), true],
    [{ role: 'liaison', party: 'BFA' }, record('NATIONAL', 'MLI'), false],
    [{ role: 'decision-maker', party: 'NER' }, record('AES_RESTRICTED'), true],
    [{ role: 'observer', party: null }, record('AES_RESTRICTED'), false],
    [{ role: 'observer', party: null }, record('PUBLIC'), true],
    [{ role: 'anonymous', party: null }, record('PUBLIC'), true],
    [{ role: 'anonymous', party: null }, record('NATIONAL', 'MLI'), false],
  ];
  for (const [viewer, rec, expected] of cases) {
    it(`${expected ? 'shows' : 'hides'} ${rec.classification}${rec.ownerParty ? ` of ${rec.ownerParty}` : ''} to ${viewer.role}${viewer.party ? ` of ${viewer.party}` : ''}`, () => {
      assert.equal(canSee(viewer, rec), expected);
    });
  }
});
