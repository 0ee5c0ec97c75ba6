/**
 * Verification of RFC 6962 proofs, as RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency)
 * write the algorithms. A verifier trusts nothing it is given: every length, index and size is
 * checked, and a proof with one hash too many or too few fails.
 */
import { sameBytes } from './bytes.ts';
import { HASH_SIZE, nodeHash, type Sha256 } from './merkle-tree.ts';

const isSize = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;
const odd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);
function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}
const wellFormed = (hashes: readonly Uint8Array[]): boolean => hashes.every((h) => h.length === HASH_SIZE);

/** True when `path` proves the leaf hash at `index` part of the tree of `size` leaves with `root`. */
export function verifyInclusion(
  sha256: Sha256,
  proof: {
    readonly index: number;
    readonly size: number;
    readonly leafHash: Uint8Array;
    readonly path: readonly Uint8Array[];
    readonly root: Uint8Array;
  },
): boolean {
  const { index, size, leafHash, path, root } = proof;
  if (!isSize(index) || !isSize(size) || index >= size) return false;
  if (leafHash.length !== HASH_SIZE || root.length !== HASH_SIZE || !wellFormed(path)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of path) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = nodeHash(sha256, p, r);
      if (!odd(fn))
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
    } else {
      r = nodeHash(sha256, r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && sameBytes(r, root);
}

/** True when `proof` shows the tree (firstSize, firstRoot) a prefix of (secondSize, secondRoot). */
export function verifyConsistency(
  sha256: Sha256,
  input: {
    readonly firstSize: number;
    readonly firstRoot: Uint8Array;
    readonly secondSize: number;
    readonly secondRoot: Uint8Array;
    readonly proof: readonly Uint8Array[];
  },
): boolean {
  const { firstSize, secondSize, firstRoot, secondRoot } = input;
  if (!isSize(firstSize) || !isSize(secondSize) || firstSize > secondSize) return false;
  if (firstRoot.length !== HASH_SIZE || secondRoot.length !== HASH_SIZE || !wellFormed(input.proof))
    return false;
  // Every tree extends the empty one; a tree is consistent with itself when the roots agree.
  if (firstSize === 0) return input.proof.length === 0;
  if (firstSize === secondSize) return input.proof.length === 0 && sameBytes(firstRoot, secondRoot);
  let proof = input.proof;
  let fn = firstSize - 1;
  let sn = secondSize - 1;
  // A first tree that is a whole left subtree is not repeated in the proof.
  if (isPowerOfTwo(firstSize)) proof = [firstRoot, ...proof];
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  const [head, ...rest] = proof;
  if (head === undefined) return false;
  let fr = head;
  let sr = head;
  for (const c of rest) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(sha256, c, fr);
      sr = nodeHash(sha256, c, sr);
      if (!odd(fn))
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
    } else {
      sr = nodeHash(sha256, sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && sameBytes(fr, firstRoot) && sameBytes(sr, secondRoot);
}
