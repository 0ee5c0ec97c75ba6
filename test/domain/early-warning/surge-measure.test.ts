/**
 * The surge measure and lifecycle (domain/early-warning): exact windows and baseline, the floor and the
 * levels, a surge raised once, kept while lapsing within its cool-down, closed after it; and properties
 * over random series (fast-check, fixed seed).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays } from '../../../src/domain/iso-week.ts';
import { measureSurge, spanStart, type DailyCount } from '../../../src/domain/early-warning/surge-measure.ts';
import {
  DEFAULT_SURGE_RULE,
  surgeRuleProblems,
  type SurgeRule,
} from '../../../src/domain/early-warning/surge-rule.ts';
import { stepSurge, type Surge } from '../../../src/domain/early-warning/surge.ts';
import { PUBLIC_MARKING } from '../../../src/domain/early-warning/surge-marking.ts';

const ON = '2024-06-30';
const RULE = DEFAULT_SURGE_RULE;
const UNIT = { country: 'MLI', admin1Key: 'mopti', admin1: 'Mopti' };

/** `fatalities` on each of `days` days ending `endBefore` days before ON. */
function run(fatalities: number, days: number, endBefore = 0): DailyCount[] {
  return Array.from({ length: days }, (_, i) => ({
    day: addDays(ON, -endBefore - i),
    fatalities,
    events: 1,
  }));
}

describe('surge measure', () => {
  it('reads the 30 days ending on the day and the 365 days before them', () => {
    assert.equal(spanStart(ON, RULE), addDays(ON, -394));
    const m = measureSurge([...run(1, 30), { day: addDays(ON, -30), fatalities: 100, events: 1 }], ON, RULE);
    assert.deepEqual(m.window, { start: addDays(ON, -29), end: ON });
    assert.equal(m.fatalities30d, 30);
    assert.equal(m.events30d, 30);
    // The day before the window is in the baseline year: the window ending on it holds the 100.
    assert.equal(m.baseline, 100);
    assert.deepEqual(m.baselineWindow, { start: addDays(ON, -59), end: addDays(ON, -30) });
    assert.equal(m.level, null);
  });

  it('takes the highest window of the baseline year, not the whole year, and ignores older days', () => {
    const series = [
      ...run(2, 10, 200), // 20 in ten days, 200 days ago
      ...run(1, 30, 100), // 30 in thirty days
      { day: addDays(ON, -395), fatalities: 1000, events: 1 }, // one day before the span
      ...run(3, 20), // 60 in the current window
    ];
    const m = measureSurge(series, ON, RULE);
    assert.equal(m.baseline, 30);
    assert.equal(m.fatalities30d, 60);
    assert.equal(m.ratio, 2);
    assert.equal(m.level, 'high');
  });

  it('raises nothing below the floor, even far above a zero baseline', () => {
    assert.equal(measureSurge(run(1, 9), ON, RULE).level, null);
    const m = measureSurge(run(1, 10), ON, RULE);
    assert.equal(m.level, 'elevated');
    assert.equal(m.baseline, 0);
    assert.equal(m.baselineWindow, null);
    assert.equal(m.ratio, null);
    assert.equal(measureSurge(run(1, 20), ON, RULE).level, 'high');
  });

  it('asks for the minimum relative increase when one is set', () => {
    const series = [...run(1, 30, 40), ...run(2, 18)]; // baseline 30, current 36 (+20 %)
    assert.equal(measureSurge(series, ON, RULE).level, 'elevated');
    assert.equal(measureSurge(series, ON, { ...RULE, minRelativeIncrease: 0.25 }).level, null);
  });

  it('refuses rules that cannot be applied, naming each problem', () => {
    assert.deepEqual(surgeRuleProblems(RULE), []);
    const problems = surgeRuleProblems({ ...RULE, windowDays: 0, highRatio: 0.5, baselineDays: 20.5 });
    assert.equal(problems.length, 3, problems.join('\n'));
  });
});

function evolve(series: readonly DailyCount[], days: readonly string[], rule: SurgeRule = RULE) {
  let open: Surge | null = null;
  const events: string[] = [];
  for (const day of days) {
    const step = stepSurge(open, UNIT, measureSurge(series, day, rule), PUBLIC_MARKING, rule);
    if (step.kind !== 'none') events.push(`${day} ${step.kind}`);
    if (step.kind === 'open' || step.kind === 'update') open = step.surge;
    if (step.kind === 'close') open = null;
  }
  return events;
}

