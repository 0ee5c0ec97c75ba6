import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { fromBase64, toBase64 } from '../../src/domain/audit/bytes.ts';
import {
  checkpointBody,
  formatVerifierKey,
  parseSignedCheckpoint,
  parseVerifierKey,
  signatureLine,
  signedNote,
  verifierKey,
} from '../../src/domain/audit/checkpoint.ts';

const sha256 = (d: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(d).digest());
const publicKey = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
const key = verifierKey(sha256, 'liptako/audit/0011223344556677', publicKey);
const root = sha256(new Uint8Array([1, 2, 3]));
const body = checkpointBody({
  origin: key.name,
  size: 1234,
  rootHash: root,
  time: '2025-03-01T10:00:00.000Z',
});
const signature = new Uint8Array(64).fill(9);
const note = signedNote(body, [signatureLine(key.name, key.keyHash, signature)]);

describe('signed checkpoints (C2SP signed note)', () => {
  it('write origin, size, base64 root and time, a blank line and an em-dash signature line', () => {
    assert.equal(
      body,
      `liptako/audit/0011223344556677\n1234\n${toBase64(root)}\ntime 2025-03-01T10:00:00.000Z\n`,
    );
    assert.match(note, /\n\n\u2014 liptako\/audit\/0011223344556677 [A-Za-z0-9+/]+=*\n$/);
  });

  it('parse back to the checkpoint, its signed body and its signature', () => {
    const parsed = parseSignedCheckpoint(note);
    assert.ok(typeof parsed !== 'string');
    assert.equal(parsed.body, body);
    assert.equal(parsed.checkpoint.size, 1234);
    assert.deepEqual(parsed.checkpoint.rootHash, root);
    assert.deepEqual(parsed.signatures[0]?.signature, signature);
    assert.deepEqual(parsed.signatures[0]?.keyHash, key.keyHash);
  });

  it('refuse notes of the wrong shape', () => {
    for (const bad of [
      body,
      note.replace('\n1234\n', '\n01234\n'),
      note.replace('\n1234\n', '\n-1\n'),
      note.replace('time 2025', 'when 2025'),
      note.replace(toBase64(root), toBase64(root.slice(1))),
      note.replace('\u2014 ', '- '),
      `${body}\n`,
      note.slice(0, -1),
    ])
      assert.equal(typeof parseSignedCheckpoint(bad), 'string', JSON.stringify(bad));
  });

  it('write and read verifier keys, refusing a key whose hash does not match', () => {
    const text = formatVerifierKey(key);
    assert.deepEqual(parseVerifierKey(sha256, text), key);
    const [name, hash, b64] = [
      text.slice(0, text.indexOf('+')),
      text.split('+')[1] ?? '',
      text.slice(text.indexOf('+', text.indexOf('+') + 1) + 1),
    ];
    assert.equal(
      typeof parseVerifierKey(sha256, `${name}+00000000+${b64}`),
      hash === '00000000' ? 'object' : 'string',
    );
    assert.equal(typeof parseVerifierKey(sha256, `${name}+${hash}`), 'string');
    assert.equal(fromBase64('not base64!'), null);
  });
});
