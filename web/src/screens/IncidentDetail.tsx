/**
 * One incident: every coded field, its sources (the report text with what was extracted
 * highlighted), its revision history, and, for analysts, verification and re-coding with a reason.
 */
import { useEffect, useState } from 'preact/hooks';
import { useReason } from '../components/ReasonDialog.tsx';
import { CharterFactsView } from './CharterFactsView.tsx';
import { CharterPanel } from './CharterPanel.tsx';
import { api } from '../lib/api.ts';
import { colourOf } from '../lib/colours.ts';
import { errorMessage } from '../lib/errors.ts';
import { highlight } from '../lib/highlight.ts';
import {
  formatDateTime,
  formatDay,
  formatNumber,
  t,
  typeLabel,
  useLang,
  type MessageKey,
} from '../lib/i18n.ts';
import { useReference } from '../lib/reference.ts';
import { navigate, type Route } from '../lib/router.ts';
import { session, useDeclareShown, useObservable } from '../lib/store.ts';
import type { Incident, IncidentDetail as Detail, Report, Source } from '../lib/types.ts';

export function SourceView({ source }: { source: Source }) {
  const [report, setReport] = useState<Report | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    api
      .get<Report>(`/api/reports/${source.report_id}`)
      .then(setReport, (e: unknown) => setProblem(errorMessage(e)));
  }, [source.report_id]);
  return (
    <li class="source">
      <p class="source-head">
        <strong>{source.title ?? source.source}</strong> · {source.kind} · {source.source}
        {source.published === null ? '' : ` · ${formatDay(source.published)}`} ·{' '}
        {t('detail.confidence', { value: source.confidence.toFixed(2) })}
        {source.url !== null && /^https?:\/\//.test(source.url) && (
          <>
            {' · '}
            <a href={source.url} rel="noopener noreferrer nofollow" target="_blank">
              {new URL(source.url).host}
            </a>
          </>
        )}
      </p>
      {problem !== null && <p class="error">{problem}</p>}
      {report !== null && (
        <blockquote class="report-text" lang={source.language ?? undefined}>
          {highlight(report.text, source.evidence).map((p, i) =>
            p.marked ? (
              <mark key={i} title={t('detail.extracted')}>
                {p.text}
              </mark>
            ) : (
              <span key={i}>{p.text}</span>
            ),
          )}
        </blockquote>
      )}
    </li>
  );
}

const FIELDS = [
  'event_date',
  'event_type',
  'sub_event_type',
  'actor1',
  'actor2',
  'country',
  'admin1',
  'admin2',
  'location',
  'latitude',
  'longitude',
  'fatalities',
  'classification',
  'origin',
  'source',
  'notes',
] as const;

function display(incident: Incident, field: (typeof FIELDS)[number]): string {
  const v = incident[field];
  if (v === null || v === undefined) return '—';
  if (field === 'event_date') return formatDay(String(v));
  if (field === 'event_type' || field === 'sub_event_type') return typeLabel(String(v));
  if (field === 'classification') return t(`classification.${incident.classification}`);
  if (typeof v === 'number') return field === 'fatalities' ? formatNumber(v) : String(v);
  return String(v);
}

