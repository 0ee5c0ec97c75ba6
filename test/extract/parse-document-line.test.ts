import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocumentLine } from '../../src/ingest/extract/parse-document-line.ts';

const bytes = (s: string): Uint8Array => Buffer.from(s, 'utf8');

test('reads a document with its optional lang and published day', () => {
  const line = parseDocumentLine(
    bytes('{"id":"d1","text":"Texte.","lang":"fr","published":"2021-03-04","other":1}'),
  );
  assert.deepEqual(line, {
    ok: true,
    doc: { id: 'd1', text: 'Texte.', lang: 'fr', published: '2021-03-04' },
  });
});

test('decodes a Latin-1 line that is not valid UTF-8', () => {
  const line = parseDocumentLine(Buffer.from('{"id":"l1","text":"Attaque à Tillabéri"}', 'latin1'));
  assert.ok(line.ok);
  assert.equal(line.doc.text, 'Attaque à Tillabéri');
});

test('rejects invalid JSON, a missing id or text, an empty or binary text, each with a message', () => {
  const cases: [string, string | null, RegExp][] = [
    ['{"id": "x", ', null, /invalid JSON/],
    ['{"text":"t"}', null, /missing "id"/],
    ['{"id":"a"}', 'a', /missing "text"/],
    ['{"id":"b","text":"  "}', 'b', /empty text/],
    ['{"id":"c","text":"\\u0000\\u0001\\u0002"}', 'c', /binary/],
    ['[1,2]', null, /JSON object/],
  ];
  for (const [input, id, message] of cases) {
    const line = parseDocumentLine(bytes(input));
    assert.equal(line.ok, false, input);
    if (!line.ok) {
      assert.equal(line.id, id);
      assert.match(line.error, message);
    }
  }
});

test('rejects a text over 1 MB', () => {
  const line = parseDocumentLine(bytes(JSON.stringify({ id: 'big', text: 'a'.repeat(1_000_001) })));
  assert.equal(line.ok, false);
  if (!line.ok) assert.match(line.error, /too long/);
});
