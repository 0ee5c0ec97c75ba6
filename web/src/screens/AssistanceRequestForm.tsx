/**
 * Asking for assistance: category, the units it is counted in (francs CFA for funds), quantity, place,
 * needed-by day, priority, classification, and the duty-of-assistance case it answers when opened
 * from one (`?case=`). A party's officer asks for their party; an admin names it.
 */
import { useState } from 'preact/hooks';
import {
  ASSISTANCE_CATEGORIES,
  ASSISTANCE_PRIORITIES,
  CATEGORY_UNITS,
  type AssistanceCategory,
} from '../../../src/domain/assistance/assistance-category.ts';
import { api } from '../lib/api.ts';
import { categoryLabel, unitLabel, type RequestDetail } from '../lib/assistance-types.ts';
import { errorMessage } from '../lib/errors.ts';
import { t, useLang, type MessageKey } from '../lib/i18n.ts';
import { navigate, onLinkClick, type Route } from '../lib/router.ts';
import { session, useObservable } from '../lib/store.ts';
import './assistance.css';

const PARTIES = ['BFA', 'MLI', 'NER'];
const CLASSIFICATIONS = ['AES_RESTRICTED', 'PUBLIC', 'NATIONAL'] as const;

export function AssistanceRequestForm({ route }: { route: Route }) {
  useLang();
  const user = useObservable(session)?.user ?? null;
  const [category, setCategory] = useState<AssistanceCategory>('troops');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const caseId = route.query.get('case') ?? '';
  const admin = user?.role === 'admin';
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const v = (name: string) => String(f.get(name) ?? '').trim();
    setBusy(true);
    try {
      const made = await api.post<RequestDetail>('/api/assistance/requests', {
        ...(admin ? { party: v('party') } : {}),
        ...(v('case_id') === '' ? {} : { case_id: v('case_id') }),
        category,
        unit: v('unit'),
        quantity: Number(v('quantity')),
        place: v('place'),
        needed_by: v('needed_by'),
        priority: v('priority'),
        description: v('description'),
        classification: v('classification'),
      });
      navigate(`/assistance/${made.id}`);
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="assistance">
      <p>
        <a href="/assistance" onClick={(e) => onLinkClick(e, '/assistance')}>
          {t('assistance.detail.back')}
        </a>
      </p>
      <h1>{t('assistance.request.title')}</h1>
      {problem !== null && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}
      <form class="stacked request-form" onSubmit={(e) => void submit(e)}>
        {admin ? (
          <label>
            {t('assistance.request.party')}
            <select name="party" required>
              {PARTIES.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <p>
            {t('assistance.request.party')} : <strong>{user?.party ?? ''}</strong>
          </p>
        )}
        <label>
          {t('assistance.request.case')}
          <input name="case_id" defaultValue={caseId} maxLength={200} />
        </label>
        <label>
          {t('assistance.request.category')}
          <select
            name="category"
            value={category}
            onChange={(e) => setCategory(e.currentTarget.value as AssistanceCategory)}
          >
            {ASSISTANCE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {categoryLabel(c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('assistance.request.unit')}
          <select name="unit" key={category}>
            {CATEGORY_UNITS[category].map((u) => (
              <option key={u} value={u}>
                {unitLabel(u)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('assistance.request.quantity')}
          <input name="quantity" type="number" required min="0" step={category === 'funds' ? '1' : 'any'} />
        </label>
        <label>
          {t('assistance.request.place')}
          <input name="place" required maxLength={300} />
        </label>
        <label>
          {t('assistance.request.needed_by')}
          <input name="needed_by" type="date" required />
        </label>
        <label>
          {t('assistance.request.priority')}
          <select name="priority" defaultValue="high">
            {ASSISTANCE_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`assistance.priority.${p}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('assistance.request.classification')}
          <select name="classification">
            {CLASSIFICATIONS.map((c) => (
              <option key={c} value={c}>
                {t(`classification.${c}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label class="wide">
          {t('assistance.request.description')}
          <textarea name="description" rows={3} maxLength={4000} />
        </label>
        <button type="submit" disabled={busy}>
          {t('assistance.request.submit')}
        </button>
      </form>
    </div>
  );
}
