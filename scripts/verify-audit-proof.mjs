#!/usr/bin/env node
// Checks a Liptako audit inclusion proof on its own: no Liptako code, no database, only Node.js
// (≥ 18) and its crypto. A party runs it with the proof (`liptako audit proof SEQ`) and the deployment's
// verifier key, kept from `liptako audit export`:
//
//   node verify-audit-proof.mjs proof.json 'liptako/audit/…+1a2b3c4d+AW…'   (or the export file)
//
// Exit 0 and "OK" when the entry is in the tree the signed checkpoint names; exit 1 and why not.
// The checks: RFC 6962 leaf hash SHA-256(0x00 ‖ entry), the entry's seq, the audit path to the root
// (RFC 9162 §2.1.3.2), the C2SP signed-note checkpoint and its Ed25519 signature, size and root.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

const sha256 = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const fail = (why) => {
  console.error(`REJECTED: ${why}`);
  process.exit(1);
};
const hex = (v, what) => {
  if (typeof v !== 'string' || !/^[0-9a-f]{64}$/.test(v)) fail(`${what} is not 32 bytes of lower-case hex`);
  return Buffer.from(v, 'hex');
};
const whole = (v, what) => {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) fail(`${what} is not a whole number ≥ 0`);
  return v;
};

const [proofFile, keyArg] = process.argv.slice(2);
if (proofFile === undefined || keyArg === undefined)
  fail('usage: verify-audit-proof.mjs PROOF.json VERIFIER-KEY|EXPORT.json');

// The verifier key: name+keyhash+base64(0x01 ‖ Ed25519 public key).
let keyText = keyArg;
if (existsSync(keyArg)) {
  keyText = readFileSync(keyArg, 'utf8').trim();
  if (keyText.startsWith('{')) keyText = JSON.parse(keyText).verifier_key ?? '';
}
// base64 may hold '+' itself: the name and the hash end at the first two.
const [, keyName, keyHashHex, keyB64] = /^([^+]+)\+([0-9a-f]{8})\+(.+)$/.exec(String(keyText).trim()) ?? [];
const keyBytes = Buffer.from(keyB64 ?? '', 'base64');
if (!keyName || keyBytes.length !== 33 || keyBytes[0] !== 1) fail('the verifier key is malformed');
const publicKey = keyBytes.subarray(1);
const keyHash = sha256(Buffer.from(keyName), Buffer.from([0x0a, 0x01]), publicKey).subarray(0, 4);
if (keyHash.toString('hex') !== keyHashHex) fail('the verifier key hash does not match its key');

let p;
try {
  p = JSON.parse(readFileSync(proofFile, 'utf8'));
} catch (e) {
  fail(`the proof is not JSON: ${e.message}`);
}
if (p === null || typeof p !== 'object' || p.format !== 'liptako-audit-proof/1')
  fail('not a liptako-audit-proof/1');
const index = whole(p.leaf_index, 'leaf_index');
const size = whole(p.tree_size, 'tree_size');
if (index >= size) fail('leaf_index is not below tree_size');
if (typeof p.entry !== 'string') fail('entry is not a string');
const leaf = hex(p.leaf_hash, 'leaf_hash');
const root = hex(p.root_hash, 'root_hash');
if (!Array.isArray(p.audit_path) || p.audit_path.length > 64)
  fail('audit_path is not a list of at most 64 hashes');
const path = p.audit_path.map((h, i) => hex(h, `audit_path[${i}]`));

if (!sha256(Buffer.from([0]), Buffer.from(p.entry, 'utf8')).equals(leaf))
  fail('leaf_hash is not the hash of entry');
let entry;
try {
  entry = JSON.parse(p.entry);
} catch {
  fail('entry is not JSON');
}
if (entry?.seq !== index) fail('the entry names another seq than leaf_index');

// RFC 9162 §2.1.3.2, with arithmetic that holds past 2^31.
let fn = index;
let sn = size - 1;
let r = leaf;
for (const sibling of path) {
  if (sn === 0) fail('audit_path is too long');
  if (fn % 2 === 1 || fn === sn) {
    r = sha256(Buffer.from([1]), sibling, r);
    if (fn % 2 === 0)
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
  } else {
    r = sha256(Buffer.from([1]), r, sibling);
  }
  fn = Math.floor(fn / 2);
  sn = Math.floor(sn / 2);
}
if (sn !== 0 || !r.equals(root)) fail('audit_path does not lead from the leaf to root_hash');

// The checkpoint: body, blank line, signature lines "— name base64(keyhash ‖ signature)".
const note = p.checkpoint;
if (typeof note !== 'string' || !note.endsWith('\n') || !note.includes('\n\n'))
  fail('checkpoint is not a signed note');
const split = note.indexOf('\n\n');
const body = note.slice(0, split + 1);
const [origin, sizeLine, rootLine, timeLine, ...more] = body.slice(0, -1).split('\n');
if (more.length > 0 || !timeLine?.startsWith('time '))
  fail('checkpoint body is not origin, size, root, time');
if (origin !== keyName) fail(`checkpoint is of log ${origin}, not ${keyName}`);
const signed = note
  .slice(split + 2, -1)
  .split('\n')
  .map((line) => /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line))
  .filter((m) => m !== null && m[1] === keyName)
  .map((m) => Buffer.from(m[2], 'base64'))
  .find((b) => b.length === 68 && b.subarray(0, 4).equals(keyHash));
if (signed === undefined) fail(`checkpoint is not signed by ${keyName}`);
const jwk = { kty: 'OKP', crv: 'Ed25519', x: publicKey.toString('base64url') };
if (
  !verify(null, Buffer.from(body, 'utf8'), createPublicKey({ key: jwk, format: 'jwk' }), signed.subarray(4))
)
  fail('the checkpoint signature does not verify');
if (sizeLine !== String(size)) fail('checkpoint size is not tree_size');
if (!Buffer.from(rootLine ?? '', 'base64').equals(root)) fail('checkpoint root is not root_hash');

console.log(`OK: entry ${index} is in the ${size}-entry log signed ${timeLine.slice(5)} by ${keyName}`);
