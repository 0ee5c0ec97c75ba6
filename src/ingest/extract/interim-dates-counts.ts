/**
 * A stand-in for the date and number stages (dates/find-dates.ts, numbers/find-counts.ts) until they
 * land: the same signatures, a small subset of their coverage. Delete once those folders exist.
 */
export type Lang = 'fr' | 'en';

export interface DateMention {
  start: number;
  end: number;
  text: string;
  date: string | null;
  offsetFromEvent: number | null;
  precision: 'day' | 'week' | 'month' | 'year';
  kind: 'explicit' | 'weekday' | 'relative' | 'event-relative';
}

export interface CountMention {
  start: number;
  end: number;
  text: string;
  value: number;
  qualifier: 'exact' | 'at-least' | 'about' | 'more-than' | 'up-to' | 'range';
  low: number | null;
  high: number | null;
}

const MONTHS: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  janvier: 1,
  fevrier: 2,
  février: 2,
  mars: 3,
  avril: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  aout: 8,
  août: 8,
  septembre: 9,
  octobre: 10,
  novembre: 11,
  decembre: 12,
  décembre: 12,
};
const WEEKDAYS: Record<string, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  dimanche: 0,
  lundi: 1,
  mardi: 2,
  mercredi: 3,
  jeudi: 4,
  vendredi: 5,
  samedi: 6,
};
const MONTH_RE = Object.keys(MONTHS).join('|');
const DAY_MONTH = new RegExp(
  `\\b(\\d{1,2})(?:er|st|nd|rd|th)?\\s+(${MONTH_RE})(?:,?\\s+(\\d{4}))?\\b|\\b(${MONTH_RE})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`,
  'giu',
);
const WEEKDAY = new RegExp(`\\b(${Object.keys(WEEKDAYS).join('|')})\\b`, 'giu');
const RELATIVE = /\b(yesterday|hier|la veille|avant-hier|today|aujourd['’]hui|the day before)\b/giu;

const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);
const utc = (s: string): number => Date.parse(`${s}T00:00:00Z`);
const DAY = 86_400_000;

export function findDates(text: string, _lang: Lang, published: string | null): DateMention[] {
  const out: DateMention[] = [];
  const pub = published !== null && /^\d{4}-\d{2}-\d{2}$/.test(published) ? utc(published) : null;
  for (const m of text.matchAll(DAY_MONTH)) {
    const day = Number(m[1] ?? m[5]);
    const month = MONTHS[(m[2] ?? m[4] ?? '').toLowerCase()] ?? 0;
    let year = (m[3] ?? m[6]) ? Number(m[3] ?? m[6]) : null;
    if (year === null && pub !== null) {
      year = new Date(pub).getUTCFullYear();
      if (Date.UTC(year, month - 1, day) > pub + 2 * DAY) year -= 1;
    }
    const date = year === null || day < 1 || day > 31 ? null : iso(Date.UTC(year, month - 1, day));
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      date,
      offsetFromEvent: null,
      precision: 'day',
      kind: 'explicit',
    });
  }
  for (const m of text.matchAll(WEEKDAY)) {
    if (out.some((d) => m.index >= d.start && m.index < d.end + 2)) continue;
    const wd = WEEKDAYS[(m[1] ?? '').toLowerCase()] ?? 0;
    let date: string | null = null;
    if (pub !== null) {
      const back = (new Date(pub).getUTCDay() - wd + 7) % 7;
      date = iso(pub - back * DAY);
    }
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      date,
      offsetFromEvent: null,
      precision: 'day',
      kind: 'weekday',
    });
  }
  for (const m of text.matchAll(RELATIVE)) {
    const word = (m[1] ?? '').toLowerCase();
    const back = word === 'avant-hier' ? 2 : word === 'today' || word.startsWith('aujourd') ? 0 : 1;
    const eventRelative = word === 'la veille' || word === 'the day before';
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      date: eventRelative || pub === null ? null : iso(pub - back * DAY),
      offsetFromEvent: eventRelative ? -1 : null,
      precision: 'day',
      kind: eventRelative ? 'event-relative' : 'relative',
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  dozen: 12,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
  vingt: 20,
  trente: 30,
  quarante: 40,
  cinquante: 50,
  soixante: 60,
  cent: 100,
  centaine: 100,
  dizaine: 10,
  vingtaine: 20,
  trentaine: 30,
  quarantaine: 40,
  cinquantaine: 50,
  douzaine: 12,
};
const WORD_RE = new RegExp(
  `\\b(?:(?:at least|more than|over|about|around|nearly|au moins|plus d['’]une?|plus de|environ|près de|une)\\s+)?(\\d[\\d  .,]*\\d|\\d|(?:${Object.keys(UNITS).join('|')})(?:[- ](?:${Object.keys(UNITS).join('|')}|and|et))*)s?\\b`,
  'giu',
);

export function parseNumber(text: string, _lang: Lang): number | null {
  const t = text.trim().toLowerCase();
  if (/^\d[\d  .,]*$/.test(t)) {
    const n = Number(t.replace(/[  .,]/g, ''));
    return Number.isFinite(n) ? n : null;
  }
  let total = 0;
  let current = 0;
  let any = false;
  for (const w of t.split(/[\s-]+/)) {
    const base = w.replace(/s$/, '');
    const v = UNITS[w] ?? UNITS[base];
    if (v === undefined) continue;
    any = true;
    if (v === 100) current = (current || 1) * 100;
    else current += v;
  }
  total += current;
  return any ? total : null;
}

export function findCounts(text: string, lang: Lang): CountMention[] {
  const out: CountMention[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    const numText = m[1] ?? '';
    if (/^\d{4}$/.test(numText) && Number(numText) > 1900) continue;
    const value = parseNumber(numText, lang);
    if (value === null) continue;
    const pre = m[0].slice(0, m[0].length - numText.length).toLowerCase();
    const qualifier = /least|moins/.test(pre)
      ? 'at-least'
      : /more|over|plus/.test(pre)
        ? 'more-than'
        : /about|around|nearly|environ|près/.test(pre)
          ? 'about'
          : 'exact';
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      value,
      qualifier,
      low: null,
      high: null,
    });
  }
  return out;
}
