/**
 * The export menu of the situation screen: downloads of every incident of the current filters (the
 * server streams them, and applies the caller's classification), and links to the feeds. A native
 * <details> element: keyboard-usable and announced without script.
 */
import { withQuery } from '../lib/api.ts';
import { filterParams, type Filter } from '../lib/filters.ts';
import { t } from '../lib/i18n.ts';

const EXPORTS = [
  { path: '/api/exports/incidents.geojson', label: 'exports.geojson' },
  { path: '/api/exports/incidents.csv', label: 'exports.csv' },
  { path: '/api/exports/incidents.acled.csv', label: 'exports.acled' },
] as const;

export function ExportMenu({ filter }: { filter: Filter }) {
  const query = filterParams(filter);
  return (
    <details class="export-menu">
      <summary>{t('exports.menu')}</summary>
      <div class="export-panel">
        <p class="hint">{t('exports.hint')}</p>
        <ul>
          {EXPORTS.map((e) => (
            <li key={e.path}>
              <a href={withQuery(e.path, query)} download>
                {t(e.label)}
              </a>
            </li>
          ))}
        </ul>
        <p class="export-feeds">{t('exports.feeds')}</p>
        <ul>
          <li>
            <a href="/api/feeds/cap" type="application/atom+xml">
              {t('exports.feed_cap')}
            </a>
          </li>
          <li>
            <a href="/api/feeds/atom" type="application/atom+xml">
              {t('exports.feed_atom')}
            </a>
          </li>
        </ul>
      </div>
    </details>
  );
}
