/**
 * /alerts: recent alerts (the list, then live ones on top) with links to their incidents, the scope of
 * the live notice, and the user's subscriptions: create, edit, delete, with an optional webhook whose
 * signing secret is shown once, and its deliveries.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, withQuery } from '../lib/api.ts';
import {
  alertScope,
  liveAlerts,
  setAlertScope,
  streamReset,
  streamState,
  type Alert,
} from '../lib/alert-stream.ts';
import { errorMessage } from '../lib/errors.ts';
import { formatDateTime, formatNumber, t, typeLabel, useLang, type MessageKey } from '../lib/i18n.ts';
import { useReference } from '../lib/reference.ts';
import { onLinkClick } from '../lib/router.ts';
import { useDeclareShown, useObservable } from '../lib/store.ts';
import type { AdminUnit } from '../lib/types.ts';

const COUNTRIES = ['BFA', 'MLI', 'NER'] as const;

export function alertTitle(a: Alert): string {
  return t(`alerts.kind.${a.kind}` as MessageKey);
}

export function alertSummary(a: Alert): string {
  const p = a.payload;
  const text = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : '');
  const num = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : 0);
  if (a.kind === 'import.completed')
    return t('alerts.import', { file: text('file'), imported: num('imported'), updated: num('updated') });
  if (a.kind === 'surge')
    return t('alerts.surge', {
      admin1: text('admin1'),
      country: text('country'),
      fatalities: num('fatalities30d'),
      threshold: num('threshold'),
    });
  const place = [text('location'), text('admin1'), text('country')].filter((s) => s !== '').join(', ');
  return `${typeLabel(text('sub_event_type'))} · ${place} · ${text('event_date')} · ${t('alerts.fatalities', { n: num('fatalities') })}`;
}

function AlertItem({ alert }: { alert: Alert }) {
  const href = alert.incident_id === null ? null : `/incidents/${alert.incident_id}`;
  return (
    <li class="card">
      <span class={`badge c-${alert.classification}`}>
        {t(`classification.${alert.classification}` as MessageKey)}
      </span>{' '}
      <strong>{alertTitle(alert)}</strong> — {alertSummary(alert)}{' '}
      {href !== null && (
        <a href={href} onClick={(e) => onLinkClick(e, href)}>
          {t('alerts.open', { id: alert.incident_id ?? 0 })}
        </a>
      )}
      <small> · {formatDateTime(alert.created_at)}</small>
    </li>
  );
}

interface Subscription {
  readonly id: number;
  readonly name: string;
  readonly admin_units: { country: string; admin1: string | null }[];
  readonly event_types: string[];
  readonly actors: string[];
  readonly articles: string[];
  readonly min_fatalities: number | null;
  readonly area: unknown;
  readonly webhook: { url: string; active: boolean } | null;
}

interface Delivery {
  readonly id: number;
  readonly event_seq: number;
  readonly status: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  readonly next_attempt_at: string | null;
  readonly last_error: string | null;
}

interface Draft {
  name: string;
  countries: string[];
  admin1: string[];
  eventTypes: string[];
  minFatalities: string;
  actors: string;
  articles: string;
  areaMode: 'none' | 'bbox' | 'geojson';
  bbox: [string, string, string, string];
  geojson: string;
  webhookUrl: string;
  webhookActive: boolean;
  rotate: boolean;
}

const EMPTY: Draft = {
  name: '',
  countries: [],
  admin1: [],
  eventTypes: [],
  minFatalities: '',
  actors: '',
  articles: '',
  areaMode: 'none',
  bbox: ['', '', '', ''],
  geojson: '',
  webhookUrl: '',
  webhookActive: true,
  rotate: false,
};

function draftOf(s: Subscription): Draft {
  const area = s.area as { type?: string; coordinates?: number[][][] } | null;
  const ring = area?.type === 'Polygon' ? area.coordinates?.[0] : undefined;
  const isBox = ring !== undefined && ring.length === 5;
  const lons = ring?.map((p) => p[0] ?? 0) ?? [];
  const lats = ring?.map((p) => p[1] ?? 0) ?? [];
  return {
    ...EMPTY,
    name: s.name,
    countries: [...new Set(s.admin_units.map((u) => u.country))],
    admin1: s.admin_units.flatMap((u) => (u.admin1 === null ? [] : [`${u.country}|${u.admin1}`])),
    eventTypes: s.event_types,
    minFatalities: s.min_fatalities === null ? '' : String(s.min_fatalities),
    actors: s.actors.join('\n'),
    articles: s.articles.join(', '),
    areaMode: area === null ? 'none' : isBox ? 'bbox' : 'geojson',
    bbox: isBox
      ? [
          String(Math.min(...lons)),
          String(Math.min(...lats)),
          String(Math.max(...lons)),
          String(Math.max(...lats)),
        ]
      : ['', '', '', ''],
    geojson: area === null || isBox ? '' : JSON.stringify(area),
    webhookUrl: s.webhook?.url ?? '',
    webhookActive: s.webhook?.active ?? true,
  };
}

/** The request body of a draft; a string is a problem to show. */
function bodyOf(d: Draft): Record<string, unknown> | string {
  let area: unknown = null;
  if (d.areaMode === 'bbox') {
    const [w, s, e, n] = d.bbox.map(Number) as [number, number, number, number];
    area = {
      type: 'Polygon',
      coordinates: [
        [
          [w, s],
          [e, s],
          [e, n],
          [w, n],
          [w, s],
        ],
      ],
    };
  } else if (d.areaMode === 'geojson') {
    try {
      area = JSON.parse(d.geojson);
    } catch {
      return t('subs.geojson.invalid');
    }
  }
  const units = d.countries.flatMap((c): { country: string; admin1: string | null }[] => {
    const regions = d.admin1.filter((a) => a.startsWith(`${c}|`)).map((a) => a.slice(4));
    return regions.length === 0
      ? [{ country: c, admin1: null }]
      : regions.map((r) => ({ country: c, admin1: r }));
  });
  return {
    name: d.name,
    admin_units: units,
    event_types: d.eventTypes,
    min_fatalities: d.minFatalities === '' ? null : Number(d.minFatalities),
    actors: d.actors
      .split('\n')
      .map((a) => a.trim())
      .filter((a) => a !== ''),
    articles: d.articles
      .split(/[,\s]+/)
      .map((a) => a.trim())
      .filter((a) => a !== ''),
    area,
    webhook:
      d.webhookUrl.trim() === ''
        ? null
        : { url: d.webhookUrl.trim(), active: d.webhookActive, ...(d.rotate ? { rotate_secret: true } : {}) },
  };
}

