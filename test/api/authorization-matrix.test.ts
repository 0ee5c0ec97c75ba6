/**
 * The authorisation matrix: ONE table of route × record × role → outcome, run against the real
 * server (createApp over a real store, app.inject) on a SQLite file and on PostgreSQL.
 *
 * Roles, in the order of each row's outcomes: anonymous, observer, analyst, liaison (of MLI),
 * decision-maker (of MLI), admin. Records: `-` (the route reads no record), PUBLIC, AES_RESTRICTED,
 * NATIONAL_OWN (NATIONAL, owned by MLI: the liaison's and decision-maker's own party),
 * NATIONAL_OTHER (NATIONAL, owned by BFA), and for party-scoped routes OWN / OTHER (the caller's own
 * thing, or another user's or party's).
 *
 * Outcomes: 200, 201, 204 — done, and the record is in the answer (listed, counted, found);
 * `hid` — 200, but the record is neither listed nor counted; 401, 403, 404 (hidden: answered as if
 * the record did not exist), 409, 422 — refused, with a JSON `{ error, message }`.
 *
 * Every cell gets its own request, and write routes their own fresh fixture. The test fails when a
 * registered route has no row (the server tells its routes through createApp's onRoute), when a row
 * names a route that no longer exists, and when a cell's outcome differs from the table.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { RegisteredRoute } from '../../src/api/create-app.ts';
import { issueApiToken } from '../../src/commands/api-tokens.ts';
import { detectSurges } from '../../src/commands/detect-surges.ts';
import type { Classification, Visibility } from '../../src/domain/classification.ts';
import type { IncidentInput } from '../../src/store/store.ts';
import { testStoreKinds } from '../support/databases.ts';
import { BY, incidentInput, reportInput, TEST_ACTOR } from '../support/factories.ts';
import { openApi, type ApiHarness, type UserName } from './api-harness.ts';

type Role = 'anonymous' | 'observer' | 'analyst' | 'liaison' | 'decision-maker' | 'admin';
const ROLE_ORDER: readonly Role[] = [
  'anonymous',
  'observer',
  'analyst',
  'liaison',
  'decision-maker',
  'admin',
];
const USER_OF: Readonly<Record<Exclude<Role, 'anonymous'>, UserName>> = {
  observer: 'observer',
  analyst: 'analyst',
  liaison: 'liaisonMli',
  'decision-maker': 'deciderMli',
  admin: 'admin',
};
const OWN_PARTY = 'MLI';
const OTHER_PARTY = 'BFA';

type RecordTarget = 'PUBLIC' | 'AES_RESTRICTED' | 'NATIONAL_OWN' | 'NATIONAL_OTHER';
type Target = '-' | RecordTarget | 'OWN' | 'OTHER';
const RECORDS: readonly RecordTarget[] = ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL_OWN', 'NATIONAL_OTHER'];

/**
 * THE TABLE. A row: the route (METHOD URL as registered, then `· variant` when one route is probed
 * several ways), the record, and the outcome for each role in ROLE_ORDER.
 */
