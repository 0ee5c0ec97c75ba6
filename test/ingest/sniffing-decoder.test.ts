import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { SniffingDecoder } from '../../src/ingest/csv/sniffing-decoder.ts';

function decode(bytes: Uint8Array, chunkSize = bytes.length): { text: string; encoding: string | null } {
  const decoder = new SniffingDecoder();
  let text = '';
  for (let i = 0; i < bytes.length; i += chunkSize) text += decoder.write(bytes.subarray(i, i + chunkSize));
  text += decoder.end();
  return { text, encoding: decoder.encoding };
}

const FRENCH = 'Ségou, Tillabéri, Ménaka – l’armée « dit »';

describe('SniffingDecoder', () => {
  it('reads UTF-8 without a byte-order mark', () => {
    assert.deepEqual(decode(Buffer.from(FRENCH, 'utf8')), { text: FRENCH, encoding: 'utf-8' });
  });

  it('drops a UTF-8 byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(FRENCH, 'utf8')]);
    assert.deepEqual(decode(bytes), { text: FRENCH, encoding: 'utf-8' });
  });

  it('reads bytes that are not UTF-8 as Windows-1252, typographic quotes included', () => {
    assert.deepEqual(decode(iconv.encode(FRENCH, 'windows-1252')), {
      text: FRENCH,
      encoding: 'windows-1252',
    });
  });

  it('decides on the first accent even when it comes after a long ASCII stretch', () => {
    const text = `${'Djibo,Arbinda\n'.repeat(20_000)}Tillabéri\n`;
    assert.deepEqual(decode(iconv.encode(text, 'windows-1252'), 65_536), { text, encoding: 'windows-1252' });
  });

  it('reads the same text whatever the chunk size, also when a character is cut in two', () => {
    for (const [bytes, name] of [
      [Buffer.from(FRENCH, 'utf8'), 'utf-8'],
      [iconv.encode(FRENCH, 'windows-1252'), 'windows-1252'],
    ] as const) {
      for (let size = 1; size <= 7; size++)
        assert.deepEqual(decode(bytes, size), { text: FRENCH, encoding: name });
    }
  });

  it('reads UTF-16 files that carry a byte-order mark', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(FRENCH, 'utf16le')]);
    assert.deepEqual(decode(le, 3), { text: FRENCH, encoding: 'utf-16le' });
    const be = Buffer.from(le.subarray(2)).swap16();
    assert.deepEqual(decode(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), {
      text: FRENCH,
      encoding: 'utf-16be',
    });
  });

  it('leaves the encoding undecided for pure ASCII, which reads the same either way', () => {
    assert.deepEqual(decode(Buffer.from('id,notes\n1,plain\n')), {
      text: 'id,notes\n1,plain\n',
      encoding: null,
    });
  });

  it('reads a file of fewer than three bytes', () => {
    assert.deepEqual(decode(Buffer.from('a\n')), { text: 'a\n', encoding: null });
    assert.deepEqual(decode(Buffer.from([0xe9])), { text: 'é', encoding: 'windows-1252' });
  });
});
