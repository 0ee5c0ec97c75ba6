import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellSizeAt, mergeCellGroups, type CellGroup } from '../../src/store/grid-clusters.ts';

const group = (over: Partial<CellGroup>): CellGroup => ({
  cx: 0,
  cy: 0,
  eventType: 'Battles',
  count: 1,
  fatalities: 0,
  sumLat: 10,
  sumLon: 20,
  minLat: 10,
  maxLat: 10,
  minLon: 20,
  maxLon: 20,
  minId: 7,
  ...over,
});

describe('grid clusters', () => {
  it('uses cells of a quarter tile: 90° at zoom 0, halving at each zoom', () => {
    assert.equal(cellSizeAt(0), 90);
    assert.equal(cellSizeAt(1), 45);
    assert.equal(cellSizeAt(10), 360 / 4096);
  });
  it('clamps the zoom to 0–22', () => {
    assert.equal(cellSizeAt(-3), 90);
    assert.equal(cellSizeAt(40), cellSizeAt(22));
    assert.equal(cellSizeAt(Number.NaN), 90);
  });
  it('merges the event types of one cell and breaks a tie by ACLED order', () => {
    const [cluster, ...rest] = mergeCellGroups([
      group({ eventType: 'Protests', count: 2, fatalities: 0, sumLat: 20, sumLon: 40, minId: 3 }),
      group({
        eventType: 'Battles',
        count: 2,
        fatalities: 5,
        sumLat: 24,
        sumLon: 44,
        maxLat: 14,
        maxLon: 24,
        minId: 9,
      }),
    ]);
    assert.deepEqual(rest, []);
    assert.deepEqual(cluster, {
      latitude: 11,
      longitude: 21,
      count: 4,
      fatalities: 5,
      dominantEventType: 'Battles',
      byEventType: { Protests: 2, Battles: 2 },
      bbox: { minLon: 20, minLat: 10, maxLon: 24, maxLat: 14 },
      incidentId: null,
    });
  });
  it('names the incident of a cell with one, and orders clusters largest first', () => {
    const clusters = mergeCellGroups([group({ cx: 1 }), group({ cx: 2, count: 3, minId: 1 })]);
    assert.deepEqual(
      clusters.map((c) => [c.count, c.incidentId]),
      [
        [3, null],
        [1, 7],
      ],
    );
  });
});
