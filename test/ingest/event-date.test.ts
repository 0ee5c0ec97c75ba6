import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEventDate } from '../../src/ingest/event-date.ts';

describe('parseEventDate', () => {
  const accepted: [string, string][] = [
    ['2024-03-05', '2024-03-05'],
    [' 2024-03-05 ', '2024-03-05'],
    ['2024-3-5', '2024-03-05'],
    ['2024/03/05', '2024-03-05'],
    ['2024-03-05 00:00:00.000', '2024-03-05'],
    ['2024-03-05T14:30:00Z', '2024-03-05'],
    ['05 March 2024', '2024-03-05'],
    ['5 March 2024', '2024-03-05'],
    ['5-March-2024', '2024-03-05'],
    ['05-Mar-2024', '2024-03-05'],
    ['5 mar. 2024', '2024-03-05'],
    ['March 5, 2024', '2024-03-05'],
    ['March 5 2024', '2024-03-05'],
    ['Sept. 21, 2023', '2023-09-21'],
    ['5 mars 2024', '2024-03-05'],
    ['1er août 2023', '2023-08-01'],
    ['12 décembre 2023', '2023-12-12'],
    ['29 February 2024', '2024-02-29'],
    ['25/03/2024', '2024-03-25'],
    ['03/25/2024', '2024-03-25'],
    ['05/05/2024', '2024-05-05'],
    ['25.03.2024', '2024-03-25'],
  ];
  for (const [text, date] of accepted) {
    it(`reads "${text}" as ${date}`, () => {
      assert.deepEqual(parseEventDate(text), { ok: true, date });
    });
  }

  const rejected: [string, string][] = [
    ['2024-02-30', '"2024-02-30" is not a calendar day'],
    ['2023-02-29', '"2023-02-29" is not a calendar day'],
    ['31 April 2024', '"31 April 2024" is not a calendar day'],
    ['yesterday', '"yesterday" is not a date'],
    ['', '"" is not a date'],
    ['5 Marchh 2024', '"5 Marchh 2024" is not a date (unknown month)'],
    ['05-Mar-24', '"05-Mar-24" does not give a four-digit year'],
    ['05/03/24', '"05/03/24" does not give a four-digit year'],
    ['05/03/2024', '"05/03/2024" is ambiguous: 5 March or 3 May 2024 (write it as YYYY-MM-DD)'],
    ['13/13/2024', '"13/13/2024" is not a calendar day'],
    ['2024-03-05 garbage', '"2024-03-05 garbage" is not a date'],
  ];
  for (const [text, reason] of rejected) {
    it(`rejects "${text}"`, () => {
      assert.deepEqual(parseEventDate(text), { ok: false, reason });
    });
  }

  it('reads an ambiguous numeric date in the order the caller gives', () => {
    assert.deepEqual(parseEventDate('05/03/2024', 'day-first'), { ok: true, date: '2024-03-05' });
    assert.deepEqual(parseEventDate('05/03/2024', 'month-first'), { ok: true, date: '2024-05-03' });
    assert.deepEqual(parseEventDate('03/25/2024', 'day-first'), {
      ok: false,
      reason: '"03/25/2024" is not a calendar day',
    });
  });
});
