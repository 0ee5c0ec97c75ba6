/**
 * Art. 5 rebellion cases (the escalation ladder: peaceful means first) and Art. 8 consultations
 * between the parties concerned, on the Charter board.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { ESCALATION_LEVELS, type Consultation, type RebellionCase } from '../lib/charter-types.ts';
import { errorMessage } from '../lib/errors.ts';
import { formatDateTime, t, useLang, type MessageKey } from '../lib/i18n.ts';
import { onLinkClick } from '../lib/router.ts';
import { session, useObservable } from '../lib/store.ts';

function IncidentLinks({ ids }: { ids: readonly number[] }) {
  return (
    <>
      {ids.map((id, i) => (
        <span key={id}>
          {i > 0 ? ', ' : ''}
          <a href={`/incidents/${id}`} onClick={(e) => onLinkClick(e, `/incidents/${id}`)}>
            n° {id}
          </a>
        </span>
      ))}
    </>
  );
}

export function CharterCases() {
  useLang();
  const user = useObservable(session)?.user ?? null;
  const [rebellions, setRebellions] = useState<RebellionCase[] | null>(null);
  const [consultations, setConsultations] = useState<Consultation[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = async () => {
    try {
      const [r, c] = await Promise.all([
        api.get<{ items: RebellionCase[] }>('/api/charter/rebellion-cases'),
        api.get<{ items: Consultation[] }>('/api/charter/consultations'),
      ]);
      setRebellions(r.items);
      setConsultations(c.items);
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };
  useEffect(() => void load(), []);
  const act = async (run: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await run();
      setProblem(null);
      await load();
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const mayAct = user !== null && user.role !== 'observer';
  const addStep = (c: RebellionCase) => async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const level = String(form.get('level') ?? '');
    const means = String(form.get('peaceful_means') ?? '')
      .split(/[;\n]/)
      .map((m) => m.trim())
      .filter((m) => m !== '');
    const note = String(form.get('note') ?? '').trim();
    await act(() =>
      api.post(`/api/charter/rebellion-cases/${encodeURIComponent(c.id)}/steps`, {
        level,
        ...(means.length === 0 ? {} : { peaceful_means: means }),
        note: note === '' ? null : note,
      }),
    );
  };
  const addStatement = (c: Consultation) => async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const text = String(new FormData(form).get('text') ?? '').trim();
    if (text === '') return;
    await act(() => api.post(`/api/charter/consultations/${encodeURIComponent(c.id)}/statements`, { text }));
    form.reset();
  };
  return (
    <>
      {problem !== null && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}
      <h2>{t('charter.rebellions')}</h2>
      {rebellions !== null && rebellions.length === 0 && <p>{t('charter.rebellions.none')}</p>}
      <ul class="decisions rebellions">
        {(rebellions ?? []).map((c) => (
          <li key={c.id} class="card">
            <p>
              <strong>
                {t('charter.rebellion', { party: c.party, level: t(`level.${c.level}` as MessageKey) })}
              </strong>
              {c.closed !== null && ` — ${t('charter.closed', { outcome: c.closed.outcome })}`}
            </p>
            <p>
              {t('charter.incidents')} <IncidentLinks ids={c.incident_ids} />
            </p>
            {!c.has_peaceful_step && <p class="help">{t('charter.peaceful.first')}</p>}
            <ol class="steps">
              {c.steps.map((s, i) => (
                <li key={i}>
                  {formatDateTime(s.at)} — {t(`level.${s.level}` as MessageKey)}
                  {s.peaceful_means.length > 0 && ` (${s.peaceful_means.join('; ')})`}
                  {s.note !== null && ` — ${s.note}`}
                </li>
              ))}
            </ol>
            {mayAct && c.closed === null && (
              <form class="inline-form" onSubmit={(e) => void addStep(c)(e)}>
                <label>
                  {t('charter.step.level')}
                  <select name="level">
                    {ESCALATION_LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {t(`level.${l}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t('charter.step.means')}
                  <input name="peaceful_means" maxLength={2000} />
                </label>
                <label>
                  {t('charter.step.note')}
                  <input name="note" maxLength={4000} />
                </label>
                <button type="submit" disabled={busy}>
                  {t('charter.step.add')}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      <h2>{t('charter.consultations')}</h2>
      {consultations !== null && consultations.length === 0 && <p>{t('charter.consultations.none')}</p>}
      <ul class="decisions consultations">
        {(consultations ?? []).map((c) => (
          <li key={c.id} class="card">
            <p>
              <strong>{c.subject}</strong> — {t('charter.concerned', { parties: c.concerned.join(', ') })}
              {c.closed !== null && ` — ${t('charter.closed', { outcome: c.closed.outcome })}`}
            </p>
            {c.incident_id !== null && (
              <p>
                {t('charter.incidents')} <IncidentLinks ids={[c.incident_id]} />
              </p>
            )}
            <ol class="statements">
              {c.statements.map((s, i) => (
                <li key={i}>
                  {formatDateTime(s.at)} — <strong>{s.party}</strong> : {s.text}
                </li>
              ))}
            </ol>
            {c.closed === null &&
              user !== null &&
              user.party !== null &&
              c.concerned.includes(user.party) &&
              (user.role === 'liaison' || user.role === 'decision-maker') && (
                <form class="inline-form" onSubmit={(e) => void addStatement(c)(e)}>
                  <label>
                    {t('charter.statement', { party: user.party })}
                    <input name="text" required maxLength={20000} />
                  </label>
                  <button type="submit" disabled={busy}>
                    {t('charter.statement.add')}
                  </button>
                </form>
              )}
          </li>
        ))}
      </ul>
    </>
  );
}
