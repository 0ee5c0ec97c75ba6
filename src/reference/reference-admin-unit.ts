import type { AdminUnit } from '../domain/place.ts';

/** How an admin unit's approximate centroid was obtained. */
export type CentroidBasis =
  /** Mean of the gazetteer's populated places (class P) carrying the unit's code. */
  | 'populated-places'
  /** Mean of the gazetteer's features of any class carrying the code, when no populated place does. */
  | 'features'
  /** The coordinates of the unit's own GeoNames feature, when no other feature carries the code. */
  | 'admin-feature';

/** An admin-1 or admin-2 unit as admin-units.json stores it. */
export interface ReferenceAdminUnit extends AdminUnit {
  /** For an admin-2 unit, the code of its admin-1 unit; null for an admin-1 unit. */
  readonly parent: string | null;
  /** Latin-script alternate names of the unit's GeoNames feature, for look-ups. */
  readonly alternateNames: readonly string[];
  /** Null when the unit has no coordinates at all. */
  readonly centroidBasis: CentroidBasis | null;
  /** How many features the centroid averages (0 for 'admin-feature' or none). */
  readonly placeCount: number;
}
