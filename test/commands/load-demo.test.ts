import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_SOURCE, demoIncidents, loadDemo } from '../../src/commands/load-demo.ts';
import { validateCoding } from '../../src/domain/incident.ts';
import { loadReference } from '../../src/reference/load-reference.ts';
import { testStoreKinds } from '../support/databases.ts';

describe('the demo dataset', () => {
  const reference = loadReference();
  const options = { count: 400, days: 365, lastDay: '2024-06-01', seed: 7 };

  it('is the same for the same seed, valid ACLED coding, inside the three states and labelled DEMO', () => {
    const a = demoIncidents(reference, options);
    const b = demoIncidents(reference, options);
    assert.deepEqual(a, b);
    assert.equal(a.length, 400);
    for (const i of a) {
      assert.deepEqual(validateCoding(i), [], i.sourceKey);
      assert.ok(['MLI', 'BFA', 'NER'].includes(i.country));
      assert.equal(i.origin, 'demo');
      assert.equal(i.source, DEMO_SOURCE);
      assert.match(i.notes ?? '', /^\[DEMO\]/);
      assert.ok(i.eventDate >= '2023-06-03' && i.eventDate <= '2024-06-01', i.eventDate);
    }
    assert.ok(new Set(a.map((i) => i.eventType)).size >= 5);
  });

  for (const kind of testStoreKinds)
    it(`loads once: a second load writes nothing (${kind.dialect})`, async () => {
      const db = await kind.open();
      try {
        const now = new Date('2024-06-01T00:00:00Z');
        assert.equal(await loadDemo(db.store, reference, now, 300), 300);
        assert.equal(await loadDemo(db.store, reference, now, 300), 0);
      } finally {
        await db.dispose();
      }
    });
});
