import { distanceKm } from '../domain/place.ts';

const KM_PER_DEGREE = 6371 * (Math.PI / 180);

/** The nearest point found by a SpatialGrid. */
export interface GridHit {
  /** Index of the point in the arrays the grid was built from. */
  readonly index: number;
  readonly distanceKm: number;
}

/**
 * A fixed grid of cells over latitude and longitude for nearest-point queries: the search visits rings
 * of cells around the query until no unvisited cell can hold a nearer point.
 */
export class SpatialGrid {
  readonly #cellDeg: number;
  readonly #lat: ArrayLike<number>;
  readonly #lon: ArrayLike<number>;
  readonly #cells = new Map<number, number[]>();
  #minRow = Infinity;
  #maxRow = -Infinity;
  #minCol = Infinity;
  #maxCol = -Infinity;

  /** Indexes the points whose index passes `include`; cellDeg is the cell size in degrees. */
  constructor(
    latitudes: ArrayLike<number>,
    longitudes: ArrayLike<number>,
    include: (index: number) => boolean = () => true,
    cellDeg = 0.25,
  ) {
    this.#cellDeg = cellDeg;
    this.#lat = latitudes;
    this.#lon = longitudes;
    for (let i = 0; i < latitudes.length; i++) {
      if (!include(i)) continue;
      const row = this.#row(latitudes[i] ?? 0);
      const col = this.#col(longitudes[i] ?? 0);
      const key = this.#key(row, col);
      const cell = this.#cells.get(key);
      if (cell === undefined) this.#cells.set(key, [i]);
      else cell.push(i);
      this.#minRow = Math.min(this.#minRow, row);
      this.#maxRow = Math.max(this.#maxRow, row);
      this.#minCol = Math.min(this.#minCol, col);
      this.#maxCol = Math.max(this.#maxCol, col);
    }
  }

  #row(lat: number): number {
    return Math.floor((lat + 90) / this.#cellDeg);
  }

  #col(lon: number): number {
    return Math.floor((lon + 180) / this.#cellDeg);
  }

  #key(row: number, col: number): number {
    return row * 100_000 + col;
  }

  /**
   * The nearest indexed point to (lat, lon) that `accept` lets through, within maxKm; ties go to the
   * lower index so that results do not depend on the order of cells.
   */
  nearest(
    lat: number,
    lon: number,
    maxKm = Infinity,
    accept: (index: number) => boolean = () => true,
  ): GridHit | null {
    if (this.#cells.size === 0) return null;
    const row0 = this.#row(lat);
    const col0 = this.#col(lon);
    let best = -1;
    let bestKm = Infinity;
    const visit = (row: number, col: number): void => {
      const cell = this.#cells.get(this.#key(row, col));
      if (cell === undefined) return;
      for (const i of cell) {
        const d = distanceKm(lat, lon, this.#lat[i] ?? 0, this.#lon[i] ?? 0);
        if ((d < bestKm || (d === bestKm && i < best)) && d <= maxKm && accept(i)) {
          best = i;
          bestKm = d;
        }
      }
    };
    for (let ring = 0; ; ring++) {
      if (ring > 0) {
        // Every point in ring r or beyond lies at least (r - 1) cells away in latitude or longitude. A
        // degree of longitude is shortest at the highest latitude the ring reaches; 0.95 allows for the
        // great circle being shorter than the parallel.
        const reachLat = Math.min(89, Math.abs(lat) + (ring + 1) * this.#cellDeg);
        const minKm =
          (ring - 1) * this.#cellDeg * KM_PER_DEGREE * Math.cos((reachLat * Math.PI) / 180) * 0.95;
        if (minKm > Math.min(bestKm, maxKm)) break;
        const outside =
          row0 - ring < this.#minRow &&
          row0 + ring > this.#maxRow &&
          col0 - ring < this.#minCol &&
          col0 + ring > this.#maxCol;
        if (outside) break;
      }
      if (ring === 0) {
        visit(row0, col0);
        continue;
      }
      for (let c = col0 - ring; c <= col0 + ring; c++) {
        visit(row0 - ring, c);
        visit(row0 + ring, c);
      }
      for (let r = row0 - ring + 1; r <= row0 + ring - 1; r++) {
        visit(r, col0 - ring);
        visit(r, col0 + ring);
      }
    }
    return best === -1 ? null : { index: best, distanceKm: bestKm };
  }
}
