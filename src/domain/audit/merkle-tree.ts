/**
 * The Merkle tree of RFC 6962 §2.1 (Certificate Transparency), over the audit log's entries.
 *
 *   leaf hash  MTH({d0}) = SHA-256(0x00 || d0)
 *   node hash  MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of two < n
 *   empty tree MTH({})   = SHA-256()
 *
 * The hash function is passed in (the domain does no I/O and imports no node:crypto); a `Sha256`
 * must return the 32-byte digest of its input. Sizes and indexes are plain numbers, below 2^53:
 * no 32-bit bit operators are used on them.
 */
import { concat } from './bytes.ts';

export type Sha256 = (data: Uint8Array) => Uint8Array;

export const HASH_SIZE = 32;
const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

export function leafHash(sha256: Sha256, entry: Uint8Array): Uint8Array {
  return sha256(concat(LEAF_PREFIX, entry));
}

export function nodeHash(sha256: Sha256, left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(concat(NODE_PREFIX, left, right));
}

/** The largest power of two smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH of the leaves whose leaf hashes are given, RFC 6962 §2.1. */
export function treeHead(sha256: Sha256, leaves: readonly Uint8Array[]): Uint8Array {
  return subtreeHead(sha256, leaves, 0, leaves.length);
}

function subtreeHead(sha256: Sha256, leaves: readonly Uint8Array[], start: number, end: number): Uint8Array {
  const n = end - start;
  if (n === 0) return sha256(new Uint8Array(0));
  if (n === 1) return leaves[start] as Uint8Array; // start < end = leaves.length
  const k = splitPoint(n);
  return nodeHash(
    sha256,
    subtreeHead(sha256, leaves, start, start + k),
    subtreeHead(sha256, leaves, start + k, end),
  );
}

/** PATH(m, D[n]) of RFC 6962 §2.1.1: the audit path of leaf m in the tree of these leaves. */
export function inclusionProof(sha256: Sha256, leaves: readonly Uint8Array[], m: number): Uint8Array[] {
  if (!Number.isSafeInteger(m) || m < 0 || m >= leaves.length)
    throw new RangeError(`leaf ${m} is not in a tree of ${leaves.length}`);
  const path: Uint8Array[] = [];
  const walk = (index: number, start: number, end: number): void => {
    const n = end - start;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (index < k) {
      walk(index, start, start + k);
      path.push(subtreeHead(sha256, leaves, start + k, end));
    } else {
      walk(index - k, start + k, end);
      path.push(subtreeHead(sha256, leaves, start, start + k));
    }
  };
  walk(m, 0, leaves.length);
  return path;
}

/** PROOF(m, D[n]) of RFC 6962 §2.1.2: proves the tree of the first m leaves a prefix of all n. */
export function consistencyProof(sha256: Sha256, leaves: readonly Uint8Array[], m: number): Uint8Array[] {
  if (!Number.isSafeInteger(m) || m < 0 || m > leaves.length)
    throw new RangeError(`a tree of ${m} is not a prefix of a tree of ${leaves.length}`);
  const proof: Uint8Array[] = [];
  if (m === 0) return proof;
  const sub = (size: number, start: number, end: number, whole: boolean): void => {
    const n = end - start;
    if (size === n) {
      if (!whole) proof.push(subtreeHead(sha256, leaves, start, end));
      return;
    }
    const k = splitPoint(n);
    if (size <= k) {
      sub(size, start, start + k, whole);
      proof.push(subtreeHead(sha256, leaves, start + k, end));
    } else {
      sub(size - k, start + k, end, false);
      proof.push(subtreeHead(sha256, leaves, start, start + k));
    }
  };
  sub(m, 0, leaves.length, true);
  return proof;
}

/** The perfect subtrees of a tree grown leaf by leaf, largest (leftmost) first: O(log n) hashes. */
export type Frontier = readonly { readonly size: number; readonly hash: Uint8Array }[];

export const EMPTY_FRONTIER: Frontier = [];

export function appendLeaf(sha256: Sha256, frontier: Frontier, leaf: Uint8Array): Frontier {
  const out = [...frontier, { size: 1, hash: leaf }];
  for (;;) {
    const right = out.at(-1);
    const left = out.at(-2);
    if (right === undefined || left === undefined || left.size !== right.size) return out;
    out.splice(-2, 2, { size: left.size * 2, hash: nodeHash(sha256, left.hash, right.hash) });
  }
}

/** The RFC 6962 root of the leaves appended so far: the subtrees folded right to left. */
export function frontierRoot(sha256: Sha256, frontier: Frontier): Uint8Array {
  const last = frontier.at(-1);
  if (last === undefined) return sha256(new Uint8Array(0));
  let hash = last.hash;
  for (let i = frontier.length - 2; i >= 0; i--)
    hash = nodeHash(sha256, (frontier[i] as Frontier[number]).hash, hash);
  return hash;
}
