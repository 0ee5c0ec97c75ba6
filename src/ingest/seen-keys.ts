/**
 * The rows of one file already accepted, by sourceKey, to tell a repeated row (skipped) from a
 * conflicting one (rejected) within the file.
 *
 * This is the one part of an import whose memory grows with the file, and it sits on every row's path,
 * so it keeps no strings or objects: an open-addressing table in one Int32Array holds, per key, a
 * 64-bit fingerprint of the key, the first row's number and 64 bits of its content hash (20 bytes, 40
 * with the table at most half full). Measured on 200,000 rows, a `Map` keyed on the strings cost
 * 1.5–2 µs per row, mostly in garbage collection (young key strings held by an old table); this costs
 * under 0.1 µs.
 *
 * The price is a chance of mistaking two keys for one: for n keys about n² / 2^65, i.e. 1 in 37 million
 * for a file of a million rows. Such a row would be reported as a duplicate of the other (rejected,
 * with both row numbers in the reason), never written over it.
 */
export class SeenKeys {
  static readonly #FIELDS = 5; // key fingerprint a, b; first row (0 = empty slot); content hash a, b
  #capacity = 1 << 12;
  #size = 0;
  #table = new Int32Array(this.#capacity * SeenKeys.#FIELDS);

  /**
   * The first row with this key and whether it had the same content; undefined when the key is new,
   * in which case it is remembered with this row.
   *
   * @param row 1 or more.
   * @param contentHash hex, at least 16 digits.
   */
  check(key: string, row: number, contentHash: string): { firstRow: number; identical: boolean } | undefined {
    const keyA = fnv1a(key);
    const keyB = murmurMix(key);
    const hashA = hexInt32(contentHash, 0);
    const hashB = hexInt32(contentHash, 8);
    const t = this.#table;
    const mask = this.#capacity - 1;
    for (let slot = keyB & mask; ; slot = (slot + 1) & mask) {
      const i = slot * SeenKeys.#FIELDS;
      const firstRow = t[i + 2] ?? 0;
      if (firstRow === 0) {
        t[i] = keyA;
        t[i + 1] = keyB;
        t[i + 2] = row;
        t[i + 3] = hashA;
        t[i + 4] = hashB;
        if (++this.#size * 2 > this.#capacity) this.#grow();
        return undefined;
      }
      if (t[i] === keyA && t[i + 1] === keyB)
        return { firstRow, identical: t[i + 3] === hashA && t[i + 4] === hashB };
    }
  }

  #grow(): void {
    const old = this.#table;
    this.#capacity *= 2;
    this.#table = new Int32Array(this.#capacity * SeenKeys.#FIELDS);
    const mask = this.#capacity - 1;
    for (let i = 0; i < old.length; i += SeenKeys.#FIELDS) {
      if (old[i + 2] === 0) continue;
      let slot = (old[i + 1] ?? 0) & mask;
      while (this.#table[slot * SeenKeys.#FIELDS + 2] !== 0) slot = (slot + 1) & mask;
      this.#table.set(old.subarray(i, i + SeenKeys.#FIELDS), slot * SeenKeys.#FIELDS);
    }
  }
}

// The hashes return int32 (`| 0`), as the table stores them: an unsigned value would never compare equal.

/** FNV-1a, 32 bits. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** A second, independent 32-bit hash in MurmurHash2's style, so that the two make a 64-bit fingerprint. */
function murmurMix(text: string): number {
  let h = 0x9747b28c ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 13;
  }
  h = Math.imul(h ^ (h >>> 15), 0x5bd1e995);
  return (h ^ (h >>> 16)) | 0;
}

/** Eight hex digits from `from` as an int32 (an invalid digit counts as 0: the hash is ours, always hex). */
function hexInt32(hex: string, from: number): number {
  let n = 0;
  for (let i = from; i < from + 8; i++) {
    const c = hex.charCodeAt(i);
    n = (n << 4) | (c <= 57 ? c - 48 : (c | 32) - 87);
  }
  return n | 0;
}
