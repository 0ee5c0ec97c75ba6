/**
 * Spelling variants of place names. Sahel village names reach the press and ACLED through French,
 * English and local transliterations ("Nyiminiama", "Gniminama", "Niminiama"; "Diabaly", "Diabali";
 * "Tanwalbougou", "Tanwolbougou"). A phonetic key folds the usual alternations, and a grid of the
 * gazetteer's populated places finds, near a point the text gives (the seat of the unit ACLED names
 * after a village), the places whose key is at most one edit away or that differ by a qualifier word
 * ("Birga-Dogon" for "Birga", "Kabonga" for "Kabonga 1"). Pure once built; built lazily on first use.
 */
import { distanceKm, foldName, type Place } from '../../domain/place.ts';

/**
 * The phonetic key of a name: folded, spaces and hyphens dropped, then tch/ch/sh → c, dj/j → j,
 * gn/ny → n, ph → f, qu/q/c/k → k, ou/w → u, y → i (so dy → di), h dropped, doubled letters single, a final e dropped.
 */
export function placeKey(name: string): string {
  return foldName(name)
    .replace(/[^a-z0-9]/g, '')
    .replace(/tch|tj|ch|sh/g, 'C')
    .replace(/dj|j/g, 'J')
    .replace(/gn|ny/g, 'n')
    .replace(/ph/g, 'f')
    .replace(/qu|q|c|k/g, 'k')
    .replace(/ou|w/g, 'u')
    .replace(/y/g, 'i')
    .replace(/h/g, '')
    .toLowerCase()
    .replace(/(.)\1+/g, '$1')
    .replace(/(?<=..)e$/, '');
}

/** The consonants of a key, in order: "Tchoma Bangou", "Tchombangou" and "Tchambangou" all give "cmbng". */
export function skeletonOf(key: string): string {
  return key.replace(/[aeiou]/g, '');
}

/** Optimal string alignment distance, or `max + 1` as soon as it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  let prev2 = new Int32Array(n + 1);
  let prev = new Int32Array(n + 1);
  let row = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      )
        v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const spare = prev2;
    prev2 = prev;
    prev = row;
    row = spare;
  }
  return prev[n] ?? max + 1;
}

export interface VariantHit {
  readonly place: Place;
  readonly distanceKm: number;
  /** 0 for the same key, 1 for one edit or a qualifier word more or less. */
  readonly edits: number;
}

const CELL_DEG = 0.25;
const MEMO_LIMIT = 20_000;

/** The index bucket of a key: its first two letters and a length. */
function startOf(key: string, length: number): string {
  return `${key.slice(0, 2)}${length}`;
}

interface Entry {
  readonly place: Place;
  readonly keys: readonly string[];
  readonly skeletons: readonly string[];
  readonly words: readonly (readonly string[])[];
}

export class PlaceVariants {
  readonly #source: () => readonly Place[];
  readonly #qualifiers: ReadonlySet<string>;
  #cells: Map<number, Entry[]> | null = null;
  #byKey: Map<string, Place[]> | null = null;
  #byStrippedKey: Map<string, Place[]> | null = null;
  #byStart: Map<string, { key: string; place: Place }[]> | null = null;
  #bySkeleton: Map<string, Place[]> | null = null;
  readonly #memo = new Map<string, readonly Place[]>();
  readonly #nearMemo = new Map<string, readonly VariantHit[]>();

  /** `qualifiers`: folded words a village name may carry or drop ("dogon", "peulh", "1"). */
  constructor(places: () => readonly Place[], qualifiers: ReadonlySet<string>) {
    this.#source = places;
    this.#qualifiers = qualifiers;
  }

  #build(): Map<number, Entry[]> {
    if (this.#cells !== null) return this.#cells;
    const cells = new Map<number, Entry[]>();
    const byKey = new Map<string, Place[]>();
    const byStrippedKey = new Map<string, Place[]>();
    const byStart = new Map<string, { key: string; place: Place }[]>();
    const bySkeleton = new Map<string, Place[]>();
    const push = <K, V>(map: Map<K, V[]>, k: K, v: V): void => {
      const list = map.get(k);
      if (list === undefined) map.set(k, [v]);
      else list.push(v);
    };
    for (const place of this.#source()) {
      if (place.featureClass !== 'P') continue;
      const names = [...new Set([place.name, place.nameFr, ...place.alternateNames].map(foldName))].filter(
        (n) => n !== '',
      );
      // A name with its qualifier words dropped ("Ogassagou" of "Ogassagou-Dogon") is a key too.
      const stripped = names.flatMap((n) => {
        const words = n.split(' ');
        let end = words.length;
        while (end > 1 && this.#qualifiers.has(words[end - 1] ?? '')) end--;
        return end < words.length ? [words.slice(0, end).join(' ')] : [];
      });
      const keys = [...new Set([...names, ...stripped].map(placeKey))].filter((k) => k.length >= 3);
      const entry: Entry = {
        place,
        keys,
        skeletons: keys.map(skeletonOf),
        words: names.map((n) => n.split(' ')),
      };
      const cell = cellOf(place.latitude, place.longitude);
      const list = cells.get(cell);
      if (list === undefined) cells.set(cell, [entry]);
      else list.push(entry);
      const full = new Set(names.map(placeKey));
      for (const k of keys) {
        // The key of the name as written before the key of the name without its qualifier.
        const map = full.has(k) ? byKey : byStrippedKey;
        const same = map.get(k);
        if (same === undefined) map.set(k, [place]);
        else if (!same.includes(place)) same.push(place);
        push(byStart, startOf(k, k.length), { key: k, place });
        const skeleton = skeletonOf(k);
        if (skeleton.length >= 5 && !(bySkeleton.get(skeleton) ?? []).includes(place))
          push(bySkeleton, skeleton, place);
      }
    }
    this.#cells = cells;
    this.#byKey = byKey;
    this.#byStrippedKey = byStrippedKey;
    this.#byStart = byStart;
    this.#bySkeleton = bySkeleton;
    return cells;
  }

  /** Populated places anywhere whose key equals the name's (no edits). */
  sameKey(name: string): readonly Place[] {
    this.#build();
    const key = placeKey(name);
    if (key.length < 4) return [];
    return this.#byKey?.get(key) ?? this.#byStrippedKey?.get(key) ?? [];
  }

  /** Populated places anywhere whose key is at most one edit from a name's (five letters or more). */
  oneEdit(name: string): readonly Place[] {
    return this.#cached(`1\u0000${name}`, () => {
      const key = placeKey(name);
      return key.length < 5 ? [] : [...this.#withinOneEdit(key)];
    });
  }