describe('surge lifecycle', () => {
  const days = (from: string, n: number): string[] => Array.from({ length: n }, (_, i) => addDays(from, i));

  it('raises a surge once, updates it while figures change, and closes it after a whole cool-down', () => {
    // 12 deaths on one day: the 30-day window holds them for 30 days, then they leave it.
    const series = [{ day: '2024-06-01', fatalities: 12, events: 1 }];
    const events = evolve(series, days('2024-05-30', 45));
    assert.deepEqual(events, [
      '2024-06-01 open',
      // 2024-07-01: the 12 leave the window (lapse starts, an update), closing 7 days later.
      '2024-07-01 update',
      '2024-07-08 close',
    ]);
  });

  it('keeps the same surge when the condition returns within the cool-down', () => {
    const series = [
      { day: '2024-06-01', fatalities: 12, events: 1 },
      { day: '2024-07-03', fatalities: 12, events: 1 },
    ];
    const events = evolve(series, days('2024-06-01', 33));
    assert.deepEqual(events, ['2024-06-01 open', '2024-07-01 update', '2024-07-03 update']);
  });

  it('keeps one history entry per day and never writes an unchanged day', () => {
    const series = [{ day: '2024-06-01', fatalities: 12, events: 1 }];
    const m = measureSurge(series, '2024-06-02', RULE);
    const first = stepSurge(null, UNIT, measureSurge(series, '2024-06-01', RULE), PUBLIC_MARKING, RULE);
    assert.equal(first.kind, 'open');
    if (first.kind !== 'open') return;
    assert.equal(stepSurge(first.surge, UNIT, m, PUBLIC_MARKING, RULE).kind, 'none');
    const more = [...series, { day: '2024-06-02', fatalities: 3, events: 1 }];
    const a = stepSurge(first.surge, UNIT, measureSurge(more, '2024-06-02', RULE), PUBLIC_MARKING, RULE);
    assert.equal(a.kind, 'update');
    if (a.kind !== 'update') return;
    const evenMore = [...more, { day: '2024-06-02', fatalities: 1, events: 1 }];
    const b = stepSurge(a.surge, UNIT, measureSurge(evenMore, '2024-06-02', RULE), PUBLIC_MARKING, RULE);
    assert.equal(b.kind, 'update');
    if (b.kind !== 'update') return;
    assert.deepEqual(
      b.surge.history.map((h) => [h.on, h.fatalities30d]),
      [
        ['2024-06-01', 12],
        ['2024-06-02', 16],
      ],
    );
    assert.equal(b.surge.peakFatalities30d, 16);
    assert.equal(b.surge.openedOn, '2024-06-01');
  });
});

/** A random series over the span of ON: a few hundred days with counts. */
const seriesArb = fc
  .array(
    fc.record({
      offset: fc.integer({ min: 0, max: 394 }),
      fatalities: fc.integer({ min: 0, max: 60 }),
      events: fc.integer({ min: 1, max: 5 }),
    }),
    { maxLength: 300 },
  )
  .map((rows) =>
    rows.map((r) => ({
      day: addDays(spanStart(ON, RULE), r.offset),
      fatalities: r.fatalities,
      events: r.events,
    })),
  );

const params = { seed: 20261127, numRuns: 300 };

describe('surge properties', () => {
  it('raises no surge on a flat series, whatever its level', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (perDay) => {
        const flat = Array.from({ length: 395 }, (_, i) => ({
          day: addDays(spanStart(ON, RULE), i),
          fatalities: perDay,
          events: 1,
        }));
        assert.equal(measureSurge(flat, ON, RULE).level, null);
      }),
      params,
    );
  });

  it('never raises a surge below the floor', () => {
    fc.assert(
      fc.property(seriesArb, fc.integer({ min: 0, max: 200 }), (series, floor) => {
        const m = measureSurge(series, ON, { ...RULE, minFatalities: floor });
        if (m.level !== null) assert.ok(m.fatalities30d >= floor && m.fatalities30d > m.baseline);
      }),
      params,
    );
  });

  it('never removes a surge, nor lowers its level, when fatalities are added in the current window', () => {
    fc.assert(
      fc.property(
        seriesArb,
        fc.integer({ min: 0, max: 29 }),
        fc.integer({ min: 1, max: 500 }),
        (series, back, extra) => {
          const before = measureSurge(series, ON, RULE);
          const after = measureSurge(
            [...series, { day: addDays(ON, -back), fatalities: extra, events: 1 }],
            ON,
            RULE,
          );
          assert.equal(after.baseline, before.baseline);
          if (before.level !== null) assert.notEqual(after.level, null);
          if (before.level === 'high') assert.equal(after.level, 'high');
        },
      ),
      params,
    );
  });

  it('reports a baseline equal to the highest 30-day window of the baseline year, computed plainly', () => {
    fc.assert(
      fc.property(seriesArb, (series) => {
        const m = measureSurge(series, ON, RULE);
        const start = spanStart(ON, RULE);
        let best = 0;
        for (let end = 29; end < 365; end++) {
          const from = addDays(start, end - 29);
          const to = addDays(start, end);
          const total = series
            .filter((d) => d.day >= from && d.day <= to)
            .reduce((s, d) => s + d.fatalities, 0);
          best = Math.max(best, total);
        }
        assert.equal(m.baseline, best);
        const current = series
          .filter((d) => d.day >= m.window.start && d.day <= ON)
          .reduce((s, d) => s + d.fatalities, 0);
        assert.equal(m.fatalities30d, current);
      }),
      { ...params, numRuns: 60 },
    );
  });

  it('raises a surge at most once while it stays open, day after day', () => {
    fc.assert(
      fc.property(seriesArb, (series) => {
        const events = evolve(
          series,
          Array.from({ length: 60 }, (_, i) => addDays(ON, i - 59)),
        );
        // Between two opens there is always a close.
        let open = false;
        for (const e of events) {
          if (e.endsWith('open')) {
            assert.equal(open, false, events.join(', '));
            open = true;
          }
          if (e.endsWith('close')) open = false;
        }
      }),
      { ...params, numRuns: 80 },
    );
  });
});
