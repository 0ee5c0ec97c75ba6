import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Lang } from '../../src/ingest/extract/dates/find-dates.ts';
import { findCounts, parseNumber, type CountMention } from '../../src/ingest/extract/numbers/find-counts.ts';

describe('parseNumber', () => {
  const rows: readonly [string, Lang, number | null][] = [
    ['3', 'fr', 3],
    ['cent trente-deux', 'fr', 132],
    ['vingt-et-un', 'fr', 21],
    ['vingt et un', 'fr', 21],
    ['soixante-dix', 'fr', 70],
    ['soixante et onze', 'fr', 71],
    ['soixante-quinze', 'fr', 75],
    ['quatre-vingts', 'fr', 80],
    ['quatre-vingt-dix-neuf', 'fr', 99],
    ['dix-sept', 'fr', 17],
    ['deux cents', 'fr', 200],
    ['deux cent trois', 'fr', 203],
    ['mille deux cents', 'fr', 1200],
    ['trois mille cinq cents', 'fr', 3500],
    ['Trente-cinq', 'fr', 35],
    ['1 400', 'fr', 1400],
    ['1\u202f400', 'fr', 1400],
    ['1\u00a0400', 'fr', 1400],
    ['1.400', 'fr', 1400],
    ['1,400', 'en', 1400],
    ['12 000', 'fr', 12000],
    ['1,5 million', 'fr', 1500000],
    ['2 millions', 'fr', 2000000],
    ['une douzaine', 'fr', 12],
    ['une centaine', 'fr', 100],
    ['une vingtaine', 'fr', 20],
    ['un millier', 'fr', 1000],
    ['a dozen', 'en', 12],
    ['a hundred', 'en', 100],
    ['two hundred and five', 'en', 205],
    ['thirty', 'en', 30],
    ['thirty-two', 'en', 32],
    ['one thousand two hundred', 'en', 1200],
    ['deux trois', 'fr', null],
    ['trente vingt', 'fr', null],
    ['cent cent', 'fr', null],
    ['quelques', 'fr', null],
    ['', 'fr', null],
    ['dozens', 'en', null],
  ];
  for (const [text, lang, value] of rows) {
    it(`reads "${text}" (${lang}) as ${String(value)}`, () => {
      assert.equal(parseNumber(text, lang), value);
    });
  }
});

type Expected = Pick<CountMention, 'text' | 'value' | 'qualifier' | 'low' | 'high'> & {
  likelyYear?: boolean;
};

function counts(text: string, lang: Lang): Expected[] {
  return findCounts(text, lang).map((c) => {
    const e: Expected = { text: c.text, value: c.value, qualifier: c.qualifier, low: c.low, high: c.high };
    if (c.likelyYear !== undefined) e.likelyYear = c.likelyYear;
    assert.equal(text.slice(c.start, c.end), c.text);
    return e;
  });
}

const exact = (text: string, value: number): Expected => ({
  text,
  value,
  qualifier: 'exact',
  low: null,
  high: null,
});

