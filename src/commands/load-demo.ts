/**
 * The demo dataset: synthetic incidents the project owns, labelled DEMO everywhere (origin "demo",
 * source "Liptako demo data (synthetic)", notes starting with [DEMO]), placed at real gazetteer
 * villages with real actor names so that a first-time user sees the platform working. Not real events.
 */
import { systemActor } from '../domain/audit/audit-entry.ts';
import { createHash } from 'node:crypto';
import {
  interactionCode,
  SUB_EVENT_TYPES,
  type EventType,
  type InterCode,
} from '../domain/acled-taxonomy.ts';
import { foldName } from '../domain/place.ts';
import type { ReferenceData } from '../reference/load-reference.ts';
import type { IncidentInput, Store } from '../store/store.ts';
import { seededRandom } from './seeded-random.ts';

export const DEMO_SOURCE = 'Liptako demo data (synthetic)';

interface DemoPlace {
  readonly name: string;
  readonly country: string;
  readonly admin1: string;
  readonly admin2: string | null;
  readonly latitude: number;
  readonly longitude: number;
  readonly weight: number;
}

/** Regions where the synthetic incidents concentrate, as the real conflict does. */
const HOTSPOTS = new Set(
  [
    'mopti',
    'gao',
    'menaka',
    'tombouctou',
    'timbuktu',
    'segou',
    'kidal',
    'sahel',
    'nord',
    'est',
    'centre nord',
    'boucle du mouhoun',
    'tillaberi',
    'tahoua',
    'diffa',
  ].map(foldName),
);

function demoPlaces(reference: ReferenceData): DemoPlace[] {
  const places: DemoPlace[] = [];
  for (const unit of reference.adminUnits.all()) {
    if (unit.level !== 2 || unit.latitude === null || unit.longitude === null || unit.parent === null)
      continue;
    const near = reference.gazetteer.nearest(unit.latitude, unit.longitude, {
      featureClass: 'P',
      country: unit.country,
      maxKm: 60,
    });
    const admin1 = reference.adminUnits.byCode(unit.parent);
    if (near === null || admin1 === null) continue;
    places.push({
      name: near.place.name,
      country: unit.country,
      admin1: admin1.name.en,
      admin2: unit.name.en,
      latitude: near.place.latitude,
      longitude: near.place.longitude,
      weight: HOTSPOTS.has(foldName(admin1.name.en)) ? 8 : 1,
    });
  }
  return places;
}

function acledName(reference: ReferenceData, key: string): { name: string; inter: InterCode } {
  const actor = reference.actors.byKey(key);
  if (actor === null) throw new Error(`the actor registry has no ${key}`);
  return { name: actor.acledNames.at(-1) ?? actor.canonicalName, inter: actor.inter };
}

const FORCES: Record<string, string> = { MLI: 'MIL_MLI', BFA: 'MIL_BFA', NER: 'MIL_NER' };
const CIVILIANS: Record<string, string> = {
  MLI: 'CIVILIANS_MLI',
  BFA: 'CIVILIANS_BFA',
  NER: 'CIVILIANS_NER',
};
const ARMED_GROUPS = ['JNIM', 'JNIM', 'IS_SAHEL', 'IS_SAHEL', 'ANSAROUL_ISLAM', 'DOZO_MILITIA'];
const KINDS: readonly [EventType, number][] = [
  ['Battles', 0.32],
  ['Violence against civilians', 0.3],
  ['Explosions/Remote violence', 0.14],
  ['Strategic developments', 0.12],
  ['Protests', 0.08],
  ['Riots', 0.04],
];