//                                                       record            anon obs analyst liaison decider admin
const MATRIX: readonly (readonly [route: string, record: Target, outcomes: string])[] = [
  // System, documentation, the web app's files: public to everyone.
  ['GET /healthz', '-', '200 200 200 200 200 200'],
  ['GET /openapi.json', '-', '200 200 200 200 200 200'],
  ['GET /docs', '-', '200 200 200 200 200 200'],
  ['HEAD /docs/', '-', '200 200 200 200 200 200'],
  ['GET /docs/json', '-', '200 200 200 200 200 200'],
  ['GET /docs/yaml', '-', '200 200 200 200 200 200'],
  // The UI's page is served at /docs: its static copy redirects there.
  ['GET /docs/static/*', '-', '302 302 302 302 302 302'],
  ['GET /docs/static/index.html', '-', '302 302 302 302 302 302'],
  ['GET /docs/static/swagger-initializer.js', '-', '200 200 200 200 200 200'],
  ['GET /', '-', '200 200 200 200 200 200'],
  ['GET /map', '-', '200 200 200 200 200 200'],
  ['GET /triage', '-', '200 200 200 200 200 200'],
  ['GET /report', '-', '200 200 200 200 200 200'],
  ['GET /charter', '-', '200 200 200 200 200 200'],
  ['GET /surges', '-', '200 200 200 200 200 200'],
  ['GET /alerts', '-', '200 200 200 200 200 200'],
  ['GET /incidents/:id(^\\d{1,12}$)', '-', '200 200 200 200 200 200'],
  ['GET /assistance', '-', '200 200 200 200 200 200'],
  ['GET /assistance/new', '-', '200 200 200 200 200 200'],
  ['GET /assistance/scorecards', '-', '200 200 200 200 200 200'],
  ['GET /assistance/:id(^\\d{1,12}$)', '-', '200 200 200 200 200 200'],
  ['GET /assets/*', '-', '200 200 200 200 200 200'],
  ['GET /sw.js', '-', '200 200 200 200 200 200'],
  ['GET /favicon.svg', '-', '200 200 200 200 200 200'],
  ['GET /manifest.webmanifest', '-', '200 200 200 200 200 200'],

  // Identity: sign-in by token (anonymous: an unknown one), the cookie session, one's own tokens.
  ['POST /api/session', '-', '401 200 200 200 200 200'],
  ['GET /api/session', '-', '401 200 200 200 200 200'],
  ['DELETE /api/session', '-', '204 204 204 204 204 204'],
  ['GET /api/me', '-', '401 200 200 200 200 200'],
  ['GET /api/me/tokens', '-', '401 200 200 200 200 200'],
  ['POST /api/me/tokens', '-', '401 201 201 201 201 201'],
  ['POST /api/me/tokens · cookie without X-CSRF-Token', '-', '401 403 403 403 403 403'],
  ['POST /api/me/tokens · read-scoped token', '-', '401 403 403 403 403 403'],
  ['DELETE /api/me/tokens/:id', 'OWN', '401 204 204 204 204 204'],
  ['DELETE /api/me/tokens/:id', 'OTHER', '401 404 404 404 404 404'],

  // Reference data: every signed-in user.
  ['GET /api/reference/parties', '-', '401 200 200 200 200 200'],
  ['GET /api/reference/places', '-', '401 200 200 200 200 200'],
  ['GET /api/reference/admin-units', '-', '401 200 200 200 200 200'],
  ['GET /api/reference/actors', '-', '401 200 200 200 200 200'],
  ['GET /api/reference/taxonomy', '-', '401 200 200 200 200 200'],
  ['GET /api/reference/labels', '-', '401 200 200 200 200 200'],
  ['GET /api/reference/outlines', '-', '401 200 200 200 200 200'],

  // Incidents: list, full-text search, counts, map clusters, timeline, detail.
  ...readRows('GET /api/incidents'),
  ...readRows('GET /api/incidents · q= full-text'),
  ...readRows('GET /api/incidents · actor='),
  ...readRows('GET /api/incidents · sort=created_asc (triage)'),
  ...readRows('GET /api/incidents · count=true total'),
  ...readRows('GET /api/incidents/aggregate'),
  ...readRows('GET /api/incidents/aggregate · q='),
  ...readRows('GET /api/incidents/timeline'),
  ...readRows('GET /api/incidents/timeline · q='),
  ...detailRows('GET /api/incidents/:id'),
  // A PUBLIC incident's sources: the record is the linked report's classification.
  ...readRows('GET /api/incidents/:id · sources'),
  ...analystRows('PATCH /api/incidents/:id', '200'),
  ...analystRows('POST /api/incidents/bulk', '200'),
  ...analystRows('POST /api/incidents/:id/merge', '200'),
  ...analystRows('POST /api/incidents/:id/split', '200'),

  // Reports: a party's officer files only for their own party.
  ['POST /api/reports', 'PUBLIC', '401 403 201 201 201 201'],
  ['POST /api/reports', 'AES_RESTRICTED', '401 403 201 201 201 201'],
  ['POST /api/reports', 'NATIONAL_OWN', '401 403 201 201 201 201'],
  ['POST /api/reports', 'NATIONAL_OTHER', '401 403 201 422 422 201'],
  ...readRows('GET /api/reports'),
  ...readRows('GET /api/reports · q= full-text'),
  ...detailRows('GET /api/reports/:id'),

  // The Charter workflow: the incident's classification rules its proposals, decisions and cases.
  ...detailRows('GET /api/incidents/:id/charter'),
  ...analystRows('POST /api/incidents/:id/charter/evaluate', '200'),
  ...analystRows('POST /api/charter/proposals/:id/review', '200'),
  ...readRows('GET /api/charter/decisions'),
  ['POST /api/charter/decisions/:id/votes', 'PUBLIC', '401 403 403 403 200 403'],
  ['POST /api/charter/decisions/:id/votes', 'AES_RESTRICTED', '401 404 403 403 200 403'],
  ['POST /api/charter/decisions/:id/votes', 'NATIONAL_OWN', '401 404 403 403 200 403'],
  ['POST /api/charter/decisions/:id/votes', 'NATIONAL_OTHER', '401 404 403 404 404 403'],
  ...readRows('GET /api/charter/proposals'),
  ...readRows('GET /api/charter/cases'),
  ...detailRows('GET /api/charter/cases/:id'),
  // The obligation of the caller's party (MLI) on a case of each record; OTHER: BFA's, on a PUBLIC case.
  ['POST /api/charter/cases/:id/obligations/:party', 'PUBLIC', '401 403 403 200 200 200'],
  ['POST /api/charter/cases/:id/obligations/:party', 'AES_RESTRICTED', '401 403 403 200 200 200'],
  ['POST /api/charter/cases/:id/obligations/:party', 'NATIONAL_OWN', '401 403 403 200 200 200'],
  ['POST /api/charter/cases/:id/obligations/:party', 'NATIONAL_OTHER', '401 403 403 404 404 200'],
  ['POST /api/charter/cases/:id/obligations/:party', 'OTHER', '401 403 403 403 403 200'],
  ...detailRows('GET /api/charter/decisions/:id'),
  // Opening a decision: an accession (the subject names no record).
  ['POST /api/charter/decisions', '-', '401 403 200 403 200 200'],

  // Art. 5 rebellion cases: one open case per party; the incident's classification rules the case.
  ...readRows('GET /api/charter/rebellion-cases'),
  ...detailRows('GET /api/charter/rebellion-cases/:id'),
  // Opened from an incident in the caller's party (MLI) of each record; OTHER: in another party (NER).
  ...partyRows('POST /api/charter/rebellion-cases'),
  ...partyRows('POST /api/charter/rebellion-cases/:id/steps'),
  ...partyRows('POST /api/charter/rebellion-cases/:id/close'),

  // Art. 8 consultations: opened from an incident of each record, between BFA and NER.
  ...readRows('GET /api/charter/consultations'),
  ...detailRows('GET /api/charter/consultations/:id'),
  ...partyRows('POST /api/charter/consultations'),
  // A statement: OWN, the caller's party is concerned; OTHER, it is not.
  ['POST /api/charter/consultations/:id/statements', 'OWN', '401 403 403 200 200 403'],
  ['POST /api/charter/consultations/:id/statements', 'OTHER', '401 403 403 403 403 403'],
  ...partyRows('POST /api/charter/consultations/:id/close'),

  // The mutual-assistance ledger: a request's own classification rules it and its ledger (PUBLIC and
  // AES_RESTRICTED requests by BFA, NATIONAL_OWN by MLI, NATIONAL_OTHER by BFA).
  ...readRows('GET /api/assistance/requests'),
  ...detailRows('GET /api/assistance/requests/:id'),
  ['GET /api/assistance/scorecards', '-', '401 200 200 200 200 200'],
  // Asking for the caller's party (MLI) with each classification; NATIONAL_OTHER: for BFA.
  ...assistanceRows('POST /api/assistance/requests', '201', '403'),
  // Pledging for the caller's party (the admin for NER) to a request of each record: MLI's own
  // NATIONAL request is its own (422), BFA's NATIONAL one is hidden (404).
  ['POST /api/assistance/requests/:id/pledges', 'PUBLIC', '401 403 403 201 201 201'],
  ['POST /api/assistance/requests/:id/pledges', 'AES_RESTRICTED', '401 403 403 201 201 201'],
  ['POST /api/assistance/requests/:id/pledges', 'NATIONAL_OWN', '401 403 403 422 422 201'],
  ['POST /api/assistance/requests/:id/pledges', 'NATIONAL_OTHER', '401 403 403 404 404 201'],
  // Sending: OWN, a pledge of MLI; OTHER, one of NER (both on a PUBLIC request of BFA).
  ['POST /api/assistance/requests/:id/dispatches', 'OWN', '401 403 403 201 201 201'],
  ['POST /api/assistance/requests/:id/dispatches', 'OTHER', '401 403 403 403 403 201'],
  // Withdrawing what was not sent: OWN, a pledge of MLI; OTHER, one of NER (on a PUBLIC request of BFA).
  ['POST /api/assistance/requests/:id/withdrawals', 'OWN', '401 403 403 200 200 200'],
  ['POST /api/assistance/requests/:id/withdrawals', 'OTHER', '401 403 403 403 403 200'],
  // Confirming receipt and cancelling: OWN, on MLI's PUBLIC request; OTHER, on BFA's.
  ['POST /api/assistance/requests/:id/receipts', 'OWN', '401 403 403 201 201 201'],
  ['POST /api/assistance/requests/:id/receipts', 'OTHER', '401 403 403 403 403 201'],
  ['POST /api/assistance/requests/:id/cancel', 'OWN', '401 403 403 200 200 200'],
  ['POST /api/assistance/requests/:id/cancel', 'OTHER', '401 403 403 403 403 200'],

  // The audit log: entries and proofs to the alliance's analysts and admins (who read every record);
  // the signed checkpoint (hashes only) to every signed-in user. No checkpoint is signed in this fixture:
  // the checkpoint answers 404 and a proof 409 to those who may ask (the gate is what is checked here).
  ['GET /api/audit', '-', '401 403 200 403 403 200'],
  ['GET /api/audit/checkpoint', '-', '401 404 404 404 404 404'],
  ['GET /api/audit/proof/:seq', '-', '401 403 409 403 403 409'],

  // Streamed exports of a filtered view: what the list shows, each record carrying its classification.
  ...readRows('GET /api/exports/incidents.geojson'),
  ...readRows('GET /api/exports/incidents.csv'),
  ...readRows('GET /api/exports/incidents.acled.csv'),

  // Feeds: CAP alerts of what the caller may read; the Atom feed holds PUBLIC verified incidents only,
  // for everyone (anonymous too on a public-read deployment, see below).
  ...readRows('GET /api/feeds/cap'),
  ...detailRows('GET /api/feeds/cap/:identifier'),
  ['GET /api/feeds/atom', 'PUBLIC', '401 200 200 200 200 200'],
  ['GET /api/feeds/atom', 'AES_RESTRICTED', '401 hid hid hid hid hid'],
  ['GET /api/feeds/atom', 'NATIONAL_OWN', '401 hid hid hid hid hid'],
  ['GET /api/feeds/atom', 'NATIONAL_OTHER', '401 hid hid hid hid hid'],

  // Partners' CAP alerts filed as reports: analysts, liaisons and admins.
  ['POST /api/imports/cap', '-', '401 403 200 200 403 200'],

  // Membership: the list is public to signed-in users; recording an accession needs its adopted decision.
  ['GET /api/charter/membership-events', '-', '401 200 200 200 200 200'],
  ['POST /api/charter/membership-events · accession on an unknown decision', '-', '401 403 404 403 403 404'],

  // Early warning: a surge is marked with the highest classification of the incidents it was computed
  // from (each record here: a unit whose incidents all carry it), and read as such a record is.
  ...readRows('GET /api/surges'),
  ...readRows('GET /api/surges · on= a day'),
  ...detailRows('GET /api/surges/:id'),

  // Alerts: an alert of each record, missed and answered by the stream (follow=false) and the list;
  // subscriptions are each user's own (another user's answers as unknown).
  ...readRows('GET /api/stream · follow=false after the alert'),
  ...readRows('GET /api/alerts'),
  ['GET /api/subscriptions', '-', '401 200 200 200 200 200'],
  ['POST /api/subscriptions', '-', '401 201 201 201 201 201'],
  ['POST /api/subscriptions · read-scoped token', '-', '401 403 403 403 403 403'],
  ['GET /api/subscriptions/:id', 'OWN', '401 200 200 200 200 200'],
  ['GET /api/subscriptions/:id', 'OTHER', '401 404 404 404 404 404'],
  ['PUT /api/subscriptions/:id', 'OWN', '401 200 200 200 200 200'],
  ['PUT /api/subscriptions/:id', 'OTHER', '401 404 404 404 404 404'],
  ['DELETE /api/subscriptions/:id', 'OWN', '401 204 204 204 204 204'],
  ['DELETE /api/subscriptions/:id', 'OTHER', '401 404 404 404 404 404'],
  ['GET /api/subscriptions/:id/deliveries', 'OWN', '401 200 200 200 200 200'],
  ['GET /api/subscriptions/:id/deliveries', 'OTHER', '401 404 404 404 404 404'],
];

