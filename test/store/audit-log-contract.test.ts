/**
 * The audit log as every store writes it (a real SQLite file and the real PostgreSQL): each write
 * method appends its entries in the transaction of its change, with who, when, what, before and after;
 * a write that changes nothing or rolls back appends nothing; concurrent writers get gap-free, unique
 * sequence numbers; and a write method the table below does not list fails the suite.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyAuditLog } from '../../src/commands/audit-log.ts';
import { auditKeyOf } from '../../src/commands/audit-key.ts';
import { openProposalRecord } from '../../src/domain/charter/workflow/proposal-record.ts';
import type { Visibility } from '../../src/domain/classification.ts';
import { generateKeyPairSync } from 'node:crypto';
import { AUDIT_ROWS_PER_BATCH } from '../../src/store/incident-audit.ts';
import { KyselyStore } from '../../src/store/kysely-store.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import type { Store } from '../../src/store/store.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { incidentInput, reportInput } from '../support/factories.ts';

const ALL: Visibility = { classifications: ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL'], nationalOf: null };
const AT = '2025-04-01T09:00:00.000Z';
const AWA = { name: 'awa', userId: 3, role: 'liaison' as const, party: 'MLI' };
const BY = { actor: AWA, at: AT };

/** Every method of the Store that reads, or is the log's own bookkeeping, and so appends nothing. */
const NOT_AUDITED = new Set([
  'constructor',
  // The transaction helper every write goes through.
  'audited',
  // One transaction around writes that are each audited (Store.atomically), and the store bound to it.
  'atomically',
  'boundTo',
  'migrate',
  // migrate's body, with the schema of Kysely's own tables (PostgreSQL).
  'runMigrations',
  'close',
  // Wakes the outbox's readers: no change of its own.
  'watchAlerts',
  'getIncident',
  'listIncidents',
  'exportIncidents',
  'findCapImports',
  'aggregateIncidents',
  'countIncidents',
  'listRevisions',
  'findFusionCandidates',
  'getIncidentBySourceKey',
  'listIncidentSources',
  'listReportLinks',
  'getReport',
  'listReports',
  'findUserByName',
  'countUsers',
  // Sets last_used_at only: bookkeeping of a read, not a change of who may do what.
  'findUserByTokenHash',
  'findToken',
  'timelineIncidents',
  'listTokens',
  'findTokensByPrefix',
  'findUserCredentials',
  // Sessions and sign-in counters: authentication state, not records — kept out of the log.
  'createSession',
  'findSession',
  'touchSession',
  'deleteSession',
  'deleteExpiredSessions',
  'signInFailures',
  'recordSignInFailure',
  'lockSignIn',
  'clearSignInFailures',
  'listCharterProposals',
  'getCharterProposal',
  'getCharterDecision',
  'listCharterDecisions',
  'getAssistanceCase',
  'listAssistanceCases',
  'listOpenCharterProposals',
  'listIncidentsToEvaluate',
  'getRebellionCase',
  'listRebellionCases',
  'getConsultation',
  'listConsultations',
  'listMembershipEvents',
  'getAssistanceLedger',
  'listAssistanceLedgers',
  // Early warning's reads (surge-records.ts).
  'surgeDailyCounts',
  'listSurges',
  'getSurge',
  'listOpenSurges',
  'lastSurgeChange',
  'listAuditEntries',
  'auditHeadSize',
  'readAuditLog',
  // The log's own records: checkpoints sign the log, they are not changes it records.
  'addAuditCheckpoint',
  'listAuditCheckpoints',
  // Alerts: reads of the outbox and of one's subscriptions.
  'readAlertEvents',
  'alertSeqRange',
  'listAlertEvents',
  'getSubscription',
  'listSubscriptions',
  'listWebhookTargets',
  'readAlertCursor',
  'listWebhookDeliveries',
  // Webhook delivery bookkeeping (cursor, claims, attempts): the state of a worker, not a record; the
  // alert it delivers and the subscription it goes to are audited when they are written.
  'recordWebhookDeliveries',
  'claimWebhookDeliveries',
  'finishWebhookDelivery',
]);

