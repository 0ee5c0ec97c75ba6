/** The assistance ledger as the API presents it (src/api/routes/assistance/assistance-schemas.ts). */
import { t, type MessageKey } from './i18n.ts';
import type { Classification } from './types.ts';

export type Fill = 'none' | 'partial' | 'complete';
export const STAGES = ['open', 'committed', 'in-transit', 'fulfilled', 'cancelled'] as const;
export type Stage = (typeof STAGES)[number];

export interface RollUp {
  readonly requested: number;
  readonly committed: number;
  readonly dispatched: number;
  readonly in_transit: number;
  readonly fulfilled: number;
  readonly outstanding: number;
  readonly committed_status: Fill;
  readonly transit_status: Fill;
  readonly fulfilled_status: Fill;
  readonly stage: Stage;
  readonly overdue: boolean;
  readonly late_pledges: number;
  readonly late_dispatches: number;
}

export interface RequestSummary {
  readonly id: number;
  readonly version: number;
  readonly party: string;
  readonly case_id: string | null;
  readonly category: string;
  readonly unit: string;
  readonly quantity: number;
  readonly place: string;
  readonly needed_by: string;
  readonly priority: string;
  readonly description: string;
  readonly classification: Classification;
  readonly owner_party: string | null;
  readonly state: 'open' | 'cancelled';
  readonly created_at: string;
  readonly cancelled: { readonly at: string; readonly by: number; readonly reason: string } | null;
  readonly pledging_parties: readonly string[];
  readonly rollup: RollUp;
}

export interface RequestDetail extends RequestSummary {
  readonly pledges: readonly {
    readonly id: number;
    readonly party: string;
    readonly unit: string;
    readonly quantity: number;
    readonly rate: number;
    readonly rate_date: string | null;
    readonly counted: number;
    readonly available_from: string;
    readonly note: string | null;
    readonly pledged_at: string;
    readonly withdrawn: { readonly quantity: number; readonly at: string; readonly reason: string } | null;
    readonly standing: number;
    readonly dispatched: number;
    readonly received: number;
    readonly dispatch_status: Fill;
    readonly receipt_status: Fill;
    readonly late: boolean;
  }[];
  readonly dispatches: readonly {
    readonly id: number;
    readonly pledge_id: number;
    readonly party: string;
    readonly unit: string;
    readonly quantity: number;
    readonly sent_at: string;
    readonly expected_by: string | null;
    readonly reference: string | null;
    readonly received: number;
    readonly receipt_status: Fill;
    readonly late: boolean;
  }[];
  readonly receipts: readonly {
    readonly id: number;
    readonly dispatch_id: number;
    readonly unit: string;
    readonly quantity: number;
    readonly received_at: string;
    readonly note: string | null;
  }[];
  readonly history: readonly {
    readonly at: string;
    readonly kind: string;
    readonly party: string;
    readonly quantity: number | null;
    readonly unit: string | null;
    readonly note: string | null;
  }[];
}

export interface Scorecard {
  readonly party: string;
  readonly obligations: {
    readonly met: number;
    readonly open: number;
    readonly declined: number;
    readonly overdue: number;
  };
  readonly pledges: number;
  readonly delivered: number;
  readonly outstanding: number;
  readonly withdrawn: number;
  readonly late: number;
  readonly requests_made: number;
  readonly requests_fulfilled: number;
  readonly median_hours_to_first_pledge: number | null;
  readonly first_pledge_samples: number;
  readonly median_hours_to_delivery: number | null;
  readonly delivery_samples: number;
}

/** A unit's label; a currency code given as is (EUR, USD) has none and shows as given. */
export function unitLabel(unit: string): string {
  const key = `assistance.unit.${unit}` as MessageKey;
  const label = t(key);
  return label === key ? unit : label;
}

export const categoryLabel = (c: string): string => t(`assistance.category.${c}` as MessageKey);
