/**
 * The Charter articles an incident engages, as the rules engine proposes them with their reasons and
 * the clauses quoted; analysts evaluate, confirm or set aside (people decide, the engine proposes).
 */
import { useEffect, useState } from 'preact/hooks';
import { useReason } from '../components/ReasonDialog.tsx';
import { api } from '../lib/api.ts';
import type { Proposal } from '../lib/charter-types.ts';
import { errorMessage } from '../lib/errors.ts';
import { lang, t, useLang, type MessageKey } from '../lib/i18n.ts';

export function CharterPanel({ incidentId, canReview }: { incidentId: number; canReview: boolean }) {
  useLang();
  const [proposals, setProposals] = useState<Proposal[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialog, ask] = useReason();
  const load = () =>
    api.get<{ proposals: Proposal[] }>(`/api/incidents/${incidentId}/charter`).then(
      (r) => setProposals(r.proposals),
      (e: unknown) => setProblem(errorMessage(e)),
    );
  useEffect(() => void load(), [incidentId]);
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
  const review = async (p: Proposal, verdict: 'confirm' | 'reject') => {
    const reason = await ask(t('charter.review.prompt'));
    if (reason === null) return;
    await act(() =>
      api.post(`/api/charter/proposals/${p.id}/review`, { version: p.version, verdict, reason }),
    );
  };
  const shown = (proposals ?? []).filter((p) => p.status !== 'not_engaged');
  return (
    <section class="charter-panel" aria-labelledby="charter-panel-title">
      {dialog}
      <h2 id="charter-panel-title">{t('charter.panel')}</h2>
      {canReview && (
        <button
          type="button"
          disabled={busy}
          onClick={() => void act(() => api.post(`/api/incidents/${incidentId}/charter/evaluate`, {}))}
        >
          {t('charter.evaluate')}
        </button>
      )}
      {problem !== null && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {proposals !== null && shown.length === 0 && <p>{t('charter.none')}</p>}
      <ul class="proposals">
        {shown.map((p) => (
          <ProposalItem
            key={p.id}
            proposal={p}
            canReview={canReview}
            busy={busy}
            onReview={(v) => void review(p, v)}
          />
        ))}
      </ul>
    </section>
  );
}

/** One proposal: article, engine status and review state, reasons with the clause quoted in the user's language. */
export function ProposalItem(props: {
  proposal: Proposal;
  canReview: boolean;
  busy: boolean;
  onReview: (verdict: 'confirm' | 'reject') => void;
  children?: preact.ComponentChildren;
}) {
  const p = props.proposal;
  return (
    <li class={`proposal p-${p.state}`}>
      <p>
        <strong>{t('charter.article', { article: p.article })}</strong> ·{' '}
        {t(`charter.status.${p.status}` as MessageKey)} ·{' '}
        <span class="state">{t(`charter.state.${p.state}`)}</span> · v{p.version} · {p.treaty}
      </p>
      {props.children}
      <ul class="reasons">
        {p.reasons.map((r, i) => (
          <li key={i}>
            <code>{r.fact}</code> = {JSON.stringify(r.value)} — <em>{r.clause}</em>
            {(lang() === 'fr' ? r.text_fr : r.text_en) !== null && (
              <q>{lang() === 'fr' ? r.text_fr : r.text_en}</q>
            )}
          </li>
        ))}
      </ul>
      {p.missing.length > 0 && <p class="help">{t('charter.missing', { facts: p.missing.join(', ') })}</p>}
      {p.obligations.length > 0 && (
        <p>
          {t('charter.obligations', { list: p.obligations.map((o) => `${o.party}: ${o.duty}`).join(' · ') })}
        </p>
      )}
      {p.review !== null && (
        <p>{t('charter.reviewed', { verdict: p.review.verdict, reason: p.review.reason })}</p>
      )}
      {props.canReview && p.state === 'open' && (
        <div class="actions">
          <button
            type="button"
            class="primary"
            disabled={props.busy}
            onClick={() => props.onReview('confirm')}
          >
            {t('charter.confirm')}
          </button>
          <button type="button" disabled={props.busy} onClick={() => props.onReview('reject')}>
            {t('charter.reject')}
          </button>
        </div>
      )}
    </li>
  );
}
