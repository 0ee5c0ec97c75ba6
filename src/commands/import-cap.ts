/**
 * Imports partners' CAP alerts: each becomes a partner report (source "CAP <sender>", text = headline,
 * description and areas) that goes through the report path — extraction, fusion, triage — with its
 * sender, identifier and sent kept in `cap_imports`. Outcomes per alert, never a throw halfway:
 * - imported: a new alert (or an Update whose earlier alert was never imported here), filed;
 * - duplicate: this sender's identifier was imported already; nothing written;
 * - updated: an Update of an alert imported here, filed as a new report that names it;
 * - cancelled: a Cancel of an alert imported here: recorded, no report filed (its text would be read as
 *   a new event); the earlier report and its incidents stay for the analysts to review;
 * - rejected: with the reason (not CAP 1.2, a required element missing, an invalid date, a Cancel of
 *   nothing imported, a report the platform refuses).
 * Each alert is written in its own transaction: a failure leaves the alerts before it imported and
 * nothing of its own.
 */
import { parseCapDocument, type PartnerAlert } from '../ingest/feed/parse-cap.ts';
import type { Store } from '../store/store.ts';
import type { TextExtractor } from './ingest-report.ts';
import { INGEST_LANE, submitReport, type Sender } from './submit-report.ts';

export type CapImportOutcome =
  | {
      readonly outcome: 'imported' | 'updated';
      readonly sender: string;
      readonly identifier: string;
      readonly reportId: number;
      readonly incidentIds: readonly number[];
      readonly appliesTo: string | null;
    }
  | {
      readonly outcome: 'duplicate';
      readonly sender: string;
      readonly identifier: string;
      readonly reportId: number | null;
    }
  | {
      readonly outcome: 'cancelled';
      readonly sender: string;
      readonly identifier: string;
      readonly appliesTo: string;
    }
  | {
      readonly outcome: 'rejected';
      readonly sender: string | null;
      readonly identifier: string | null;
      readonly reason: string;
    };

export type CapImportResult =
  | { readonly ok: true; readonly results: readonly CapImportOutcome[] }
  | { readonly ok: false; readonly error: string };

export async function importCapAlerts(
  store: Store,
  xml: string,
  sender: Sender,
  now: Date,
  extractor?: TextExtractor,
): Promise<CapImportResult> {
  const document = parseCapDocument(xml);
  if (!document.ok) return document;
  const results: CapImportOutcome[] = [];
  for (const reading of document.alerts) {
    if (!reading.ok) {
      results.push({
        outcome: 'rejected',
        sender: reading.sender,
        identifier: reading.identifier,
        reason: reading.reason,
      });
      continue;
    }
    results.push(await importOne(store, reading.alert, sender, now, extractor));
  }
  return { ok: true, results };
}

async function importOne(
  store: Store,
  alert: PartnerAlert,
  sender: Sender,
  now: Date,
  extractor: TextExtractor | undefined,
): Promise<CapImportOutcome> {
  const key = { sender: alert.sender, identifier: alert.identifier };
  return store.atomically(async (tx): Promise<CapImportOutcome> => {
    const [existing] = await tx.findCapImports([key]);
    if (existing !== undefined) return { outcome: 'duplicate', ...key, reportId: existing.reportId };
    const earlier =
      alert.msgType === 'Alert'
        ? undefined
        : (await tx.findCapImports(alert.references)).sort((a, b) => (a.sent < b.sent ? 1 : -1))[0];
    const record = {
      ...key,
      sent: alert.sent,
      msgType: alert.msgType,
      appliesTo: earlier?.identifier ?? null,
      importedAt: now.toISOString(),
      importedBy: sender.name,
    };
    const by = { actor: sender, at: now.toISOString() };
    if (alert.msgType === 'Cancel') {
      if (earlier === undefined)
        return { outcome: 'rejected', ...key, reason: 'a Cancel of no alert imported here (<references>)' };
      await tx.recordCapImport({ ...record, outcome: 'cancelled', reportId: null }, by);
      return { outcome: 'cancelled', ...key, appliesTo: earlier.identifier };
    }
    const outcome = alert.msgType === 'Update' && earlier !== undefined ? 'updated' : 'imported';
    const submitted = await submitReport(
      tx,
      {
        kind: 'partner',
        source: `CAP ${alert.sender}`.slice(0, 300),
        title: (alert.headline ?? alert.event)?.slice(0, 300) ?? null,
        text:
          earlier === undefined
            ? alert.text
            : `${alert.text}\n\n(Mise à jour de l'alerte ${earlier.identifier} / update of alert ${earlier.identifier})`,
        language: alert.language?.slice(0, 2).toLowerCase() ?? null,
        published: publishedDay(alert.sent, now),
        classification: alert.scope === 'Public' ? 'PUBLIC' : 'AES_RESTRICTED',
        clientRef: `cap:${alert.sender},${alert.identifier}`.slice(0, 200),
      },
      sender,
      now,
      extractor,
    );
    if (!submitted.ok)
      return {
        outcome: 'rejected',
        ...key,
        reason: submitted.problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      };
    await tx.recordCapImport({ ...record, outcome, reportId: submitted.report.id }, by);
    return {
      outcome,
      ...key,
      reportId: submitted.report.id,
      incidentIds: (submitted.ingest?.events ?? []).map((e) => e.incidentId),
      appliesTo: earlier?.identifier ?? null,
    };
  }, INGEST_LANE);
}

/** The day the alert was sent, as written (its own offset); never after today. */
function publishedDay(sent: string, now: Date): string {
  const day = sent.slice(0, 10);
  const today = now.toISOString().slice(0, 10);
  return day > today ? today : day;
}
