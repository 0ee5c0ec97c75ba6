/**
 * Malformed and adversarial inclusion proofs: each is rejected, with a reason, by the project's
 * checker and by the standalone script parties run (scripts/verify-audit-proof.mjs), and a good proof is
 * accepted by both.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { auditKeyOf, signWith } from '../../src/commands/audit-key.ts';
import { checkProof } from '../../src/commands/audit-log.ts';
import { serializeEntry, systemActor } from '../../src/domain/audit/audit-entry.ts';
import { AUDIT_PROOF_FORMAT, type AuditProof } from '../../src/domain/audit/audit-proof.ts';
import { toHex, utf8 } from '../../src/domain/audit/bytes.ts';
import {
  checkpointBody,
  formatVerifierKey,
  signatureLine,
  signedNote,
} from '../../src/domain/audit/checkpoint.ts';
import { inclusionProof, leafHash, treeHead } from '../../src/domain/audit/merkle-tree.ts';

const SCRIPT = fileURLToPath(new URL('../../scripts/verify-audit-proof.mjs', import.meta.url));
const sha256 = (d: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(d).digest());
const key = auditKeyOf(generateKeyPairSync('ed25519').privateKey);
const stranger = auditKeyOf(generateKeyPairSync('ed25519').privateKey);
const VKEY = formatVerifierKey(key.verifier);

const entries = Array.from({ length: 11 }, (_, seq) =>
  serializeEntry({
    seq,
    time: '2025-05-01T00:00:00.000Z',
    actor: systemActor('test'),
    action: 'incident.update',
    subject: { type: 'incident', id: String(seq + 1) },
    before: { status: 'reported' },
    after: { status: 'verified' },
  }),
);
const leaves = entries.map((e) => leafHash(sha256, utf8(e)));

function note(signer: typeof key, size: number, root: Uint8Array): string {
  const body = checkpointBody({
    origin: key.verifier.name,
    size,
    rootHash: root,
    time: '2025-05-01T01:00:00.000Z',
  });
  return signedNote(body, [
    signatureLine(key.verifier.name, key.verifier.keyHash, signWith(signer, utf8(body))),
  ]);
}

function proofOf(index: number, size = leaves.length): AuditProof {
  const tree = leaves.slice(0, size);
  const root = treeHead(sha256, tree);
  return {
    format: AUDIT_PROOF_FORMAT,
    leaf_index: index,
    tree_size: size,
    entry: entries[index] ?? '',
    leaf_hash: toHex(tree[index] ?? new Uint8Array()),
    audit_path: inclusionProof(sha256, tree, index).map(toHex),
    root_hash: toHex(root),
    checkpoint: note(key, size, root),
  };
}

const good = proofOf(6);
const path6 = [...good.audit_path];
const flipHex = (h: string): string => (h[0] === '0' ? '1' : '0') + h.slice(1);

/** Each: what is wrong, and the proof document (or raw text) as an attacker sends it. */
const BAD: [string, unknown][] = [
  ['not an object', [good]],
  ['null', null],
  ['another format', { ...good, format: 'liptako-audit-proof/2' }],
  ['index as a string', { ...good, leaf_index: '6' }],
  ['negative index', { ...good, leaf_index: -1 }],
  ['fractional index', { ...good, leaf_index: 6.5 }],
  ['index equal to the size', { ...good, leaf_index: 11 }],
  ['index past the size', { ...good, leaf_index: 12 }],
  ['another index', { ...good, leaf_index: 7 }],
  ['a smaller tree size', { ...good, tree_size: 10 }],
  ['a larger tree size', { ...good, tree_size: 12 }],
  ['upper-case hex', { ...good, leaf_hash: good.leaf_hash.toUpperCase() }],
  ['non-hex leaf hash', { ...good, leaf_hash: `zz${good.leaf_hash.slice(2)}` }],
  ['short leaf hash', { ...good, leaf_hash: good.leaf_hash.slice(2) }],
  ['long root hash', { ...good, root_hash: `${good.root_hash}00` }],
  ['a flipped leaf hash', { ...good, leaf_hash: flipHex(good.leaf_hash) }],
  ['an altered entry', { ...good, entry: good.entry.replace('verified', 'rejected') }],
  [
    'another entry with its leaf hash',
    { ...good, entry: entries[7], leaf_hash: toHex(leaves[7] ?? new Uint8Array()) },
  ],
  ['a path one hash short', { ...good, audit_path: path6.slice(0, -1) }],
  ['a path one hash long', { ...good, audit_path: [...path6, good.root_hash] }],
  ['an empty path', { ...good, audit_path: [] }],
  ['a path of 65 hashes', { ...good, audit_path: Array.from({ length: 65 }, () => good.root_hash) }],
  ['swapped siblings', { ...good, audit_path: [path6[1], path6[0], ...path6.slice(2)] }],
  ['a flipped sibling', { ...good, audit_path: [flipHex(path6[0] ?? ''), ...path6.slice(1)] }],
  ['a non-hex sibling', { ...good, audit_path: ['x'.repeat(64), ...path6.slice(1)] }],
  ['a path that is not a list', { ...good, audit_path: path6.join(',') }],
  ['a flipped root', { ...good, root_hash: flipHex(good.root_hash) }],
  ['a checkpoint of another tree', { ...good, checkpoint: proofOf(3, 9).checkpoint }],
  [
    'a checkpoint signed by another key',
    { ...good, checkpoint: note(stranger, 11, treeHead(sha256, leaves)) },
  ],
  [
    'a checkpoint with its size changed',
    { ...good, checkpoint: good.checkpoint.replace('\n11\n', '\n12\n') },
  ],
  [
    'a checkpoint without signature',
    { ...good, checkpoint: good.checkpoint.slice(0, good.checkpoint.indexOf('\n\n') + 2) },
  ],
  ['no checkpoint', { ...good, checkpoint: undefined }],
  ['a proof for a whole other tree', { ...proofOf(2, 5), checkpoint: good.checkpoint }],
];

