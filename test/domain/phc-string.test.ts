import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeB64, encodeB64, encodePhc, parsePhc } from '../../src/domain/phc-string.ts';

// The argon2 reference implementation's test vector (RFC 9106 parameters t=2, m=64 MiB, p=1).
const REFERENCE = '$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc';

describe('PHC strings', () => {
  it('parses the reference implementation’s argon2id string and writes it back identically', () => {
    const parsed = parsePhc(REFERENCE);
    assert.ok(parsed.ok);
    assert.equal(parsed.value.memory, 65536);
    assert.equal(parsed.value.passes, 2);
    assert.equal(parsed.value.parallelism, 1);
    assert.equal(new TextDecoder().decode(parsed.value.salt), 'somesalt');
    assert.equal(parsed.value.hash.length, 32);
    assert.equal(encodePhc(parsed.value), REFERENCE);
  });

  it('encodes base64 without padding as Node does, and decodes it back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const text = encodeB64(bytes);
        assert.equal(text, Buffer.from(bytes).toString('base64').replace(/=+$/, ''));
        assert.deepEqual(decodeB64(text), bytes);
      }),
    );
  });

  it('refuses base64 with padding, foreign characters, an impossible length or stray trailing bits', () => {
    assert.equal(decodeB64('c29tZXNhbHQ='), null);
    assert.equal(decodeB64('c29tZX-hbHQ'), null);
    assert.equal(decodeB64('c29tZ'), null);
    // "c29tZXNhbHR" decodes to the same bytes as "c29tZXNhbHQ" if the low bits are ignored.
    assert.equal(decodeB64('c29tZXNhbHR'), null);
  });

  const malformed: [string, RegExp][] = [
    ['', /expected/],
    ['argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc', /expected/],
    ['$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc', /algorithm/],
    ['$argon2id$v=16$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc', /version/],
    ['$argon2id$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc', /expected/],
    ['$argon2id$v=19$t=2,m=65536,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc', /expected m=/],
    ['$argon2id$v=19$m=65536,t=2$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc', /m, t and p/],
    ['$argon2id$v=19$m=065536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc', /decimal/],
    ['$argon2id$v=19$m=-1,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc', /decimal/],
    [
      '$argon2id$v=19$m=99999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc',
      /m must be/,
    ],
    ['$argon2id$v=19$m=7,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc', /m must be/],
    ['$argon2id$v=19$m=65536,t=0,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc', /t must be/],
    ['$argon2id$v=19$m=65536,t=2,p=99$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc', /p must be/],
    ['$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc', /salt must be/],
    [
      '$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ=$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc',
      /salt is not/,
    ],
    ['$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXP', /hash must be/],
    ['$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPP!', /hash is not/],
    ['$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFh$FdXP', /expected/],
    [`$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$${'A'.repeat(600)}`, /too long/],
  ];
  for (const [text, problem] of malformed)
    it(`refuses ${JSON.stringify(text.slice(0, 48))}… naming the problem`, () => {
      const parsed = parsePhc(text);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.problem, problem);
    });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        parsePhc(text);
        parsePhc(`$argon2id$v=19$${text}`);
      }),
    );
  });
});