describe('findCounts', () => {
  const rows: readonly [string, Lang, Expected[]][] = [
    [
      'Au moins 12 soldats ont été tués.',
      'fr',
      [{ text: 'Au moins 12', value: 12, qualifier: 'at-least', low: 12, high: null }],
    ],
    [
      "Plus d'une vingtaine de civils tués.",
      'fr',
      [{ text: "Plus d'une vingtaine", value: 20, qualifier: 'more-than', low: 20, high: null }],
    ],
    [
      'près de cinquante blessés',
      'fr',
      [{ text: 'près de cinquante', value: 50, qualifier: 'about', low: null, high: null }],
    ],
    [
      'une dizaine de motos emportées',
      'fr',
      [{ text: 'une dizaine', value: 10, qualifier: 'about', low: null, high: null }],
    ],
    [
      'une centaine de personnes tuées',
      'fr',
      [{ text: 'une centaine', value: 100, qualifier: 'about', low: null, high: null }],
    ],
    ['cent trente-deux civils tués', 'fr', [exact('cent trente-deux', 132)]],
    [
      'environ 30 assaillants',
      'fr',
      [{ text: 'environ 30', value: 30, qualifier: 'about', low: null, high: null }],
    ],
    [
      "jusqu'à 40 morts selon des sources locales",
      'fr',
      [{ text: "jusqu'à 40", value: 40, qualifier: 'up-to', low: null, high: 40 }],
    ],
    [
      'entre 10 et 15 morts',
      'fr',
      [{ text: 'entre 10 et 15', value: 10, qualifier: 'range', low: 10, high: 15 }],
    ],
    ['10 à 15 blessés', 'fr', [{ text: '10 à 15', value: 10, qualifier: 'range', low: 10, high: 15 }]],
    [
      'deux ou trois véhicules',
      'fr',
      [{ text: 'deux ou trois', value: 2, qualifier: 'range', low: 2, high: 3 }],
    ],
    ['Le bilan est passé de 5 à 20 morts.', 'fr', [exact('5', 5), exact('20', 20)]],
    [
      'Les attaques ont fait 1 400 morts depuis 2015.',
      'fr',
      [exact('1 400', 1400), { ...exact('2015', 2015), likelyYear: true }],
    ],
    ['En 2019 12 soldats sont morts.', 'fr', [{ ...exact('2019', 2019), likelyYear: true }, exact('12', 12)]],
    ['Un soldat tué et un communiqué publié.', 'fr', [exact('Un', 1)]],
    ['Le 2e bataillon, le 1er régiment et le premier convoi.', 'fr', []],
    ['Réunion à 10h30, puis à 14:45, à 52 km de Djibo, deuil de 72 heures.', 'fr', []],
    ['Le dimanche 12 septembre, 5 morts.', 'fr', [exact('5', 5)]],
    ['Appelez le +226 70 12 34 56 ou le 12/09/2021.', 'fr', []],
    ['Le G5 Sahel et la Covid-19, page ?p=97837.', 'fr', []],
    ['Des dizaines de morts et des centaines de blessés.', 'fr', []],
    ['Trois soldats et 4\u202f000 déplacés.', 'fr', [exact('Trois', 3), exact('4\u202f000', 4000)]],
    [
      'At least 400 people died.',
      'en',
      [{ text: 'At least 400', value: 400, qualifier: 'at-least', low: 400, high: null }],
    ],
    [
      'more than a hundred civilians',
      'en',
      [{ text: 'more than a hundred', value: 100, qualifier: 'more-than', low: 100, high: null }],
    ],
    ['some 30 soldiers', 'en', [{ text: 'some 30', value: 30, qualifier: 'about', low: null, high: null }]],
    [
      'between 10 and 15 villagers',
      'en',
      [{ text: 'between 10 and 15', value: 10, qualifier: 'range', low: 10, high: 15 }],
    ],
    ['a dozen gunmen', 'en', [{ text: 'a dozen', value: 12, qualifier: 'about', low: null, high: null }]],
    ['two hundred and five bodies', 'en', [exact('two hundred and five', 205)]],
    ['the toll rose from 11 to 28', 'en', [exact('11', 11), exact('28', 28)]],
    ['hundreds of civilians and dozens of soldiers', 'en', []],
    [
      'on April 8, 2022, one soldier was killed',
      'en',
      [{ ...exact('2022', 2022), likelyYear: true }, exact('one', 1)],
    ],
    ['the 3rd battalion lost 1,200 men', 'en', [exact('1,200', 1200)]],
  ];
  for (const [text, lang, expected] of rows) {
    it(`reads ${expected.length === 0 ? 'no count' : expected.map((e) => `"${e.text}"`).join(', ')} in "${text}"`, () => {
      assert.deepEqual(counts(text, lang), expected);
    });
  }
});
