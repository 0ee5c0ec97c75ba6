/** The incident filter shared by map, timeline and list, read from and written to the URL. */
export interface Filter {
  readonly from: string;
  readonly to: string;
  readonly country: string;
  readonly admin1: string;
  readonly event_type: string;
  readonly sub_event_type: string;
  readonly actor: string;
  readonly status: string;
  readonly q: string;
}

export const FILTER_KEYS = [
  'country',
  'admin1',
  'event_type',
  'sub_event_type',
  'actor',
  'status',
  'q',
] as const;

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDay(d);
}

export function addMonths(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return isoDay(d);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function filterFromQuery(query: URLSearchParams, today: string): Filter {
  const to = DAY.test(query.get('to') ?? '') ? (query.get('to') as string) : today;
  const from = DAY.test(query.get('from') ?? '') ? (query.get('from') as string) : addMonths(to, -12);
  const get = (k: string) => (query.get(k) ?? '').slice(0, 200);
  return {
    from,
    to,
    country: get('country'),
    admin1: get('admin1'),
    event_type: get('event_type'),
    sub_event_type: get('sub_event_type'),
    actor: get('actor'),
    status: get('status'),
    q: get('q'),
  };
}

/** The API's query parameters for a filter (empty values left out). */
export function filterParams(filter: Filter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(filter)) if (v !== '') out[k] = v;
  return out;
}
