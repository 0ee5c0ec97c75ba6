/**
 * The audit log's use cases: verify it end to end, sign a checkpoint, prove an entry's inclusion, export
 * the checkpoints, and check a proof. Nothing stored is trusted by `verifyAuditLog`: each leaf hash is
 * recomputed from its entry, each entry must sit at the seq it names, and every stored checkpoint must
 * carry the deployment key's signature over the root recomputed from the entries.
 */
import { parseEntry } from '../domain/audit/audit-entry.ts';
import {
  AUDIT_PROOF_FORMAT,
  checkAuditProof,
  type AuditProof,
  type ProofCheck,
} from '../domain/audit/audit-proof.ts';
import { fromHex, sameBytes, toHex, utf8 } from '../domain/audit/bytes.ts';
import {
  checkpointBody,
  formatVerifierKey,
  parseSignedCheckpoint,
  parseVerifierKey,
  signatureBy,
  signatureLine,
  signedNote,
  type VerifierKey,
} from '../domain/audit/checkpoint.ts';
import {
  appendLeaf,
  consistencyProof,
  EMPTY_FRONTIER,
  frontierRoot,
  inclusionProof,
  leafHash,
  treeHead,
  type Frontier,
} from '../domain/audit/merkle-tree.ts';
import { verifyConsistency } from '../domain/audit/merkle-proof.ts';
import { sha256 } from '../store/audit-records.ts';
import type { StoredCheckpoint, Store } from '../store/store.ts';
import { signWith, verifyEd25519, type AuditKey } from './audit-key.ts';

/** Rows read per page while walking the log. */
const PAGE = 1000;

export interface AuditProblem {
  /**
   * entry: this entry is bad (altered, moved, missing); range: the entries from `seq` up to a
   * checkpoint no longer hash to its signed root, which one is not known; checkpoint: a checkpoint
   * itself is bad (signature, shape).
   */
  readonly kind: 'entry' | 'range' | 'checkpoint';
  /** The first entry the problem makes untrustworthy; null for a checkpoint's own problem. */
  readonly seq: number | null;
  readonly message: string;
}

export interface AuditVerification {
  readonly ok: boolean;
  /** Entries read. */
  readonly size: number;
  /** The root recomputed from every entry read. */
  readonly rootHash: string;
  readonly checkpoints: number;
  /**
   * The first entry found bad: the lowest seq of an entry problem; when there is none (entries and
   * their leaf hashes rewritten together), the first entry a signed checkpoint no longer vouches for.
   * Null when no entry is in doubt.
   */
  readonly firstBadSeq: number | null;
  readonly problems: readonly AuditProblem[];
}

/** Walks the stored log in seq order; `visit` gets each entry's recomputed leaf hash. */
async function walk(
  store: Store,
  problems: AuditProblem[],
  visit: (seq: number, leaf: Uint8Array, storedLeaf: Uint8Array) => void,
): Promise<number> {
  let expected = 0;
  for (;;) {
    const rows = await store.readAuditLog(expected, PAGE);
    for (const row of rows) {
      if (row.seq !== expected) {
        problems.push({
          kind: 'entry',
          seq: expected,
          message: `entry ${expected} is missing (the next stored entry is ${row.seq})`,
        });
        return expected;
      }
      const leaf = leafHash(sha256, utf8(row.entry));
      const parsed = parseEntry(row.entry);
      if (!parsed.ok)
        problems.push({ kind: 'entry', seq: row.seq, message: `entry ${row.seq} ${parsed.problem}` });
      else if (parsed.entry.seq !== row.seq)
        problems.push({
          kind: 'entry',
          seq: row.seq,
          message: `entry ${row.seq} holds the entry of seq ${parsed.entry.seq}: moved`,
        });
      if (toHex(leaf) !== row.leafHash)
        problems.push({
          kind: 'entry',
          seq: row.seq,
          message: `entry ${row.seq} does not hash to its stored leaf hash: altered`,
        });
      const stored = fromHex(row.leafHash);
      visit(row.seq, leaf, stored?.length === 32 ? stored : new Uint8Array(32));
      expected++;
    }
    if (rows.length < PAGE) return expected;
  }
}

function checkSignature(
  c: StoredCheckpoint,
  key: VerifierKey,
): { ok: true; size: number; root: Uint8Array } | { ok: false; message: string } {
  const note = parseSignedCheckpoint(c.note);
  if (typeof note === 'string') return { ok: false, message: `checkpoint ${c.id} is malformed: ${note}` };
  const signature = signatureBy(note, key);
  if (signature === null) return { ok: false, message: `checkpoint ${c.id} is not signed by ${key.name}` };
  if (!verifyEd25519(key.publicKey, utf8(note.body), signature.signature))
    return { ok: false, message: `checkpoint ${c.id} has a bad signature: forged or altered` };
  if (note.checkpoint.origin !== key.name)
    return { ok: false, message: `checkpoint ${c.id} is of another log (${note.checkpoint.origin})` };
  // The columns beside the note are conveniences: they must say what the signed note says.
  if (note.checkpoint.size !== c.size || toHex(note.checkpoint.rootHash) !== c.rootHash)
    return { ok: false, message: `checkpoint ${c.id}'s columns differ from its signed note` };
  return { ok: true, size: note.checkpoint.size, root: note.checkpoint.rootHash };
}

