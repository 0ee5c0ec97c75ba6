import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { SeenKeys } from '../../src/ingest/seen-keys.ts';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('SeenKeys', () => {
  it('remembers a new key and answers for it with the first row', () => {
    const seen = new SeenKeys();
    assert.equal(seen.check('acled:MLI1', 2, sha('a')), undefined);
    assert.deepEqual(seen.check('acled:MLI1', 9, sha('a')), { firstRow: 2, identical: true });
    assert.deepEqual(seen.check('acled:MLI1', 10, sha('b')), { firstRow: 2, identical: false });
  });

  it('keeps every key apart through growth, with no false repeat among 300,000 similar keys', () => {
    const seen = new SeenKeys();
    const hash = sha('same content');
    for (let i = 0; i < 300_000; i++) assert.equal(seen.check(`acled:MLI${i}`, i + 2, hash), undefined);
    for (const i of [0, 1, 4095, 4096, 150_000, 299_999])
      assert.deepEqual(seen.check(`acled:MLI${i}`, 1, hash), { firstRow: i + 2, identical: true });
    assert.equal(seen.check('ucdp:MLI0', 1, hash), undefined);
  });

  it('compares content on 64 bits of the hash', () => {
    const seen = new SeenKeys();
    const hash = sha('x');
    seen.check('k', 2, hash);
    const lastDigit = hash[15] === '0' ? '1' : '0';
    assert.deepEqual(seen.check('k', 3, `${hash.slice(0, 15)}${lastDigit}${hash.slice(16)}`), {
      firstRow: 2,
      identical: false,
    });
    assert.deepEqual(seen.check('k', 4, `${hash.slice(0, 16)}${'f'.repeat(48)}`), {
      firstRow: 2,
      identical: true,
    });
  });
});
