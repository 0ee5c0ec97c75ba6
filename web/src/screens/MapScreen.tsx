/** The situation screen: filters and time window, the map, the weekly timeline and the incident list. */
import { useCallback, useState } from 'preact/hooks';
import { filterFromQuery, isoDay, type Filter } from '../lib/filters.ts';
import { t, useLang } from '../lib/i18n.ts';
import { useReference } from '../lib/reference.ts';
import { navigate, replaceQuery, type Route } from '../lib/router.ts';
import { SituationMap, type MapView, type SizeBy } from '../map/SituationMap.tsx';
import { ExportMenu } from './ExportMenu.tsx';
import type { Surge } from '../lib/surges.ts';
import { FilterBar } from './FilterBar.tsx';
import { IncidentList } from './IncidentList.tsx';
import { TimeWindow } from './TimeWindow.tsx';
import { Timeline } from './Timeline.tsx';

const DEFAULT_VIEW: MapView = { lat: 15.5, lon: -1.5, zoom: 5 };

function viewFromQuery(query: URLSearchParams): MapView {
  const lat = Number(query.get('lat'));
  const lon = Number(query.get('lon'));
  const zoom = Number(query.get('z'));
  const ok = (v: number, lo: number, hi: number) =>
    Number.isFinite(v) && v >= lo && v <= hi && query.size > 0;
  return {
    lat: ok(lat, -90, 90) && query.has('lat') ? lat : DEFAULT_VIEW.lat,
    lon: ok(lon, -180, 180) && query.has('lon') ? lon : DEFAULT_VIEW.lon,
    zoom: ok(zoom, 4, 14) && query.has('z') ? Math.round(zoom) : DEFAULT_VIEW.zoom,
  };
}

export function MapScreen({ route }: { route: Route }) {
  useLang();
  const filter: Filter = filterFromQuery(route.query, isoDay(new Date()));
  const [initialView] = useState(() => viewFromQuery(route.query));
  const sizeBy: SizeBy = route.query.get('size') === 'fatalities' ? 'fatalities' : 'count';
  const [bbox, setBbox] = useState<string | null>(null);
  const { taxonomy, labels } = useReference();
  const onView = useCallback((view: MapView, box: string) => {
    replaceQuery({ lat: view.lat.toFixed(4), lon: view.lon.toFixed(4), z: String(view.zoom) });
    setBbox(box);
  }, []);
  const open = (id: number) => navigate(`/incidents/${id}`, new URLSearchParams(location.search));
  const showSurges = route.query.get('surges') !== 'off';
  const openSurge = (surge: Surge) => navigate('/surges', new URLSearchParams({ id: String(surge.id) }));
  return (
    <div class="map-screen">
      <aside class="side">
        <FilterBar filter={filter} taxonomy={taxonomy} labels={labels} onChange={(c) => replaceQuery(c)} />
        <IncidentList filter={filter} bbox={bbox} onOpen={open} />
      </aside>
      <div class="centre">
        <div class="map-tools">
          <TimeWindow from={filter.from} to={filter.to} onChange={(from, to) => replaceQuery({ from, to })} />
          <label>
            {t('map.size')}
            <select
              value={sizeBy}
              onChange={(e) =>
                replaceQuery({ size: e.currentTarget.value === 'count' ? null : 'fatalities' })
              }
            >
              <option value="count">{t('map.size.count')}</option>
              <option value="fatalities">{t('map.size.fatalities')}</option>
            </select>
          </label>
          <ExportMenu filter={filter} />
          <label class="surge-toggle">
            <input
              type="checkbox"
              checked={showSurges}
              onChange={(e) => replaceQuery({ surges: e.currentTarget.checked ? null : 'off' })}
            />
            {t('surges.layer')}
          </label>
        </div>
        <SituationMap
          filter={filter}
          view={initialView}
          sizeBy={sizeBy}
          onView={onView}
          onIncident={open}
          showSurges={showSurges}
          onSurge={openSurge}
        />
        <Timeline filter={filter} onWeek={(from, to) => replaceQuery({ from, to })} />
      </div>
    </div>
  );
}