/** Recomputes everything (see the module's comment); never throws on what it finds, only reports. */
export async function verifyAuditLog(store: Store, key: VerifierKey): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  const stored = await store.listAuditCheckpoints();
  const signed: { id: number; size: number; root: Uint8Array }[] = [];
  for (const c of stored) {
    const checked = checkSignature(c, key);
    if (checked.ok) signed.push({ id: c.id, size: checked.size, root: checked.root });
    else problems.push({ kind: 'checkpoint', seq: null, message: checked.message });
  }
  // Roots are compared as the walk reaches each checkpoint's size.
  const bySize = new Map<number, typeof signed>();
  for (const s of signed) bySize.set(s.size, [...(bySize.get(s.size) ?? []), s]);
  const sizes = [...bySize.keys()].sort((a, b) => a - b);
  let frontier: Frontier = EMPTY_FRONTIER;
  let trusted = 0;
  // The stored leaf hashes too: when they hash to a signed root they are authentic, and the entries
  // whose recomputed hash differs from theirs are exactly the altered ones (already named).
  let storedFrontier: Frontier = EMPTY_FRONTIER;
  const checkAt = (size: number): void => {
    if (!bySize.has(size)) return;
    const root = frontierRoot(sha256, frontier);
    const storedRoot = frontierRoot(sha256, storedFrontier);
    for (const s of bySize.get(size) ?? []) {
      if (sameBytes(root, s.root)) trusted = size;
      else if (!sameBytes(storedRoot, s.root))
        problems.push({
          kind: 'range',
          seq: trusted,
          message: `entries ${trusted}…${size - 1} do not hash to the root signed in checkpoint ${s.id} (size ${size}): one of them was altered, removed or reordered`,
        });
    }
  };
  checkAt(0);
  const size = await walk(store, problems, (seq, leaf, storedLeaf) => {
    frontier = appendLeaf(sha256, frontier, leaf);
    storedFrontier = appendLeaf(sha256, storedFrontier, storedLeaf);
    checkAt(seq + 1);
  });
  const head = await store.auditHeadSize();
  if (head > size)
    problems.push({
      kind: 'entry',
      seq: size,
      message: `the log's head counts ${head} entries but ${size} are stored: entries ${size}…${head - 1} were removed`,
    });
  for (const s of sizes.filter((n) => n > size))
    for (const c of bySize.get(s) ?? [])
      problems.push({
        kind: 'entry',
        seq: size,
        message: `checkpoint ${c.id} signs ${s} entries but the log holds ${size}: entries ${size}…${s - 1} were removed`,
      });
  const entrySeqs = problems.filter((p) => p.kind === 'entry').map((p) => p.seq);
  const seqs = (entrySeqs.length > 0 ? entrySeqs : problems.map((p) => p.seq)).filter(
    (s): s is number => s !== null,
  );
  return {
    ok: problems.length === 0,
    size,
    rootHash: toHex(frontierRoot(sha256, frontier)),
    checkpoints: stored.length,
    firstBadSeq: seqs.length === 0 ? null : Math.min(...seqs),
    problems,
  };
}

export type CheckpointResult =
  | { readonly ok: true; readonly note: string; readonly size: number }
  | { readonly ok: false; readonly verification: AuditVerification };

/**
 * Signs and stores a checkpoint of the whole log as it is now, after verifying it: a log that fails
 * verification is not signed, so that every checkpoint extends the previous ones.
 */
export async function signCheckpoint(store: Store, key: AuditKey, now: Date): Promise<CheckpointResult> {
  const verification = await verifyAuditLog(store, key.verifier);
  if (!verification.ok) return { ok: false, verification };
  const rootHash = fromHex(verification.rootHash) ?? new Uint8Array();
  const body = checkpointBody({
    origin: key.verifier.name,
    size: verification.size,
    rootHash,
    time: now.toISOString(),
  });
  const note = signedNote(body, [
    signatureLine(key.verifier.name, key.verifier.keyHash, signWith(key, utf8(body))),
  ]);
  await store.addAuditCheckpoint({
    size: verification.size,
    rootHash: verification.rootHash,
    signedAt: now.toISOString(),
    keyId: formatVerifierKey(key.verifier).split('+').slice(0, 2).join('+'),
    note,
  });
  return { ok: true, note, size: verification.size };
}

