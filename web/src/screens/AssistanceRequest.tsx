/**
 * One assistance request: what was asked, its roll-up, its pledges with what each sent and what
 * arrived, the dispatches and receipts, and its history. The forms appear to whom may use them: other
 * parties' officers pledge, the pledging party sends, the requesting party confirms receipt or cancels
 * (admins act on a party's behalf). The server refuses what breaks a rule, with a message shown here.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { categoryLabel, unitLabel, type RequestDetail } from '../lib/assistance-types.ts';
import { errorMessage } from '../lib/errors.ts';
import { formatDateTime, formatDay, formatNumber, t, useLang, type MessageKey } from '../lib/i18n.ts';
import { onLinkClick } from '../lib/router.ts';
import { session, useDeclareShown, useObservable } from '../lib/store.ts';
import { RollUpBars } from './AssistanceBoard.tsx';
import './assistance.css';

const PARTIES = ['BFA', 'MLI', 'NER'];
const today = (): string => new Date().toISOString().slice(0, 10);
const text = (form: FormData, name: string): string => String(form.get(name) ?? '').trim();
const optional = (value: string): string | null => (value === '' ? null : value);

export function AssistanceRequest({ id }: { id: number }) {
  useLang();
  const user = useObservable(session)?.user ?? null;
  const [r, setR] = useState<RequestDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // The banner shows the highest classification of the requests on screen.
  useDeclareShown('assistance-request', r === null ? [] : [r.classification]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api
      .get<RequestDetail>(`/api/assistance/requests/${id}`)
      .then(setR)
      .catch((e: unknown) => setProblem(errorMessage(e)));
  }, [id]);
  const act = async (form: HTMLFormElement, path: string, body: object) => {
    setBusy(true);
    try {
      setR(await api.post<RequestDetail>(`/api/assistance/requests/${id}/${path}`, body));
      setProblem(null);
      form.reset();
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const back = (
    <p>
      <a href="/assistance" onClick={(e) => onLinkClick(e, '/assistance')}>
        {t('assistance.detail.back')}
      </a>
    </p>
  );
  if (r === null)
    return (
      <div class="assistance">
        {back}
        {problem !== null ? (
          <p role="alert" class="error">
            {problem}
          </p>
        ) : (
          <p>{t('loading')}</p>
        )}
      </div>
    );
  const admin = user?.role === 'admin';
  const officer =
    user !== null && (user.role === 'liaison' || user.role === 'decision-maker') && user.party !== null;
  const open = r.state === 'open' && r.rollup.stage !== 'fulfilled';
  const actsFor = (party: string) => admin || (officer && user?.party === party);
  const mayPledge = open && r.rollup.outstanding > 0 && (admin || (officer && user?.party !== r.party));
  const funds = r.category === 'funds';
  const unit = unitLabel(r.unit);

  const onPledge = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const pledgeUnit = funds ? text(f, 'unit') || r.unit : r.unit;
    void act(form, 'pledges', {
      ...(admin ? { party: text(f, 'party') } : {}),
      quantity: Number(text(f, 'quantity')),
      unit: pledgeUnit,
      ...(pledgeUnit !== r.unit ? { rate: Number(text(f, 'rate')), rate_date: text(f, 'rate_date') } : {}),
      available_from: text(f, 'available_from'),
      note: optional(text(f, 'note')),
    });
  };
  const onDispatch = (pledgeId: number) => (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    void act(form, 'dispatches', {
      pledge_id: pledgeId,
      quantity: Number(text(f, 'quantity')),
      expected_by: optional(text(f, 'expected_by')),
      reference: optional(text(f, 'reference')),
    });
  };
  const onReceipt = (dispatchId: number) => (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    void act(form, 'receipts', {
      dispatch_id: dispatchId,
      quantity: Number(text(f, 'quantity')),
      note: optional(text(f, 'note')),
    });
  };
  const onWithdraw = (pledgeId: number) => (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    void act(form, 'withdrawals', { pledge_id: pledgeId, reason: text(new FormData(form), 'reason') });
  };
  const onCancel = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    void act(form, 'cancel', { reason: text(new FormData(form), 'reason') });
  };

  return (
    <div class="assistance">
      {back}
      <h1>
        {t('assistance.detail.title', { id: String(r.id) })} —{' '}
        {t('assistance.summary', {
          category: categoryLabel(r.category),
          quantity: r.quantity,
          unit,
          place: r.place,
        })}
      </h1>
      <p>
        {t('assistance.by', { party: r.party })} · {t('assistance.needed', { day: formatDay(r.needed_by) })} ·{' '}
        {t('assistance.priority', { priority: t(`assistance.priority.${r.priority}` as MessageKey) })} ·{' '}
        {t('assistance.detail.classification')} : {t(`classification.${r.classification}` as MessageKey)}
        {r.rollup.overdue && (
          <>
            {' '}
            · <span class="late">{t('assistance.overdue')}</span>
          </>
        )}
      </p>
      {r.case_id !== null && (
        <p>
          <a href={`/charter`} onClick={(e) => onLinkClick(e, '/charter')}>
            {t('assistance.case', { id: r.case_id })}
          </a>
        </p>
      )}
      {r.description !== '' && <p>{r.description}</p>}
      {r.cancelled !== null && (
        <p class="late">
          {t('assistance.detail.state.cancelled', {
            at: formatDateTime(r.cancelled.at),
            reason: r.cancelled.reason,
          })}
        </p>
      )}
      <RollUpBars rollup={r.rollup} unit={r.unit} />
      <p class="help">
        {r.rollup.outstanding > 0 && t('assistance.outstanding', { quantity: r.rollup.outstanding, unit })}{' '}
        {r.rollup.in_transit > 0 && t('assistance.intransit', { quantity: r.rollup.in_transit, unit })}
      </p>
      {problem !== null && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}

      <h2>{t('assistance.pledges')}</h2>
      {r.pledges.length === 0 ? (
        <p>{t('assistance.pledges.none')}</p>
      ) : (
        <table class="pledges">
          <thead>
            <tr>
              <th scope="col">{t('assistance.col.party')}</th>
              <th scope="col" class="num">
                {t('assistance.col.quantity')}
              </th>
              <th scope="col">{t('assistance.col.available')}</th>
              <th scope="col" class="num">
                {t('assistance.col.sent')}
              </th>
              <th scope="col" class="num">
                {t('assistance.col.received')}
              </th>
              <th scope="col">{t('assistance.col.note')}</th>
            </tr>
          </thead>
          <tbody>
            {r.pledges.map((p) => {
              const left = p.standing - p.dispatched;
              return (
                <tr key={p.id} class={p.late ? 'late' : ''}>
                  <th scope="row">{p.party}</th>
                  <td class="num">
                    {formatNumber(p.quantity)} {unitLabel(p.unit)}
                    {p.unit !== r.unit && p.rate_date !== null && (
                      <>
                        <br />
                        <span class="help">
                          {t('assistance.rate', { rate: p.rate, day: formatDay(p.rate_date) })} ={' '}
                          {formatNumber(p.counted)} {unit}
                        </span>
                      </>
                    )}
                  </td>
                  <td>
                    {formatDay(p.available_from)}
                    {p.late && <span class="late"> ({t('assistance.late')})</span>}
                  </td>
                  <td class="num">
                    {formatNumber(p.dispatched)} ({t(`assistance.status.${p.dispatch_status}` as MessageKey)})
                  </td>
                  <td class="num">
                    {formatNumber(p.received)} ({t(`assistance.status.${p.receipt_status}` as MessageKey)})
                  </td>
                  <td>
                    {p.note ?? ''}
                    {p.withdrawn !== null && (
                      <p class="help">
                        {t('assistance.withdrawn', {
                          quantity: p.withdrawn.quantity,
                          unit: unitLabel(p.unit),
                          reason: p.withdrawn.reason,
                        })}
                      </p>
                    )}
                    {r.state === 'open' && left > 0 && actsFor(p.party) && (
                      <form class="inline-form dispatch-form" onSubmit={onDispatch(p.id)}>
                        <label>
                          {t('assistance.form.quantity')} (
                          {t('assistance.form.left', { quantity: left, unit: unitLabel(p.unit) })})
                          <input name="quantity" type="number" required min="0" step="any" max={left} />
                        </label>
                        <label>
                          {t('assistance.form.expected')}
                          <input name="expected_by" type="date" />
                        </label>
                        <label>
                          {t('assistance.form.reference')}
                          <input name="reference" maxLength={300} />
                        </label>
                        <button type="submit" disabled={busy}>
                          {t('assistance.form.dispatch.submit')}
                        </button>
                      </form>
                    )}
                    {r.state === 'open' && left > 0 && p.withdrawn === null && actsFor(p.party) && (
                      <form class="inline-form withdraw-form" onSubmit={onWithdraw(p.id)}>
                        <label>
                          {t('assistance.form.withdraw.reason')}
                          <input name="reason" required maxLength={2000} />
                        </label>
                        <button type="submit" disabled={busy}>
                          {t('assistance.form.withdraw.submit')}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      {mayPledge && (
        <>
          <h2>{t('assistance.form.pledge', { party: admin ? '…' : (user?.party ?? '') })}</h2>
          <form class="stacked pledge-form" onSubmit={onPledge}>
            {admin && (
              <label>
                {t('assistance.form.party')}
                <select name="party" required>
                  {PARTIES.filter((p) => p !== r.party).map((p) => (
                    <option key={p} value={p}>
                      {p}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              {t('assistance.form.quantity')} (
              {t('assistance.form.left', { quantity: r.rollup.outstanding, unit })})
              <input name="quantity" type="number" required min="0" step="any" />
            </label>
            {funds && (
              <>
                <label>
                  {t('assistance.form.unit')}
                  <input name="unit" defaultValue={r.unit} pattern="[A-Z]{3}" maxLength={3} />
                </label>
                <label>
                  {t('assistance.form.rate')}
                  <input name="rate" type="number" min="0" step="any" />
                </label>
                <label>
                  {t('assistance.form.rate_date')}
                  <input name="rate_date" type="date" />
                </label>
              </>
            )}
            <label>
              {t('assistance.form.available')}
              <input name="available_from" type="date" required defaultValue={today()} />
            </label>
            <label class="wide">
              {t('assistance.form.note')}
              <input name="note" maxLength={2000} />
            </label>
            <button type="submit" disabled={busy}>
              {t('assistance.form.pledge.submit')}
            </button>
          </form>
        </>
      )}

      <h2>{t('assistance.dispatches')}</h2>
      {r.dispatches.length === 0 ? (
        <p>{t('assistance.dispatches.none')}</p>
      ) : (
        <table class="dispatches">
          <thead>
            <tr>
              <th scope="col">{t('assistance.col.party')}</th>
              <th scope="col" class="num">
                {t('assistance.col.quantity')}
              </th>
              <th scope="col">{t('assistance.col.when')}</th>
              <th scope="col">{t('assistance.col.expected')}</th>
              <th scope="col">{t('assistance.col.reference')}</th>
              <th scope="col" class="num">
                {t('assistance.col.received')}
              </th>
            </tr>
          </thead>
          <tbody>
            {r.dispatches.map((d) => {
              const left = d.quantity - d.received;
              return (
                <tr key={d.id} class={d.late ? 'late' : ''}>
                  <th scope="row">{d.party}</th>
                  <td class="num">
                    {formatNumber(d.quantity)} {unitLabel(d.unit)}
                  </td>
                  <td>{formatDateTime(d.sent_at)}</td>
                  <td>
                    {d.expected_by === null ? '' : formatDay(d.expected_by)}
                    {d.late && <span class="late"> ({t('assistance.late')})</span>}
                  </td>
                  <td>{d.reference ?? ''}</td>
                  <td class="num">
                    {formatNumber(d.received)} ({t(`assistance.status.${d.receipt_status}` as MessageKey)})
                    {left > 0 && actsFor(r.party) && (
                      <form class="inline-form receipt-form" onSubmit={onReceipt(d.id)}>
                        <label>
                          {t('assistance.form.receipt')} (
                          {t('assistance.form.left', { quantity: left, unit: unitLabel(d.unit) })})
                          <input name="quantity" type="number" required min="0" step="any" max={left} />
                        </label>
                        <label>
                          {t('assistance.form.note')}
                          <input name="note" maxLength={2000} />
                        </label>
                        <button type="submit" disabled={busy}>
                          {t('assistance.form.receipt.submit')}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <h2>{t('assistance.history')}</h2>
      <ol class="history">
        {r.history.map((h, i) => (
          <li key={i}>
            {formatDateTime(h.at)} —{' '}
            {t(`assistance.history.${h.kind}` as MessageKey, {
              party: h.party,
              quantity: h.quantity ?? 0,
              unit: h.unit === null ? '' : unitLabel(h.unit),
            })}
            {h.note !== null && ` — ${h.note}`}
          </li>
        ))}
      </ol>

      {open && actsFor(r.party) && (
        <>
          <h2>{t('assistance.form.cancel')}</h2>
          <form class="inline-form" onSubmit={onCancel}>
            <label>
              {t('assistance.form.cancel.reason')}
              <input name="reason" required maxLength={2000} />
            </label>
            <button type="submit" disabled={busy}>
              {t('assistance.form.cancel.submit')}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
