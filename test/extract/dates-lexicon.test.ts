import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DateLexicons } from '../../src/ingest/extract/dates/date-lexicon.ts';
import { findDates } from '../../src/ingest/extract/dates/find-dates.ts';
import { loadDateLexicons } from '../../src/ingest/extract/dates/load-date-lexicons.ts';
import { compileTemplate, type SlotName } from '../../src/ingest/extract/dates/phrase-template.ts';
import { findCounts } from '../../src/ingest/extract/numbers/find-counts.ts';
import { loadNumberLexicons } from '../../src/ingest/extract/numbers/load-number-lexicons.ts';
import { foldPhrase } from '../../src/ingest/extract/numbers/phrase-regex.ts';

const slots: Record<SlotName, string> = {
  weekday: 'w',
  weekday2: 'w',
  day: 'd',
  day2: 'd',
  month: 'm',
  year: 'y',
  n: 'n',
  unit: 'u',
  part: 'p',
};

describe('date and number dictionaries (data/extract)', () => {
  const dates = loadDateLexicons();
  const numbers = loadNumberLexicons();

  for (const lang of ['fr', 'en'] as const) {
    it(`compiles every ${lang} date template into a valid expression`, () => {
      for (const p of dates[lang].patterns) {
        const compiled = compileTemplate(p.template, slots, 1);
        assert.doesNotThrow(() => new RegExp(compiled.source, 'iu'), p.template);
      }
    });

    it(`gives every ${lang} pattern a rule to resolve it`, () => {
      for (const p of dates[lang].patterns) {
        const slotted = /\{(day|weekday|month|year)2?\}/.test(p.template);
        const ruled =
          p.days !== undefined ||
          p.eventOffset !== undefined ||
          p.sign !== undefined ||
          p.period !== undefined;
        assert.ok(slotted || ruled, `no way to resolve "${p.template}"`);
      }
    });

    it(`has ${lang} months 1-12 and weekdays 0-6 whose folded names do not clash`, () => {
      assert.deepEqual(
        [...new Set(Object.values(dates[lang].months))].sort((a, b) => a - b),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      );
      assert.deepEqual([...new Set(Object.values(dates[lang].weekdays))].sort(), [0, 1, 2, 3, 4, 5, 6]);
      const folded = new Map<string, number>();
      for (const [name, month] of Object.entries(dates[lang].months)) {
        const previous = folded.get(foldPhrase(name));
        assert.ok(previous === undefined || previous === month, `${name} folds onto another month`);
        folded.set(foldPhrase(name), month);
      }
    });

    it(`has ${lang} number words whose folded forms keep one value`, () => {
      const seen = new Map<string, number>();
      for (const [word, value] of Object.entries(numbers[lang].units)) {
        const previous = seen.get(foldPhrase(word));
        assert.ok(previous === undefined || previous === value, word);
        seen.set(foldPhrase(word), value);
      }
    });
  }

  it('rejects a template with an unknown slot or an unclosed bracket', () => {
    assert.throws(() => compileTemplate('le {jour}', slots, 1), /unknown slot/);
    assert.throws(() => compileTemplate('[le {day}', slots, 1), /unclosed/);
  });

  it('reads a month spelling added to the data without a code change', () => {
    const extended: DateLexicons = {
      ...dates,
      fr: { ...dates.fr, months: { ...dates.fr.months, 'jnv.': 1 } },
    };
    assert.equal(findDates('le 5 jnv. 2022', 'fr', null, extended)[0]?.date, '2022-01-05');
    assert.equal(findDates('le 5 jnv. 2022', 'fr', null)[0], undefined);
  });

  it('reads a qualifier added to the data without a code change', () => {
    const extended = {
      ...numbers,
      fr: { ...numbers.fr, qualifiers: { ...numbers.fr.qualifiers, 'pas loin de': 'about' as const } },
    };
    assert.equal(findCounts('pas loin de 40 morts', 'fr', extended)[0]?.qualifier, 'about');
  });
});
