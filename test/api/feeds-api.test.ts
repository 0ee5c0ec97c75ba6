/**
 * The CAP and Atom feeds over the in-process API on both stores: every alert of the CAP feed valid
 * against the CAP 1.2 schema, Update and Cancel after an edit and a rejection, classification enforced,
 * the Atom feed read back by the project's feed reader, paging by rel="next", public read.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { visibilityOf } from '../../src/domain/classification.ts';
import { parseFeed } from '../../src/ingest/feed/parse-feed.ts';
import { testStoreKinds } from '../support/databases.ts';
import { validateCap } from '../support/cap-schema.ts';
import { incidentInput, TEST_ACTOR } from '../support/factories.ts';
import { openApi, type ApiHarness } from './api-harness.ts';

const ALL = visibilityOf({ role: 'analyst', party: null });

const alertsIn = (feed: string): string[] =>
  [...feed.matchAll(/<alert xmlns="urn:oasis:names:tc:emergency:cap:1\.2">[\s\S]*?<\/alert>/g)].map(
    (m) => `<?xml version="1.0" encoding="UTF-8"?>\n${m[0]}`,
  );
const tag = (xml: string, name: string): string[] =>
  [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1] ?? '');

for (const kind of testStoreKinds) {
  describe(`feeds on ${kind.dialect}`, () => {
    let api: ApiHarness;
    const ids: Record<string, number> = {};
    before(async () => {
      api = await openApi(await kind.open());
      const inputs = {
        edited: incidentInput({
          eventDate: '2024-05-20',
          location: 'Boni & <Hombori>',
          status: 'machine-coded',
        }),
        rejected: incidentInput({ eventDate: '2024-05-19' }),
        verified: incidentInput({
          eventDate: '2024-05-18',
          status: 'verified',
          notes: 'Embuscade vérifiée.',
        }),
        restricted: incidentInput({
          eventDate: '2024-05-17',
          classification: 'AES_RESTRICTED',
          status: 'verified',
        }),
        nowhere: incidentInput({
          eventDate: '2024-05-16',
          status: 'verified',
          latitude: null,
          longitude: null,
          geoPrecision: null,
        }),
      };
      await api.db.store.upsertIncidents(Object.values(inputs), {
        changedBy: 'test',
        at: '2024-05-21T00:00:00Z',
        actor: TEST_ACTOR,
      });
      for (const [name, input] of Object.entries(inputs)) {
        const found = await api.db.store.getIncidentBySourceKey(input.sourceKey, ALL);
        assert.ok(found);
        ids[name] = found.id;
      }
      const patch = async (id: number | undefined, payload: object): Promise<void> => {
        const res = await api.app.inject({
          method: 'PATCH',
          url: `/api/incidents/${id}`,
          headers: api.as('analyst'),
          payload,
        });
        assert.equal(res.statusCode, 200, res.body);
      };
      await patch(ids['edited'], { status: 'verified', reason: 'confirmé par le poste' });
      await patch(ids['edited'], { fatalities: 9, reason: 'bilan revu' });
      await patch(ids['rejected'], { status: 'rejected', reason: 'doublon' });
    });
    after(() => api.close());

    it('serves a CAP feed whose every alert is valid CAP 1.2, with Update and Cancel', async () => {
      const res = await api.app.inject({ url: '/api/feeds/cap', headers: api.as('analyst') });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['content-type'], 'application/atom+xml; charset=utf-8');
      const alerts = alertsIn(res.body);
      assert.ok(alerts.length >= 8, `${alerts.length} alerts`);
      for (const alert of alerts) {
        const { valid, errors } = await validateCap(alert);
        assert.ok(valid, `${errors.join('\n')}\n${alert}`);
      }
      const types = alerts.map((a) => tag(a, 'msgType')[0]);
      assert.ok(types.includes('Update') && types.includes('Cancel') && types.includes('Alert'));
      assert.ok(alerts.some((a) => tag(a, 'scope')[0] === 'Restricted'));
      const parsed = parseFeed(res.body);
      assert.ok(parsed.ok);
      assert.equal(parsed.items.length, alerts.length);
    });

    it('gives one alert as application/cap+xml, and 404 for what the caller may not read', async () => {
      const id = `liptako-incident-${ids['edited']}-r3`;
      const res = await api.app.inject({ url: `/api/feeds/cap/${id}`, headers: api.as('observer') });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['content-type'], 'application/cap+xml; charset=utf-8');
      assert.equal(tag(res.body, 'msgType')[0], 'Update');
      assert.match(tag(res.body, 'references')[0] ?? '', new RegExp(`liptako-incident-${ids['edited']}-r2,`));
      assert.ok((await validateCap(res.body)).valid);
      for (const url of [
        `/api/feeds/cap/liptako-incident-${ids['restricted']}-r1`,
        `/api/feeds/cap/liptako-incident-${ids['edited']}-r9`,
        '/api/feeds/cap/not-an-alert',
      ]) {
        const hidden = await api.app.inject({ url, headers: api.as('observer') });
        assert.equal(hidden.statusCode, 404, url);
        assert.equal(hidden.json<{ error: string }>().error, 'not_found');
      }
    });

    it('shows an observer only the PUBLIC alerts', async () => {
      const res = await api.app.inject({ url: '/api/feeds/cap', headers: api.as('observer') });
      const alerts = alertsIn(res.body);
      assert.ok(alerts.length > 0);
      assert.ok(alerts.every((a) => tag(a, 'scope')[0] === 'Public'));
    });

    it('serves an Atom feed of PUBLIC verified incidents with GeoRSS points, paged by rel="next"', async () => {
      const first = await api.app.inject({ url: '/api/feeds/atom?limit=2', headers: api.as('admin') });
      assert.equal(first.statusCode, 200, first.body);
      const parsed = parseFeed(first.body);
      assert.ok(parsed.ok && parsed.format === 'atom');
      assert.deepEqual(
        parsed.items.map((i) => i.id),
        [`urn:liptako:incident:${ids['edited']}`, `urn:liptako:incident:${ids['verified']}`],
      );
      assert.match(first.body, /<georss:point>15\.05 -1\.87<\/georss:point>/);
      const next = /<link rel="next" href="([^"]+)"\/>/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
      assert.ok(next);
      const second = await api.app.inject({ url: next, headers: api.as('admin') });
      const rest = parseFeed(second.body);
      assert.ok(rest.ok);
      // The restricted one is never in the public feed, even for an admin; the rejected one neither.
      assert.deepEqual(
        rest.items.map((i) => i.id),
        [`urn:liptako:incident:${ids['nowhere']}`],
      );
      assert.doesNotMatch(second.body, /georss:point/);
      assert.doesNotMatch(second.body, /rel="next"/);
    });

    it('refuses anonymous callers without public read', async () => {
      for (const url of ['/api/feeds/atom', '/api/feeds/cap']) {
        const res = await api.app.inject({ url });
        assert.equal(res.statusCode, 401, url);
      }
    });
  });
}

describe('the Atom feed on a public-read deployment', () => {
  it('is open to anonymous visitors', async () => {
    const kind = testStoreKinds[0];
    assert.ok(kind);
    const api = await openApi(await kind.open(), { publicRead: true });
    try {
      await api.db.store.upsertIncidents([incidentInput({ status: 'verified' })], {
        changedBy: 'test',
        at: '2024-05-21T00:00:00Z',
        actor: TEST_ACTOR,
      });
      const res = await api.app.inject({ url: '/api/feeds/atom' });
      assert.equal(res.statusCode, 200);
      const parsed = parseFeed(res.body);
      assert.ok(parsed.ok);
      assert.equal(parsed.items.length, 1);
    } finally {
      await api.close();
    }
  });
});
