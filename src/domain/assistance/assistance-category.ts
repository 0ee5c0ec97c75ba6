/**
 * What a party may ask for, in which units, and how urgently. The units of each category are the ones
 * a logistics officer counts in; `funds` are counted in a currency (ISO 4217 code): requests in XOF
 * (CFA francs, whole francs), pledges in XOF or in the currency given, with the rate the pledger states.
 */

export const ASSISTANCE_CATEGORIES = [
  'troops',
  'air-support',
  'intelligence',
  'logistics',
  'medical',
  'fuel',
  'food',
  'funds',
  'equipment',
] as const;
export type AssistanceCategory = (typeof ASSISTANCE_CATEGORIES)[number];

/** The units each category is counted in (funds: a currency code, see MONEY_UNIT). */
export const CATEGORY_UNITS: Readonly<Record<AssistanceCategory, readonly string[]>> = {
  troops: ['personnel', 'companies', 'battalions'],
  'air-support': ['sorties', 'aircraft', 'flight-hours'],
  intelligence: ['reports', 'isr-hours', 'sorties'],
  logistics: ['vehicles', 'trips', 'tonnes'],
  medical: ['teams', 'kits', 'beds', 'tonnes'],
  fuel: ['litres', 'tonnes'],
  food: ['tonnes', 'rations'],
  funds: ['XOF'],
  equipment: ['items', 'vehicles', 'tonnes'],
};

/** The currency every request for funds is stated in: the CFA franc (BCEAO), counted in whole francs. */
export const MONEY_UNIT = 'XOF';

export const ASSISTANCE_PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type AssistancePriority = (typeof ASSISTANCE_PRIORITIES)[number];

export function isAssistanceCategory(value: string): value is AssistanceCategory {
  return (ASSISTANCE_CATEGORIES as readonly string[]).includes(value);
}

/** An ISO 4217 code as given ("EUR", "USD", "XOF"); not checked against a list, recorded as given. */
export function isCurrencyCode(unit: string): boolean {
  return /^[A-Z]{3}$/.test(unit);
}

/** Whole francs for XOF; at most two decimals for any other currency; any positive finite number else. */
export function isValidAmount(unit: string, category: AssistanceCategory, quantity: number): boolean {
  if (!Number.isFinite(quantity) || quantity <= 0) return false;
  if (category !== 'funds') return true;
  if (unit === MONEY_UNIT) return Number.isSafeInteger(quantity);
  return Math.abs(Math.round(quantity * 100) - quantity * 100) < 1e-6;
}
