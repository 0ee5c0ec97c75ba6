/**
 * The Charter board: decisions waiting for the parties' unanimous assent (each decision-maker votes
 * for their party) and the duty-of-assistance cases with every party's obligation, its clock and what
 * is overdue; a party's liaison or decision-maker moves its obligation forward with a note.
 */
import { useEffect, useState } from 'preact/hooks';
import { useReason } from '../components/ReasonDialog.tsx';
import { api } from '../lib/api.ts';
import { OBLIGATION_NEXT, type AssistanceCase, type Decision, type Proposal } from '../lib/charter-types.ts';
import { CharterCases } from './CharterCases.tsx';
import { ProposalItem } from './CharterPanel.tsx';
import { errorMessage } from '../lib/errors.ts';
import { formatDateTime, formatNumber, t, useLang, type MessageKey } from '../lib/i18n.ts';
import { onLinkClick } from '../lib/router.ts';
import { session, useObservable } from '../lib/store.ts';

const CHOICES = ['assent', 'objection', 'abstention'] as const;

/** What a decision is about: an activation names its article, incident and victim. */
function decisionTitle(d: Decision): string {
  if (d.subject.kind !== 'activation') return t('charter.decision.other', { kind: d.subject.kind, id: d.id });
  return t('charter.decision', {
    article: d.subject.article ?? '?',
    incident: String(d.subject.incident_id ?? '?'),
    victim: d.subject.victim ?? '?',
  });
}