/** Every write method, each with the test below that shows its entry. */
const AUDITED = [
  'mergeIncidents',
  'revokeToken',
  'setPasswordHash',
  'upsertIncidents',
  'updateIncident',
  'linkReport',
  'moveReportLink',
  'insertReport',
  'createUser',
  'createToken',
  'revokeTokens',
  'writeCharter',
  'startImportRun',
  'finishImportRun',
  // Their entries are shown in test/store/assistance-contract.test.ts.
  'createAssistanceRequest',
  'writeAssistanceLedger',
  'recordCapImport',
  'writeSurges',
  'publishAlerts',
  'createSubscription',
  'updateSubscription',
  'deleteSubscription',
];

function publicMethods(prototype: object): string[] {
  return Object.getOwnPropertyNames(prototype).filter(
    (name) => typeof Object.getOwnPropertyDescriptor(prototype, name)?.value === 'function',
  );
}

describe('the audited write methods', () => {
  it('lists every method of every store as audited or not: a new write method must be placed here', () => {
    for (const prototype of [KyselyStore.prototype, SqliteStore.prototype, PostgresStore.prototype])
      for (const name of publicMethods(prototype))
        assert.ok(
          NOT_AUDITED.has(name) || AUDITED.includes(name),
          `${name} is neither audited nor listed as a read: record its changes with this.audited(…) and list it`,
        );
  });
});

/** The entries appended since `from`, parsed. */
async function entriesSince(store: Store, from: number) {
  const rows = await store.readAuditLog(from, 1000);
  return rows.map((r) => JSON.parse(r.entry) as Record<string, unknown> & { seq: number; action: string });
}

