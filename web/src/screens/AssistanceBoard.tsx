/**
 * The requests board: every assistance request the user may read, in columns by stage (open, pledged,
 * in transit, fulfilled, cancelled), each with its roll-up bars (pledged, sent, received against what
 * was asked) and what is overdue or late, filtered by party, category, case and lateness (kept in the
 * URL, so that a view can be shared).
 */
import { useEffect, useState } from 'preact/hooks';
import { ASSISTANCE_CATEGORIES } from '../../../src/domain/assistance/assistance-category.ts';
import { api } from '../lib/api.ts';
import {
  categoryLabel,
  STAGES,
  unitLabel,
  type RequestSummary,
  type RollUp,
} from '../lib/assistance-types.ts';
import { errorMessage } from '../lib/errors.ts';
import { formatDay, t, useLang, type MessageKey } from '../lib/i18n.ts';
import { onLinkClick, replaceQuery, type Route } from '../lib/router.ts';
import { session, useDeclareShown, useObservable } from '../lib/store.ts';
import './assistance.css';

const PARTIES = ['BFA', 'MLI', 'NER'];

/** Pledged, sent and received against what was asked: three bars with their figures in words. */
export function RollUpBars({ rollup, unit }: { rollup: RollUp; unit: string }) {
  const rows: [MessageKey, number, string][] = [
    ['assistance.committed', rollup.committed, rollup.committed_status],
    ['assistance.dispatched', rollup.dispatched, rollup.transit_status],
    ['assistance.fulfilled', rollup.fulfilled, rollup.fulfilled_status],
  ];
  return (
    <div class="rollup">
      {rows.map(([label, value, status]) => {
        const text = t('assistance.bar', {
          label: t(label),
          quantity: value,
          of: rollup.requested,
          unit: unitLabel(unit),
          status: t(`assistance.status.${status}` as MessageKey),
        });
        return [
          <span key={`${label}-l`}>{t(label)}</span>,
          <meter
            key={`${label}-m`}
            min={0}
            max={rollup.requested}
            value={value}
            aria-label={text}
            title={text}
            class={`fill-${status}`}
          />,
        ];
      })}
    </div>
  );
}

function RequestCard({ r }: { r: RequestSummary }) {
  const href = `/assistance/${r.id}`;
  return (
    <li class={`card request-card${r.rollup.overdue ? ' overdue' : ''}`}>
      <p>
        <a href={href} onClick={(e) => onLinkClick(e, href)}>
          <strong>
            {t('assistance.summary', {
              category: categoryLabel(r.category),
              quantity: r.quantity,
              unit: unitLabel(r.unit),
              place: r.place,
            })}
          </strong>
        </a>
      </p>
      <p>
        {t('assistance.by', { party: r.party })} · {t('assistance.needed', { day: formatDay(r.needed_by) })} ·{' '}
        {t('assistance.priority', { priority: t(`assistance.priority.${r.priority}` as MessageKey) })}
        {r.rollup.overdue && (
          <>
            {' '}
            · <span class="badge overdue">{t('assistance.overdue')}</span>
          </>
        )}
      </p>
      <RollUpBars rollup={r.rollup} unit={r.unit} />
      {r.rollup.outstanding > 0 && r.state === 'open' && (
        <p class="help">
          {t('assistance.outstanding', { quantity: r.rollup.outstanding, unit: unitLabel(r.unit) })}
        </p>
      )}
      {r.rollup.in_transit > 0 && (
        <p class="help">
          {t('assistance.intransit', { quantity: r.rollup.in_transit, unit: unitLabel(r.unit) })}
        </p>
      )}
      {r.pledging_parties.length > 0 && (
        <p class="help">{t('assistance.pledgers', { parties: r.pledging_parties.join(', ') })}</p>
      )}
      {r.rollup.late_pledges > 0 && (
        <p class="late">{t('assistance.late.pledges', { n: r.rollup.late_pledges })}</p>
      )}
      {r.rollup.late_dispatches > 0 && (
        <p class="late">{t('assistance.late.dispatches', { n: r.rollup.late_dispatches })}</p>
      )}
      {r.case_id !== null && <p class="help">{t('assistance.case', { id: r.case_id })}</p>}
    </li>
  );
}

export function AssistanceBoard({ route }: { route: Route }) {
  useLang();
  const user = useObservable(session)?.user ?? null;
  const [items, setItems] = useState<RequestSummary[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // The banner shows the highest classification of the requests on screen.
  useDeclareShown(
    'assistance-board',
    (items ?? []).map((r) => r.classification),
  );
  const q = route.query;
  const filters = {
    party: q.get('party') ?? '',
    category: q.get('category') ?? '',
    case_id: q.get('case_id') ?? '',
    overdue: q.get('overdue') === 'true' ? 'true' : '',
  };
  const key = JSON.stringify(filters);
  useEffect(() => {
    const controller = new AbortController();
    api
      .get<{ items: RequestSummary[] }>('/api/assistance/requests', filters, controller.signal)
      .then((r) => {
        setItems(r.items);
        setProblem(null);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setProblem(errorMessage(e));
      });
    return () => controller.abort();
  }, [key]);
  const mayAsk =
    user !== null &&
    (user.role === 'admin' ||
      ((user.role === 'liaison' || user.role === 'decision-maker') && user.party !== null));
  const go = (href: string) => (e: MouseEvent) => onLinkClick(e, href);
  const newHref =
    filters.case_id === ''
      ? '/assistance/new'
      : `/assistance/new?case=${encodeURIComponent(filters.case_id)}`;
  return (
    <div class="assistance">
      <h1>{t('assistance.title')}</h1>
      <p class="actions">
        {mayAsk && (
          <a href={newHref} onClick={go(newHref)}>
            {t('assistance.new')}
          </a>
        )}
        <a href="/assistance/scorecards" onClick={go('/assistance/scorecards')}>
          {t('assistance.scorecards')}
        </a>
      </p>
      <form
        class="assistance-filters"
        aria-label={t('assistance.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <label>
          {t('assistance.filter.party')}
          <select value={filters.party} onChange={(e) => replaceQuery({ party: e.currentTarget.value })}>
            <option value="">{t('assistance.filter.all')}</option>
            {PARTIES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('assistance.filter.category')}
          <select
            value={filters.category}
            onChange={(e) => replaceQuery({ category: e.currentTarget.value })}
          >
            <option value="">{t('assistance.filter.all')}</option>
            {ASSISTANCE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {categoryLabel(c)}
              </option>
            ))}
          </select>
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={filters.overdue === 'true'}
            onChange={(e) => replaceQuery({ overdue: e.currentTarget.checked ? 'true' : null })}
          />
          {t('assistance.filter.overdue')}
        </label>
        {filters.case_id !== '' && (
          <p>
            {t('assistance.case', { id: filters.case_id })}{' '}
            <button type="button" onClick={() => replaceQuery({ case_id: null })}>
              {t('assistance.filter.case.clear')}
            </button>
          </p>
        )}
      </form>
      {problem !== null && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}
      {items !== null && <p role="status">{t('assistance.count', { n: items.length })}</p>}
      <div class="assistance-columns">
        {STAGES.map((stage) => {
          const inStage = (items ?? []).filter((r) => r.rollup.stage === stage);
          return (
            <section key={stage} class={`stage stage-${stage}`} aria-labelledby={`stage-${stage}`}>
              <h2 id={`stage-${stage}`}>
                {t(`assistance.stage.${stage}` as MessageKey)} ({inStage.length})
              </h2>
              <ul>
                {inStage.map((r) => (
                  <RequestCard key={r.id} r={r} />
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </div>
  );
}
