import type { Place } from '../domain/place.ts';

/** Rank of GeoNames feature codes: capitals and seats first, then other inhabited places, then the rest. */
const CODE_RANK: Readonly<Record<string, number>> = {
  PPLC: 100,
  PCLI: 95,
  PPLA: 90,
  ADM1: 88,
  PPLA2: 80,
  ADM2: 78,
  PPLA3: 70,
  ADM3: 68,
  PPLA4: 65,
  PPL: 60,
  PPLS: 58,
  PPLX: 55,
  PPLL: 55,
  PPLF: 50,
  PPLR: 45,
  AIRP: 45,
  PPLQ: 20,
  PPLH: 15,
  PPLW: 15,
};

const CLASS_RANK: Readonly<Record<string, number>> = {
  P: 55,
  A: 50,
  S: 35,
  H: 32,
  T: 30,
  L: 30,
  V: 25,
  R: 25,
};

/**
 * How prominent a place is, for ranking homonyms: its feature code decides (a regional capital before a
 * village), its population breaks ties within a code.
 */
export function placeImportance(place: Place): number {
  const rank = CODE_RANK[place.featureCode] ?? CLASS_RANK[place.featureClass] ?? 20;
  return rank * 10 + Math.log10(place.population + 1);
}
