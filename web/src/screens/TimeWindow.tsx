/** The time window: its length, a slider for its end, and a play button that steps it week by week. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { addDays, addMonths, isoDay } from '../lib/filters.ts';
import { formatDay, t, useLang } from '../lib/i18n.ts';

const LENGTHS = { '1m': 1, '3m': 3, '1y': 12, '5y': 60 } as const;
type Length = keyof typeof LENGTHS;

/** Days since 1997-01-01 (ACLED's first year) for the slider. */
const EPOCH = '1997-01-01';
const dayNumber = (day: string) =>
  Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${EPOCH}T00:00:00Z`)) / 86_400_000);
const dayOf = (n: number) => addDays(EPOCH, n);

function lengthOf(from: string, to: string): Length | 'custom' {
  for (const [k, months] of Object.entries(LENGTHS)) if (addMonths(to, -months) === from) return k as Length;
  return 'custom';
}

interface Props {
  readonly from: string;
  readonly to: string;
  readonly onChange: (from: string, to: string) => void;
}

export function TimeWindow({ from, to, onChange }: Props) {
  useLang();
  const today = isoDay(new Date());
  const length = lengthOf(from, to);
  const [playing, setPlaying] = useState(false);
  const state = useRef({ from, to });
  state.current = { from, to };
  const min = dayNumber(addMonths(today, -120));
  const max = dayNumber(today);
  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => {
      const { from: f, to: e } = state.current;
      const nextTo = addDays(e, 7);
      if (nextTo > today) {
        setPlaying(false);
        return;
      }
      onChange(addDays(f, 7), nextTo);
    }, 1200);
    return () => window.clearInterval(timer);
  }, [playing]);
  const setEnd = (end: string) => {
    const span = dayNumber(to) - dayNumber(from);
    onChange(addDays(end, -span), end);
  };
  return (
    <div class="time-window" role="group" aria-label={t('time.window')}>
      <label>
        {t('time.window')}
        <select
          value={length}
          onChange={(e) => {
            const k = e.currentTarget.value as Length | 'custom';
            if (k !== 'custom') onChange(addMonths(to, -LENGTHS[k]), to);
          }}
        >
          {(Object.keys(LENGTHS) as Length[]).map((k) => (
            <option key={k} value={k}>
              {t(`time.${k}`)}
            </option>
          ))}
          <option value="custom" disabled>
            …
          </option>
        </select>
      </label>
      <label>
        {t('time.from')}
        <input
          type="date"
          name="from"
          value={from}
          max={to}
          onChange={(e) => e.currentTarget.value !== '' && onChange(e.currentTarget.value, to)}
        />
      </label>
      <label>
        {t('time.to')}
        <input
          type="date"
          name="to"
          value={to}
          min={from}
          onChange={(e) => e.currentTarget.value !== '' && onChange(from, e.currentTarget.value)}
        />
      </label>
      <label class="slider">
        <span class="visually-hidden">{t('time.end')}</span>
        <input
          type="range"
          name="window-end"
          min={min}
          max={max}
          step={7}
          value={Math.min(max, Math.max(min, dayNumber(to)))}
          aria-valuetext={formatDay(to)}
          onChange={(e) => setEnd(dayOf(Number(e.currentTarget.value)))}
        />
      </label>
      <button type="button" aria-pressed={playing} onClick={() => setPlaying(!playing)}>
        {playing ? `❚❚ ${t('time.pause')}` : `▶ ${t('time.play')}`}
      </button>
    </div>
  );
}
