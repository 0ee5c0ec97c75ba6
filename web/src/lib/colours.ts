/** Event-type colours: distinguishable for common colour-vision deficiencies (Okabe–Ito palette). */
export const EVENT_COLOURS: Record<string, string> = {
  Battles: '#D55E00',
  'Violence against civilians': '#CC79A7',
  'Explosions/Remote violence': '#E69F00',
  Riots: '#0072B2',
  Protests: '#56B4E9',
  'Strategic developments': '#009E73',
};

export function colourOf(eventType: string): string {
  return EVENT_COLOURS[eventType] ?? '#666666';
}

export const EVENT_TYPE_ORDER = Object.keys(EVENT_COLOURS);
