import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distanceKm } from '../../src/domain/place.ts';
import { SpatialGrid } from '../../src/reference/spatial-grid.ts';

/** A small deterministic generator, so that the test is the same on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('finds the same nearest point as a search of every point', () => {
  const next = random(42);
  const lat = Float64Array.from({ length: 3000 }, () => 9 + next() * 16);
  const lon = Float64Array.from({ length: 3000 }, () => -12 + next() * 28);
  const grid = new SpatialGrid(lat, lon);
  for (let q = 0; q < 300; q++) {
    const qLat = 5 + next() * 25;
    const qLon = -20 + next() * 40;
    let best = -1;
    let bestKm = Infinity;
    for (let i = 0; i < lat.length; i++) {
      const d = distanceKm(qLat, qLon, lat[i] ?? 0, lon[i] ?? 0);
      if (d < bestKm) {
        best = i;
        bestKm = d;
      }
    }
    const hit = grid.nearest(qLat, qLon);
    assert.equal(hit?.index, best, `query ${q} at ${qLat},${qLon}`);
  }
});

test('honours maxKm, the accept filter and the include filter', () => {
  const lat = [14, 14.01, 15];
  const lon = [-1, -1.01, 0];
  const grid = new SpatialGrid(lat, lon, (i) => i !== 0);
  assert.equal(grid.nearest(14, -1)?.index, 1, 'point 0 was not indexed');
  assert.equal(grid.nearest(14, -1, 0.5), null, 'point 1 is 1.5 km away');
  assert.equal(grid.nearest(14, -1, Infinity, (i) => i === 2)?.index, 2);
  assert.equal(new SpatialGrid([], []).nearest(0, 0), null);
});
