import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAYS, START_DAY, exportWindow } from '../../bench/scale.ts';
import { seeded, syntheticRow } from '../../bench/synthetic-acled.ts';

const dateOf = (n: number, total: number): string =>
  syntheticRow(n, total, START_DAY, DAYS, seeded(1))[1] ?? '';

test('the scale benchmark exports every row of a store of at most 1,000,000', () => {
  assert.deepEqual(exportWindow(100_000), { query: '', to: null, rows: 100_000 });
  assert.deepEqual(exportWindow(1_000_000), { query: '', to: null, rows: 1_000_000 });
});

test('on 2,600,000 rows the export window ends on the day that holds the nearest to 1,000,000 rows', () => {
  for (const total of [1_000_001, 2_600_000, 5_000_000]) {
    const window = exportWindow(total);
    assert.ok(window.to !== null);
    assert.equal(window.query, `to=${window.to}`);
    // The generator's rows up to window.rows are on or before the day, the next one after it.
    assert.ok(dateOf(window.rows - 1, total) <= window.to, `${total}: last row inside`);
    assert.ok(dateOf(window.rows, total) > window.to, `${total}: next row outside`);
    // Within half a day's rows of 1,000,000.
    assert.ok(Math.abs(window.rows - 1_000_000) <= total / DAYS / 2 + 1, `${total}: ${window.rows} rows`);
  }
});

test('a smaller export takes the window of its own size (quick mode, --export-rows)', () => {
  const window = exportWindow(100_000, 50_000);
  assert.ok(window.to !== null);
  assert.ok(dateOf(window.rows - 1, 100_000) <= window.to);
  assert.ok(dateOf(window.rows, 100_000) > window.to);
  assert.ok(Math.abs(window.rows - 50_000) <= 100_000 / DAYS / 2 + 1, `${window.rows} rows`);
});