/** The latest stored checkpoint, as stored (the caller or the verifier checks it). */
export async function latestCheckpoint(store: Store): Promise<StoredCheckpoint | null> {
  return (await store.listAuditCheckpoints()).at(-1) ?? null;
}

/** Every entry's recomputed leaf hash and text, of the first `size` entries. */
/** The recomputed leaf hashes of the first `size` entries (fewer when one is missing). */
async function leavesUpTo(store: Store, size: number): Promise<Uint8Array[]> {
  const leaves: Uint8Array[] = [];
  while (leaves.length < size) {
    const rows = await store.readAuditLog(leaves.length, Math.min(PAGE, size - leaves.length));
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.seq !== leaves.length) return leaves;
      leaves.push(leafHash(sha256, utf8(row.entry)));
    }
  }
  return leaves;
}

export type ProofResult =
  | { readonly ok: true; readonly proof: AuditProof }
  | {
      readonly ok: false;
      readonly error: 'not_found' | 'not_covered' | 'mismatch';
      readonly message: string;
    };

/**
 * The inclusion proof of entry `seq` in the tree of the latest checkpoint that covers it (a later
 * checkpoint proves more; any one proves the entry was there when it was signed).
 */
export async function proveEntry(store: Store, seq: number): Promise<ProofResult> {
  const [row] = await store.readAuditLog(seq, 1);
  if (row === undefined || row.seq !== seq)
    return { ok: false, error: 'not_found', message: `no audit entry ${seq}` };
  const checkpoints = await store.listAuditCheckpoints();
  const covering = checkpoints.filter((c) => c.size > seq).at(-1);
  if (covering === undefined)
    return {
      ok: false,
      error: 'not_covered',
      message: `no signed checkpoint covers entry ${seq} yet: run \`liptako audit checkpoint\``,
    };
  const leaves = await leavesUpTo(store, covering.size);
  const root = leaves.length === covering.size ? toHex(treeHead(sha256, leaves)) : null;
  if (root !== covering.rootHash)
    return {
      ok: false,
      error: 'mismatch',
      message: `the stored log no longer matches checkpoint ${covering.id}: run \`liptako audit verify\``,
    };
  return {
    ok: true,
    proof: {
      format: AUDIT_PROOF_FORMAT,
      leaf_index: seq,
      tree_size: covering.size,
      entry: row.entry,
      leaf_hash: toHex(leaves[seq] ?? new Uint8Array()),
      audit_path: inclusionProof(sha256, leaves, seq).map(toHex),
      root_hash: root,
      checkpoint: covering.note,
    },
  };
}

/** What the parties keep: the verifier key and every checkpoint, each with its consistency proof from the previous one. */
export async function exportAudit(store: Store, key: VerifierKey): Promise<object> {
  const checkpoints = await store.listAuditCheckpoints();
  const largest = Math.max(0, ...checkpoints.map((c) => c.size));
  const leaves = await leavesUpTo(store, largest);
  let previous: StoredCheckpoint | null = null;
  const out = [];
  for (const c of checkpoints) {
    const proof =
      previous !== null && previous.size <= c.size && leaves.length >= c.size
        ? consistencyProof(sha256, leaves.slice(0, c.size), previous.size).map(toHex)
        : null;
    out.push({
      size: c.size,
      root_hash: c.rootHash,
      signed_at: c.signedAt,
      note: c.note,
      consistency_from_previous: proof,
    });
    previous = c;
  }
  return { format: 'liptako-audit-export/1', verifier_key: formatVerifierKey(key), checkpoints: out };
}

/** Checks that each exported checkpoint extends the one before it, with the proofs of the export alone. */
export function checkExportConsistency(
  checkpoints: readonly { size: number; root_hash: string; consistency_from_previous: string[] | null }[],
): boolean {
  for (let i = 1; i < checkpoints.length; i++) {
    const [a, b] = [checkpoints[i - 1], checkpoints[i]];
    const proof = b?.consistency_from_previous?.map((h) => fromHex(h) ?? new Uint8Array());
    const firstRoot = fromHex(a?.root_hash ?? '');
    const secondRoot = fromHex(b?.root_hash ?? '');
    if (
      a === undefined ||
      b === undefined ||
      proof === undefined ||
      firstRoot === null ||
      secondRoot === null
    )
      return false;
    if (!verifyConsistency(sha256, { firstSize: a.size, firstRoot, secondSize: b.size, secondRoot, proof }))
      return false;
  }
  return true;
}

/** Checks a proof document against a verifier key's text. */
export function checkProof(proof: unknown, verifierKeyText: string): ProofCheck {
  const key = parseVerifierKey(sha256, verifierKeyText);
  if (typeof key === 'string') return { ok: false, problem: `the key: ${key}` };
  return checkAuditProof(sha256, verifyEd25519, key, proof);
}
