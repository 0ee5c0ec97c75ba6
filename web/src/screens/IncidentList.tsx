/** The incidents in the map's view and filter, newest first, paged with the API's cursor. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { colourOf } from '../lib/colours.ts';
import { errorMessage } from '../lib/errors.ts';
import { filterParams, type Filter } from '../lib/filters.ts';
import { formatDay, formatNumber, t, typeLabel, useLang } from '../lib/i18n.ts';
import { useDeclareShown } from '../lib/store.ts';
import type { Incident, IncidentPage } from '../lib/types.ts';

interface Props {
  readonly filter: Filter;
  readonly bbox: string | null;
  readonly onOpen: (id: number) => void;
}

export function IncidentList({ filter, bbox, onOpen }: Props) {
  useLang();
  const [items, setItems] = useState<Incident[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const key = JSON.stringify([filter, bbox]);
  const load = async (after: string | null, signal?: AbortSignal) => {
    setLoading(true);
    try {
      const page = await api.get<IncidentPage>(
        '/api/incidents',
        { ...filterParams(filter), ...(bbox === null ? {} : { bbox }), limit: 50, cursor: after },
        signal,
      );
      setItems((prev) => (after === null ? page.items : [...prev, ...page.items]));
      setCursor(page.next_cursor);
      setProblem(null);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      setProblem(errorMessage(error));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    if (bbox === null) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => void load(null, controller.signal), 200);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [key]);
  useDeclareShown(
    'list',
    items.map((i) => i.classification),
  );
  return (
    <section class="incident-list" aria-labelledby="list-title" aria-busy={loading}>
      <h2 id="list-title">{t('list.title')}</h2>
      {problem !== null && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {items.length === 0 && !loading && problem === null && <p>{t('list.empty')}</p>}
      <ol>
        {items.map((i) => (
          <li key={i.id}>
            <a
              href={`/incidents/${i.id}`}
              class="incident-row"
              onClick={(e) => {
                if (e.button !== 0 || e.ctrlKey || e.metaKey) return;
                e.preventDefault();
                onOpen(i.id);
              }}
            >
              <span class="swatch" style={{ background: colourOf(i.event_type) }} aria-hidden="true" />
              <span class="row-main">
                <span class="row-title">
                  {typeLabel(i.sub_event_type)} — {i.location ?? i.admin1 ?? i.country}
                </span>
                <span class="row-meta">
                  {formatDay(i.event_date, 'short')} · {i.actor1}
                  {i.actor2 === null ? '' : ` / ${i.actor2}`} · {formatNumber(i.fatalities)} † ·{' '}
                  <span class={`status s-${i.status}`}>{t(`status.${i.status}`)}</span>
                </span>
              </span>
            </a>
          </li>
        ))}
      </ol>
      {cursor !== null && (
        <button type="button" disabled={loading} onClick={() => void load(cursor)}>
          {t('list.more')}
        </button>
      )}
    </section>
  );
}
