import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_SEARCH_TERMS, searchTerms } from '../../src/store/search-terms.ts';

describe('searchTerms', () => {
  it('keeps words of letters and digits, lower-cased, in order, once each', () => {
    assert.deepEqual(searchTerms('Attaque à Tillabéri, 12 morts; attaque'), [
      'attaque',
      'à',
      'tillabéri',
      '12',
      'morts',
    ]);
  });
  it('drops every operator, quote and bracket of FTS5 and tsquery syntax', () => {
    assert.deepEqual(searchTerms(`"a" (b) c* d:* e&f|g !h <-> NEAR/2 '; --`), [
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
      'g',
      'h',
      'near',
      '2',
    ]);
  });
  it('finds no term in punctuation, blanks or nothing', () => {
    assert.deepEqual(searchTerms(' *** '), []);
    assert.deepEqual(searchTerms(''), []);
    assert.deepEqual(searchTerms(undefined), []);
  });
  it('keeps a decomposed accent with its letter and drops a mark that has none', () => {
    assert.deepEqual(searchTerms('te\u0301ra \u0301'), ['téra']);
  });
  it(`keeps at most ${MAX_SEARCH_TERMS} terms`, () => {
    assert.equal(
      searchTerms(Array.from({ length: 40 }, (_, n) => `w${n}`).join(' ')).length,
      MAX_SEARCH_TERMS,
    );
  });
});