export function CharterBoard() {
  useLang();
  const user = useObservable(session)?.user ?? null;
  const [decisions, setDecisions] = useState<Decision[] | null>(null);
  const [cases, setCases] = useState<AssistanceCase[] | null>(null);
  const [proposals, setProposals] = useState<Proposal[] | null>(null);
  const [history, setHistory] = useState<Decision[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialog, ask] = useReason();
  const load = async () => {
    try {
      const [d, c, p, h] = await Promise.all([
        api.get<{ items: Decision[] }>('/api/charter/decisions'),
        api.get<{ items: AssistanceCase[] }>('/api/charter/cases'),
        api.get<{ items: Proposal[] }>('/api/charter/proposals', { limit: 100 }),
        api.get<{ items: Decision[] }>('/api/charter/decisions', { state: 'all' }),
      ]);
      setDecisions(d.items);
      setCases(c.items);
      setProposals(p.items);
      setHistory(h.items.filter((x) => x.state !== 'open'));
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };
  useEffect(() => void load(), []);
  const act = async (run: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await run();
      setProblem(null);
      setNotice(done);
      await load();
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const canReview = user !== null && (user.role === 'analyst' || user.role === 'admin');
  const review = async (p: Proposal, verdict: 'confirm' | 'reject') => {
    const reason = await ask(t('charter.review.prompt'));
    if (reason === null) return;
    await act(
      () => api.post(`/api/charter/proposals/${p.id}/review`, { version: p.version, verdict, reason }),
      t('charter.reviewed', { verdict, reason }),
    );
  };
  const mayVote = (d: Decision) =>
    user !== null && user.role === 'decision-maker' && user.party !== null && d.awaiting.includes(user.party);
  const mayAdvance = (party: string) =>
    user !== null &&
    (user.role === 'admin' ||
      ((user.role === 'liaison' || user.role === 'decision-maker') && user.party === party));
  const advance = async (c: AssistanceCase, party: string, state: string) => {
    const reason = await ask(t('charter.advance.prompt'));
    if (reason === null) return;
    await act(
      () =>
        api.post(`/api/charter/cases/${encodeURIComponent(c.id)}/obligations/${party}`, { state, reason }),
      t('charter.advanced'),
    );
  };
  return (
    <section class="charter" aria-labelledby="charter-title">
      {dialog}
      <h1 id="charter-title">{t('charter.title')}</h1>
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
      <h2>{t('charter.proposals')}</h2>
      {proposals !== null && proposals.length === 0 && <p>{t('charter.proposals.none')}</p>}
      <ul class="proposals">
        {(proposals ?? []).map((p) => (
          <ProposalItem
            key={p.id}
            proposal={p}
            canReview={canReview}
            busy={busy}
            onReview={(verdict) => void review(p, verdict)}
          >
            <a
              href={`/incidents/${p.incident_id}`}
              onClick={(e) => onLinkClick(e, `/incidents/${p.incident_id}`)}
            >
              {t('detail.title', { id: p.incident_id })}
            </a>
          </ProposalItem>
        ))}
      </ul>
      <h2>{t('charter.decisions')}</h2>
      {decisions !== null && decisions.length === 0 && <p>{t('charter.decisions.none')}</p>}
      <ul class="decisions">
        {(decisions ?? []).map((d) => (
          <li key={d.id} class="card">
            <p>
              <strong>{decisionTitle(d)}</strong>
            </p>
            {d.subject.incident_id !== null && (
              <a
                href={`/incidents/${d.subject.incident_id}`}
                onClick={(e) => onLinkClick(e, `/incidents/${d.subject.incident_id}`)}
              >
                {t('detail.title', { id: d.subject.incident_id })}
              </a>
            )}
            <table class="votes">
              <tbody>
                {d.votes.map((v) => (
                  <tr key={v.party}>
                    <th scope="row">{v.party}</th>
                    <td>{v.choice === null ? '—' : t(`charter.vote.${v.choice}` as MessageKey)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p class="help">{d.explanation}</p>
            {d.awaiting.length > 0 && <p>{t('charter.awaiting', { parties: d.awaiting.join(', ') })}</p>}
            {d.deadline !== null && <p>{t('charter.deadline', { date: formatDateTime(d.deadline) })}</p>}
            {mayVote(d) && (
              <div class="actions">
                {CHOICES.map((choice) => (
                  <button
                    key={choice}
                    type="button"
                    class={choice === 'assent' ? 'primary' : ''}
                    disabled={busy}
                    onClick={() =>
                      void act(
                        () =>
                          api.post(`/api/charter/decisions/${encodeURIComponent(d.id)}/votes`, { choice }),
                        t('charter.vote.done'),
                      )
                    }
                  >
                    {t(`charter.vote.${choice}`)} ({user?.party})
                  </button>
                ))}
              </div>
            )}
          </li>
        ))}
      </ul>
      <h2>{t('charter.cases')}</h2>
      {cases !== null && cases.length === 0 && <p>{t('charter.cases.none')}</p>}
      <ul class="cases">
        {(cases ?? []).map((c) => (
          <li key={c.id} class="card">
            <p>
              <strong>
                {t('charter.case', {
                  id: c.id,
                  article: c.article,
                  incident: String(c.incident_id),
                  victim: c.victim,
                  hours: formatNumber(Math.round(c.hours_since_activation)),
                })}
              </strong>
            </p>
            <table class="obligations">
              <tbody>
                {c.obligations.map((o) => (
                  <tr key={o.party} class={o.overdue.length > 0 ? 'late' : ''}>
                    <th scope="row">{o.party}</th>
                    <td>
                      {t('charter.obligation.state', {
                        state: t(`obligation.${o.state}` as MessageKey),
                        hours: formatNumber(Math.round(o.hours_in_state)),
                      })}
                      {o.overdue.map((late) => (
                        <div key={late.expected} class="error">
                          {t('charter.overdue', {
                            expected: t(`obligation.${late.expected}` as MessageKey),
                            date: formatDateTime(late.due_at),
                          })}
                        </div>
                      ))}
                    </td>
                    <td>
                      {mayAdvance(o.party) &&
                        (OBLIGATION_NEXT[o.state] ?? []).map((next) => (
                          <button
                            key={next}
                            type="button"
                            disabled={busy}
                            onClick={() => void advance(c, o.party, next)}
                          >
                            {t('charter.advance', { state: t(`obligation.${next}` as MessageKey) })}
                          </button>
                        ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p class="case-assistance">
              <a
                href={`/assistance?case_id=${encodeURIComponent(c.id)}`}
                onClick={(e) => onLinkClick(e, `/assistance?case_id=${encodeURIComponent(c.id)}`)}
              >
                {t('assistance.case.requests')}
              </a>
              {(user?.role === 'admin' ||
                ((user?.role === 'liaison' || user?.role === 'decision-maker') &&
                  user.party === c.victim)) && (
                <>
                  {' · '}
                  <a
                    href={`/assistance/new?case=${encodeURIComponent(c.id)}`}
                    onClick={(e) => onLinkClick(e, `/assistance/new?case=${encodeURIComponent(c.id)}`)}
                  >
                    {t('assistance.request.case.link')}
                  </a>
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
      <CharterCases />
      <h2>{t('charter.history')}</h2>
      {history !== null && history.length === 0 && <p>{t('charter.history.none')}</p>}
      <ul class="decisions">
        {(history ?? []).map((d) => (
          <li key={d.id} class="card">
            <p>
              <strong>{decisionTitle(d)}</strong> — {t(`charter.outcome.${d.state}` as MessageKey)}
              {d.closed_at === null ? '' : `, ${formatDateTime(d.closed_at)}`}
            </p>
            <p class="help">{d.explanation}</p>
            <ol class="ballots">
              {d.ballots.map((b, i) => (
                <li key={i}>
                  {formatDateTime(b.at)} — {b.party}: {t(`charter.vote.${b.choice}` as MessageKey)}
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ul>
    </section>
  );
}
