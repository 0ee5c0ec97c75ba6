/**
 * Early warning's list: the surges of violence per admin-1 unit (open ones, or all), with their 30-day
 * deaths, baseline, ratio and since when; a row opens its day-by-day history and shows it on the map.
 */
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { errorMessage } from '../lib/errors.ts';
import { formatDay, formatNumber, t, useLang } from '../lib/i18n.ts';
import { navigate, replaceQuery, type Route } from '../lib/router.ts';
import { useDeclareShown } from '../lib/store.ts';
import { surgeLevelLabel, surgeRatioText, surgeUnitName, type Surge } from '../lib/surges.ts';
import '../map/surges.css';

interface SurgeRule {
  readonly min_fatalities: number;
}

function History({ id }: { id: number }) {
  useLang();
  const [surge, setSurge] = useState<Surge | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    api
      .get<Surge>(`/api/surges/${id}`)
      .then(setSurge)
      .catch((e: unknown) => setProblem(errorMessage(e)));
  }, [id]);
  if (problem !== null) return <p class="error">{problem}</p>;
  if (surge === null) return <p>{t('loading')}</p>;
  return (
    <table class="surge-history">
      <caption>{t('surges.history.show', { unit: surgeUnitName(surge) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('surges.since')}</th>
          <th scope="col" class="num">
            {t('surges.fatalities30d')}
          </th>
          <th scope="col" class="num">
            {t('surges.baseline')}
          </th>
          <th scope="col">{t('surges.level')}</th>
        </tr>
      </thead>
      <tbody>
        {(surge.history ?? []).map((h) => (
          <tr key={h.on}>
            <td>{formatDay(h.on)}</td>
            <td class="num">{formatNumber(h.fatalities_30d)}</td>
            <td class="num">{formatNumber(h.baseline)}</td>
            <td>{h.level === null ? t('surges.history.level.none') : surgeLevelLabel(h.level)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Surges({ route }: { route: Route }) {
  useLang();
  const state = route.query.get('state') === 'all' ? 'all' : 'open';
  const selected = Number(route.query.get('id') ?? '') || null;
  const [items, setItems] = useState<Surge[] | null>(null);
  const [rule, setRule] = useState<SurgeRule | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useDeclareShown(
    'surges',
    (items ?? []).map((s) => s.classification),
  );
  useEffect(() => {
    const controller = new AbortController();
    api
      .get<{ items: Surge[]; rule: SurgeRule }>('/api/surges', { state }, controller.signal)
      .then((r) => {
        setItems(r.items);
        setRule(r.rule);
        setProblem(null);
      })
      .catch((e: unknown) => {
        if (e instanceof DOMException && e.name === 'AbortError') return;
        setProblem(errorMessage(e));
      });
    return () => controller.abort();
  }, [state]);
  const showOnMap = (s: Surge) => {
    if (s.unit?.latitude == null || s.unit.longitude == null) return;
    navigate(
      '/map',
      new URLSearchParams({ lat: s.unit.latitude.toFixed(4), lon: s.unit.longitude.toFixed(4), z: '7' }),
    );
  };
  return (
    <section class="surges" aria-labelledby="surges-title">
      <h1 id="surges-title">{t('surges.title')}</h1>
      <p>{t('surges.intro', { floor: rule?.min_fatalities ?? '…' })}</p>
      <label class="surge-toggle">
        {t('surges.state')}
        <select
          value={state}
          onChange={(e) => replaceQuery({ state: e.currentTarget.value === 'all' ? 'all' : null })}
        >
          <option value="open">{t('surges.state.open')}</option>
          <option value="all">{t('surges.state.all')}</option>
        </select>
      </label>
      {problem !== null && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {items === null && problem === null && <p>{t('loading')}</p>}
      {items !== null && items.length === 0 && (
        <p>{state === 'all' ? t('surges.empty.all') : t('surges.empty')}</p>
      )}
      {items !== null && items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('surges.unit')}</th>
              <th scope="col">{t('surges.level')}</th>
              <th scope="col" class="num">
                {t('surges.fatalities30d')}
              </th>
              <th scope="col" class="num">
                {t('surges.baseline')}
              </th>
              <th scope="col" class="num">
                {t('surges.ratio')}
              </th>
              <th scope="col">{t('surges.since')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('surges.show')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <Fragment key={s.id}>
                <tr data-surge-id={s.id}>
                  <th scope="row">
                    {surgeUnitName(s)} ({s.country})
                    {s.unit === null && <span class="surge-note">{t('surges.no_centroid')}</span>}
                  </th>
                  <td>
                    <span class={`surge-level surge-${s.level}`}>{surgeLevelLabel(s.level)}</span>
                    {s.closed_on !== null && (
                      <span class="surge-note">{t('surges.closed', { day: formatDay(s.closed_on) })}</span>
                    )}
                    {s.closed_on === null && s.lapsed_since !== null && (
                      <span class="surge-note">
                        {t('surges.lapsing', { day: formatDay(s.lapsed_since) })}
                      </span>
                    )}
                  </td>
                  <td class="num">
                    {formatNumber(s.fatalities_30d)}
                    <span class="surge-note">
                      {t('surges.window', {
                        start: formatDay(s.window.start, 'short'),
                        end: formatDay(s.window.end, 'short'),
                      })}
                    </span>
                  </td>
                  <td class="num">
                    {formatNumber(s.baseline)}
                    <span class="surge-note">
                      {s.baseline_window === null
                        ? t('surges.baseline.none')
                        : t('surges.baseline.window', {
                            start: formatDay(s.baseline_window.start, 'short'),
                            end: formatDay(s.baseline_window.end, 'short'),
                          })}
                    </span>
                  </td>
                  <td class="num">{surgeRatioText(s)}</td>
                  <td>{formatDay(s.opened_on)}</td>
                  <td>
                    <button
                      type="button"
                      aria-expanded={selected === s.id}
                      onClick={() => replaceQuery({ id: selected === s.id ? null : String(s.id) })}
                    >
                      {t('surges.history')}
                    </button>{' '}
                    {s.unit?.latitude != null && (
                      <button type="button" onClick={() => showOnMap(s)}>
                        {t('surges.show')}
                      </button>
                    )}
                  </td>
                </tr>
                {selected === s.id && (
                  <tr>
                    <td colSpan={7}>
                      <History id={s.id} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
