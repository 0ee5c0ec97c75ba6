import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pickPeriod } from '../../src/ingest/extract/actor-index.ts';

const MALI = [
  'Military Forces of Mali (2013-2020)',
  'Military Forces of Mali (2020-2021)',
  'Military Forces of Mali (2021-)',
];

test('picks the state force name whose period covers the event date', () => {
  assert.equal(pickPeriod(MALI, '2018-04-02'), 'Military Forces of Mali (2013-2020)');
  assert.equal(pickPeriod(MALI, '2023-01-15'), 'Military Forces of Mali (2021-)');
  assert.equal(pickPeriod(MALI, '2021-09-12'), 'Military Forces of Mali (2021-)');
  assert.equal(pickPeriod(MALI, '2021-02-01'), 'Military Forces of Mali (2020-2021)');
});

test('picks the latest period when the date is unknown', () => {
  assert.equal(pickPeriod(MALI, null), 'Military Forces of Mali (2021-)');
});
