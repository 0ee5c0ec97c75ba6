import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fromHex, toHex, utf8 } from '../../src/domain/audit/bytes.ts';
import {
  appendLeaf,
  consistencyProof,
  EMPTY_FRONTIER,
  frontierRoot,
  inclusionProof,
  leafHash,
  treeHead,
  type Frontier,
} from '../../src/domain/audit/merkle-tree.ts';
import { verifyConsistency, verifyInclusion } from '../../src/domain/audit/merkle-proof.ts';

const sha256 = (data: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(data).digest());

/** The leaves and roots of the RFC 6962 test vectors (certificate-transparency's merkle tests). */
const VECTOR_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];
const VECTOR_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const vectorLeaves = VECTOR_LEAVES.map((h) => leafHash(sha256, fromHex(h) ?? new Uint8Array()));

/** n distinct leaves: their data names their index. */
const leavesOf = (n: number, salt = ''): Uint8Array[] =>
  Array.from({ length: n }, (_, i) => leafHash(sha256, utf8(`${salt}entry ${i}`)));

/** A copy with one bit flipped. */
function flip(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice();
  const at = Math.floor(bit / 8) % out.length;
  out[at] = (out[at] ?? 0) ^ (1 << (bit % 8));
  return out;
}

describe('RFC 6962 tree head', () => {
  it('matches the published roots of the test vectors for sizes 1 to 8', () => {
    for (let n = 1; n <= 8; n++)
      assert.equal(toHex(treeHead(sha256, vectorLeaves.slice(0, n))), VECTOR_ROOTS[n - 1]);
  });

  it('is the hash of nothing for the empty tree', () => {
    assert.equal(
      toHex(treeHead(sha256, [])),
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('grows leaf by leaf to the same root as the recursive definition', () => {
    let frontier: Frontier = EMPTY_FRONTIER;
    const leaves = leavesOf(70);
    for (let n = 1; n <= leaves.length; n++) {
      frontier = appendLeaf(sha256, frontier, leaves[n - 1] as Uint8Array);
      assert.deepEqual(frontierRoot(sha256, frontier), treeHead(sha256, leaves.slice(0, n)), `size ${n}`);
    }
  });
});

describe('inclusion proofs', () => {
  it('verify for every leaf of every tree up to 40 leaves', () => {
    for (let n = 1; n <= 40; n++) {
      const leaves = leavesOf(n);
      const root = treeHead(sha256, leaves);
      for (let m = 0; m < n; m++) {
        const path = inclusionProof(sha256, leaves, m);
        assert.ok(
          verifyInclusion(sha256, { index: m, size: n, leafHash: leaves[m] as Uint8Array, path, root }),
          `${m} of ${n}`,
        );
      }
    }
  });

  it('every proof verifies; a flipped bit anywhere or another index fails (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }).chain((n) =>
          fc.record({
            n: fc.constant(n),
            m: fc.nat(n - 1),
            other: fc.nat(n - 1),
            bit: fc.nat(255),
            salt: fc.string(),
          }),
        ),
        fc.constantFrom('leaf', 'root', 'path', 'index'),
        ({ n, m, other, bit, salt }, what) => {
          const leaves = leavesOf(n, salt);
          const root = treeHead(sha256, leaves);
          const path = inclusionProof(sha256, leaves, m);
          const proof = { index: m, size: n, leafHash: leaves[m] as Uint8Array, path, root };
          assert.ok(verifyInclusion(sha256, proof));
          if (what === 'leaf')
            assert.ok(!verifyInclusion(sha256, { ...proof, leafHash: flip(proof.leafHash, bit) }));
          if (what === 'root') assert.ok(!verifyInclusion(sha256, { ...proof, root: flip(root, bit) }));
          if (what === 'path' && path.length > 0) {
            const i = bit % path.length;
            const altered = path.map((p, j) => (j === i ? flip(p, bit) : p));
            assert.ok(!verifyInclusion(sha256, { ...proof, path: altered }));
          }
          if (what === 'index' && other !== m)
            assert.ok(!verifyInclusion(sha256, { ...proof, index: other }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('fails when a hash is added to or dropped from the path, or two siblings are swapped', () => {
    const leaves = leavesOf(13);
    const root = treeHead(sha256, leaves);
    for (let m = 0; m < 13; m++) {
      const path = inclusionProof(sha256, leaves, m);
      const proof = { index: m, size: 13, leafHash: leaves[m] as Uint8Array, path, root };
      assert.ok(!verifyInclusion(sha256, { ...proof, path: [...path, root] }), `longer, ${m}`);
      assert.ok(!verifyInclusion(sha256, { ...proof, path: path.slice(0, -1) }), `shorter, ${m}`);
      assert.ok(!verifyInclusion(sha256, { ...proof, path: [] }), `empty, ${m}`);
      if (path.length >= 2) {
        const swapped = [path[1] as Uint8Array, path[0] as Uint8Array, ...path.slice(2)];
        assert.ok(!verifyInclusion(sha256, { ...proof, path: swapped }), `swapped, ${m}`);
      }
    }
  });

  it('fails for an index at or past the size, negative or fractional numbers, and hashes of the wrong length', () => {
    const leaves = leavesOf(5);
    const root = treeHead(sha256, leaves);
    const path = inclusionProof(sha256, leaves, 4);
    const proof = { index: 4, size: 5, leafHash: leaves[4] as Uint8Array, path, root };
    assert.ok(verifyInclusion(sha256, proof));
    for (const bad of [
      { index: 5 },
      { index: 6 },
      { index: -1 },
      { index: 3.5 },
      { size: 4 },
      { size: 0 },
      { size: Number.NaN },
      { leafHash: new Uint8Array(31) },
      { root: root.slice(0, 16) },
      { path: [...path.slice(0, -1), new Uint8Array(33)] },
    ])
      assert.ok(!verifyInclusion(sha256, { ...proof, ...bad }), JSON.stringify(Object.keys(bad)));
  });

  it('refuses to build a proof for a leaf outside the tree', () => {
    assert.throws(() => inclusionProof(sha256, leavesOf(3), 3), RangeError);
  });
});

describe('consistency proofs', () => {
  it('verify between every pair of sizes up to 33 leaves', () => {
    const leaves = leavesOf(33);
    for (let n = 1; n <= 33; n++) {
      const all = leaves.slice(0, n);
      const second = treeHead(sha256, all);
      for (let m = 0; m <= n; m++) {
        const proof = consistencyProof(sha256, all, m);
        const first = treeHead(sha256, leaves.slice(0, m));
        assert.ok(
          verifyConsistency(sha256, {
            firstSize: m,
            firstRoot: first,
            secondSize: n,
            secondRoot: second,
            proof,
          }),
          `${m} → ${n}`,
        );
      }
    }
  });

  it('fail for a changed prefix, a flipped bit, a wrong size or a proof of the wrong length (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 200 }).chain((n) =>
          fc.record({
            n: fc.constant(n),
            m: fc.integer({ min: 1, max: n - 1 }),
            bit: fc.nat(255),
            changed: fc.nat(n - 1),
          }),
        ),
        ({ n, m, bit, changed }) => {
          const leaves = leavesOf(n);
          const proof = consistencyProof(sha256, leaves, m);
          const input = {
            firstSize: m,
            firstRoot: treeHead(sha256, leaves.slice(0, m)),
            secondSize: n,
            secondRoot: treeHead(sha256, leaves),
            proof,
          };
          assert.ok(verifyConsistency(sha256, input));
          // The second tree rewrote one of the first tree's entries.
          if (changed < m) {
            const rewritten = leaves.map((l, i) => (i === changed ? flip(l, bit) : l));
            assert.ok(
              !verifyConsistency(sha256, {
                ...input,
                secondRoot: treeHead(sha256, rewritten),
                proof: consistencyProof(sha256, rewritten, m),
              }),
            );
          }
          assert.ok(!verifyConsistency(sha256, { ...input, firstRoot: flip(input.firstRoot, bit) }));
          assert.ok(!verifyConsistency(sha256, { ...input, secondRoot: flip(input.secondRoot, bit) }));
          if (proof.length > 0) {
            const i = bit % proof.length;
            assert.ok(
              !verifyConsistency(sha256, {
                ...input,
                proof: proof.map((p, j) => (j === i ? flip(p, bit) : p)),
              }),
            );
            assert.ok(!verifyConsistency(sha256, { ...input, proof: proof.slice(1) }));
          }
          assert.ok(!verifyConsistency(sha256, { ...input, proof: [...proof, input.secondRoot] }));
          assert.ok(!verifyConsistency(sha256, { ...input, firstSize: n + 1 }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('hold between equal trees only with an empty proof and equal roots', () => {
    const leaves = leavesOf(6);
    const root = treeHead(sha256, leaves);
    assert.ok(
      verifyConsistency(sha256, {
        firstSize: 6,
        firstRoot: root,
        secondSize: 6,
        secondRoot: root,
        proof: [],
      }),
    );
    assert.ok(
      !verifyConsistency(sha256, {
        firstSize: 6,
        firstRoot: root,
        secondSize: 6,
        secondRoot: flip(root, 3),
        proof: [],
      }),
    );
    assert.ok(
      !verifyConsistency(sha256, {
        firstSize: 6,
        firstRoot: root,
        secondSize: 6,
        secondRoot: root,
        proof: [root],
      }),
    );
  });
});