const dir = mkdtempSync(path.join(tmpdir(), 'liptako-proofs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The standalone script's verdict: its exit code and what it printed. */
function script(proof: unknown, verifierKey = VKEY): { code: number; output: string } {
  const file = path.join(dir, 'proof.json');
  writeFileSync(file, JSON.stringify(proof));
  try {
    const output = execFileSync(process.execPath, [SCRIPT, file, verifierKey], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { code: 0, output };
  } catch (error) {
    const e = error as { status: number; stderr: string }; // execFileSync's error on a non-zero exit
    return { code: e.status, output: e.stderr };
  }
}

describe('audit inclusion proofs', () => {
  it('accepts a good proof of every entry, in the checker and the standalone script', () => {
    for (let i = 0; i < leaves.length; i++)
      assert.deepEqual(checkProof(proofOf(i), VKEY), { ok: true }, `entry ${i}`);
    const { code, output } = script(good);
    assert.equal(code, 0, output);
    assert.match(output, /^OK: entry 6 is in the 11-entry log/);
  });

  for (const [what, proof] of BAD)
    it(`rejects ${what}, in the checker and the standalone script`, () => {
      const checked = checkProof(proof, VKEY);
      assert.equal(checked.ok, false);
      assert.ok(!checked.ok && checked.problem.length > 0);
      const { code, output } = script(proof);
      assert.equal(code, 1, output);
      assert.match(output, /^REJECTED: /);
    });

  it('rejects a good proof checked with another deployment key, or a malformed key', () => {
    assert.equal(checkProof(good, formatVerifierKey(stranger.verifier)).ok, false);
    assert.equal(script(good, formatVerifierKey(stranger.verifier)).code, 1);
    assert.equal(checkProof(good, 'not a key').ok, false);
    assert.equal(script(good, `${VKEY.slice(0, -4)}AAA=`).code, 1);
  });
});
