/**
 * The offline basemap: country outlines (Natural Earth, served by /api/reference/outlines), regional
 * (admin-1) labels and town labels from the shipped GeoNames data. No tiles, fonts or CDN.
 */
import L from 'leaflet';
import { api } from '../lib/api.ts';
import { lang } from '../lib/i18n.ts';
import type { Labels } from '../lib/types.ts';

const PARTIES = new Set(['MLI', 'BFA', 'NER']);

export async function loadOutlines(): Promise<L.GeoJSON> {
  const outlines = await api.get<GeoJSON.FeatureCollection>('/api/reference/outlines');
  return L.geoJSON(outlines, {
    interactive: false,
    style: (feature) => {
      const party = PARTIES.has(String(feature?.id ?? feature?.properties?.['iso3'] ?? ''));
      return {
        color: party ? '#5b4a2f' : '#9a9a9a',
        weight: party ? 1.6 : 0.8,
        fillColor: party ? '#f3e9d2' : '#e4e4e4',
        fillOpacity: 1,
      };
    },
  });
}

/** Town labels appear by importance as the user zooms in; regions are labelled at country zooms. */
export class LabelLayer {
  readonly #map: L.Map;
  readonly #labels: Labels;
  readonly #group = L.layerGroup();

  constructor(map: L.Map, labels: Labels) {
    this.#map = map;
    this.#labels = labels;
    this.#group.addTo(map);
    map.on('zoomend moveend', () => this.refresh());
    this.refresh();
  }

  refresh(): void {
    this.#group.clearLayers();
    const zoom = this.#map.getZoom();
    const bounds = this.#map.getBounds().pad(0.1);
    if (zoom <= 7) {
      for (const unit of this.#labels.admin1) {
        if (!bounds.contains([unit.latitude, unit.longitude])) continue;
        this.#group.addLayer(label([unit.latitude, unit.longitude], unit.name[lang()], 'admin-label'));
      }
    }
    // Population thresholds by zoom keep the labels readable.
    const minPopulation =
      zoom <= 5 ? 500_000 : zoom <= 6 ? 100_000 : zoom <= 7 ? 30_000 : zoom <= 8 ? 10_000 : 0;
    let shown = 0;
    for (const place of this.#labels.places) {
      if (place.population < minPopulation) continue;
      if (!bounds.contains([place.latitude, place.longitude])) continue;
      this.#group.addLayer(label([place.latitude, place.longitude], place.name, 'place-label'));
      if (++shown >= 120) break;
    }
  }
}

function label(at: L.LatLngExpression, text: string, className: string): L.Marker {
  const el = document.createElement('span');
  el.textContent = text;
  return L.marker(at, {
    interactive: false,
    keyboard: false,
    icon: L.divIcon({ className, html: el, iconSize: undefined }),
  });
}
