/**
 * ACLED's event taxonomy: 6 event types and 25 sub-event types, with French labels, and the
 * actor "inter" codes (1–8) whose pair gives the interaction code.
 * Source: ACLED Codebook (2023 and later editions), section "Event types and sub-event types".
 */

export const EVENT_TYPES = [
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
  'Protests',
  'Riots',
  'Strategic developments',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const SUB_EVENT_TYPES = {
  Battles: ['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory'],
  'Explosions/Remote violence': [
    'Chemical weapon',
    'Air/drone strike',
    'Suicide bomb',
    'Shelling/artillery/missile attack',
    'Remote explosive/landmine/IED',
    'Grenade',
  ],
  'Violence against civilians': ['Sexual violence', 'Attack', 'Abduction/forced disappearance'],
  Protests: ['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters'],
  Riots: ['Violent demonstration', 'Mob violence'],
  'Strategic developments': [
    'Agreement',
    'Arrests',
    'Change to group/activity',
    'Disrupted weapons use',
    'Headquarters or base established',
    'Looting/property destruction',
    'Non-violent transfer of territory',
    'Other',
  ],
} as const satisfies Record<EventType, readonly string[]>;
export type SubEventType = (typeof SUB_EVENT_TYPES)[EventType][number];

export const EVENT_TYPE_LABELS_FR: Record<EventType, string> = {
  Battles: 'Combats',
  'Explosions/Remote violence': 'Explosions / violence à distance',
  'Violence against civilians': 'Violence contre les civils',
  Protests: 'Manifestations',
  Riots: 'Émeutes',
  'Strategic developments': 'Développements stratégiques',
};

export const SUB_EVENT_TYPE_LABELS_FR: Record<SubEventType, string> = {
  'Armed clash': 'Affrontement armé',
  'Government regains territory': 'Le gouvernement reprend un territoire',
  'Non-state actor overtakes territory': "Un acteur non étatique s'empare d'un territoire",
  'Chemical weapon': 'Arme chimique',
  'Air/drone strike': 'Frappe aérienne ou de drone',
  'Suicide bomb': 'Attentat-suicide',
  'Shelling/artillery/missile attack': "Bombardement, tir d'artillerie ou de missile",
  'Remote explosive/landmine/IED': 'Engin explosif, mine ou EEI',
  Grenade: 'Grenade',
  'Sexual violence': 'Violence sexuelle',
  Attack: 'Attaque',
  'Abduction/forced disappearance': 'Enlèvement ou disparition forcée',
  'Peaceful protest': 'Manifestation pacifique',
  'Protest with intervention': 'Manifestation avec intervention',
  'Excessive force against protesters': 'Usage excessif de la force contre des manifestants',
  'Violent demonstration': 'Manifestation violente',
  'Mob violence': 'Violence de foule',
  Agreement: 'Accord',
  Arrests: 'Arrestations',
  'Change to group/activity': "Changement de groupe ou d'activité",
  'Disrupted weapons use': "Usage d'armes déjoué",
  'Headquarters or base established': 'Quartier général ou base établi',
  'Looting/property destruction': 'Pillage ou destruction de biens',
  'Non-violent transfer of territory': 'Transfert non violent de territoire',
  Other: 'Autre',
};

/** ACLED actor type ("inter") codes. */
export const INTER_CODES = {
  1: { en: 'State forces', fr: 'Forces étatiques' },
  2: { en: 'Rebel groups', fr: 'Groupes rebelles' },
  3: { en: 'Political militias', fr: 'Milices politiques' },
  4: { en: 'Identity militias', fr: 'Milices identitaires' },
  5: { en: 'Rioters', fr: 'Émeutiers' },
  6: { en: 'Protesters', fr: 'Manifestants' },
  7: { en: 'Civilians', fr: 'Civils' },
  8: { en: 'External/Other forces', fr: 'Forces extérieures ou autres' },
} as const;
export type InterCode = keyof typeof INTER_CODES;

export function isInterCode(value: number): value is InterCode {
  return Number.isInteger(value) && value >= 1 && value <= 8;
}

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

export function isSubEventTypeOf(eventType: EventType, subEventType: string): boolean {
  return (SUB_EVENT_TYPES[eventType] as readonly string[]).includes(subEventType);
}

/** The event type a sub-event type belongs to, or undefined for an unknown sub-type. */
export function eventTypeOfSubEvent(subEventType: string): EventType | undefined {
  return EVENT_TYPES.find((t) => isSubEventTypeOf(t, subEventType));
}

/**
 * ACLED's interaction code: the two inter codes, smaller first ("13"); one actor alone is its code
 * followed by 0 ("10").
 */
export function interactionCode(inter1: InterCode | null, inter2: InterCode | null): number | null {
  if (inter1 === null && inter2 === null) return null;
  if (inter1 === null || inter2 === null) return (inter1 ?? inter2 ?? 0) * 10;
  return Math.min(inter1, inter2) * 10 + Math.max(inter1, inter2);
}
