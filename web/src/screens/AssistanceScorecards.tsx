/**
 * The scorecard of each party: its duty-of-assistance obligations (met, open, declined, overdue), its
 * pledges (delivered, outstanding, late), the requests it made, and its median times to first pledge
 * and to delivery — computed by the server from what the user may read.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import type { Scorecard } from '../lib/assistance-types.ts';
import { errorMessage } from '../lib/errors.ts';
import { formatDateTime, t, useLang } from '../lib/i18n.ts';
import { onLinkClick } from '../lib/router.ts';
import './assistance.css';

const hours = (value: number | null, n: number): string =>
  value === null ? t('assistance.card.none') : t('assistance.card.hours', { hours: value, n });

export function AssistanceScorecards() {
  useLang();
  const [data, setData] = useState<{ as_of: string; items: Scorecard[] } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    api
      .get<{ as_of: string; items: Scorecard[] }>('/api/assistance/scorecards')
      .then(setData)
      .catch((e: unknown) => setProblem(errorMessage(e)));
  }, []);
  return (
    <div class="assistance">
      <p>
        <a href="/assistance" onClick={(e) => onLinkClick(e, '/assistance')}>
          {t('assistance.detail.back')}
        </a>
      </p>
      <h1>{t('assistance.scorecards.title')}</h1>
      {problem !== null && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}
      {data !== null && (
        <>
          <p class="help">{t('assistance.card.asof', { at: formatDateTime(data.as_of) })}</p>
          <table class="scorecards">
            <thead>
              <tr>
                <th scope="col">{t('assistance.col.party')}</th>
                <th scope="col">{t('assistance.card.obligations')}</th>
                <th scope="col">{t('assistance.card.pledges')}</th>
                <th scope="col">{t('assistance.card.requests')}</th>
                <th scope="col">{t('assistance.card.first')}</th>
                <th scope="col">{t('assistance.card.delivery')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((c) => (
                <tr key={c.party}>
                  <th scope="row">{c.party}</th>
                  <td>
                    {c.obligations.met} {t('assistance.card.met')}, {c.obligations.open}{' '}
                    {t('assistance.card.open')}, {c.obligations.declined} {t('assistance.card.declined')}
                    {c.obligations.overdue > 0 && (
                      <span class="late">
                        , {c.obligations.overdue} {t('assistance.card.overdue')}
                      </span>
                    )}
                  </td>
                  <td>
                    {c.pledges} — {c.delivered} {t('assistance.card.delivered')}, {c.outstanding}{' '}
                    {t('assistance.card.outstanding')}
                    {c.withdrawn > 0 && `, ${c.withdrawn} ${t('assistance.card.withdrawn')}`}
                    {c.late > 0 && (
                      <span class="late">
                        , {c.late} {t('assistance.card.late')}
                      </span>
                    )}
                  </td>
                  <td>
                    {c.requests_made} / {c.requests_fulfilled}
                  </td>
                  <td>{hours(c.median_hours_to_first_pledge, c.first_pledge_samples)}</td>
                  <td>{hours(c.median_hours_to_delivery, c.delivery_samples)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