/** A list or count: the observer sees PUBLIC only; a party's officer all but another party's NATIONAL. */
function readRows(route: string): [string, Target, string][] {
  return [
    [route, 'PUBLIC', '401 200 200 200 200 200'],
    [route, 'AES_RESTRICTED', '401 hid 200 200 200 200'],
    [route, 'NATIONAL_OWN', '401 hid 200 200 200 200'],
    [route, 'NATIONAL_OTHER', '401 hid 200 hid hid 200'],
  ];
}

/**
 * Acts on a case of the caller's party (MLI) from an incident of each record, and OTHER: on a PUBLIC
 * one of another party (NER). Analysts and admins act for the alliance; a party's officers for their
 * own party only, and what they may not see is absent (404).
 */
function partyRows(route: string): [string, Target, string][] {
  return [
    ...analystRows(route, '200').map(([r, t, o]): [string, Target, string] => [
      r,
      t,
      o.replace(/^(\S+ \S+ \S+) 403 403/, t === 'NATIONAL_OTHER' ? '$1 404 404' : '$1 200 200'),
    ]),
    [route, 'OTHER', '401 403 200 403 403 200'],
  ];
}

/** A party's officers act for their own party (MLI) only; admins for any; others never. */
function assistanceRows(route: string, done: string, other: string): [string, Target, string][] {
  return RECORDS.map((t) => [
    route,
    t,
    `401 403 403 ${t === 'NATIONAL_OTHER' ? `${other} ${other}` : `${done} ${done}`} ${done}`,
  ]);
}

/** One record by id: what a list hides, the detail answers 404, as for an id that does not exist. */
function detailRows(route: string): [string, Target, string][] {
  return readRows(route).map(([r, t, o]) => [r, t, o.replaceAll('hid', '404')]);
}

/** Analysts' and admins' edits: everyone else is refused before the record is looked at. */
function analystRows(route: string, done: string): [string, Target, string][] {
  return RECORDS.map((t) => [route, t, `401 403 ${done} 403 403 ${done}`]);
}

