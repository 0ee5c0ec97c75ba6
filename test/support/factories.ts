/**
 * Test data: valid inputs with sensible defaults, changed through overrides.
 *
 *   incidentInput({ country: 'NER', location: 'Tillabéri' })
 *   reportInput({ clientRef: 'r-1' })
 *
 * Each incidentInput has a new sourceKey ("test:<n>") unless one is given, and its contentHash is the
 * SHA-256 of its fields unless one is given, so that changing a field changes the hash as an import's
 * would.
 */
import { createHash } from 'node:crypto';
import { systemActor, type AuditActor } from '../../src/domain/audit/audit-entry.ts';
import type { IncidentCoding, IncidentRecord } from '../../src/domain/incident.ts';
import type { ReportInput } from '../../src/domain/report.ts';
import type { AuditContext, IncidentInput } from '../../src/store/store.ts';

let sequence = 0;

/** Hash of an incident's fields, as an import computes its contentHash. */
export function contentHashOf(fields: IncidentCoding & IncidentRecord): string {
  const { sourceKey: _key, contentHash: _hash, ...rest } = fields as Partial<IncidentInput>;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
}

/** A valid, public, machine-coded ACLED battle in Mali on 2024-03-15 near Boni. */
export function incidentInput(overrides: Partial<IncidentInput> = {}): IncidentInput {
  sequence += 1;
  const fields: IncidentCoding & IncidentRecord = {
    eventIdCnty: `MLI${sequence}`,
    eventDate: '2024-03-15',
    timePrecision: 1,
    eventType: 'Battles',
    subEventType: 'Armed clash',
    actor1: 'JNIM: Group for Support of Islam and Muslims',
    assocActor1: null,
    inter1: 2,
    actor2: 'Military Forces of Mali (2021-)',
    assocActor2: null,
    inter2: 1,
    interaction: 12,
    civilianTargeting: false,
    country: 'MLI',
    admin1: 'Mopti',
    admin2: 'Douentza',
    admin3: 'Haire',
    location: 'Boni',
    latitude: 15.05,
    longitude: -1.87,
    geoPrecision: 1,
    fatalities: { low: null, best: 3, high: null },
    source: 'Studio Tamani',
    sourceScale: 'National',
    notes: 'On 15 March 2024, JNIM militants clashed with the Malian army near Boni.',
    tags: null,
    status: 'machine-coded',
    classification: 'PUBLIC',
    ownerParty: null,
    origin: 'acled',
  };
  const merged = { ...fields, ...overrides };
  return {
    ...merged,
    sourceKey: overrides.sourceKey ?? `test:${sequence}`,
    contentHash: overrides.contentHash ?? contentHashOf(merged),
  };
}

/** A field report in French, public, without a client reference. */
export function reportInput(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    kind: 'field',
    source: 'Poste de Téra',
    url: null,
    language: 'fr',
    title: 'Attaque près de Téra',
    text: 'Des hommes armés ont attaqué le marché de Téra, région de Tillabéri, ce matin.',
    published: '2024-03-15',
    placeText: 'Téra',
    latitude: 14.01,
    longitude: 0.75,
    classification: 'PUBLIC',
    ownerParty: null,
    clientRef: null,
    ...overrides,
  };
}

/** Who a test's writes are made by, for the audit log. */
export const TEST_ACTOR: AuditActor = systemActor('test');
/** The audit context of a test's writes. */
export const BY: AuditContext = { actor: TEST_ACTOR, at: '2025-01-01T00:00:00.000Z' };
