/**
 * Signed checkpoints of the audit log, in the text formats of C2SP (https://c2sp.org/tlog-checkpoint
 * and https://c2sp.org/signed-note), so that off-the-shelf transparency-log tools can read them:
 *
 *   liptako/audit/3f9a0c1d2b4e5f60          origin: the log (named after the deployment key)
 *   1234                                    tree size (entries 0…1233)
 *   q7cbuE1Yx5z1n6Vv0g3q9wV9wJ0vQd6k…=       root hash (RFC 6962), base64
 *   time 2025-03-01T10:00:00.000Z           extension line: when it was signed
 *                                           blank line: the body ends
 *   — liptako/audit/3f9a0c1d2b4e5f60 AbCd…   signature: base64(key hash (4 bytes) ‖ Ed25519 signature)
 *
 * The signed message is the body: every line up to and including the newline before the blank line.
 * The key hash is SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[0:4]; the verifier key is written
 * `name+<key hash hex>+<base64(0x01 ‖ public key)>`. The signing itself (Ed25519) is done by the
 * caller: the domain formats, parses and checks the shape only.
 */
import { concat, fromBase64, sameBytes, toBase64, toHex, utf8 } from './bytes.ts';
import { HASH_SIZE, type Sha256 } from './merkle-tree.ts';

/** The Ed25519 algorithm byte of signed notes. */
const ED25519 = 0x01;
const PUBLIC_KEY_SIZE = 32;
const SIGNATURE_SIZE = 64;
const EM_DASH = '\u2014';

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** ISO 8601 time of signing. */
  readonly time: string;
}

export interface NoteSignature {
  readonly keyName: string;
  /** The first 4 bytes of the key's hash: which key signed. */
  readonly keyHash: Uint8Array;
  readonly signature: Uint8Array;
}

export interface SignedCheckpoint {
  readonly checkpoint: Checkpoint;
  /** The signed text (the body). */
  readonly body: string;
  readonly signatures: readonly NoteSignature[];
  /** The whole note as stored and exported. */
  readonly text: string;
}

export interface VerifierKey {
  readonly name: string;
  readonly keyHash: Uint8Array;
  readonly publicKey: Uint8Array;
}

const NAME = /^[\x21-\x7e]+$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

/** The text that is signed. */
export function checkpointBody(c: Checkpoint): string {
  return `${c.origin}\n${c.size}\n${toBase64(c.rootHash)}\ntime ${c.time}\n`;
}

export function keyHashOf(sha256: Sha256, name: string, publicKey: Uint8Array): Uint8Array {
  return sha256(concat(utf8(name), Uint8Array.of(0x0a, ED25519), publicKey)).slice(0, 4);
}

export function verifierKey(sha256: Sha256, name: string, publicKey: Uint8Array): VerifierKey {
  return { name, keyHash: keyHashOf(sha256, name, publicKey), publicKey };
}

/** `name+<key hash hex>+<base64(0x01 ‖ public key)>` */
export function formatVerifierKey(key: VerifierKey): string {
  return `${key.name}+${toHex(key.keyHash)}+${toBase64(concat(Uint8Array.of(ED25519), key.publicKey))}`;
}

export function parseVerifierKey(sha256: Sha256, text: string): VerifierKey | string {
  // base64 may hold '+' itself: the name and the hash end at the first two.
  const m = /^([^+]+)\+([0-9a-f]{8})\+(.+)$/.exec(text.trim());
  if (m === null) return 'a verifier key is name+keyhash+base64key';
  const [, name = '', hash = '', key = ''] = m;
  if (!NAME.test(name)) return 'the key name has spaces or control characters';
  const bytes = fromBase64(key);
  if (bytes === null || bytes.length !== PUBLIC_KEY_SIZE + 1 || bytes[0] !== ED25519)
    return 'the key is not a base64 Ed25519 public key';
  const publicKey = bytes.slice(1);
  const parsed = verifierKey(sha256, name, publicKey);
  if (toHex(parsed.keyHash) !== hash) return 'the key hash does not match the key';
  return parsed;
}

export function signatureLine(keyName: string, keyHash: Uint8Array, signature: Uint8Array): string {
  return `${EM_DASH} ${keyName} ${toBase64(concat(keyHash, signature))}\n`;
}

/** The note: body, a blank line, signature lines. */
export function signedNote(body: string, lines: readonly string[]): string {
  return `${body}\n${lines.join('')}`;
}

/** Reads a signed checkpoint; a string says what is wrong with it. Signatures are not checked here. */
export function parseSignedCheckpoint(text: string): SignedCheckpoint | string {
  const split = text.indexOf('\n\n');
  if (split < 0 || !text.endsWith('\n')) return 'a signed note is a body, a blank line and signature lines';
  const body = text.slice(0, split + 1);
  const lines = body.slice(0, -1).split('\n');
  if (lines.length !== 4) return 'a checkpoint body has 4 lines: origin, size, root hash, time';
  const [origin, sizeText, rootText, timeLine] = lines as [string, string, string, string];
  if (origin === '' || !NAME.test(origin)) return 'the origin is empty or has spaces';
  if (!/^(?:0|[1-9]\d{0,15})$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText)))
    return 'the tree size is not a decimal number';
  const rootHash = fromBase64(rootText);
  if (rootHash === null || rootHash.length !== HASH_SIZE) return 'the root hash is not 32 bytes of base64';
  const time = timeLine.startsWith('time ') ? timeLine.slice(5) : '';
  if (!TIME.test(time)) return 'the time line is not "time <ISO 8601 UTC>"';
  const signatures: NoteSignature[] = [];
  for (const line of text.slice(split + 2, -1).split('\n')) {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
    const bytes = m?.[2] === undefined ? null : fromBase64(m[2]);
    if (m === null || m[1] === undefined || bytes === null || bytes.length !== 4 + SIGNATURE_SIZE)
      return `"${line.slice(0, 80)}" is not a signature line`;
    signatures.push({ keyName: m[1], keyHash: bytes.slice(0, 4), signature: bytes.slice(4) });
  }
  if (signatures.length === 0) return 'the note has no signature';
  return { checkpoint: { origin, size: Number(sizeText), rootHash, time }, body, signatures, text };
}

/** The signature of this key on the note, if there is one (by name and key hash). */
export function signatureBy(note: SignedCheckpoint, key: VerifierKey): NoteSignature | null {
  return note.signatures.find((s) => s.keyName === key.name && sameBytes(s.keyHash, key.keyHash)) ?? null;
}
