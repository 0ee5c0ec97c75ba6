import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planAggregate, summarySpans } from '../../src/store/aggregate-plan.ts';
import { visibilityOf } from '../../src/domain/classification.ts';

const SEE_ALL = visibilityOf({ role: 'analyst', party: null });

describe('summarySpans', () => {
  it('reads whole years from the yearly rows and the months around them from the monthly rows', () => {
    assert.deepEqual(summarySpans(6, '2019-03', '2023-10'), [
      { level: 6, from: '2019-03', to: '2019-12' },
      { level: 106, from: '2020', to: '2022' },
      { level: 6, from: '2023-01', to: '2023-10' },
    ]);
  });

  it('reads a window of whole years from yearly rows only', () => {
    assert.deepEqual(summarySpans(2, '2019-01', '2023-12'), [{ level: 102, from: '2019', to: '2023' }]);
  });

  it('reads an open window from yearly rows, open on the same side', () => {
    assert.deepEqual(summarySpans(8, undefined, undefined), [{ level: 108, from: undefined, to: undefined }]);
    assert.deepEqual(summarySpans(8, '2021-02', undefined), [
      { level: 8, from: '2021-02', to: '2021-12' },
      { level: 108, from: '2022', to: undefined },
    ]);
    assert.deepEqual(summarySpans(8, undefined, '2021-11'), [
      { level: 108, from: undefined, to: '2020' },
      { level: 8, from: '2021-01', to: '2021-11' },
    ]);
  });

  it('reads months only when the window holds no whole year', () => {
    assert.deepEqual(summarySpans(4, '2022-03', '2023-02'), [{ level: 4, from: '2022-03', to: '2023-02' }]);
    assert.deepEqual(summarySpans(4, '2022-02', '2022-11'), [{ level: 4, from: '2022-02', to: '2022-11' }]);
  });

  it('plans a five-year map read as five yearly rows per cell', () => {
    const plan = planAggregate({ visibility: SEE_ALL, zoom: 5, from: '2019-01-01', to: '2023-12-31' });
    assert.deepEqual(plan?.reads, [
      { level: 6, shift: 1, spans: [{ level: 106, from: '2019', to: '2023' }], cells: null },
    ]);
  });
});

describe('planAggregate', () => {
  it("reads a box's stored-level interior, the level-8 cells around it, and raw strips less than a level-8 cell wide", () => {
    // Level 6 cells are 1.40625°, level 8 cells 0.3515625°.
    const bbox = { minLon: -12.3, minLat: 10.1, maxLon: 4.3, maxLat: 25.0 };
    const plan = planAggregate({ visibility: SEE_ALL, zoom: 5, bbox, from: '2023-01-01', to: '2023-12-31' });
    assert.ok(plan !== null);
    const [inner, ...ring] = plan.reads;
    assert.equal(inner?.level, 6);
    assert.ok(ring.length > 0 && ring.every((r) => r.level === 8 && r.shift === 3));
    // Every level-8 cell wholly inside the box is read once, from one level or the other.
    const seen = new Map<string, number>();
    for (const r of plan.reads) {
      const f = 2 ** (8 - r.level);
      const c = r.cells;
      assert.ok(c !== null);
      for (let x = c.ax * f; x < (c.bx + 1) * f; x++)
        for (let y = c.ay * f; y < (c.by + 1) * f; y++)
          seen.set(`${x}:${y}`, (seen.get(`${x}:${y}`) ?? 0) + 1);
    }
    const size = 0.3515625;
    let inside = 0;
    for (let x = 0; x < 1024; x++)
      for (let y = 0; y < 512; y++) {
        const wholly =
          x * size - 180 >= bbox.minLon &&
          (x + 1) * size - 180 <= bbox.maxLon &&
          y * size - 90 >= bbox.minLat &&
          (y + 1) * size - 90 <= bbox.maxLat;
        if (wholly) inside++;
        assert.equal(seen.get(`${x}:${y}`), wholly ? 1 : undefined, `cell ${x}:${y}`);
      }
    assert.equal(seen.size, inside);
    // The raw strips are of level-8 rows below, above, left and right of those cells.
    assert.equal(plan.strips.length, 4);
  });
});
