/**
 * Imports an ACLED or UCDP CSV file into the store: the ingest pipeline maps and checks each row, the
 * store writes batches in transactions (all of a batch or none), and the run is recorded.
 */
import path from 'node:path';
import { systemActor, type AuditActor } from '../domain/audit/audit-entry.ts';
import type { Classification } from '../domain/classification.ts';
import type { IncidentStatus } from '../domain/incident.ts';
import {
  importFile,
  type ImportFileResult,
  type ImportKind,
  type ImportProgress,
} from '../ingest/import-file.ts';
import type { GeocodeQuery, GeocodeResult, MappingContext } from '../ingest/mapping-context.ts';
import type { ReferenceData } from '../reference/load-reference.ts';
import type { Store } from '../store/store.ts';
import { publishAlert } from './publish-alert.ts';

export interface ImportOptions {
  readonly status?: IncidentStatus;
  readonly classification?: Classification;
  readonly ownerParty?: string | null;
  readonly numericDateOrder?: MappingContext['numericDateOrder'];
  readonly batchSize?: number;
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Who the revisions of updated rows name. */
  readonly changedBy?: string;
  /** Who the audit log names; the import itself (a system actor named `changedBy`) by default. */
  readonly actor?: AuditActor;
}

/** The reference lookups the row mappers need, from the shipped reference data. */
export function mappingContextFrom(
  reference: ReferenceData,
): Pick<MappingContext, 'countryIso3' | 'resolveInter' | 'geocode'> {
  return {
    countryIso3: (name) => reference.countries.iso3Of(name),
    resolveInter: (name) => reference.actors.interOf(name),
    geocode: (query: GeocodeQuery): GeocodeResult | null => {
      const place = reference.gazetteer.lookup(query.location, {
        country: query.country,
        ...(query.admin1 === null ? {} : { admin1: query.admin1 }),
      });
      if (place === null) return null;
      const admin = reference.gazetteer.adminFor(place.latitude, place.longitude);
      return {
        latitude: place.latitude,
        longitude: place.longitude,
        admin1: admin?.admin1.name.en ?? null,
        admin2: admin?.admin2?.name.en ?? null,
      };
    },
  };
}

export async function importEvents(
  store: Store,
  reference: ReferenceData,
  file: string,
  kind: ImportKind,
  options: ImportOptions = {},
  now: () => Date = () => new Date(),
): Promise<ImportFileResult> {
  const changedBy = options.changedBy ?? `import:${kind}`;
  const actor = options.actor ?? systemActor(changedBy);
  const startedAt = now().toISOString();
  const runId = await store.startImportRun({ kind, file, startedAt }, { actor, at: startedAt });
  const result = await importFile(
    file,
    kind,
    {
      ...mappingContextFrom(reference),
      ...(options.status === undefined ? {} : { status: options.status }),
      ...(options.classification === undefined ? {} : { classification: options.classification }),
      ...(options.ownerParty === undefined ? {} : { ownerParty: options.ownerParty }),
      ...(options.numericDateOrder === undefined ? {} : { numericDateOrder: options.numericDateOrder }),
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    },
    (batch) => store.upsertIncidents(batch, { changedBy, at: now().toISOString(), actor }),
  );
  const finishedAt = now().toISOString();
  const summary = {
    imported: result.imported,
    updated: result.updated,
    skipped: result.skipped,
    rejected: result.rejected,
  };
  // A bulk import is history, not news: subscribers get one summary, never an alert per row.
  const classification = options.classification ?? 'PUBLIC';
  await store.atomically(async (tx) => {
    await tx.finishImportRun(runId, { ...summary, finishedAt }, { actor, at: finishedAt });
    if (summary.imported + summary.updated > 0)
      await publishAlert(
        tx,
        {
          kind: 'import.completed',
          incidentId: null,
          classification,
          ownerParty: classification === 'NATIONAL' ? (options.ownerParty ?? null) : null,
          payload: { kind: 'import.completed', source: kind, file: path.basename(file), ...summary },
        },
        { actor, at: finishedAt },
      );
  });
  return result;
}
