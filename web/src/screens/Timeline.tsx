/** Weekly counts or fatalities for the current filter, stacked by event type; a bar click sets the window. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { colourOf, EVENT_TYPE_ORDER } from '../lib/colours.ts';
import { errorMessage } from '../lib/errors.ts';
import { addDays, filterParams, type Filter } from '../lib/filters.ts';
import { formatDay, formatNumber, t, typeLabel, useLang } from '../lib/i18n.ts';
import type { Timeline as TimelineData } from '../lib/types.ts';

interface Props {
  readonly filter: Filter;
  readonly onWeek: (from: string, to: string) => void;
}

const WIDTH = 900;
const HEIGHT = 120;

/**
 * The timeline follows the filter, not the map's viewport: the weekly summary answers it in a few
 * milliseconds, where a viewport would read raw rows on every pan.
 */
export function Timeline({ filter, onWeek }: Props) {
  useLang();
  const [data, setData] = useState<TimelineData | null>(null);
  const [measure, setMeasure] = useState<'count' | 'fatalities'>('count');
  const [problem, setProblem] = useState<string | null>(null);
  const key = JSON.stringify(filter);
  useEffect(() => {
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      api
        .get<TimelineData>('/api/incidents/timeline', filterParams(filter), controller.signal)
        .then((d) => {
          setData(d);
          setProblem(null);
        })
        .catch((error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          setProblem(errorMessage(error));
        });
    }, 150);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [key]);
  const weeks = data?.weeks ?? [];
  const valueOf = (w: TimelineData['weeks'][number], type: string) =>
    measure === 'count' ? (w.by_event_type[type] ?? 0) : (w.fatalities_by_event_type[type] ?? 0);
  const top = Math.max(1, ...weeks.map((w) => (measure === 'count' ? w.count : w.fatalities)));
  const barWidth = weeks.length === 0 ? 0 : WIDTH / weeks.length;
  return (
    <section class="timeline" aria-labelledby="timeline-title">
      <div class="timeline-head">
        <h2 id="timeline-title">{t('timeline.title')}</h2>
        <div role="radiogroup" class="toggle">
          {(['count', 'fatalities'] as const).map((m) => (
            <label key={m}>
              <input
                type="radio"
                name="timeline-measure"
                checked={measure === m}
                onChange={() => setMeasure(m)}
              />
              {t(m === 'count' ? 'timeline.count' : 'timeline.fatalities')}
            </label>
          ))}
        </div>
        <ul class="legend" aria-label={t('map.legend')}>
          {EVENT_TYPE_ORDER.map((type) => (
            <li key={type}>
              <span class="swatch" style={{ background: colourOf(type) }} aria-hidden="true" />
              {typeLabel(type)}
            </li>
          ))}
        </ul>
      </div>
      {problem !== null && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {data !== null && weeks.length === 0 && <p>{t('timeline.empty')}</p>}
      {weeks.length > 0 && (
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" class="timeline-chart" role="list">
          {weeks.map((w, i) => {
            let y = HEIGHT;
            const total = measure === 'count' ? w.count : w.fatalities;
            const label = t('timeline.week', {
              date: formatDay(w.week),
              count: w.count,
              fatalities: w.fatalities,
            });
            return (
              <g
                key={w.week}
                role="listitem"
                tabIndex={total > 0 ? 0 : -1}
                aria-label={label}
                class="week"
                onClick={() => onWeek(w.week, addDays(w.week, 6))}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onWeek(w.week, addDays(w.week, 6));
                  }
                }}
              >
                <title>{label}</title>
                <rect x={i * barWidth} y={0} width={barWidth} height={HEIGHT} class="hit" />
                {EVENT_TYPE_ORDER.map((type) => {
                  const h = (valueOf(w, type) / top) * (HEIGHT - 4);
                  if (h <= 0) return null;
                  y -= h;
                  return (
                    <rect
                      key={type}
                      x={i * barWidth + 0.5}
                      y={y}
                      width={Math.max(0.5, barWidth - 1)}
                      height={h}
                      fill={colourOf(type)}
                    />
                  );
                })}
              </g>
            );
          })}
        </svg>
      )}
      {weeks.length > 0 && (
        <div class="timeline-axis" aria-hidden="true">
          <span>{formatDay(weeks[0]?.week ?? '', 'short')}</span>
          <span>max {formatNumber(top)}</span>
          <span>{formatDay(weeks[weeks.length - 1]?.week ?? '', 'short')}</span>
        </div>
      )}
    </section>
  );
}
