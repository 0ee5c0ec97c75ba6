/**
 * The situation map (Leaflet, canvas and DOM, no WebGL): offline basemap and server-side clusters
 * from /api/incidents/aggregate, re-asked on every pan and zoom; a failed request keeps the last
 * good layer on screen and says so.
 */
import L from 'leaflet';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { colourOf } from '../lib/colours.ts';
import { errorMessage } from '../lib/errors.ts';
import { filterParams, type Filter } from '../lib/filters.ts';
import { formatNumber, t, typeLabel, useLang } from '../lib/i18n.ts';
import type { ClusterCollection, ClusterFeature } from '../lib/types.ts';
import { loadLabels } from '../lib/reference.ts';
import { LabelLayer, loadOutlines } from './basemap.ts';
import { SurgeLayer } from './surge-layer.ts';
import { onLinkClick } from '../lib/router.ts';
import type { Surge } from '../lib/surges.ts';
import { useDeclareShown } from '../lib/store.ts';
import type { Classification } from '../lib/types.ts';

/** How often the open surges are read again (detection runs on the server's Charter tick). */
const SURGE_REFRESH_MS = 120_000;

export interface MapView {
  readonly lat: number;
  readonly lon: number;
  readonly zoom: number;
}

export type SizeBy = 'count' | 'fatalities';

interface Props {
  readonly filter: Filter;
  readonly view: MapView;
  readonly sizeBy: SizeBy;
  readonly onView: (view: MapView, bbox: string) => void;
  readonly onIncident: (id: number) => void;
  /** Early warning's layer: open surges per admin-1 unit. */
  readonly showSurges: boolean;
  readonly onSurge: (surge: Surge) => void;
}

/** The Sahel with a margin: the map does not wander off to empty oceans. */
const LIMITS = L.latLngBounds([2, -20], [30, 22]);

function bboxOf(map: L.Map): string {
  const b = map.getBounds();
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  return [
    clamp(b.getWest(), -180, 180),
    clamp(b.getSouth(), -90, 90),
    clamp(b.getEast(), -180, 180),
    clamp(b.getNorth(), -90, 90),
  ]
    .map((v) => v.toFixed(4))
    .join(',');
}

function diameter(value: number): number {
  return Math.round(Math.min(52, 16 + 4 * Math.log2(1 + value)));
}

function clusterIcon(feature: ClusterFeature, sizeBy: SizeBy): L.DivIcon {
  const p = feature.properties;
  const value = sizeBy === 'count' ? p.count : p.fatalities;
  const d = diameter(value);
  const el = document.createElement('span');
  el.className = 'cluster-dot';
  // A pie of the event types inside the cluster; the dominant type sets the ring.
  let angle = 0;
  const stops: string[] = [];
  for (const [type, n] of Object.entries(p.by_event_type).sort((a, b) => b[1] - a[1])) {
    const next = angle + (n / Math.max(1, p.count)) * 360;
    stops.push(`${colourOf(type)} ${angle.toFixed(1)}deg ${next.toFixed(1)}deg`);
    angle = next;
  }
  el.style.background =
    stops.length > 1 ? `conic-gradient(${stops.join(', ')})` : colourOf(p.dominant_event_type);
  el.style.borderColor = colourOf(p.dominant_event_type);
  el.style.width = el.style.height = `${d}px`;
  const text = document.createElement('span');
  text.textContent = p.count > 1 ? formatNumber(p.count) : '';
  el.append(text);
  return L.divIcon({ className: 'cluster', html: el, iconSize: [d, d], iconAnchor: [d / 2, d / 2] });
}

