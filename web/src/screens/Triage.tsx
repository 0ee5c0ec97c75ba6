/**
 * The triage queue: machine-coded and reported incidents, oldest first. Keyboard first (j/k, x, v,
 * r, m, Enter, a) with bulk verify and reject, and merge of duplicates into the current item.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useReason } from '../components/ReasonDialog.tsx';
import { api } from '../lib/api.ts';
import { colourOf } from '../lib/colours.ts';
import { errorMessage } from '../lib/errors.ts';
import { formatDay, formatNumber, t, typeLabel, useLang } from '../lib/i18n.ts';
import { navigate } from '../lib/router.ts';
import { useDeclareShown } from '../lib/store.ts';
import type { Incident, IncidentDetail, IncidentPage } from '../lib/types.ts';
import { SourceView } from './IncidentDetail.tsx';

interface BulkResult {
  readonly results: { id: number; outcome: string; message?: string }[];
}

const QUEUE = { status: 'machine-coded,reported', sort: 'created_asc', limit: 100, count: true };

function Preview({ id }: { id: number }) {
  const [detail, setDetail] = useState<IncidentDetail | null>(null);
  useEffect(() => {
    setDetail(null);
    const controller = new AbortController();
    api.get<IncidentDetail>(`/api/incidents/${id}`, {}, controller.signal).then(setDetail, () => undefined);
    return () => controller.abort();
  }, [id]);
  if (detail === null) return <p>{t('loading')}</p>;
  const i = detail.incident;
  return (
    <div class="preview">
      <h2>
        {t('detail.title', { id: i.id })} — {typeLabel(i.sub_event_type)}
      </h2>
      <p>
        {formatDay(i.event_date)} · {i.location ?? '—'}, {i.admin1 ?? ''} {i.country} · {i.actor1}
        {i.actor2 === null ? '' : ` / ${i.actor2}`} · {formatNumber(i.fatalities)} †
      </p>
      {i.notes !== null && <p class="notes">{i.notes}</p>}
      <ul class="sources">
        {detail.sources.slice(0, 3).map((s) => (
          <SourceView key={s.report_id} source={s} />
        ))}
      </ul>
    </div>
  );
}

export function Triage() {
  useLang();
  const [items, setItems] = useState<Incident[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [current, setCurrent] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reasonDialog, askReason] = useReason();
  const listRef = useRef<HTMLOListElement>(null);
  // Keys can arrive faster than renders: the handlers read and write these refs synchronously.
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const currentRef = useRef(current);
  const selectedRef = useRef(selected);
  const moveTo = (index: number) => {
    currentRef.current = Math.max(0, Math.min(itemsRef.current.length - 1, index));
    setCurrent(currentRef.current);
  };
  const select = (next: ReadonlySet<number>) => {
    selectedRef.current = next;
    setSelected(next);
  };

  const load = async () => {
    try {
      const page = await api.get<IncidentPage>('/api/incidents', QUEUE);
      setItems(page.items);
      setCursor(page.next_cursor);
      setTotal(page.total ?? null);
      currentRef.current = Math.min(currentRef.current, Math.max(0, page.items.length - 1));
      setCurrent(currentRef.current);
      setProblem(null);
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };
  useEffect(() => void load(), []);
  useDeclareShown(
    'triage',
    items.map((i) => i.classification),
  );

  const targets = (): number[] => {
    if (selectedRef.current.size > 0) return [...selectedRef.current];
    const item = itemsRef.current[currentRef.current];
    return item === undefined ? [] : [item.id];
  };

  const done = (ids: readonly number[], failed: number) => {
    const gone = new Set(ids);
    const remaining = itemsRef.current.filter((i) => !gone.has(i.id));
    itemsRef.current = remaining;
    setItems(remaining);
    moveTo(currentRef.current);
    select(new Set());
    setTotal((n) => (n === null ? n : Math.max(0, n - (ids.length - failed))));
    setNotice(t('triage.done', { updated: ids.length - failed, failed }));
  };

  const bulk = async (action: 'verify' | 'reject') => {
    const ids = targets();
    if (ids.length === 0 || busy) return;
    let reason: string | null = 'verified in triage';
    if (action === 'reject') reason = await askReason(t('triage.reason.prompt'));
    if (reason === null) return;
    setBusy(true);
    try {
      const result = await api.post<BulkResult>('/api/incidents/bulk', { ids, action, reason });
      const ok = result.results
        .filter((r) => r.outcome === 'updated' || r.outcome === 'unchanged')
        .map((r) => r.id);
      const refused = result.results.filter((r) => r.outcome !== 'updated' && r.outcome !== 'unchanged');
      done(ok, 0);
      if (refused.length > 0)
        setProblem(
          refused
            .map((r) => `#${r.id}: ${r.outcome}${r.message === undefined ? '' : ` (${r.message})`}`)
            .join('; '),
        );
      else setProblem(null);
      if (items.length - ok.length < 20) void load();
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const merge = async () => {
    const into = itemsRef.current[currentRef.current];
    const others = [...selectedRef.current].filter((id) => id !== into?.id);
    if (into === undefined || others.length === 0 || busy) return;
    const reason = await askReason(t('triage.merge.prompt'));
    if (reason === null) return;
    setBusy(true);
    const merged: number[] = [];
    const refused: string[] = [];
    for (const other of others) {
      try {
        await api.post(`/api/incidents/${into.id}/merge`, { other_id: other, reason });
        merged.push(other);
      } catch (e) {
        refused.push(`#${other}: ${errorMessage(e)}`);
      }
    }
    done(merged, 0);
    setProblem(refused.length === 0 ? null : refused.join('; '));
    setBusy(false);
  };

  const toggle = (id: number) => {
    const next = new Set(selectedRef.current);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    select(next);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (
        target !== null &&
        (target.closest('input, textarea, select, dialog') !== null || e.ctrlKey || e.metaKey || e.altKey)
      )
        return;
      const item = itemsRef.current[currentRef.current];
      switch (e.key) {
        case 'j':
        case 'ArrowDown':
          moveTo(currentRef.current + 1);
          break;
        case 'k':
        case 'ArrowUp':
          moveTo(currentRef.current - 1);
          break;
        case 'x':
          if (item !== undefined) toggle(item.id);
          break;
        case 'a':
          select(new Set(itemsRef.current.map((i) => i.id)));
          break;
        case 'v':
          void bulk('verify');
          break;
        case 'r':
          void bulk('reject');
          break;
        case 'm':
          void merge();
          break;
        case 'Enter':
          if (item !== undefined) navigate(`/incidents/${item.id}`);
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  useEffect(() => {
    listRef.current
      ?.querySelector<HTMLElement>('[aria-current="true"]')
      ?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const item = items[current];
  return (
    <section class="triage" aria-labelledby="triage-title">
      {reasonDialog}
      <div class="triage-head">
        <h1 id="triage-title">{t('triage.title')}</h1>
        {total !== null && <span class="badge">{t('triage.count', { count: total })}</span>}
        <p class="help">{t('triage.help')}</p>
        <div class="actions">
          <button
            type="button"
            class="primary"
            disabled={busy || targets().length === 0}
            onClick={() => void bulk('verify')}
          >
            {t('triage.verify.selected', { count: targets().length })}
          </button>
          <button type="button" disabled={busy || targets().length === 0} onClick={() => void bulk('reject')}>
            {t('triage.reject.selected', { count: targets().length })}
          </button>
          {item !== undefined && selected.size > 0 && (
            <button type="button" disabled={busy} onClick={() => void merge()}>
              {t('triage.merge', { id: item.id })}
            </button>
          )}
        </div>
        {notice !== null && (
          <p role="status" class="notice">
            {notice}
          </p>
        )}
        {problem !== null && (
          <p role="alert" class="error">
            {problem}
          </p>
        )}
      </div>
      {items.length === 0 && problem === null ? (
        <p>{t('triage.empty')}</p>
      ) : (
        <div class="triage-body">
          <ol class="queue" ref={listRef}>
            {items.map((i, index) => (
              <li
                key={i.id}
                aria-current={index === current ? 'true' : undefined}
                class={index === current ? 'current' : ''}
                onClick={() => moveTo(index)}
                data-id={i.id}
              >
                <input
                  type="checkbox"
                  checked={selected.has(i.id)}
                  aria-label={t('triage.select', { id: i.id })}
                  onChange={() => toggle(i.id)}
                />
                <span class="swatch" style={{ background: colourOf(i.event_type) }} aria-hidden="true" />
                <span class="row-main">
                  <span class="row-title">
                    #{i.id} {typeLabel(i.sub_event_type)} — {i.location ?? i.admin1 ?? i.country}
                  </span>
                  <span class="row-meta">
                    {formatDay(i.event_date, 'short')} · {i.actor1} · {formatNumber(i.fatalities)} † ·{' '}
                    {t(`status.${i.status}`)}
                  </span>
                </span>
              </li>
            ))}
          </ol>
          {item !== undefined && <Preview id={item.id} />}
        </div>
      )}
      {cursor !== null && items.length > 0 && <p class="help">…</p>}
    </section>
  );
}
