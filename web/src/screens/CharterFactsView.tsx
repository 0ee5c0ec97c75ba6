/** The facts the Charter rules read beyond ACLED's coding; analysts set them with a reason. */
import { useState } from 'preact/hooks';
// The vocabularies are the domain's own (pure code, bundled): one list, never a copy to keep in step.
import { DESIGNATIONS } from '../../../src/domain/actor.ts';
import { TARGETS } from '../../../src/domain/charter/incident-input.ts';
import { api } from '../lib/api.ts';
import { errorMessage } from '../lib/errors.ts';
import { t, useLang, type MessageKey } from '../lib/i18n.ts';
import type { CharterFacts, Incident } from '../lib/types.ts';

const KEYS = [
  'target',
  'launched_from',
  'territory_seized',
  'actor1_type',
  'actor1_state',
  'actor2_type',
  'actor2_state',
] as const;

function show(key: (typeof KEYS)[number], value: string | boolean | null): string {
  if (value === null) return t('facts.unknown');
  if (typeof value === 'boolean') return t(value ? 'facts.yes' : 'facts.no');
  if (key === 'target') return t(`target.${value}` as MessageKey);
  if (key === 'actor1_type' || key === 'actor2_type') return t(`designation.${value}` as MessageKey);
  return value;
}

export function CharterFactsView(props: { incident: Incident; canEdit: boolean; onSaved: () => void }) {
  useLang();
  const facts: CharterFacts | undefined = props.incident.charter_facts;
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (facts === undefined) return null;
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (k: string) => {
      const v = String(form.get(k) ?? '').trim();
      return v === '' ? null : v;
    };
    const seized = text('territory_seized');
    const next: CharterFacts = {
      target: text('target'),
      launched_from: text('launched_from')?.toUpperCase() ?? null,
      territory_seized: seized === null ? null : seized === 'true',
      actor1_type: text('actor1_type'),
      actor1_state: text('actor1_state')?.toUpperCase() ?? null,
      actor2_type: text('actor2_type'),
      actor2_state: text('actor2_state')?.toUpperCase() ?? null,
    };
    try {
      await api.patch(`/api/incidents/${props.incident.id}`, { reason: text('reason'), charter_facts: next });
      setEditing(false);
      setProblem(null);
      props.onSaved();
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };
  const choice = (name: string, values: readonly string[], prefix: string, current: string | null) => (
    <select name={name} defaultValue={current ?? ''}>
      <option value="">{t('facts.unknown')}</option>
      {values.map((v) => (
        <option key={v} value={v}>
          {t(`${prefix}.${v}` as MessageKey)}
        </option>
      ))}
    </select>
  );
  const iso3 = (name: string, current: string | null) => (
    <input name={name} defaultValue={current ?? ''} pattern="[A-Za-z]{3}" maxLength={3} size={4} />
  );
  return (
    <section class="charter-facts" aria-labelledby="facts-title">
      <h3 id="facts-title">{t('facts.title')}</h3>
      {!editing ? (
        <>
          <dl class="coding">
            {KEYS.map((k) => (
              <div key={k}>
                <dt>{t(`facts.${k}`)}</dt>
                <dd>{show(k, facts[k])}</dd>
              </div>
            ))}
          </dl>
          {props.canEdit && (
            <button type="button" onClick={() => setEditing(true)}>
              {t('facts.edit')}
            </button>
          )}
        </>
      ) : (
        <form class="edit" onSubmit={(e) => void submit(e)}>
          <label>
            {t('facts.target')}
            {choice('target', TARGETS, 'target', facts.target)}
          </label>
          <label>
            {t('facts.launched_from')}
            {iso3('launched_from', facts.launched_from)}
          </label>
          <label>
            {t('facts.territory_seized')}
            <select
              name="territory_seized"
              defaultValue={facts.territory_seized === null ? '' : String(facts.territory_seized)}
            >
              <option value="">{t('facts.unknown')}</option>
              <option value="true">{t('facts.yes')}</option>
              <option value="false">{t('facts.no')}</option>
            </select>
          </label>
          <label>
            {t('facts.actor1_type')}
            {choice('actor1_type', DESIGNATIONS, 'designation', facts.actor1_type)}
          </label>
          <label>
            {t('facts.actor1_state')}
            {iso3('actor1_state', facts.actor1_state)}
          </label>
          <label>
            {t('facts.actor2_type')}
            {choice('actor2_type', DESIGNATIONS, 'designation', facts.actor2_type)}
          </label>
          <label>
            {t('facts.actor2_state')}
            {iso3('actor2_state', facts.actor2_state)}
          </label>
          <label>
            {t('detail.reason')}
            <input name="reason" required minLength={3} maxLength={2000} />
          </label>
          <div class="actions">
            <button type="submit" class="primary">
              {t('detail.save')}
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              {t('detail.cancel')}
            </button>
          </div>
          {problem !== null && (
            <p class="error" role="alert">
              {problem}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