export function SituationMap(props: Props) {
  useLang();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const clustersRef = useRef<L.LayerGroup | null>(null);
  const labelsRef = useRef<LabelLayer | null>(null);
  const surgesRef = useRef<SurgeLayer | null>(null);
  const [surgeMarks, setSurgeMarks] = useState<readonly Classification[] | null>(null);
  // The surges on the map count in the classification banner while their layer is shown.
  useDeclareShown('surge-layer', props.showSurges ? (surgeMarks ?? []) : []);
  const propsRef = useRef(props);
  propsRef.current = props;
  const [state, setState] = useState<'loading' | 'ready'>('loading');
  const [problem, setProblem] = useState<string | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const inflight = useRef<AbortController | null>(null);
  const generation = useRef(0);

  const refresh = async () => {
    const map = mapRef.current;
    const layer = clustersRef.current;
    if (map === null || layer === null) return;
    inflight.current?.abort();
    const controller = new AbortController();
    inflight.current = controller;
    const mine = ++generation.current;
    const bbox = bboxOf(map);
    const started = performance.now();
    try {
      const data = await api.get<ClusterCollection>(
        '/api/incidents/aggregate',
        { ...filterParams(propsRef.current.filter), bbox, zoom: Math.round(map.getZoom()) },
        controller.signal,
      );
      if (mine !== generation.current) return;
      layer.clearLayers();
      for (const feature of data.features) {
        const [lon, lat] = feature.geometry.coordinates;
        const p = feature.properties;
        const marker = L.marker([lat, lon], {
          icon: clusterIcon(feature, propsRef.current.sizeBy),
          title:
            t('map.cluster', { count: p.count, fatalities: p.fatalities }) +
            ` — ${typeLabel(p.dominant_event_type)}`,
          alt: t('map.cluster', { count: p.count, fatalities: p.fatalities }),
          riseOnHover: true,
        });
        marker.on('click', () => {
          if (p.count === 1 && p.incident_id !== null) {
            propsRef.current.onIncident(p.incident_id);
            return;
          }
          const [w, s, e, n] = p.bbox;
          if (e - w < 1e-4 && n - s < 1e-4)
            map.setView([lat, lon], Math.min(map.getMaxZoom(), map.getZoom() + 2));
          else
            map.fitBounds(
              [
                [s, w],
                [n, e],
              ],
              { padding: [40, 40], maxZoom: map.getMaxZoom() },
            );
        });
        layer.addLayer(marker);
      }
      setTotal(data.properties.total);
      setProblem(null);
      setState('ready');
      const el = container.current;
      if (el !== null) {
        el.dataset['clusters'] = String(data.features.length);
        el.dataset['zoom'] = String(map.getZoom());
        el.dataset['generation'] = String(mine);
      }
      performance.measure('liptako:clusters', { start: started, end: performance.now() });
      performance.mark('liptako:clusters-drawn', {
        detail: { generation: mine, clusters: data.features.length },
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      if (mine !== generation.current) return;
      setProblem(t('map.layer.failed', { layer: 'incidents', message: errorMessage(error) }));
      setState('ready');
    }
  };

  // Create the map once.
  useEffect(() => {
    const el = container.current;
    if (el === null) return;
    const { view } = propsRef.current;
    const map = L.map(el, {
      center: [view.lat, view.lon],
      zoom: view.zoom,
      minZoom: 4,
      maxZoom: 14,
      maxBounds: LIMITS,
      maxBoundsViscosity: 0.8,
      preferCanvas: true,
      zoomControl: true,
      attributionControl: true,
    });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution('GeoNames CC BY 4.0 · Natural Earth');
    mapRef.current = map;
    clustersRef.current = L.layerGroup().addTo(map);
    loadOutlines()
      .then((outlines) => {
        outlines.addTo(map);
        outlines.bringToBack();
      })
      .catch((error: unknown) =>
        setProblem(t('map.layer.failed', { layer: 'outlines', message: errorMessage(error) })),
      );
    loadLabels()
      .then((labels) => {
        labelsRef.current = new LabelLayer(map, labels);
      })
      .catch((error: unknown) =>
        setProblem(t('map.layer.failed', { layer: 'labels', message: errorMessage(error) })),
      );
    const surges = new SurgeLayer(map, (surge) => propsRef.current.onSurge(surge));
    surgesRef.current = surges;
    surges.setVisible(propsRef.current.showSurges);
    const surgeRequests = new AbortController();
    const loadSurgeLayer = () =>
      surges
        .load(surgeRequests.signal)
        .then((items) => {
          setSurgeMarks(items.map((s) => s.classification));
          el.dataset['surges'] = String(items.length);
        })
        .catch((error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          setProblem(t('surges.failed', { message: errorMessage(error) }));
        });
    void loadSurgeLayer();
    const surgeTimer = setInterval(() => void loadSurgeLayer(), SURGE_REFRESH_MS);
    map.on('moveend', () => {
      performance.mark('liptako:moveend');
      const c = map.getCenter();
      propsRef.current.onView({ lat: c.lat, lon: c.lng, zoom: map.getZoom() }, bboxOf(map));
      void refresh();
    });
    propsRef.current.onView({ lat: view.lat, lon: view.lon, zoom: view.zoom }, bboxOf(map));
    void refresh();
    return () => {
      inflight.current?.abort();
      surgeRequests.abort();
      clearInterval(surgeTimer);
      map.remove();
      mapRef.current = null;
    };
    // The map is created once; later view changes come from the map itself.
  }, []);

  // Filter or size changed: ask again.
  const key = JSON.stringify([props.filter, props.sizeBy]);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void refresh();
  }, [key]);

  // Language changed: relabel regions.
  const lang = useLang();
  useEffect(() => {
    labelsRef.current?.refresh();
    surgesRef.current?.refresh();
  }, [lang]);

  useEffect(() => surgesRef.current?.setVisible(props.showSurges), [props.showSurges]);

  return (
    <div class="map-wrap">
      <div ref={container} class="map" role="region" aria-label={t('map.label')} data-state={state} />
      <div class="map-status" aria-live="polite">
        {state === 'loading' ? t('map.loading') : total === null ? '' : t('map.total', { count: total })}
      </div>
      {props.showSurges && (
        <aside class="surge-legend" aria-label={t('surges.legend')}>
          <strong>{t('surges.legend')}</strong>
          <ul>
            <li>
              <span class="surge-key surge-high" aria-hidden="true" />
              {t('surges.legend.high')}
            </li>
            <li>
              <span class="surge-key surge-elevated" aria-hidden="true" />
              {t('surges.legend.elevated')}
            </li>
          </ul>
          {surgeMarks !== null && <span>{t('surges.legend.count', { count: surgeMarks.length })} · </span>}
          <a href="/surges" onClick={(e) => onLinkClick(e, '/surges')}>
            {t('surges.legend.list')}
          </a>
        </aside>
      )}
      {problem !== null && (
        <p class="map-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
