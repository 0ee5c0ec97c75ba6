/**
 * Classification of every record, and who may see it.
 * PUBLIC: anyone allowed in. AES_RESTRICTED: users of every party. NATIONAL: the owning party and the
 * alliance's analysts.
 */
import type { Role } from './role.ts';

export const CLASSIFICATIONS = ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const CLASSIFICATION_LABELS: Record<Classification, { en: string; fr: string }> = {
  PUBLIC: { en: 'PUBLIC', fr: 'PUBLIC' },
  AES_RESTRICTED: { en: 'AES RESTRICTED', fr: 'AES DIFFUSION RESTREINTE' },
  NATIONAL: { en: 'NATIONAL', fr: 'NATIONAL' },
};

export function isClassification(value: string): value is Classification {
  return (CLASSIFICATIONS as readonly string[]).includes(value);
}

/** Who is looking: enough to decide what they may read. */
export interface Viewer {
  readonly role: Role;
  /** ISO3 of the viewer's party; null for alliance-wide roles and observers. */
  readonly party: string | null;
}

/**
 * What a viewer may read, as a filter a store can apply in SQL: the classifications visible to all
 * of that viewer's reads, plus NATIONAL records of one owning party.
 */
export interface Visibility {
  readonly classifications: readonly Classification[];
  /** NATIONAL records owned by this party are visible too (liaison and decision-maker). */
  readonly nationalOf: string | null;
}

export function visibilityOf(viewer: Viewer): Visibility {
  switch (viewer.role) {
    case 'admin':
    case 'analyst':
      return { classifications: CLASSIFICATIONS, nationalOf: null };
    case 'liaison':
    case 'decision-maker':
      return { classifications: ['PUBLIC', 'AES_RESTRICTED'], nationalOf: viewer.party };
    case 'observer':
    case 'anonymous':
      return { classifications: ['PUBLIC'], nationalOf: null };
  }
}

export function canSee(
  viewer: Viewer,
  record: { classification: Classification; ownerParty: string | null },
): boolean {
  const v = visibilityOf(viewer);
  if (v.classifications.includes(record.classification)) return true;
  return record.classification === 'NATIONAL' && v.nationalOf !== null && record.ownerParty === v.nationalOf;
}
