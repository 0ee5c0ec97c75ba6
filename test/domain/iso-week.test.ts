import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, fillWeeks, weeksBetween, weekStart } from '../../src/domain/iso-week.ts';

describe('ISO weeks', () => {
  it('starts every day’s week on its Monday, across months, years and leap days', () => {
    assert.equal(weekStart('2024-01-01'), '2024-01-01'); // a Monday
    assert.equal(weekStart('2024-01-07'), '2024-01-01'); // the Sunday after
    assert.equal(weekStart('2024-01-08'), '2024-01-08');
    assert.equal(weekStart('2023-01-01'), '2022-12-26'); // a Sunday: the week began the year before
    assert.equal(weekStart('2024-03-01'), '2024-02-26'); // through 29 February
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2024-03-01', -1), '2024-02-29');
  });

  it('counts the weeks of a range, both ends included', () => {
    assert.equal(weeksBetween('2024-01-07', '2024-01-08'), 2);
    assert.equal(weeksBetween('2024-01-01', '2024-01-07'), 1);
    assert.equal(weeksBetween('2019-01-01', '2023-12-31'), 261);
  });

  it('fills the weeks without incidents with zeros and drops weeks outside the range', () => {
    const week = (w: string, count: number) => ({
      week: w,
      count,
      fatalities: count,
      byEventType: { Battles: count },
      fatalitiesByEventType: { Battles: count },
    });
    const filled = fillWeeks([week('2023-12-25', 9), week('2024-01-08', 2)], '2024-01-03', '2024-01-21');
    assert.deepEqual(
      filled.map((w) => [w.week, w.count]),
      [
        ['2024-01-01', 0],
        ['2024-01-08', 2],
        ['2024-01-15', 0],
      ],
    );
    assert.deepEqual(filled[0]?.byEventType, {});
  });
});
