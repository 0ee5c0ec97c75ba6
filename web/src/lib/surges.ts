/** Early warning's surges as GET /api/surges presents them, and how the screens name them. */
import { api } from './api.ts';
import { lang, t } from './i18n.ts';
import type { Classification } from './types.ts';

export interface SurgeWindow {
  readonly start: string;
  readonly end: string;
}

export interface Surge {
  readonly id: number;
  readonly country: string;
  readonly admin1: string;
  readonly unit: {
    readonly code: string;
    readonly name: { readonly fr: string; readonly en: string };
    readonly latitude: number | null;
    readonly longitude: number | null;
  } | null;
  readonly state: 'open' | 'closed';
  readonly level: 'elevated' | 'high';
  readonly opened_on: string;
  readonly changed_on: string;
  readonly lapsed_since: string | null;
  readonly closed_on: string | null;
  readonly window: SurgeWindow;
  readonly fatalities_30d: number;
  readonly events_30d: number;
  readonly baseline: number;
  readonly baseline_window: SurgeWindow | null;
  readonly ratio: number | null;
  readonly peak_fatalities_30d: number;
  readonly peak_on: string;
  readonly classification: Classification;
  readonly owner_party: string | null;
  readonly history?: readonly {
    readonly on: string;
    readonly fatalities_30d: number;
    readonly events_30d: number;
    readonly baseline: number;
    readonly level: 'elevated' | 'high' | null;
  }[];
}

export function loadSurges(
  query: { readonly state?: 'open' | 'all'; readonly on?: string } = {},
  signal?: AbortSignal,
): Promise<{ items: Surge[] }> {
  return api.get<{ items: Surge[] }>('/api/surges', { ...query }, signal);
}

/** The region's name in the user's language (the reference unit's), else as the incidents spell it. */
export function surgeUnitName(s: Surge): string {
  return s.unit === null ? s.admin1 : s.unit.name[lang()];
}

export function surgeLevelLabel(level: Surge['level']): string {
  return level === 'high' ? t('surges.level.high') : t('surges.level.elevated');
}

/** "× 2.4", or a note when the baseline is zero. */
export function surgeRatioText(s: Pick<Surge, 'ratio'>): string {
  return s.ratio === null
    ? t('surges.ratio.none')
    : new Intl.NumberFormat(lang() === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 }).format(
        s.ratio,
      );
}
