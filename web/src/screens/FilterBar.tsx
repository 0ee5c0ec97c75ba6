/** Filters shared by map, timeline and list: country, region, type and sub-type, actor, status, text. */
import { useEffect, useState } from 'preact/hooks';
import type { FILTER_KEYS, Filter } from '../lib/filters.ts';
import { lang, t, typeLabel, useLang } from '../lib/i18n.ts';
import type { Labels, Taxonomy } from '../lib/types.ts';

const COUNTRIES: Record<string, { fr: string; en: string }> = {
  MLI: { fr: 'Mali', en: 'Mali' },
  BFA: { fr: 'Burkina Faso', en: 'Burkina Faso' },
  NER: { fr: 'Niger', en: 'Niger' },
};
const STATUSES = ['machine-coded', 'reported', 'verified', 'rejected'] as const;

interface Props {
  readonly filter: Filter;
  readonly taxonomy: Taxonomy | null;
  readonly labels: Labels | null;
  readonly onChange: (changes: Partial<Record<(typeof FILTER_KEYS)[number], string>>) => void;
}

export function FilterBar({ filter, taxonomy, labels, onChange }: Props) {
  useLang();
  const [actor, setActor] = useState(filter.actor);
  const [q, setQ] = useState(filter.q);
  useEffect(() => setActor(filter.actor), [filter.actor]);
  useEffect(() => setQ(filter.q), [filter.q]);
  const subTypes = taxonomy?.event_types.find((e) => e.name === filter.event_type)?.sub_event_types ?? [];
  const regions = (labels?.admin1 ?? [])
    .filter((u) => filter.country === '' || u.country === filter.country)
    .sort((a, b) => a.name[lang()].localeCompare(b.name[lang()]));
  return (
    <form
      class="filters"
      aria-label={t('filters.title')}
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ actor: actor.trim(), q: q.trim() });
      }}
    >
      <label>
        {t('filters.country')}
        <select
          name="country"
          value={filter.country}
          onChange={(e) => onChange({ country: e.currentTarget.value, admin1: '' })}
        >
          <option value="">{t('filters.all')}</option>
          {Object.entries(COUNTRIES).map(([code, name]) => (
            <option key={code} value={code}>
              {name[lang()]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.admin1')}
        <select
          name="admin1"
          value={filter.admin1}
          onChange={(e) => onChange({ admin1: e.currentTarget.value })}
        >
          <option value="">{t('filters.all')}</option>
          {regions.map((u) => (
            <option key={u.code} value={u.name.en}>
              {u.name[lang()]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.event_type')}
        <select
          name="event_type"
          value={filter.event_type}
          onChange={(e) => onChange({ event_type: e.currentTarget.value, sub_event_type: '' })}
        >
          <option value="">{t('filters.all')}</option>
          {(taxonomy?.event_types ?? []).map((e) => (
            <option key={e.name} value={e.name}>
              {typeLabel(e.name)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.sub_event_type')}
        <select
          name="sub_event_type"
          value={filter.sub_event_type}
          disabled={subTypes.length === 0}
          onChange={(e) => onChange({ sub_event_type: e.currentTarget.value })}
        >
          <option value="">{t('filters.all')}</option>
          {subTypes.map((s) => (
            <option key={s.name} value={s.name}>
              {typeLabel(s.name)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.status')}
        <select
          name="status"
          value={filter.status}
          onChange={(e) => onChange({ status: e.currentTarget.value })}
        >
          <option value="">{t('filters.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.actor')}
        <input name="actor" value={actor} maxLength={200} onInput={(e) => setActor(e.currentTarget.value)} />
      </label>
      <label>
        {t('filters.q')}
        <input
          name="q"
          type="search"
          value={q}
          maxLength={500}
          onInput={(e) => setQ(e.currentTarget.value)}
        />
      </label>
      <div class="filter-actions">
        <button type="submit">{t('filters.apply')}</button>
        <button
          type="button"
          onClick={() =>
            onChange({
              country: '',
              admin1: '',
              event_type: '',
              sub_event_type: '',
              actor: '',
              status: '',
              q: '',
            })
          }
        >
          {t('filters.reset')}
        </button>
      </div>
    </form>
  );
}