function SubscriptionForm(props: {
  initial: Subscription | null;
  onDone: (message: string, secret: string | null) => void;
  onCancel: () => void;
}) {
  const { taxonomy } = useReference();
  const [units, setUnits] = useState<AdminUnit[]>([]);
  const [d, setD] = useState<Draft>(props.initial === null ? EMPTY : draftOf(props.initial));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.get<{ items: AdminUnit[] }>('/api/reference/admin-units', { level: 1 }).then(
      (r) => setUnits(r.items),
      () => undefined,
    );
  }, []);
  const set = (patch: Partial<Draft>) => setD({ ...d, ...patch });
  const toggle = (list: string[], value: string) =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
  const fr = document.documentElement.lang === 'fr';
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = bodyOf(d);
    if (typeof body === 'string') {
      setProblem(body);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const saved =
        props.initial === null
          ? await api.post<{ webhook_secret?: string }>('/api/subscriptions', body)
          : await api.put<{ webhook_secret?: string }>(`/api/subscriptions/${props.initial.id}`, body);
      props.onDone(t('subs.saved'), saved.webhook_secret ?? null);
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  const title = props.initial === null ? t('subs.new') : t('subs.edit', { name: props.initial.name });
  return (
    <form class="subscription-form" onSubmit={(e) => void submit(e)} aria-label={title}>
      <h3>{title}</h3>
      <label>
        {t('subs.name')}
        <input
          required
          maxLength={200}
          value={d.name}
          onInput={(e) => set({ name: e.currentTarget.value })}
        />
      </label>
      <fieldset>
        <legend>{t('subs.countries')}</legend>
        {COUNTRIES.map((c) => (
          <label key={c} class="inline">
            <input
              type="checkbox"
              checked={d.countries.includes(c)}
              onChange={() => set({ countries: toggle(d.countries, c) })}
            />
            {c}
          </label>
        ))}
      </fieldset>
      {d.countries.length > 0 && (
        <label>
          {t('subs.admin1')}
          <select
            multiple
            size={6}
            aria-describedby="admin1-hint"
            onChange={(e) =>
              set({
                admin1: [...e.currentTarget.selectedOptions].map((o) => o.value),
              })
            }
          >
            {units
              .filter((u) => d.countries.includes(u.country))
              .map((u) => {
                const value = `${u.country}|${u.name.en}`;
                return (
                  <option key={u.code} value={value} selected={d.admin1.includes(value)}>
                    {u.country} · {fr ? u.name.fr : u.name.en}
                  </option>
                );
              })}
          </select>
          <small id="admin1-hint">{t('subs.admin1.hint')}</small>
        </label>
      )}
      <fieldset>
        <legend>{t('subs.types')}</legend>
        {(taxonomy?.event_types ?? []).map((et) => (
          <label key={et.name} class="inline">
            <input
              type="checkbox"
              checked={d.eventTypes.includes(et.name)}
              onChange={() => set({ eventTypes: toggle(d.eventTypes, et.name) })}
            />
            {typeLabel(et.name)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('subs.minFatalities')}
        <input
          type="number"
          min={0}
          value={d.minFatalities}
          onInput={(e) => set({ minFatalities: e.currentTarget.value })}
        />
      </label>
      <label>
        {t('subs.actors')}
        <textarea rows={2} value={d.actors} onInput={(e) => set({ actors: e.currentTarget.value })} />
      </label>
      <label>
        {t('subs.articles')}
        <input value={d.articles} onInput={(e) => set({ articles: e.currentTarget.value })} />
      </label>
      <fieldset>
        <legend>{t('subs.area')}</legend>
        {(['none', 'bbox', 'geojson'] as const).map((m) => (
          <label key={m} class="inline">
            <input
              type="radio"
              name="area-mode"
              checked={d.areaMode === m}
              onChange={() => set({ areaMode: m })}
            />
            {t(`subs.area.${m}`)}
          </label>
        ))}
        {d.areaMode === 'bbox' && (
          <div class="bbox">
            {(['west', 'south', 'east', 'north'] as const).map((side, k) => (
              <label key={side}>
                {t(`subs.bbox.${side}`)}
                <input
                  type="number"
                  step="any"
                  required
                  min={k % 2 === 0 ? -180 : -90}
                  max={k % 2 === 0 ? 180 : 90}
                  value={d.bbox[k]}
                  onInput={(e) => {
                    const next = [...d.bbox] as Draft['bbox'];
                    next[k] = e.currentTarget.value;
                    set({ bbox: next });
                  }}
                />
              </label>
            ))}
          </div>
        )}
        {d.areaMode === 'geojson' && (
          <label>
            {t('subs.geojson')}
            <textarea rows={4} value={d.geojson} onInput={(e) => set({ geojson: e.currentTarget.value })} />
          </label>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('subs.webhook')}</legend>
        <label>
          {t('subs.webhook.url')}
          <input
            type="url"
            value={d.webhookUrl}
            onInput={(e) => set({ webhookUrl: e.currentTarget.value })}
          />
        </label>
        <label class="inline">
          <input
            type="checkbox"
            checked={d.webhookActive}
            onChange={() => set({ webhookActive: !d.webhookActive })}
          />
          {t('subs.webhook.active')}
        </label>
        {props.initial?.webhook != null && (
          <label class="inline">
            <input type="checkbox" checked={d.rotate} onChange={() => set({ rotate: !d.rotate })} />
            {t('subs.webhook.rotate')}
          </label>
        )}
      </fieldset>
      {problem !== null && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t('subs.save')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('subs.cancel')}
        </button>
      </div>
    </form>
  );
}

function Deliveries({ id }: { id: number }) {
  const [items, setItems] = useState<Delivery[] | null>(null);
  useEffect(() => {
    api.get<{ items: Delivery[] }>(`/api/subscriptions/${id}/deliveries`, { limit: 20 }).then(
      (r) => setItems(r.items),
      () => setItems([]),
    );
  }, [id]);
  if (items === null) return <p>{t('loading')}</p>;
  if (items.length === 0) return <p>{t('subs.deliveries.none')}</p>;
  return (
    <ul class="deliveries">
      {items.map((d) => (
        <li key={d.id}>
          #{d.event_seq} ·{' '}
          {d.status === 'pending'
            ? t('subs.delivery.pending', {
                at: d.next_attempt_at === null ? '' : formatDateTime(d.next_attempt_at),
              })
            : t(`subs.delivery.${d.status}`)}{' '}
          · {formatNumber(d.attempts)} {d.last_error === null ? '' : `· ${d.last_error}`}
        </li>
      ))}
    </ul>
  );
}

function describe(s: Subscription): string {
  const parts = [
    ...s.admin_units.map((u) => (u.admin1 === null ? u.country : `${u.admin1} (${u.country})`)),
    ...s.event_types.map(typeLabel),
    ...(s.min_fatalities === null ? [] : [`≥ ${s.min_fatalities} †`]),
    ...s.actors,
    ...s.articles.map((a) => `art. ${a}`),
    ...(s.area === null ? [] : [t('subs.area')]),
  ];
  return parts.length === 0 ? t('subs.summary.all') : parts.join(' · ');
}

function Subscriptions() {
  const [items, setItems] = useState<Subscription[] | null>(null);
  const [editing, setEditing] = useState<Subscription | 'new' | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const load = () =>
    api.get<{ items: Subscription[] }>('/api/subscriptions').then(
      (r) => setItems(r.items),
      (e: unknown) => setProblem(errorMessage(e)),
    );
  useEffect(() => void load(), []);
  const remove = async (s: Subscription) => {
    try {
      await api.delete(`/api/subscriptions/${s.id}`);
      setNotice(t('subs.deleted'));
      await load();
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };
  return (
    <section aria-labelledby="subs-title">
      <h2 id="subs-title">{t('subs.title')}</h2>
      {notice !== null && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {secret !== null && (
        <p class="secret" role="alert">
          {t('subs.secret')} <code>{secret}</code>
        </p>
      )}
      {problem !== null && <p class="error">{problem}</p>}
      {items !== null && items.length === 0 && <p>{t('subs.none')}</p>}
      <ul class="subscriptions">
        {(items ?? []).map((s) => (
          <li key={s.id} class="card">
            <strong>{s.name}</strong> — {describe(s)}
            {s.webhook !== null && (
              <>
                {' '}
                · <code>{s.webhook.url}</code> {s.webhook.active ? '' : '(off)'}
              </>
            )}
            <div class="actions">
              <button type="button" onClick={() => setEditing(s)}>
                {t('subs.edit', { name: s.name })}
              </button>
              <button type="button" onClick={() => void remove(s)}>
                {t('subs.delete')}
              </button>
              {s.webhook !== null && (
                <button
                  type="button"
                  aria-expanded={open === s.id}
                  onClick={() => setOpen(open === s.id ? null : s.id)}
                >
                  {t('subs.deliveries')}
                </button>
              )}
            </div>
            {open === s.id && <Deliveries id={s.id} />}
          </li>
        ))}
      </ul>
      {editing === null ? (
        <button type="button" onClick={() => setEditing('new')}>
          {t('subs.new')}
        </button>
      ) : (
        <SubscriptionForm
          key={editing === 'new' ? 'new' : editing.id}
          initial={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onDone={(message, newSecret) => {
            setEditing(null);
            setNotice(message);
            setSecret(newSecret);
            void load();
          }}
        />
      )}
    </section>
  );
}

export function Alerts() {
  useLang();
  const live = useObservable(liveAlerts);
  const state = useObservable(streamState);
  const scope = useObservable(alertScope);
  const reset = useObservable(streamReset);
  const [recent, setRecent] = useState<Alert[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const load = (before?: number) =>
    api
      .get<{ items: Alert[]; next_before: number | null }>(withQuery('/api/alerts', { limit: 50, before }))
      .then(
        (r) => {
          setRecent((old) => (before === undefined ? r.items : [...old, ...r.items]));
          setNext(r.next_before);
        },
        (e: unknown) => setProblem(errorMessage(e)),
      );
  useEffect(() => void load(), [reset]);
  const seen = new Set(recent.map((a) => a.seq));
  const all = [...live.filter((a) => !seen.has(a.seq)), ...recent].sort((a, b) => b.seq - a.seq);
  useDeclareShown('alerts', [...new Set(all.map((a) => a.classification))]);
  return (
    <div class="alerts-screen">
      <h1>{t('alerts.title')}</h1>
      <p class={state === 'live' ? 'notice' : 'error'}>
        {state === 'live' ? t('alerts.connection.live') : t('alerts.connection.lost')}
      </p>
      <fieldset>
        <legend>{t('alerts.scope')}</legend>
        {(['all', 'mine'] as const).map((s) => (
          <label key={s} class="inline">
            <input type="radio" name="alert-scope" checked={scope === s} onChange={() => setAlertScope(s)} />
            {t(`alerts.scope.${s}`)}
          </label>
        ))}
      </fieldset>
      <section aria-labelledby="recent-title">
        <h2 id="recent-title">{t('alerts.recent')}</h2>
        {problem !== null && <p class="error">{problem}</p>}
        {all.length === 0 && <p>{t('alerts.none')}</p>}
        <ul class="alert-list">
          {all.map((a) => (
            <AlertItem key={a.seq} alert={a} />
          ))}
        </ul>
        {next !== null && (
          <button type="button" onClick={() => void load(next)}>
            {t('alerts.more')}
          </button>
        )}
      </section>
      <Subscriptions />
    </div>
  );
}