  /** Places whose key starts like `key` and is at most one edit from it. */
  #withinOneEdit(key: string): Set<Place> {
    this.#build();
    const out = new Set<Place>();
    for (let len = key.length - 1; len <= key.length + 1; len++)
      for (const e of this.#byStart?.get(startOf(key, len)) ?? [])
        if (editDistance(key, e.key, 1) <= 1) out.add(e.place);
    return out;
  }

  #cached(key: string, compute: () => readonly Place[]): readonly Place[] {
    const hit = this.#memo.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (this.#memo.size >= MEMO_LIMIT) this.#memo.clear();
    this.#memo.set(key, value);
    return value;
  }

  /**
   * Populated places anywhere that spell a long name differently: one edit away, or with the same
   * consonants in the same order ("Tchombangou" for "Tchambangou", "Zaroumdareye" for "Zèrma Daré").
   * Loose: for a name the text announces as a village, resolved then by the rest of the text.
   */
  spelledLike(name: string): readonly Place[] {
    return this.#cached(`2\u0000${name}`, () => {
      const key = placeKey(name);
      if (key.length < 6) return [];
      const out = this.#withinOneEdit(key);
      const skeleton = skeletonOf(key);
      if (out.size === 0 && skeleton.length >= 5)
        for (const p of this.#bySkeleton?.get(skeleton) ?? []) out.add(p);
      return [...out];
    });
  }

  /** Populated places within `km` of a point that spell the name differently, closest spelling first, then nearest. */
  near(name: string, latitude: number, longitude: number, km: number): readonly VariantHit[] {
    const memo = `${name}\u0000${latitude.toFixed(3)}\u0000${longitude.toFixed(3)}\u0000${km}`;
    const hit = this.#nearMemo.get(memo);
    if (hit !== undefined) return hit;
    const value = this.#near(name, latitude, longitude, km);
    if (this.#nearMemo.size >= MEMO_LIMIT) this.#nearMemo.clear();
    this.#nearMemo.set(memo, value);
    return value;
  }

  #near(name: string, latitude: number, longitude: number, km: number): VariantHit[] {
    const cells = this.#build();
    const key = placeKey(name);
    if (key.length < 3) return [];
    const words = foldName(name).split(' ');
    // Near a known point a looser spelling is safe: two edits for a long name, or the same consonants.
    const maxEdits = key.length >= 8 ? 2 : key.length >= 5 ? 1 : 0;
    const skeleton = key.length >= 6 ? skeletonOf(key) : '';
    const reach = Math.ceil(km / 111 / CELL_DEG) + 1;
    const row0 = Math.floor((latitude + 90) / CELL_DEG);
    const col0 = Math.floor((longitude + 180) / CELL_DEG);
    const hits: VariantHit[] = [];
    for (let r = row0 - reach; r <= row0 + reach; r++)
      for (let c = col0 - reach; c <= col0 + reach; c++) {
        for (const e of cells.get(r * 100_000 + c) ?? []) {
          let edits = Infinity;
          for (const k of e.keys)
            if (Math.abs(k.length - key.length) <= maxEdits)
              edits = Math.min(edits, editDistance(key, k, maxEdits));
          if (edits > maxEdits && skeleton.length >= 5 && e.skeletons.includes(skeleton)) edits = 2;
          if (
            edits > maxEdits &&
            e.words.some((w) => w[0] === words[0] && (this.#qualified(words, w) || this.#qualified(w, words)))
          )
            edits = 1;
          if (edits > maxEdits) continue;
          const d = distanceKm(latitude, longitude, e.place.latitude, e.place.longitude);
          if (d <= km) hits.push({ place: e.place, distanceKm: d, edits });
        }
      }
    return hits.sort((a, b) => a.edits - b.edits || a.distanceKm - b.distanceKm);
  }

  /** Whether `longer` is `shorter` and qualifier words ("Birga Dogon" and "Birga"). */
  #qualified(longer: readonly string[], shorter: readonly string[]): boolean {
    if (longer.length <= shorter.length || (shorter.join('').length ?? 0) < 4) return false;
    if (!shorter.every((w, i) => longer[i] === w)) return false;
    return longer.slice(shorter.length).every((w) => this.#qualifiers.has(w));
  }
}

function cellOf(latitude: number, longitude: number): number {
  return Math.floor((latitude + 90) / CELL_DEG) * 100_000 + Math.floor((longitude + 180) / CELL_DEG);
}
