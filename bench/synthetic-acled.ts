/**
 * Synthetic ACLED-shaped rows for benchmarks: deterministic (seeded), spread over the three states,
 * with ACLED's types, sub-types and actor names. Not real events.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { SUB_EVENT_TYPES, EVENT_TYPES, type EventType } from '../src/domain/acled-taxonomy.ts';
import { seededRandom } from '../src/commands/seeded-random.ts';

export const ACLED_HEADER = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'event_type',
  'sub_event_type',
  'actor1',
  'inter1',
  'actor2',
  'inter2',
  'interaction',
  'country',
  'admin1',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'notes',
  'fatalities',
];

export { seededRandom as seeded } from '../src/commands/seeded-random.ts';

const TOWNS: readonly [string, string, string, string, number, number][] = [
  ['ML', 'Mali', 'Mopti', 'Mopti', 14.4843, -4.1827],
  ['ML', 'Mali', 'Mopti', 'Djenne', 13.9061, -4.5533],
  ['ML', 'Mali', 'Mopti', 'Bandiagara', 14.3501, -3.6104],
  ['ML', 'Mali', 'Segou', 'Niono', 14.2526, -5.9929],
  ['ML', 'Mali', 'Timbuktu', 'Timbuktu', 16.7735, -3.0074],
  ['ML', 'Mali', 'Gao', 'Gao', 16.2717, -0.0447],
  ['ML', 'Mali', 'Gao', 'Ansongo', 15.6597, 0.5022],
  ['ML', 'Mali', 'Menaka', 'Menaka', 15.9182, 2.4022],
  ['ML', 'Mali', 'Kidal', 'Kidal', 18.4411, 1.4078],
  ['ML', 'Mali', 'Kidal', 'Tessalit', 20.2012, 1.0112],
  ['ML', 'Mali', 'Bamako', 'Bamako', 12.65, -8.0],
  ['ML', 'Mali', 'Kayes', 'Kayes', 14.4469, -11.4445],
  ['ML', 'Mali', 'Sikasso', 'Sikasso', 11.3176, -5.6665],
  ['BF', 'Burkina Faso', 'Sahel', 'Djibo', 14.0994, -1.6255],
  ['BF', 'Burkina Faso', 'Sahel', 'Dori', 14.0354, -0.0345],
  ['BF', 'Burkina Faso', 'Sahel', 'Arbinda', 14.2306, -0.8684],
  ['BF', 'Burkina Faso', 'Nord', 'Ouahigouya', 13.5828, -2.4216],
  ['BF', 'Burkina Faso', 'Est', 'Fada Ngourma', 12.0616, 0.3584],
  ['BF', 'Burkina Faso', 'Centre-Nord', 'Kaya', 13.0917, -1.0844],
  ['BF', 'Burkina Faso', 'Boucle du Mouhoun', 'Dedougou', 12.4634, -3.4607],
  ['BF', 'Burkina Faso', 'Centre', 'Ouagadougou', 12.3647, -1.5332],
  ['NE', 'Niger', 'Tillaberi', 'Tillaberi', 14.2071, 1.4542],
  ['NE', 'Niger', 'Tillaberi', 'Ayorou', 14.7308, 0.9174],
  ['NE', 'Niger', 'Tillaberi', 'Ouallam', 14.3189, 2.0859],
  ['NE', 'Niger', 'Tahoua', 'Tahoua', 14.8888, 5.2692],
  ['NE', 'Niger', 'Diffa', 'Diffa', 13.3154, 12.6113],
  ['NE', 'Niger', 'Niamey', 'Niamey', 13.5137, 2.1098],
  ['NE', 'Niger', 'Maradi', 'Maradi', 13.5, 7.1017],
];

const ARMED = [
  ['JNIM: Group for Support of Islam and Muslims', 2],
  ['Islamic State (Sahel)', 2],
  ['Unidentified Armed Group (X)', 3],
  ['Dozo Communal Militia (Mali)', 4],
] as const;
const FORCES: Record<string, string> = {
  Mali: 'Military Forces of Mali (2021-)',
  'Burkina Faso': 'Military Forces of Burkina Faso (2022-)',
  Niger: 'Military Forces of Niger (2023-)',
};
const TYPE_WEIGHTS: readonly [EventType, number][] = [
  ['Battles', 0.3],
  ['Violence against civilians', 0.3],
  ['Explosions/Remote violence', 0.12],
  ['Protests', 0.12],
  ['Riots', 0.04],
  ['Strategic developments', 0.12],
];

/** Row n of a synthetic dataset of `total` rows spread evenly from `startDay` over `days` days. */
export function syntheticRow(
  n: number,
  total: number,
  startDay: string,
  days: number,
  rand: () => number,
): string[] {
  // rand() < 1, so the index is always inside the list.
  const town = TOWNS[Math.floor(rand() * TOWNS.length)] as (typeof TOWNS)[number];
  const [iso2, country, admin1, location, lat, lon] = town;
  let r = rand();
  let type: EventType = EVENT_TYPES[0];
  for (const [t, w] of TYPE_WEIGHTS) {
    if (r < w) {
      type = t;
      break;
    }
    r -= w;
  }
  const subs = SUB_EVENT_TYPES[type];
  const sub = subs[Math.floor(rand() * subs.length)] ?? subs[0];
  const dayOffset = Math.floor((n / total) * days);
  const date = new Date(Date.parse(`${startDay}T00:00:00Z`) + dayOffset * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const armed = ARMED[Math.floor(rand() * ARMED.length)] ?? ARMED[0];
  const actor1 = armed[0].replace('(X)', `(${country})`);
  const force = FORCES[country] ?? 'Unidentified Military Forces';
  const actor2 =
    type === 'Violence against civilians' ? `Civilians (${country})` : type === 'Battles' ? force : '';
  const fatalities = type === 'Protests' ? 0 : Math.floor(-Math.log(1 - rand()) * 3);
  return [
    `${iso2}S${n + 1}`,
    date,
    date.slice(0, 4),
    '1',
    type,
    sub,
    actor1,
    String(armed[1]),
    actor2,
    actor2 === '' ? '' : type === 'Violence against civilians' ? '7' : '1',
    '',
    country,
    admin1,
    location,
    (lat + (rand() - 0.5) * 0.6).toFixed(4),
    (lon + (rand() - 0.5) * 0.6).toFixed(4),
    '1',
    'Synthetic',
    `Synthetic benchmark event ${n + 1} near ${location}: not a real incident.`,
    String(fatalities),
  ];
}

const quote = (cell: string): string => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** Writes `rows` synthetic rows (seeded, so every run writes the same file) to an ACLED-shaped CSV. */
export async function writeSyntheticCsv(
  file: string,
  rows: number,
  startDay: string,
  days: number,
): Promise<void> {
  const out = createWriteStream(file);
  const rand = seededRandom(42);
  out.write(ACLED_HEADER.join(',') + '\n');
  let chunk: string[] = [];
  for (let n = 0; n < rows; n++) {
    chunk.push(syntheticRow(n, rows, startDay, days, rand).map(quote).join(','));
    if (chunk.length === 10_000) {
      if (!out.write(chunk.join('\n') + '\n')) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length > 0) out.write(chunk.join('\n') + '\n');
  out.end();
  await once(out, 'finish');
}