function EditForm({
  incident,
  onSaved,
  onCancel,
}: {
  incident: Incident;
  onSaved: (i: Incident) => void;
  onCancel: () => void;
}) {
  const { taxonomy } = useReference();
  const [eventType, setEventType] = useState(incident.event_type);
  const [problem, setProblem] = useState<string | null>(null);
  const subTypes = taxonomy?.event_types.find((e) => e.name === eventType)?.sub_event_types ?? [];
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (k: string) => String(form.get(k) ?? '').trim();
    const body: Record<string, unknown> = { reason: text('reason') };
    const changed = (k: string, value: unknown, before: unknown) => {
      if (value !== before) body[k] = value;
    };
    changed('event_date', text('event_date'), incident.event_date);
    changed('event_type', eventType, incident.event_type);
    changed('sub_event_type', text('sub_event_type'), incident.sub_event_type);
    changed('actor1', text('actor1'), incident.actor1);
    changed('actor2', text('actor2') === '' ? null : text('actor2'), incident.actor2);
    changed('location', text('location') === '' ? null : text('location'), incident.location);
    changed('admin1', text('admin1') === '' ? null : text('admin1'), incident.admin1);
    const lat = Number(text('latitude'));
    const lon = Number(text('longitude'));
    if (text('latitude') !== '' && Number.isFinite(lat)) changed('latitude', lat, incident.latitude);
    if (text('longitude') !== '' && Number.isFinite(lon)) changed('longitude', lon, incident.longitude);
    changed('fatalities', Number(text('fatalities')), incident.fatalities);
    changed('notes', text('notes') === '' ? null : text('notes'), incident.notes);
    try {
      onSaved(await api.patch<Incident>(`/api/incidents/${incident.id}`, body));
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };
  const field = (k: MessageKey, input: preact.JSX.Element) => (
    <label>
      {t(k)}
      {input}
    </label>
  );
  return (
    <form class="edit" onSubmit={(e) => void submit(e)}>
      {field(
        'field.event_date',
        <input type="date" name="event_date" defaultValue={incident.event_date} required />,
      )}
      {field(
        'field.event_type',
        <select name="event_type" value={eventType} onChange={(e) => setEventType(e.currentTarget.value)}>
          {(taxonomy?.event_types ?? []).map((e) => (
            <option key={e.name} value={e.name}>
              {typeLabel(e.name)}
            </option>
          ))}
        </select>,
      )}
      {field(
        'field.sub_event_type',
        <select
          name="sub_event_type"
          key={eventType}
          defaultValue={incident.event_type === eventType ? incident.sub_event_type : subTypes[0]?.name}
        >
          {subTypes.map((s) => (
            <option key={s.name} value={s.name}>
              {typeLabel(s.name)}
            </option>
          ))}
        </select>,
      )}
      {field('field.actor1', <input name="actor1" defaultValue={incident.actor1} required maxLength={300} />)}
      {field('field.actor2', <input name="actor2" defaultValue={incident.actor2 ?? ''} maxLength={300} />)}
      {field('field.admin1', <input name="admin1" defaultValue={incident.admin1 ?? ''} maxLength={200} />)}
      {field(
        'field.location',
        <input name="location" defaultValue={incident.location ?? ''} maxLength={300} />,
      )}
      {field(
        'field.latitude',
        <input
          name="latitude"
          type="number"
          step="any"
          min={-90}
          max={90}
          defaultValue={incident.latitude === null ? '' : String(incident.latitude)}
        />,
      )}
      {field(
        'field.longitude',
        <input
          name="longitude"
          type="number"
          step="any"
          min={-180}
          max={180}
          defaultValue={incident.longitude === null ? '' : String(incident.longitude)}
        />,
      )}
      {field(
        'field.fatalities',
        <input
          name="fatalities"
          type="number"
          min={0}
          max={100000}
          defaultValue={String(incident.fatalities)}
          required
        />,
      )}
      {field(
        'field.notes',
        <textarea name="notes" rows={4} defaultValue={incident.notes ?? ''} maxLength={20000} />,
      )}
      {field('detail.reason', <input name="reason" required minLength={3} maxLength={2000} />)}
      <div class="actions">
        <button type="submit">{t('detail.save')}</button>
        <button type="button" onClick={onCancel}>
          {t('detail.cancel')}
        </button>
      </div>
      {problem !== null && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

export function IncidentDetail({ id, route }: { id: number; route: Route }) {
  useLang();
  const user = useObservable(session)?.user ?? null;
  const [detail, setDetail] = useState<Detail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [reasonDialog, askReason] = useReason();
  const load = () =>
    api.get<Detail>(`/api/incidents/${id}`).then(
      (d) => {
        setDetail(d);
        setProblem(null);
      },
      (e: unknown) => setProblem(errorMessage(e)),
    );
  useEffect(() => {
    setDetail(null);
    setEditing(false);
    void load();
  }, [id]);
  useDeclareShown('detail', detail === null ? [] : [detail.incident.classification]);
  const canEdit = user !== null && (user.role === 'analyst' || user.role === 'admin');
  const setStatus = async (status: 'verified' | 'rejected') => {
    const reason = status === 'verified' ? 'verified by analyst' : await askReason(t('triage.reason.prompt'));
    if (reason === null || reason.trim().length < 3) return;
    try {
      const updated = await api.patch<Incident>(`/api/incidents/${id}`, { status, reason: reason.trim() });
      setNotice(t('detail.saved', { revision: updated.revision }));
      await load();
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };
  const back = () => navigate('/', route.query);
  if (detail === null)
    return (
      <section class="detail">
        <button type="button" onClick={back}>
          ← {t('detail.back')}
        </button>
        {problem === null ? (
          <p>{t('loading')}</p>
        ) : (
          <p class="error" role="alert">
            {problem}
          </p>
        )}
      </section>
    );
  const i = detail.incident;
  return (
    <section class="detail" aria-labelledby="detail-title">
      {reasonDialog}
      <button type="button" onClick={back}>
        ← {t('detail.back')}
      </button>
      <h1 id="detail-title">
        <span class="swatch" style={{ background: colourOf(i.event_type) }} aria-hidden="true" />
        {t('detail.title', { id: i.id })} — {typeLabel(i.sub_event_type)},{' '}
        {i.location ?? i.admin1 ?? i.country}
      </h1>
      <p>
        <span class={`status s-${i.status}`}>{t(`status.${i.status}`)}</span> ·{' '}
        {t(`classification.${i.classification}`)}
        {i.owner_party === null ? '' : ` (${i.owner_party})`} · rev. {i.revision}
        {i.merged_into !== undefined && i.merged_into !== null && (
          <>
            {' · '}
            <a
              href={`/incidents/${i.merged_into}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(`/incidents/${i.merged_into}`, route.query);
              }}
            >
              {t('detail.merged.into', { id: i.merged_into })}
            </a>
          </>
        )}
      </p>
      {notice !== null && (
        <p role="status" class="notice">
          {notice}
        </p>
      )}
      {problem !== null && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {canEdit && !editing && (
        <div class="actions">
          {i.status !== 'verified' && (
            <button type="button" class="primary" onClick={() => void setStatus('verified')}>
              {t('detail.verify')}
            </button>
          )}
          {i.status !== 'rejected' && (
            <button type="button" onClick={() => void setStatus('rejected')}>
              {t('detail.reject')}
            </button>
          )}
          <button type="button" onClick={() => setEditing(true)}>
            {t('detail.edit')}
          </button>
        </div>
      )}
      <h2>{t('detail.coding')}</h2>
      {editing ? (
        <EditForm
          incident={i}
          onCancel={() => setEditing(false)}
          onSaved={(updated) => {
            setEditing(false);
            setNotice(t('detail.saved', { revision: updated.revision }));
            void load();
          }}
        />
      ) : (
        <dl class="coding">
          {FIELDS.map((f) => (
            <div key={f}>
              <dt>{t(`field.${f}`)}</dt>
              <dd>{display(i, f)}</dd>
            </div>
          ))}
        </dl>
      )}
      <CharterPanel key={i.revision} incidentId={i.id} canReview={canEdit} />
      <CharterFactsView incident={i} canEdit={canEdit} onSaved={() => void load()} />
      <h2>{t('detail.sources')}</h2>
      {detail.sources.length === 0 ? (
        <p>{t('detail.no.sources')}</p>
      ) : (
        <ul class="sources">
          {detail.sources.map((s) => (
            <SourceView key={s.report_id} source={s} />
          ))}
        </ul>
      )}
      <h2>{t('detail.history')}</h2>
      {detail.revisions.length === 0 ? (
        <p>{t('detail.no.history')}</p>
      ) : (
        <ol class="revisions">
          {detail.revisions.map((r) => (
            <li key={r.revision}>
              {t('detail.revision', {
                revision: r.revision,
                date: formatDateTime(r.changed_at),
                by: r.changed_by,
                reason: r.reason,
              })}
              <ul>
                {Object.entries(r.changes).map(([k, c]) => (
                  <li key={k}>
                    <code>{k}</code>: {JSON.stringify(c.before)} → {JSON.stringify(c.after)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