const ALL: Visibility = { classifications: ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL'], nationalOf: null };

function labelOf(target: RecordTarget): { classification: Classification; ownerParty: string | null } {
  switch (target) {
    case 'PUBLIC':
      return { classification: 'PUBLIC', ownerParty: null };
    case 'AES_RESTRICTED':
      return { classification: 'AES_RESTRICTED', ownerParty: null };
    case 'NATIONAL_OWN':
      return { classification: 'NATIONAL', ownerParty: OWN_PARTY };
    case 'NATIONAL_OTHER':
      return { classification: 'NATIONAL', ownerParty: OTHER_PARTY };
  }
}

function recordTarget(target: Target): RecordTarget {
  if (target === '-' || target === 'OWN' || target === 'OTHER') throw new Error(`no record for ${target}`);
  return target;
}

/** A word the full-text index keeps whole: letters only. */
function marker(n: number): string {
  let s = '';
  for (let k = n + 26 * 26; k > 0; k = Math.floor(k / 26)) s = String.fromCharCode(97 + (k % 26)) + s;
  return `zqx${s}`;
}

interface Caller {
  readonly role: Role;
  readonly user: UserName | null;
  readonly headers: Record<string, string>;
}

type Probe = (call: Caller, target: Target) => Promise<string>;

/** The routes the table's keys name: `METHOD URL` without the variant. */
const routeOf = (key: string): string => key.split(' · ')[0] ?? key;

for (const kind of testStoreKinds) {
  describe(`authorisation matrix on ${kind.dialect}`, () => {
    let api: ApiHarness;
    let webRoot: string;
    const registered: RegisteredRoute[] = [];
    let requests = 0;
    const badBodies: string[] = [];
    let sequence = 0;

    /** Shared read fixtures, one per record kind. */
    const shared = {
      incident: new Map<
        RecordTarget,
        { id: number; marker: string; actor: string; date: string; lon: number; lat: number }
      >(),
      sourced: new Map<RecordTarget, { incidentId: number; reportId: number }>(),
      report: new Map<RecordTarget, { id: number; marker: string }>(),
      charter: new Map<RecordTarget, { incidentId: number; decisionId: string; caseId: string }>(),
      rebellion: new Map<RecordTarget, string>(),
      /** An Art. 6 proposal nobody reviewed yet. */
      proposal: new Map<RecordTarget, number>(),
      consultation: new Map<RecordTarget, string>(),
      assistance: new Map<RecordTarget, number>(),
      /** A surge raised by detection from incidents of the record's classification alone. */
      surge: new Map<RecordTarget, number>(),
    };

    const inject = async (options: InjectOptions): Promise<LightMyRequestResponse> => {
      requests += 1;
      const res = await api.app.inject(options);
      if (res.statusCode >= 400) {
        const body = res.json<{ error?: unknown; message?: unknown }>();
        if (typeof body.error !== 'string' || typeof body.message !== 'string' || body.message === '')
          badBodies.push(`${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      return res;
    };
    const as = (user: UserName) => api.as(user);

    async function addIncident(target: RecordTarget, over: Partial<IncidentInput> = {}): Promise<number> {
      const input = incidentInput({ ...labelOf(target), ...over });
      await api.db.store.upsertIncidents([input], {
        changedBy: 'matrix',
        at: '2024-05-01T00:00:00Z',
        actor: TEST_ACTOR,
      });
      const found = await api.db.store.getIncidentBySourceKey(input.sourceKey, ALL);
      assert.ok(found);
      return found.id;
    }

    async function addReport(target: RecordTarget, text: string): Promise<number> {
      const { report } = await api.db.store.insertReport(
        reportInput({ ...labelOf(target), text, title: text.slice(0, 40) }),
        { submittedBy: 'matrix', receivedAt: '2024-05-01T00:00:00Z', actor: TEST_ACTOR },
      );
      return report.id;
    }

    async function link(reportId: number, incidentId: number): Promise<void> {
      await api.db.store.linkReport(
        {
          reportId,
          eventIndex: 0,
          incidentId,
          confidence: 0.9,
          evidence: [],
          event: {
            eventDate: '2024-03-15',
            dateStated: true,
            country: 'MLI',
            admin1: 'Mopti',
            location: 'Boni',
            latitude: 15.05,
            longitude: -1.87,
            eventType: 'Battles',
            subEventType: 'Armed clash',
            actor1: null,
            actor2: null,
            fatalities: 3,
          },
          needsReview: false,
          createdAt: '2024-05-01T00:00:00Z',
        },
        BY,
      );
    }

    async function reclassify(incidentId: number, target: RecordTarget): Promise<void> {
      const { classification, ownerParty } = labelOf(target);
      const done = await api.db.store.updateIncident(incidentId, {
        classification,
        ownerParty,
        changedBy: 'matrix',
        actor: TEST_ACTOR,
        reason: 'classified for the matrix',
        at: '2024-05-02T00:00:00Z',
      });
      assert.ok(done);
    }

    /** A verified strike by a non-party's forces on a Nigerien garrison: the Charter's Art. 6. */
    async function addStrike(): Promise<number> {
      return addIncident('PUBLIC', {
        eventDate: '2024-05-10',
        country: 'NER',
        admin1: 'Dosso',
        admin2: null,
        admin3: null,
        location: 'Gaya',
        latitude: 11.88,
        longitude: 3.45,
        actor1: 'Military Forces of Benin (2016-)',
        actor2: 'Military Forces of Niger (2023-)',
        status: 'verified',
      });
    }

    async function evaluate(incidentId: number): Promise<{ id: number; version: number }> {
      const res = await api.app.inject({
        method: 'POST',
        url: `/api/incidents/${incidentId}/charter/evaluate`,
        headers: as('admin'),
        payload: {},
      });
      assert.equal(res.statusCode, 200, res.body);
      const art6 = res
        .json<{ proposals: { id: number; treaty: string; article: string; version: number }[] }>()
        .proposals.find((p) => p.treaty === 'liptako-gourma-charter' && p.article === '6');
      assert.ok(art6, 'the strike engages Art. 6');
      return art6;
    }

    /**
     * A Charter flow on a PUBLIC strike, then the incident classified as the target: its proposal,
     * the decision it opened, and (adopt) the case three assents opened.
     */
    async function charterFlow(
      target: RecordTarget,
      adopt: boolean,
    ): Promise<{ incidentId: number; proposalId: number; decisionId: string; caseId: string }> {
      const incidentId = await addStrike();
      const art6 = await evaluate(incidentId);
      const reviewed = await api.app.inject({
        method: 'POST',
        url: `/api/charter/proposals/${art6.id}/review`,
        headers: as('admin'),
        payload: { version: art6.version, verdict: 'confirm', reason: 'a non-party state struck a garrison' },
      });
      assert.equal(reviewed.statusCode, 200, reviewed.body);
      const decisionId = reviewed.json<{ decision: { id: string } }>().decision.id;
      let caseId = '';
      if (adopt)
        for (const user of ['deciderMli', 'deciderBfa', 'deciderNer'] as const) {
          const voted = await api.app.inject({
            method: 'POST',
            url: `/api/charter/decisions/${decisionId}/votes`,
            headers: as(user),
            payload: { choice: 'assent' },
          });
          assert.equal(voted.statusCode, 200, voted.body);
          caseId = voted.json<{ assistance_case: { id: string } | null }>().assistance_case?.id ?? caseId;
        }
      if (adopt) assert.notEqual(caseId, '', 'three assents open the case');
      await reclassify(incidentId, target);
      return { incidentId, proposalId: art6.id, decisionId, caseId };
    }

    /** A rebellion case opened (by the admin) from a PUBLIC incident in a country, then classified. */
    async function openRebellion(target: RecordTarget, country: string): Promise<string> {
      const incidentId = await addIncident('PUBLIC', { country });
      const res = await api.app.inject({
        method: 'POST',
        url: '/api/charter/rebellion-cases',
        headers: as('admin'),
        payload: { incident_id: incidentId },
      });
      assert.equal(res.statusCode, 200, res.body);
      await reclassify(incidentId, target);
      return res.json<{ rebellion_case: { id: string } }>().rebellion_case.id;
    }

    /** Closes a rebellion case (as the admin) so that its party may have a new one; a closed one stays closed. */
    async function closeRebellion(id: string): Promise<void> {
      await api.app.inject({
        method: 'POST',
        url: `/api/charter/rebellion-cases/${encodeURIComponent(id)}/close`,
        headers: as('admin'),
        payload: { outcome: 'closed by the matrix' },
      });
    }

    /** A consultation (opened by the admin) from a PUBLIC incident, then classified. */
    async function openConsultation(target: RecordTarget, concerned: readonly string[]): Promise<string> {
      const incidentId = await addIncident('PUBLIC', { country: concerned[0] ?? 'BFA' });
      const res = await api.app.inject({
        method: 'POST',
        url: '/api/charter/consultations',
        headers: as('admin'),
        payload: { incident_id: incidentId, concerned, subject: 'incidents along the border' },
      });
      assert.equal(res.statusCode, 200, res.body);
      await reclassify(incidentId, target);
      return res.json<{ id: string }>().id;
    }

    /** An assistance request asked by the admin for a party, with the target's classification. */
    async function addRequest(target: RecordTarget, party: string): Promise<number> {
      const res = await api.app.inject({
        method: 'POST',
        url: '/api/assistance/requests',
        headers: as('admin'),
        payload: {
          party,
          category: 'fuel',
          unit: 'litres',
          quantity: 1000,
          place: 'Gao',
          needed_by: '2024-06-20',
          priority: 'high',
          classification: labelOf(target).classification,
        },
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ id: number }>().id;
    }

    /** A ledger step taken by the admin (for `party` when it pledges); the new record's id. */
    async function adminStep(
      requestId: number,
      step: 'pledges' | 'dispatches',
      payload: object,
    ): Promise<number> {
      const res = await api.app.inject({
        method: 'POST',
        url: `/api/assistance/requests/${requestId}/${step}`,
        headers: as('admin'),
        payload,
      });
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json<{ pledges: { id: number }[]; dispatches: { id: number }[] }>();
      return (step === 'pledges' ? body.pledges : body.dispatches).at(-1)?.id ?? 0;
    }

    const partyOf = (t: Target): { record: RecordTarget; country: string } =>
      t === 'OTHER' ? { record: 'PUBLIC', country: 'NER' } : { record: recordTarget(t), country: OWN_PARTY };

    /** The status, or `hid` for a 200 whose answer does not hold the record. */
    function seen(res: LightMyRequestResponse, holds: (body: unknown) => boolean): string {
      if (res.statusCode !== 200) return String(res.statusCode);
      return holds(res.json()) ? '200' : 'hid';
    }
    const hasId =
      (id: number | string) =>
      (body: unknown): boolean =>
        ((body as { items: { id: number | string }[] }).items ?? []).some((i) => i.id === id);

    async function signInCookie(call: Caller): Promise<{ cookie: string; csrf: string } | null> {
      if (call.user === null) return null;
      const token = call.headers['authorization']?.replace('Bearer ', '') ?? '';
      const res = await inject({ method: 'POST', url: '/api/session', payload: { token } });
      assert.equal(res.statusCode, 200, res.body);
      const cookie = String(res.headers['set-cookie']).split(';')[0] ?? '';
      return { cookie, csrf: res.json<{ csrf: string }>().csrf };
    }

    const get = (call: Caller, url: string) => inject({ method: 'GET', url, headers: call.headers });
    const send = (call: Caller, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      inject({ method, url, headers: call.headers, ...(payload === undefined ? {} : { payload }) });
    const status = async (res: Promise<LightMyRequestResponse>): Promise<string> =>
      String((await res).statusCode);

    const incidentListed =
      (variant: (s: { marker: string; actor: string }) => string) => async (call: Caller, t: Target) => {
        const s = shared.incident.get(recordTarget(t));
        assert.ok(s);
        return seen(await get(call, `/api/incidents?limit=1000&${variant(s)}`), hasId(s.id));
      };

    /** An export filtered on the record's marker: `hid` when the file does not hold it. */
    const exported = (url: string) => async (call: Caller, t: Target) => {
      const s = shared.incident.get(recordTarget(t));
      assert.ok(s);
      const res = await get(call, `${url}?q=${s.marker}`);
      if (res.statusCode !== 200) return String(res.statusCode);
      return res.body.includes(s.marker) ? '200' : 'hid';
    };

    /** Whether a paged feed holds `text`, following rel="next" to its end. */
    const feedHolds = async (call: Caller, url: string, text: string): Promise<string> => {
      let next: string | undefined = url;
      while (next !== undefined) {
        const res = await get(call, next);
        if (res.statusCode !== 200) return String(res.statusCode);
        if (res.body.includes(text)) return '200';
        next = /<link rel="next" href="([^"]+)"\/>/.exec(res.body)?.[1]?.replaceAll('&amp;', '&');
      }
      return 'hid';
    };

    /** An alert about a record of each kind, published once. */
    const alerts = new Map<RecordTarget, number>();
    async function alertOf(target: RecordTarget): Promise<number> {
      const known = alerts.get(target);
      if (known !== undefined) return known;
      const { classification, ownerParty } = labelOf(target);
      const [written] = await api.db.store.publishAlerts(
        [
          {
            kind: 'surge',
            incidentId: null,
            classification,
            ownerParty,
            payload: { kind: 'surge', country: 'MLI', admin1: 'Mopti', fatalities30d: 80, threshold: 50 },
          },
        ],
        BY,
      );
      assert.ok(written);
      alerts.set(target, written.seq);
      return written.seq;
    }

    const SUBSCRIPTION = {
      name: 'Mopti',
      admin_units: [{ country: 'MLI', admin1: 'Mopti' }],
      min_fatalities: 5,
    };

    /** A subscription of the caller (OWN; the admin's for anonymous) or of another user (OTHER). */
    async function subscriptionFor(call: Caller, t: Target): Promise<number> {
      const owner = t === 'OWN' && call.user !== null ? call.user : 'deciderNer';
      const res = await inject({
        method: 'POST',
        url: '/api/subscriptions',
        headers: as(owner),
        payload: SUBSCRIPTION,
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ id: number }>().id;
    }

    const PROBES: Record<string, Probe> = {
      'POST /api/imports/cap': async (call) => {
        sequence += 1;
        const alert = `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>M-${sequence}</identifier><sender>matrix@example.ne</sender><sent>2024-05-03T09:30:00+00:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope><info><category>Security</category><event>Attaque</event><urgency>Past</urgency><severity>Minor</severity><certainty>Observed</certainty><headline>Alerte ${marker(sequence)}</headline></info></alert>`;
        const res = await inject({
          method: 'POST',
          url: '/api/imports/cap',
          headers: { ...call.headers, 'content-type': 'application/cap+xml' },
          payload: alert,
        });
        if (res.statusCode !== 200) return String(res.statusCode);
        return res.json<{ results: { outcome: string }[] }>().results[0]?.outcome === 'imported'
          ? '200'
          : 'hid';
      },
      'GET /api/feeds/cap': async (call, t) => {
        const s = shared.incident.get(recordTarget(t));
        assert.ok(s);
        return feedHolds(call, '/api/feeds/cap?limit=200', `<identifier>liptako-incident-${s.id}-r1<`);
      },
      'GET /api/feeds/cap/:identifier': async (call, t) => {
        const s = shared.incident.get(recordTarget(t));
        assert.ok(s);
        return status(get(call, `/api/feeds/cap/liptako-incident-${s.id}-r1`));
      },
      'GET /api/feeds/atom': async (call, t) => {
        const id = await addIncident(recordTarget(t), { status: 'verified', eventDate: '2030-01-01' });
        return feedHolds(call, '/api/feeds/atom?limit=200', `<id>urn:liptako:incident:${id}</id>`);
      },
      'GET /api/exports/incidents.geojson': exported('/api/exports/incidents.geojson'),
      'GET /api/exports/incidents.csv': exported('/api/exports/incidents.csv'),
      'GET /api/exports/incidents.acled.csv': exported('/api/exports/incidents.acled.csv'),
      'GET /api/session': async (call) => {
        const session = await signInCookie(call);
        return status(
          inject({
            method: 'GET',
            url: '/api/session',
            headers: session === null ? {} : { cookie: session.cookie },
          }),
        );
      },
      'POST /api/session': (call) =>
        status(
          inject({
            method: 'POST',
            url: '/api/session',
            payload: {
              token: call.headers['authorization']?.replace('Bearer ', '') ?? 'lpk_notAKnownTokenAtAll0000',
            },
          }),
        ),
      'DELETE /api/session': async (call) => {
        const session = await signInCookie(call);
        return status(
          inject({
            method: 'DELETE',
            url: '/api/session',
            headers: session === null ? {} : { cookie: session.cookie, 'x-csrf-token': session.csrf },
          }),
        );
      },
      'POST /api/me/tokens': (call) => status(send(call, 'POST', '/api/me/tokens', { scope: 'read' })),
      'POST /api/me/tokens · cookie without X-CSRF-Token': async (call) => {
        const session = await signInCookie(call);
        return status(
          inject({
            method: 'POST',
            url: '/api/me/tokens',
            headers: session === null ? {} : { cookie: session.cookie },
            payload: { scope: 'read' },
          }),
        );
      },
      'POST /api/me/tokens · read-scoped token': async (call) => {
        if (call.user === null) return status(send(call, 'POST', '/api/me/tokens', { scope: 'read' }));
        const made = await send(call, 'POST', '/api/me/tokens', { scope: 'read' });
        assert.equal(made.statusCode, 201, made.body);
        const token = made.json<{ token: string }>().token;
        return status(
          inject({
            method: 'POST',
            url: '/api/me/tokens',
            headers: { authorization: `Bearer ${token}` },
            payload: { scope: 'read' },
          }),
        );
      },
      'DELETE /api/me/tokens/:id': async (call, t) => {
        let id: number;
        if (t === 'OWN' && call.user !== null) {
          const made = await send(call, 'POST', '/api/me/tokens', { scope: 'read' });
          assert.equal(made.statusCode, 201, made.body);
          id = made.json<{ id: number }>().id;
        } else {
          const other = await api.db.store.findUserByName('deciderNer');
          assert.ok(other);
          id = (await issueApiToken(api.db.store, other.id, new Date('2024-06-01T00:00:00Z'), TEST_ACTOR))
            .token.id;
        }
        return status(send(call, 'DELETE', `/api/me/tokens/${id}`));
      },
      'GET /api/reference/places': (call) => status(get(call, '/api/reference/places?q=gao')),

      'GET /api/incidents': incidentListed(() => ''),
      'GET /api/incidents · q= full-text': incidentListed((s) => `q=${s.marker}`),
      'GET /api/incidents · actor=': incidentListed((s) => `actor=${encodeURIComponent(s.actor)}`),
      'GET /api/incidents · sort=created_asc (triage)': incidentListed(() => 'sort=created_asc'),
      'GET /api/incidents · count=true total': async (call, t) => {
        const s = shared.incident.get(recordTarget(t));
        assert.ok(s);
        const res = await get(call, `/api/incidents?count=true&limit=1&q=${s.marker}`);
        return seen(res, (b) => (b as { total: number }).total === 1);
      },
      'GET /api/incidents/aggregate': async (call, t) => {
        const s = shared.incident.get(recordTarget(t));
        assert.ok(s);
        const bbox = [s.lon - 0.01, s.lat - 0.01, s.lon + 0.01, s.lat + 0.01]
          .map((n) => n.toFixed(3))
          .join(',');
        const res = await get(call, `/api/incidents/aggregate?zoom=6&bbox=${bbox}`);
        return seen(res, (b) => (b as { properties: { total: number } }).properties.total === 1);
      },
      'GET /api/incidents/aggregate · q=': async (call, t) => {
        const s = shared.incident.get(recordTarget(t));
        assert.ok(s);
        const res = await get(call, `/api/incidents/aggregate?zoom=3&q=${s.marker}`);
        return seen(res, (b) => (b as { properties: { total: number } }).properties.total === 1);
      },
      'GET /api/incidents/timeline': async (call, t) => {
        const s = shared.incident.get(recordTarget(t));
        assert.ok(s);
        const res = await get(call, `/api/incidents/timeline?from=${s.date}&to=${s.date}`);
        return seen(
          res,
          (b) => (b as { weeks: { count: number }[] }).weeks.reduce((n, w) => n + w.count, 0) === 1,
        );
      },
      'GET /api/incidents/timeline · q=': async (call, t) => {
        const s = shared.incident.get(recordTarget(t));
        assert.ok(s);
        const res = await get(call, `/api/incidents/timeline?q=${s.marker}`);
        return seen(
          res,
          (b) => (b as { weeks: { count: number }[] }).weeks.reduce((n, w) => n + w.count, 0) === 1,
        );
      },
      'GET /api/incidents/:id': async (call, t) => {
        const s = shared.incident.get(recordTarget(t));
        assert.ok(s);
        return status(get(call, `/api/incidents/${s.id}`));
      },
      'GET /api/incidents/:id · sources': async (call, t) => {
        const s = shared.sourced.get(recordTarget(t));
        assert.ok(s);
        const res = await get(call, `/api/incidents/${s.incidentId}`);
        return seen(res, (b) =>
          (b as { sources: { report_id: number }[] }).sources.some((x) => x.report_id === s.reportId),
        );
      },
      'PATCH /api/incidents/:id': async (call, t) => {
        const id = await addIncident(recordTarget(t));
        return status(
          send(call, 'PATCH', `/api/incidents/${id}`, { reason: 'matrix edit', notes: 'edited' }),
        );
      },
      'POST /api/incidents/bulk': async (call, t) => {
        const id = await addIncident(recordTarget(t));
        const res = await send(call, 'POST', '/api/incidents/bulk', { ids: [id], action: 'verify' });
        return seen(res, (b) => (b as { results: { outcome: string }[] }).results[0]?.outcome === 'updated');
      },
      'POST /api/incidents/:id/merge': async (call, t) => {
        const survivor = await addIncident(recordTarget(t));
        const other = await addIncident(recordTarget(t));
        return status(
          send(call, 'POST', `/api/incidents/${survivor}/merge`, { other_id: other, reason: 'one event' }),
        );
      },
      'POST /api/incidents/:id/split': async (call, t) => {
        const id = await addIncident(recordTarget(t));
        const first = await addReport(recordTarget(t), 'premier rapport');
        const second = await addReport(recordTarget(t), 'second rapport');
        await link(first, id);
        await link(second, id);
        return status(
          send(call, 'POST', `/api/incidents/${id}/split`, { report_id: second, reason: 'two events' }),
        );
      },

      'POST /api/reports': (call, t) => {
        const { classification, ownerParty } = labelOf(recordTarget(t));
        return status(
          send(call, 'POST', '/api/reports', {
            source: 'Poste de Téra',
            text: 'Des hommes armés ont attaqué le marché de Téra, région de Tillabéri, le 3 mai 2024.',
            classification,
            owner_party: ownerParty,
          }),
        );
      },
      'GET /api/reports': async (call, t) => {
        const s = shared.report.get(recordTarget(t));
        assert.ok(s);
        return seen(await get(call, '/api/reports?limit=1000'), hasId(s.id));
      },
      'GET /api/reports · q= full-text': async (call, t) => {
        const s = shared.report.get(recordTarget(t));
        assert.ok(s);
        return seen(await get(call, `/api/reports?q=${s.marker}`), hasId(s.id));
      },
      'GET /api/reports/:id': async (call, t) => {
        const s = shared.report.get(recordTarget(t));
        assert.ok(s);
        return status(get(call, `/api/reports/${s.id}`));
      },

      'GET /api/incidents/:id/charter': async (call, t) => {
        const s = shared.charter.get(recordTarget(t));
        assert.ok(s);
        return status(get(call, `/api/incidents/${s.incidentId}/charter`));
      },
      'POST /api/incidents/:id/charter/evaluate': async (call, t) => {
        const id = await addStrike();
        await reclassify(id, recordTarget(t));
        return status(send(call, 'POST', `/api/incidents/${id}/charter/evaluate`, {}));
      },
      'POST /api/charter/proposals/:id/review': async (call, t) => {
        const id = await addStrike();
        const art6 = await evaluate(id);
        await reclassify(id, recordTarget(t));
        return status(
          send(call, 'POST', `/api/charter/proposals/${art6.id}/review`, {
            version: art6.version,
            verdict: 'reject',
            reason: 'not a strike',
          }),
        );
      },
      'GET /api/charter/decisions': async (call, t) => {
        const s = shared.charter.get(recordTarget(t));
        assert.ok(s);
        return seen(await get(call, '/api/charter/decisions'), hasId(s.decisionId));
      },
      'POST /api/charter/decisions/:id/votes': async (call, t) => {
        const flow = await charterFlow(recordTarget(t), false);
        return status(
          send(call, 'POST', `/api/charter/decisions/${flow.decisionId}/votes`, { choice: 'assent' }),
        );
      },
      'GET /api/charter/cases': async (call, t) => {
        const s = shared.charter.get(recordTarget(t));
        assert.ok(s);
        return seen(await get(call, '/api/charter/cases'), hasId(s.caseId));
      },
      'POST /api/charter/cases/:id/obligations/:party': async (call, t) => {
        const flow = await charterFlow(t === 'OTHER' ? 'PUBLIC' : recordTarget(t), true);
        const party = t === 'OTHER' ? OTHER_PARTY : OWN_PARTY;
        return status(
          send(call, 'POST', `/api/charter/cases/${encodeURIComponent(flow.caseId)}/obligations/${party}`, {
            state: 'acknowledged',
          }),
        );
      },
      'GET /api/assistance/requests': async (call, t) => {
        const id = shared.assistance.get(recordTarget(t));
        assert.ok(id);
        return seen(await get(call, '/api/assistance/requests'), hasId(id));
      },
      'GET /api/assistance/requests/:id': async (call, t) => {
        const id = shared.assistance.get(recordTarget(t));
        assert.ok(id);
        return status(get(call, `/api/assistance/requests/${id}`));
      },
      'POST /api/assistance/requests': (call, t) =>
        status(
          send(call, 'POST', '/api/assistance/requests', {
            party: t === 'NATIONAL_OTHER' ? OTHER_PARTY : OWN_PARTY,
            category: 'food',
            unit: 'tonnes',
            quantity: 20,
            place: 'Mopti',
            needed_by: '2024-06-20',
            priority: 'medium',
            classification: labelOf(recordTarget(t)).classification,
          }),
        ),
      'POST /api/assistance/requests/:id/pledges': async (call, t) => {
        const id = await addRequest(recordTarget(t), t === 'NATIONAL_OWN' ? OWN_PARTY : OTHER_PARTY);
        return status(
          send(call, 'POST', `/api/assistance/requests/${id}/pledges`, {
            quantity: 10,
            available_from: '2024-06-02',
            ...(call.role === 'admin' ? { party: 'NER' } : {}),
          }),
        );
      },
      'POST /api/assistance/requests/:id/dispatches': async (call, t) => {
        const id = await addRequest('PUBLIC', OTHER_PARTY);
        const pledgeId = await adminStep(id, 'pledges', {
          party: t === 'OWN' ? OWN_PARTY : 'NER',
          quantity: 10,
          available_from: '2024-06-02',
        });
        return status(
          send(call, 'POST', `/api/assistance/requests/${id}/dispatches`, {
            pledge_id: pledgeId,
            quantity: 5,
          }),
        );
      },
      'POST /api/assistance/requests/:id/withdrawals': async (call, t) => {
        const id = await addRequest('PUBLIC', OTHER_PARTY);
        const pledgeId = await adminStep(id, 'pledges', {
          party: t === 'OWN' ? OWN_PARTY : 'NER',
          quantity: 10,
          available_from: '2024-06-02',
        });
        return status(
          send(call, 'POST', `/api/assistance/requests/${id}/withdrawals`, {
            pledge_id: pledgeId,
            reason: 'the convoy was diverted',
          }),
        );
      },
      'POST /api/assistance/requests/:id/receipts': async (call, t) => {
        const id = await addRequest('PUBLIC', t === 'OWN' ? OWN_PARTY : OTHER_PARTY);
        const pledgeId = await adminStep(id, 'pledges', {
          party: 'NER',
          quantity: 10,
          available_from: '2024-06-02',
        });
        const dispatchId = await adminStep(id, 'dispatches', { pledge_id: pledgeId, quantity: 10 });
        return status(
          send(call, 'POST', `/api/assistance/requests/${id}/receipts`, {
            dispatch_id: dispatchId,
            quantity: 4,
          }),
        );
      },
      'POST /api/assistance/requests/:id/cancel': async (call, t) => {
        const id = await addRequest('PUBLIC', t === 'OWN' ? OWN_PARTY : OTHER_PARTY);
        return status(
          send(call, 'POST', `/api/assistance/requests/${id}/cancel`, { reason: 'the need was met locally' }),
        );
      },
      'GET /api/audit/proof/:seq': (call) => status(get(call, '/api/audit/proof/1')),
      'GET /api/charter/proposals': async (call, t) => {
        const id = shared.proposal.get(recordTarget(t));
        assert.ok(id);
        return seen(await get(call, '/api/charter/proposals?limit=500'), hasId(id));
      },
      'GET /api/charter/cases/:id': async (call, t) => {
        const s = shared.charter.get(recordTarget(t));
        assert.ok(s);
        return status(get(call, `/api/charter/cases/${encodeURIComponent(s.caseId)}`));
      },
      'GET /api/charter/decisions/:id': async (call, t) => {
        const s = shared.charter.get(recordTarget(t));
        assert.ok(s);
        return status(get(call, `/api/charter/decisions/${encodeURIComponent(s.decisionId)}`));
      },
      'POST /api/charter/decisions': (call) => {
        sequence += 1;
        return status(
          send(call, 'POST', '/api/charter/decisions', {
            subject: {
              kind: 'accession',
              state: `Q${marker(sequence).slice(-2).toUpperCase()}`,
              effective_from: '2025-01-01',
            },
          }),
        );
      },
      'GET /api/surges': async (call, t) => {
        const id = shared.surge.get(recordTarget(t));
        assert.ok(id);
        return seen(await get(call, '/api/surges'), hasId(id));
      },
      'GET /api/surges · on= a day': async (call, t) => {
        const id = shared.surge.get(recordTarget(t));
        assert.ok(id);
        return seen(await get(call, '/api/surges?on=2031-01-20&state=all'), hasId(id));
      },
      'GET /api/surges/:id': async (call, t) => {
        const id = shared.surge.get(recordTarget(t));
        assert.ok(id);
        return status(get(call, `/api/surges/${id}`));
      },
      'GET /api/charter/rebellion-cases': async (call, t) => {
        const id = shared.rebellion.get(recordTarget(t));
        assert.ok(id);
        return seen(await get(call, '/api/charter/rebellion-cases'), hasId(id));
      },
      'GET /api/charter/rebellion-cases/:id': async (call, t) => {
        const id = shared.rebellion.get(recordTarget(t));
        assert.ok(id);
        return status(get(call, `/api/charter/rebellion-cases/${encodeURIComponent(id)}`));
      },
      'POST /api/charter/rebellion-cases': async (call, t) => {
        const { record, country } = partyOf(t);
        const incidentId = await addIncident(record, { country });
        const res = await send(call, 'POST', '/api/charter/rebellion-cases', { incident_id: incidentId });
        if (res.statusCode === 200)
          await closeRebellion(res.json<{ rebellion_case: { id: string } }>().rebellion_case.id);
        return String(res.statusCode);
      },
      'POST /api/charter/rebellion-cases/:id/steps': async (call, t) => {
        const { record, country } = partyOf(t);
        const id = await openRebellion(record, country);
        const res = await send(call, 'POST', `/api/charter/rebellion-cases/${encodeURIComponent(id)}/steps`, {
          level: 'dialogue',
          peaceful_means: ['talks with the elders'],
        });
        await closeRebellion(id);
        return String(res.statusCode);
      },
      'POST /api/charter/rebellion-cases/:id/close': async (call, t) => {
        const { record, country } = partyOf(t);
        const id = await openRebellion(record, country);
        const res = await send(call, 'POST', `/api/charter/rebellion-cases/${encodeURIComponent(id)}/close`, {
          outcome: 'the group laid down its arms',
        });
        await closeRebellion(id);
        return String(res.statusCode);
      },
      'GET /api/charter/consultations': async (call, t) => {
        const id = shared.consultation.get(recordTarget(t));
        assert.ok(id);
        return seen(await get(call, '/api/charter/consultations'), hasId(id));
      },
      'GET /api/charter/consultations/:id': async (call, t) => {
        const id = shared.consultation.get(recordTarget(t));
        assert.ok(id);
        return status(get(call, `/api/charter/consultations/${encodeURIComponent(id)}`));
      },
      'POST /api/charter/consultations': async (call, t) => {
        const { record, country } = partyOf(t);
        const incidentId = await addIncident(record, { country });
        return status(
          send(call, 'POST', '/api/charter/consultations', {
            incident_id: incidentId,
            concerned: [country, country === OWN_PARTY ? 'NER' : 'BFA'],
            subject: 'incidents along the border',
          }),
        );
      },
      'POST /api/charter/consultations/:id/statements': async (call, t) => {
        const id = await openConsultation('PUBLIC', t === 'OWN' ? [OWN_PARTY, 'NER'] : [OTHER_PARTY, 'NER']);
        return status(
          send(call, 'POST', `/api/charter/consultations/${encodeURIComponent(id)}/statements`, {
            text: 'our forces stand ready',
          }),
        );
      },
      'POST /api/charter/consultations/:id/close': async (call, t) => {
        const { record, country } = partyOf(t);
        const id = await openConsultation(record, [country, country === OWN_PARTY ? 'NER' : 'BFA']);
        return status(
          send(call, 'POST', `/api/charter/consultations/${encodeURIComponent(id)}/close`, {
            outcome: 'agreed on joint patrols',
          }),
        );
      },
      'GET /api/stream · follow=false after the alert': async (call, t) => {
        const seq = await alertOf(recordTarget(t));
        const res = await get(call, `/api/stream?follow=false&lastEventId=${seq - 1}`);
        if (res.statusCode !== 200) return String(res.statusCode);
        return new RegExp(`^id: ${seq}$`, 'm').test(res.body) ? '200' : 'hid';
      },
      'GET /api/alerts': async (call, t) => {
        const seq = await alertOf(recordTarget(t));
        return seen(await get(call, `/api/alerts?limit=500&before=${seq + 1}`), (b) =>
          (b as { items: { seq: number }[] }).items.some((i) => i.seq === seq),
        );
      },
      'POST /api/subscriptions': (call) => status(send(call, 'POST', '/api/subscriptions', SUBSCRIPTION)),
      'POST /api/subscriptions · read-scoped token': async (call) => {
        if (call.user === null) return status(send(call, 'POST', '/api/subscriptions', SUBSCRIPTION));
        const made = await send(call, 'POST', '/api/me/tokens', { scope: 'read' });
        assert.equal(made.statusCode, 201, made.body);
        const token = made.json<{ token: string }>().token;
        return status(
          inject({
            method: 'POST',
            url: '/api/subscriptions',
            headers: { authorization: `Bearer ${token}` },
            payload: SUBSCRIPTION,
          }),
        );
      },
      'GET /api/subscriptions/:id': async (call, t) =>
        status(get(call, `/api/subscriptions/${await subscriptionFor(call, t)}`)),
      'PUT /api/subscriptions/:id': async (call, t) =>
        status(
          inject({
            method: 'PUT',
            url: `/api/subscriptions/${await subscriptionFor(call, t)}`,
            headers: call.headers,
            payload: { ...SUBSCRIPTION, min_fatalities: 10 },
          }),
        ),
      'DELETE /api/subscriptions/:id': async (call, t) =>
        status(send(call, 'DELETE', `/api/subscriptions/${await subscriptionFor(call, t)}`)),
      'GET /api/subscriptions/:id/deliveries': async (call, t) =>
        status(get(call, `/api/subscriptions/${await subscriptionFor(call, t)}/deliveries`)),
      'POST /api/charter/membership-events · accession on an unknown decision': (call) =>
        status(
          send(call, 'POST', '/api/charter/membership-events', {
            event: {
              kind: 'accession',
              decision_id: 'no-such-decision',
              state: 'TCD',
              iso2: 'TD',
              name_en: 'Chad',
              name_fr: 'Tchad',
              effective_from: '2025-01-01',
            },
          }),
        ),
    };

    /** Routes whose only probe is a GET of their URL with the parameters filled in. */
    function plainGet(route: string): Probe | undefined {
      const [method, url] = route.split(' ');
      if ((method !== 'GET' && method !== 'HEAD') || url === undefined) return undefined;
      const concrete = url
        .replace('/docs/static/*', '/docs/static/index.html')
        .replace('/assets/*', '/assets/app.js')
        .replace(':id(^\\d{1,12}$)', '42');
      if (/[:*]/.test(concrete)) return undefined;
      return (call) => status(inject({ method, url: concrete, headers: call.headers }));
    }

    before(async () => {
      webRoot = await mkdtemp(path.join(tmpdir(), 'liptako-web-'));
      await mkdir(path.join(webRoot, 'assets'));
      await writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>Liptako</title>');
      await writeFile(path.join(webRoot, 'assets', 'app.js'), 'export {};');
      for (const name of ['sw.js', 'favicon.svg', 'manifest.webmanifest'])
        await writeFile(path.join(webRoot, name), name.endsWith('.js') ? '' : '{}');
      api = await openApi(await kind.open(), { webRoot, onRoute: (r) => registered.push(r) });

      for (const [k, t] of RECORDS.entries()) {
        sequence += 1;
        const m = marker(sequence);
        const actor = `Matrix Militia ${m}`;
        const date = `2019-0${k + 1}-16`;
        const lat = 19 + k;
        const lon = -3.5;
        const id = await addIncident(t, {
          eventDate: date,
          latitude: lat,
          longitude: lon,
          actor1: actor,
          notes: `Accrochage ${m} signalé au nord.`,
        });
        shared.incident.set(t, { id, marker: m, actor, date, lat, lon });
        const reportId = await addReport(t, `Rapport de terrain ${m} sur un accrochage.`);
        shared.report.set(t, { id: reportId, marker: m });
        const sourcedIncident = await addIncident('PUBLIC');
        const sourceReport = await addReport(t, `Source ${m}`);
        await link(sourceReport, sourcedIncident);
        shared.sourced.set(t, { incidentId: sourcedIncident, reportId: sourceReport });
        const flow = await charterFlow(t, true);
        // An open decision too, on its own incident of the same record.
        const open = await charterFlow(t, false);
        shared.charter.set(t, {
          incidentId: flow.incidentId,
          decisionId: open.decisionId,
          caseId: flow.caseId,
        });
        const waiting = await addStrike();
        shared.proposal.set(t, (await evaluate(waiting)).id);
        await reclassify(waiting, t);
        // One open rebellion case per party: each is closed before the next is opened.
        const rebellion = await openRebellion(t, 'NER');
        await closeRebellion(rebellion);
        shared.rebellion.set(t, rebellion);
        shared.consultation.set(t, await openConsultation(t, ['BFA', 'NER']));
        shared.assistance.set(t, await addRequest(t, t === 'NATIONAL_OWN' ? OWN_PARTY : OTHER_PARTY));
      }
      // Early warning: in a unit of its own per record, 2 × 15 deaths on a day no other fixture uses.
      for (const [k, t] of RECORDS.entries())
        for (let i = 0; i < 2; i++)
          await addIncident(t, {
            eventDate: '2031-01-10',
            admin1: `Matrix Surge Zone ${k}`,
            fatalities: { low: null, best: 15, high: null },
          });
      const detected = await detectSurges(api.db.store, {
        on: '2031-01-20',
        now: new Date('2031-01-20T06:00:00Z'),
      });
      if (!detected.ok) throw new Error(detected.error.message);
      const opened = detected.value.opened;
      for (const [k, t] of RECORDS.entries()) {
        const raised = opened.find((o) => o.surge.admin1 === `Matrix Surge Zone ${k}`);
        assert.ok(raised, `a surge for ${t}`);
        assert.deepEqual(
          { classification: raised.surge.classification, ownerParty: raised.surge.ownerParty },
          labelOf(t),
        );
        shared.surge.set(t, raised.id);
      }
    });
    after(async () => {
      await api.close();
      await rm(webRoot, { recursive: true, force: true });
    });

    it('lists every registered route in the table, and no route that does not exist', () => {
      // Fastify adds a HEAD route for every GET, with the GET's handler and access rule: the GET's
      // rows cover it. A HEAD route of its own needs its own row.
      const all = new Set(registered.map((r) => `${r.method} ${r.url}`));
      const served = new Set(
        registered
          .filter((r) => r.method !== 'HEAD' || !all.has(`GET ${r.url}`))
          .map((r) => `${r.method} ${r.url}`),
      );
      const listed = new Set(MATRIX.map(([route]) => routeOf(route)));
      assert.deepEqual(
        [...served].filter((r) => !listed.has(r)).sort(),
        [],
        'routes the authorisation matrix does not list: add their rows',
      );
      assert.deepEqual(
        [...listed].filter((r) => !served.has(r)).sort(),
        [],
        'rows for routes that do not exist',
      );
    });

    const byRoute = new Map<string, (typeof MATRIX)[number][]>();
    for (const row of MATRIX) byRoute.set(row[0], [...(byRoute.get(row[0]) ?? []), row]);

    for (const [route, rows] of byRoute)
      it(`${route}: ${rows.map(([, t]) => t).join(', ')}`, async () => {
        const probe = PROBES[route] ?? plainGet(route);
        assert.ok(probe, `no probe for ${route}`);
        const observed: string[] = [];
        for (const [, target] of rows) {
          const outcomes: string[] = [];
          for (const role of ROLE_ORDER) {
            const user = role === 'anonymous' ? null : USER_OF[role];
            const call: Caller = { role, user, headers: user === null ? {} : as(user) };
            outcomes.push(await probe(call, target));
          }
          observed.push(`${target}: ${outcomes.join(' ')}`);
        }
        assert.deepEqual(
          observed,
          rows.map(([, t, o]) => `${t}: ${o}`),
          `${route} (roles: ${ROLE_ORDER.join(' ')})`,
        );
      });

    it('answered every refusal with a JSON { error, message } (checked over the whole run)', () => {
      assert.ok(requests > 0);
      assert.deepEqual(badBodies, []);
      console.log(
        `authorisation matrix on ${kind.dialect}: ${MATRIX.length} rows × ${ROLE_ORDER.length} roles = ${MATRIX.length * ROLE_ORDER.length} cells, ${requests} requests`,
      );
    });
  });
}

for (const kind of testStoreKinds) {
  describe(`anonymous reads on a public deployment (LIPTAKO_PUBLIC_READ=true) on ${kind.dialect}`, () => {
    let api: ApiHarness;
    const ids = new Map<RecordTarget, number>();
    before(async () => {
      api = await openApi(await kind.open(), { publicRead: true });
      for (const [k, t] of RECORDS.entries()) {
        const input = incidentInput({
          ...labelOf(t),
          eventDate: `2019-0${k + 1}-16`,
          latitude: 19 + k,
          longitude: -3.5,
          notes: `Accrochage ${marker(900 + k)} au nord.`,
        });
        await api.db.store.upsertIncidents([input], {
          changedBy: 'matrix',
          at: '2024-05-01T00:00:00Z',
          actor: TEST_ACTOR,
        });
        const found = await api.db.store.getIncidentBySourceKey(input.sourceKey, ALL);
        assert.ok(found);
        ids.set(t, found.id);
      }
    });
    after(() => api.close());

    const anonymous = (url: string) => api.app.inject({ method: 'GET', url });

    it('shows anonymous visitors PUBLIC incidents only, in the list, search, counts, map, timeline and detail', async () => {
      const list = (await anonymous('/api/incidents?count=true')).json<{
        items: { id: number }[];
        total: number;
      }>();
      assert.deepEqual(
        list.items.map((i) => i.id),
        [ids.get('PUBLIC')],
      );
      assert.equal(list.total, 1);
      for (const [k, t] of RECORDS.entries()) {
        const visible = t === 'PUBLIC' ? 1 : 0;
        const found = (await anonymous(`/api/incidents?q=${marker(900 + k)}`)).json<{ items: unknown[] }>();
        assert.equal(found.items.length, visible, `q= of ${t}`);
        const map = await anonymous(`/api/incidents/aggregate?zoom=3&q=${marker(900 + k)}`);
        assert.equal(map.json<{ properties: { total: number } }>().properties.total, visible, `map of ${t}`);
        const weeks = (
          await anonymous(`/api/incidents/timeline?from=2019-0${k + 1}-16&to=2019-0${k + 1}-16`)
        ).json<{
          weeks: { count: number }[];
        }>().weeks;
        assert.equal(
          weeks.reduce((n, w) => n + w.count, 0),
          visible,
          `timeline of ${t}`,
        );
        const detail = await anonymous(`/api/incidents/${ids.get(t)}`);
        assert.equal(detail.statusCode, t === 'PUBLIC' ? 200 : 404, `detail of ${t}`);
      }
    });

    it('still refuses anonymous visitors every change and every route that is not a read', async () => {
      const id = ids.get('PUBLIC') ?? 0;
      for (const [method, url, payload] of [
        ['PATCH', `/api/incidents/${id}`, { reason: 'anonymous edit', notes: 'x' }],
        ['POST', '/api/reports', { source: 'x', text: 'y' }],
        ['POST', '/api/incidents/bulk', { ids: [id], action: 'verify' }],
        ['GET', '/api/me/tokens', undefined],
        ['GET', '/api/charter/consultations', undefined],
      ] as const) {
        const res = await api.app.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
        assert.equal(res.statusCode, 401, `${method} ${url}`);
      }
    });
  });
}
