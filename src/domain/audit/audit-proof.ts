/**
 * An inclusion proof of one audit entry, as `liptako audit proof SEQ` prints it and any party can check
 * it alone (scripts/verify-audit-proof.mjs does the same without this code):
 *
 *   { "format": "liptako-audit-proof/1", "leaf_index": 41, "tree_size": 1234,
 *     "entry": "<the entry's canonical JSON>", "leaf_hash": "<hex>", "audit_path": ["<hex>", …],
 *     "root_hash": "<hex>", "checkpoint": "<signed checkpoint note>" }
 *
 * It holds when: the leaf hash is SHA-256(0x00 ‖ entry); the entry names seq = leaf_index; the audit
 * path leads from the leaf to the root (RFC 6962); the checkpoint is signed by the deployment's key
 * and states this tree size and root.
 */
import { fromHex, sameBytes, utf8 } from './bytes.ts';
import { parseEntry } from './audit-entry.ts';
import { parseSignedCheckpoint, signatureBy, type VerifierKey } from './checkpoint.ts';
import { leafHash, type Sha256 } from './merkle-tree.ts';
import { verifyInclusion } from './merkle-proof.ts';

export const AUDIT_PROOF_FORMAT = 'liptako-audit-proof/1';
/** A path longer than this cannot belong to a tree of fewer than 2^64 leaves. */
const MAX_PATH = 64;

export interface AuditProof {
  readonly format: typeof AUDIT_PROOF_FORMAT;
  readonly leaf_index: number;
  readonly tree_size: number;
  readonly entry: string;
  readonly leaf_hash: string;
  readonly audit_path: readonly string[];
  readonly root_hash: string;
  readonly checkpoint: string;
}

/** Checks an Ed25519 signature (the caller's crypto). */
export type VerifySignature = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;

export type ProofCheck = { readonly ok: true } | { readonly ok: false; readonly problem: string };

const fail = (problem: string): ProofCheck => ({ ok: false, problem });
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Checks a proof document (parsed JSON, untrusted) against the deployment's verifier key. */
export function checkAuditProof(
  sha256: Sha256,
  verify: VerifySignature,
  key: VerifierKey,
  input: unknown,
): ProofCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return fail('the proof is not a JSON object');
  const p = input as Record<string, unknown>;
  if (p['format'] !== AUDIT_PROOF_FORMAT) return fail(`format is not ${AUDIT_PROOF_FORMAT}`);
  const index = p['leaf_index'];
  const size = p['tree_size'];
  if (!isIndex(index)) return fail('leaf_index is not a whole number ≥ 0');
  if (!isIndex(size)) return fail('tree_size is not a whole number ≥ 0');
  if (index >= size) return fail(`leaf_index ${index} is not below tree_size ${size}`);
  const entry = p['entry'];
  if (typeof entry !== 'string') return fail('entry is not a string');
  const leafText = p['leaf_hash'];
  const rootText = p['root_hash'];
  const leaf = typeof leafText === 'string' ? fromHex(leafText) : null;
  const root = typeof rootText === 'string' ? fromHex(rootText) : null;
  if (leaf === null || leaf.length !== 32) return fail('leaf_hash is not 32 bytes of lower-case hex');
  if (root === null || root.length !== 32) return fail('root_hash is not 32 bytes of lower-case hex');
  const pathIn = p['audit_path'];
  if (!Array.isArray(pathIn) || pathIn.length > MAX_PATH)
    return fail('audit_path is not a list of at most 64 hashes');
  const path: Uint8Array[] = [];
  for (const [i, h] of pathIn.entries()) {
    const bytes = typeof h === 'string' ? fromHex(h) : null;
    if (bytes === null || bytes.length !== 32)
      return fail(`audit_path[${i}] is not 32 bytes of lower-case hex`);
    path.push(bytes);
  }
  if (!sameBytes(leafHash(sha256, utf8(entry)), leaf)) return fail('leaf_hash is not the hash of entry');
  const parsed = parseEntry(entry);
  if (!parsed.ok) return fail(`entry ${parsed.problem}`);
  if (parsed.entry.seq !== index) return fail(`entry is seq ${parsed.entry.seq}, not leaf_index ${index}`);
  if (!verifyInclusion(sha256, { index, size, leafHash: leaf, path, root }))
    return fail('audit_path does not lead from the leaf to root_hash');
  const noteText = p['checkpoint'];
  if (typeof noteText !== 'string') return fail('checkpoint is not a string');
  const note = parseSignedCheckpoint(noteText);
  if (typeof note === 'string') return fail(`checkpoint: ${note}`);
  const signature = signatureBy(note, key);
  if (signature === null) return fail(`checkpoint is not signed by ${key.name}`);
  if (!verify(key.publicKey, utf8(note.body), signature.signature))
    return fail('the checkpoint signature does not verify');
  if (note.checkpoint.origin !== key.name) return fail(`checkpoint origin is not ${key.name}`);
  if (note.checkpoint.size !== size)
    return fail(`checkpoint is of size ${note.checkpoint.size}, not tree_size ${size}`);
  if (!sameBytes(note.checkpoint.rootHash, root)) return fail('checkpoint root is not root_hash');
  return { ok: true };
}
