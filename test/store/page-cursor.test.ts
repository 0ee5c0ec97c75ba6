import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidCursorError } from '../../src/store/invalid-cursor-error.ts';
import { decodeCursor, encodeCursor } from '../../src/store/page-cursor.ts';

describe('page cursors', () => {
  it('decode to the key they were made from', () => {
    assert.deepEqual(decodeCursor(encodeCursor(['2024-03-15', 42])), ['2024-03-15', 42]);
  });
  it('are URL-safe text', () => {
    assert.match(encodeCursor(['2024-03-15T10:00:00.000Z', 2 ** 40]), /^[A-Za-z0-9_-]+$/);
  });
  it('reject anything else with InvalidCursorError', () => {
    for (const bad of [
      '',
      '!!',
      encodeCursor(['x', 1]).slice(2),
      btoa('[1,2]'),
      btoa('["x",1.5]'),
      btoa('{}'),
    ])
      assert.throws(() => decodeCursor(bad), InvalidCursorError, bad);
  });
});