for (const kind of testStoreKinds) {
  describe(`audit log appends on ${kind.dialect}`, () => {
    let db: TestStore;
    let store: Store;
    before(async () => {
      db = await kind.open();
      store = db.store;
    });
    after(() => db.dispose());

    /** Runs a write and returns the entries it appended. */
    async function appended(write: () => Promise<unknown>) {
      const from = await store.auditHeadSize();
      await write();
      return entriesSince(store, from);
    }

    it('records each write with its actor, time, subject, before and after', async () => {
      const [user] = await appended(() =>
        store.createUser({ name: 'awa', role: 'liaison', party: 'MLI', createdAt: AT }, BY),
      );
      assert.equal(user?.action, 'user.create');
      assert.deepEqual(user?.['actor'], { name: 'awa', user_id: 3, role: 'liaison', party: 'MLI' });
      assert.equal(user?.['time'], AT);
      assert.deepEqual((user?.['after'] as { name: string }).name, 'awa');
      const userId = Number((user?.['subject'] as { id: string }).id);

      const [token] = await appended(() =>
        store.createToken({ userId, tokenHash: 'secret-hash', prefix: 'lpk_abc', createdAt: AT }, BY),
      );
      assert.equal(token?.action, 'api-token.create');
      assert.ok(!JSON.stringify(token).includes('secret-hash'), 'the token hash stays out of the log');
      const [revoked] = await appended(() => store.revokeTokens(userId, BY));
      assert.deepEqual(
        [revoked?.action, revoked?.['before'], revoked?.['after']],
        ['api-token.revoke', { revokedAt: null }, { revokedAt: AT }],
      );

      const [password] = await appended(() => store.setPasswordHash(userId, '$argon2id$not-a-real-hash', BY));
      assert.deepEqual(
        [password?.action, password?.['after']],
        ['user.password-set', { passwordChangedAt: AT }],
      );
      assert.ok(!JSON.stringify(password).includes('argon2id'), 'the password hash stays out of the log');
      await store.createToken({ userId, tokenHash: 'h2', prefix: 'lpk_def', createdAt: AT }, BY);
      const [live] = (await store.listTokens(userId)).filter((t) => t.revokedAt === null);
      assert.ok(live);
      const [one] = await appended(() => store.revokeToken(live.id, BY));
      assert.deepEqual(
        [one?.action, one?.['subject']],
        ['api-token.revoke', { type: 'api-token', id: String(live.id) }],
      );

      const input = incidentInput({ status: 'reported' });
      const [created] = await appended(() =>
        store.upsertIncidents([input], { changedBy: 'awa', at: AT, actor: AWA }),
      );
      assert.equal(created?.action, 'incident.create');
      assert.equal(created?.['before'], null);
      assert.equal((created?.['after'] as { sourceKey: string }).sourceKey, input.sourceKey);
      const incident = await store.getIncidentBySourceKey(input.sourceKey, ALL);
      assert.ok(incident);
      const [updated] = await appended(() =>
        store.updateIncident(incident.id, {
          status: 'verified',
          changedBy: 'awa',
          reason: 'seen',
          at: AT,
          actor: AWA,
        }),
      );
      assert.deepEqual(
        [updated?.['before'], updated?.['after']],
        [
          { revision: 1, status: 'reported' },
          { revision: 2, status: 'verified', reason: 'seen' },
        ],
      );
      assert.deepEqual(
        await appended(() =>
          store.updateIncident(incident.id, {
            status: 'verified',
            changedBy: 'awa',
            reason: 'again',
            at: AT,
            actor: AWA,
          }),
        ),
        [],
        'no change, no entry',
      );

      const [report] = await appended(() =>
        store.insertReport(reportInput({ clientRef: 'r-1' }), {
          submittedBy: 'awa',
          receivedAt: AT,
          actor: AWA,
        }),
      );
      assert.equal(report?.action, 'report.create');
      const reportId = Number((report?.['subject'] as { id: string }).id);
      assert.deepEqual(
        await appended(() =>
          store.insertReport(reportInput({ clientRef: 'r-1' }), {
            submittedBy: 'awa',
            receivedAt: AT,
            actor: AWA,
          }),
        ),
        [],
        'a retried report is not stored again, and not recorded again',
      );

      const link = {
        reportId,
        eventIndex: 0,
        incidentId: incident.id,
        confidence: 0.9,
        evidence: [],
        event: {
          eventDate: '2024-03-15',
          dateStated: true,
          country: 'MLI',
          admin1: null,
          location: 'Boni',
          latitude: null,
          longitude: null,
          eventType: 'Battles' as const,
          subEventType: 'Armed clash' as const,
          actor1: null,
          actor2: null,
          fatalities: null,
        },
        needsReview: false,
        createdAt: AT,
      };
      const [linked] = await appended(() => store.linkReport(link, BY));
      assert.equal(linked?.action, 'report-link.create');
      assert.deepEqual(
        await appended(() => store.linkReport(link, BY)),
        [],
        'a link made already is not recorded',
      );
      const other = incidentInput();
      await store.upsertIncidents([other], { changedBy: 'awa', at: AT, actor: AWA });
      const otherId = (await store.getIncidentBySourceKey(other.sourceKey, ALL))?.id ?? 0;
      const [moved] = await appended(() =>
        store.moveReportLink(reportId, 0, { incidentId: otherId, needsReview: true }, BY),
      );
      assert.deepEqual(
        [moved?.['before'], moved?.['after']],
        [
          { incidentId: incident.id, needsReview: false },
          { incidentId: otherId, needsReview: true },
        ],
      );

      const merged = await appended(() =>
        store.mergeIncidents({
          survivorId: otherId,
          otherId: incident.id,
          visibility: ALL,
          changedBy: 'awa',
          reason: 'same attack',
          at: AT,
          actor: AWA,
        }),
      );
      assert.deepEqual(
        merged.map((e) => [e.action, (e['subject'] as { id: string }).id]),
        [
          ['incident.update', String(incident.id)],
          ['incident.update', String(otherId)],
        ],
      );
      assert.deepEqual((merged[0]?.['after'] as { status: string }).status, 'rejected');

      const record = openProposalRecord({
        incidentId: String(incident.id),
        proposal: {
          treaty: 'liptako-gourma-charter',
          article: '6',
          status: 'proposed',
          confidence: 0.8,
          reasons: [],
          missing: [],
          obligations: [],
        },
        at: AT,
        cause: 'verified',
      });
      const [proposal] = await appended(() =>
        store.writeCharter([{ kind: 'proposal', record, expectedVersion: null, at: AT }], BY),
      );
      assert.deepEqual([proposal?.action, proposal?.['before']], ['charter-proposal.create', null]);
      assert.deepEqual(
        await appended(() =>
          store.writeCharter([{ kind: 'proposal', record, expectedVersion: null, at: AT }], BY),
        ),
        [],
        'a lost write rolls its entry back with it',
      );
      const [revised] = await appended(() =>
        store.writeCharter([{ kind: 'proposal', record, expectedVersion: 1, at: AT }], BY),
      );
      assert.equal(revised?.action, 'charter-proposal.update');
      assert.deepEqual(revised?.['before'], record);

      const surge = {
        country: 'MLI',
        admin1Key: 'mopti',
        admin1: 'Mopti',
        classification: 'PUBLIC' as const,
        ownerParty: null,
        state: 'open' as const,
        level: 'elevated' as const,
        openedOn: '2025-03-30',
        changedOn: '2025-03-30',
        lapsedSince: null,
        closedOn: null,
        window: { start: '2025-03-01', end: '2025-03-30' },
        fatalities30d: 12,
        events30d: 4,
        baseline: 0,
        baselineWindow: null,
        peakFatalities30d: 12,
        peakOn: '2025-03-30',
        history: [],
      };
      const [opened] = await appended(() => store.writeSurges([{ id: null, surge }], BY));
      assert.deepEqual([opened?.action, opened?.['before'], opened?.['after']], ['surge.open', null, surge]);
      const surgeId = Number((opened?.['subject'] as { id: string }).id);
      assert.deepEqual(
        await appended(() => store.writeSurges([{ id: surgeId, expectedVersion: 7, surge }], BY)),
        [],
        'a lost write rolls its entry back with it',
      );
      const closedSurge = { ...surge, state: 'closed' as const, closedOn: '2025-04-01' };
      const [closedEntry] = await appended(() =>
        store.writeSurges([{ id: surgeId, expectedVersion: 1, surge: closedSurge }], BY),
      );
      assert.deepEqual([closedEntry?.action, closedEntry?.['before']], ['surge.close', surge]);

      const [started] = await appended(() =>
        store.startImportRun({ kind: 'acled', file: 'mli.csv', startedAt: AT }, BY),
      );
      assert.equal(started?.action, 'import-run.start');
      const runId = Number((started?.['subject'] as { id: string }).id);
      const [finished] = await appended(() =>
        store.finishImportRun(
          runId,
          { imported: 1, updated: 0, skipped: 0, rejected: 0, finishedAt: AT },
          BY,
        ),
      );
      assert.equal(finished?.action, 'import-run.finish');

      const cap = {
        sender: 'alerte@example.ne',
        identifier: 'A-1',
        sent: '2024-05-03T09:30:00+01:00',
        msgType: 'Alert',
        outcome: 'imported',
        reportId: null,
        appliesTo: null,
        importedAt: AT,
        importedBy: 'test',
      };
      const [imported] = await appended(async () => assert.equal(await store.recordCapImport(cap, BY), true));
      assert.equal(imported?.action, 'cap-import.record');
      assert.deepEqual(imported?.['after'], cap);
      // The same key again: nothing written, nothing logged.
      assert.deepEqual(
        await appended(async () => assert.equal(await store.recordCapImport(cap, BY), false)),
        [],
      );
      assert.deepEqual(await store.findCapImports([{ sender: cap.sender, identifier: cap.identifier }]), [
        cap,
      ]);
    });

    it(`records a batch of more than ${AUDIT_ROWS_PER_BATCH} incidents as one entry with counts and a digest`, async () => {
      const batch = Array.from({ length: AUDIT_ROWS_PER_BATCH + 5 }, () => incidentInput());
      const entries = await appended(() =>
        store.upsertIncidents(batch, { changedBy: 'import:acled', at: AT, actor: AWA }),
      );
      assert.equal(entries.length, 1);
      const after = entries[0]?.['after'] as Record<string, unknown>;
      assert.equal(entries[0]?.action, 'incident.import');
      assert.equal(after['inserted'], AUDIT_ROWS_PER_BATCH + 5);
      assert.equal(after['firstSourceKey'], batch[0]?.sourceKey);
      assert.match(String(after['digest']), /^sha256:[0-9a-f]{64}$/);
      assert.deepEqual(
        await appended(() => store.upsertIncidents(batch, { changedBy: 'import:acled', at: AT, actor: AWA })),
        [],
        'an unchanged re-import records nothing',
      );
    });

    it('gives concurrent writers unique, gap-free sequence numbers', async () => {
      const from = await store.auditHeadSize();
      const writes = Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0
          ? store.insertReport(reportInput({ title: `r${i}` }), {
              submittedBy: 'awa',
              receivedAt: AT,
              actor: AWA,
            })
          : store.upsertIncidents([incidentInput()], { changedBy: 'awa', at: AT, actor: AWA }),
      );
      await Promise.all(writes);
      const rows = await store.readAuditLog(0, 1000);
      assert.deepEqual(
        rows.map((r) => r.seq),
        rows.map((_, i) => i),
      );
      assert.equal(rows.length, from + 40);
      assert.equal(await store.auditHeadSize(), rows.length);
      const key = auditKeyOf(generateKeyPairSync('ed25519').privateKey);
      assert.deepEqual((await verifyAuditLog(store, key.verifier)).problems, []);
    });
  });
}