/** `count` demo incidents over the `days` days ending on `lastDay`, the same for the same seed. */
export function demoIncidents(
  reference: ReferenceData,
  options: { count: number; days: number; lastDay: string; seed: number },
): IncidentInput[] {
  const rand = seededRandom(options.seed);
  const places = demoPlaces(reference);
  const totalWeight = places.reduce((s, p) => s + p.weight, 0);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T; // index < length
  const end = Date.parse(`${options.lastDay}T00:00:00Z`);
  const incidents: IncidentInput[] = [];
  for (let n = 0; n < options.count; n++) {
    let w = rand() * totalWeight;
    const place = places.find((p) => (w -= p.weight) < 0) ?? places[0];
    if (place === undefined) break;
    let r = rand();
    const kind = KINDS.find(([, p]) => (r -= p) < 0)?.[0] ?? 'Battles';
    const sub =
      kind === 'Battles'
        ? pick([
            'Armed clash',
            'Armed clash',
            'Armed clash',
            'Non-state actor overtakes territory',
            'Government regains territory',
          ] as const)
        : pick(SUB_EVENT_TYPES[kind]);
    const group = acledName(reference, pick(ARMED_GROUPS));
    const force = acledName(reference, FORCES[place.country] ?? 'MIL_MLI');
    const civilians = acledName(reference, CIVILIANS[place.country] ?? 'CIVILIANS_MLI');
    let actor1 = group;
    let actor2: { name: string; inter: InterCode } | null = force;
    if (kind === 'Violence against civilians') actor2 = civilians;
    else if (kind === 'Explosions/Remote violence' && sub === 'Air/drone strike')
      [actor1, actor2] = [force, group];
    else if (kind === 'Protests' || kind === 'Riots') {
      actor1 = {
        name: `${kind === 'Protests' ? 'Protesters' : 'Rioters'} (${place.country === 'MLI' ? 'Mali' : place.country === 'BFA' ? 'Burkina Faso' : 'Niger'})`,
        inter: kind === 'Protests' ? 6 : 5,
      };
      actor2 = null;
    } else if (kind === 'Strategic developments') actor2 = null;
    const day = new Date(end - Math.floor(rand() * options.days) * 86_400_000).toISOString().slice(0, 10);
    const best =
      kind === 'Protests' || kind === 'Strategic developments' ? 0 : Math.floor(-Math.log(1 - rand()) * 4);
    const latitude = Math.round((place.latitude + (rand() - 0.5) * 0.04) * 1e4) / 1e4;
    const longitude = Math.round((place.longitude + (rand() - 0.5) * 0.04) * 1e4) / 1e4;
    const notes = `[DEMO] Synthetic incident for demonstration, not a real event: ${sub.toLowerCase()} near ${place.name} (${place.admin1}).`;
    const coding = {
      eventIdCnty: null,
      eventDate: day,
      timePrecision: 1 as const,
      eventType: kind,
      subEventType: sub,
      actor1: actor1.name,
      assocActor1: null,
      inter1: actor1.inter,
      actor2: actor2?.name ?? null,
      assocActor2: null,
      inter2: actor2?.inter ?? null,
      interaction: interactionCode(actor1.inter, actor2?.inter ?? null),
      civilianTargeting: kind === 'Violence against civilians',
      country: place.country,
      admin1: place.admin1,
      admin2: place.admin2,
      admin3: null,
      location: place.name,
      latitude,
      longitude,
      geoPrecision: 1 as const,
      fatalities: { low: null, best, high: null },
      source: DEMO_SOURCE,
      sourceScale: null,
      notes,
      tags: 'demo',
    };
    const statusRoll = rand();
    incidents.push({
      ...coding,
      status: statusRoll < 0.7 ? 'verified' : statusRoll < 0.9 ? 'reported' : 'machine-coded',
      classification: statusRoll < 0.8 ? 'PUBLIC' : 'AES_RESTRICTED',
      ownerParty: null,
      origin: 'demo',
      sourceKey: `demo:${n + 1}`,
      contentHash: createHash('sha256').update(JSON.stringify(coding)).digest('hex'),
    });
  }
  return incidents;
}

/** Loads the demo dataset; returns how many incidents were written. */
export async function loadDemo(
  store: Store,
  reference: ReferenceData,
  now: Date,
  count = 3000,
): Promise<number> {
  const incidents = demoIncidents(reference, {
    count,
    days: 730,
    lastDay: now.toISOString().slice(0, 10),
    seed: 2023_09_16,
  });
  let written = 0;
  for (let i = 0; i < incidents.length; i += 1000) {
    const outcomes = await store.upsertIncidents(incidents.slice(i, i + 1000), {
      changedBy: 'demo',
      at: now.toISOString(),
      actor: systemActor('demo'),
    });
    written += outcomes.filter((o) => o !== 'unchanged').length;
  }
  return written;
}
