/**
 * Early warning on the situation map: a ring at the centroid of each admin-1 unit with an open surge
 * (the reference data has no admin-1 polygons), coloured by level and sized by its 30-day deaths,
 * focusable, with a popup (deaths, baseline, ratio, since when). DOM markers, so that they are
 * reachable by keyboard and named for screen readers; popups are built from text nodes only.
 */
import L from 'leaflet';
import { formatDay, formatNumber, t } from '../lib/i18n.ts';
import { loadSurges, surgeLevelLabel, surgeRatioText, surgeUnitName, type Surge } from '../lib/surges.ts';
import './surges.css';

function ringSize(fatalities: number): number {
  return Math.round(Math.min(64, 30 + 5 * Math.log2(1 + fatalities)));
}

function line(parent: HTMLElement, tag: 'p' | 'strong', text: string): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = text;
  parent.append(el);
  return el;
}

function popupOf(s: Surge, onOpen: (s: Surge) => void): HTMLElement {
  const box = document.createElement('div');
  box.className = 'surge-popup';
  line(box, 'strong', t('surges.popup.title', { unit: surgeUnitName(s), country: s.country }));
  line(box, 'p', t('surges.popup.level', { level: surgeLevelLabel(s.level) }));
  line(box, 'p', t('surges.popup.fatalities', { count: s.fatalities_30d, events: s.events_30d }));
  line(box, 'p', t('surges.popup.baseline', { count: s.baseline }));
  line(
    box,
    'p',
    s.ratio === null ? surgeRatioText(s) : t('surges.popup.ratio', { ratio: surgeRatioText(s) }),
  );
  line(box, 'p', t('surges.popup.since', { day: formatDay(s.opened_on) }));
  if (s.lapsed_since !== null) line(box, 'p', t('surges.lapsing', { day: formatDay(s.lapsed_since) }));
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = t('surges.popup.open');
  button.addEventListener('click', () => onOpen(s));
  box.append(button);
  return box;
}

export class SurgeLayer {
  readonly #map: L.Map;
  readonly #group = L.layerGroup();
  readonly #onOpen: (s: Surge) => void;
  #surges: Surge[] = [];
  #visible = false;

  constructor(map: L.Map, onOpen: (s: Surge) => void) {
    this.#map = map;
    this.#onOpen = onOpen;
  }

  /** Reads the open surges and draws them; rejects with the request's error (the last drawing stays). */
  async load(signal?: AbortSignal): Promise<readonly Surge[]> {
    this.#surges = (await loadSurges({}, signal)).items;
    this.#draw();
    return this.#surges;
  }

  setVisible(visible: boolean): void {
    this.#visible = visible;
    if (visible) this.#group.addTo(this.#map);
    else this.#group.remove();
  }

  /** Redraws in the current language. */
  refresh(): void {
    this.#draw();
  }

  #draw(): void {
    this.#group.clearLayers();
    for (const s of this.#surges) {
      const lat = s.unit?.latitude ?? null;
      const lon = s.unit?.longitude ?? null;
      if (lat === null || lon === null) continue;
      const d = ringSize(s.fatalities_30d);
      const el = document.createElement('span');
      el.className = `surge-ring surge-${s.level}${s.lapsed_since === null ? '' : ' surge-lapsing'}`;
      el.style.width = el.style.height = `${d}px`;
      const count = document.createElement('span');
      count.textContent = formatNumber(s.fatalities_30d);
      el.append(count);
      const label = t('surges.marker', {
        level: surgeLevelLabel(s.level),
        unit: surgeUnitName(s),
        count: s.fatalities_30d,
      });
      const marker = L.marker([lat, lon], {
        icon: L.divIcon({ className: 'surge', html: el, iconSize: [d, d], iconAnchor: [d / 2, d / 2] }),
        title: label,
        alt: label,
        keyboard: true,
        // Above the incident clusters: a surge is what the eye should find first.
        zIndexOffset: 1000,
      });
      marker.bindPopup(() => popupOf(s, this.#onOpen));
      marker.on('add', () => {
        const node = marker.getElement();
        node?.setAttribute('data-surge-id', String(s.id));
        node?.setAttribute('role', 'button');
        node?.setAttribute('aria-label', label);
      });
      this.#group.addLayer(marker);
    }
    if (this.#visible) this.#group.addTo(this.#map);
  }
}
