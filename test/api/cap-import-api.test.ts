/**
 * POST /api/imports/cap on both stores: a partner's alert filed as a report through the report path,
 * the same alert again a duplicate, a feed of an Update, a Cancel and broken alerts with an outcome
 * each, a DOCTYPE refused whole, the size limit, and who may import.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CAP_BODY_LIMIT } from '../../src/api/routes/imports/cap-import-routes.ts';
import { testStoreKinds } from '../support/databases.ts';
import { openApi, type ApiHarness } from './api-harness.ts';

const fixture = (name: string): string =>
  readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'cap', name), 'utf8');

interface Outcome {
  outcome: string;
  identifier: string | null;
  report_id: number | null;
  incident_ids: number[];
  applies_to: string | null;
  reason: string | null;
}

for (const kind of testStoreKinds) {
  describe(`CAP import on ${kind.dialect}`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(await kind.open(), { now: () => new Date('2024-05-06T12:00:00Z') });
    });
    after(() => api.close());

    const post = (body: string, user: 'analyst' | 'liaisonMli' | 'observer' | null = 'analyst') =>
      api.app.inject({
        method: 'POST',
        url: '/api/imports/cap',
        headers: { 'content-type': 'application/cap+xml', ...(user === null ? {} : api.as(user)) },
        payload: body,
      });

    it('files a partner alert as a report through extraction, and the same alert again as a duplicate', async () => {
      const res = await post(fixture('partner-alert.xml'));
      assert.equal(res.statusCode, 200, res.body);
      const [first] = res.json<{ results: Outcome[] }>().results;
      assert.equal(first?.outcome, 'imported');
      assert.ok(first?.report_id);
      assert.ok((first?.incident_ids.length ?? 0) > 0, 'the extractor read an incident in the alert');
      const report = await api.app.inject({
        url: `/api/reports/${first?.report_id}`,
        headers: api.as('analyst'),
      });
      assert.equal(report.statusCode, 200);
      const body = report.json<{ source: string; kind: string; text: string; classification: string }>();
      assert.equal(body.source, 'CAP alerte@protection-civile.example.ne');
      assert.equal(body.kind, 'partner');
      assert.equal(body.classification, 'PUBLIC');
      assert.match(body.text, /Attaque contre le marché de Téra[\s\S]*Zone : Téra, Tillabéri, Niger/);

      const again = await post(fixture('partner-alert.xml'), 'liaisonMli');
      assert.deepEqual(
        again.json<{ results: Outcome[] }>().results.map((r) => [r.outcome, r.report_id]),
        [['duplicate', first?.report_id]],
      );
    });

    it('gives each alert of a feed its outcome: updated, cancelled, and rejected with the reason', async () => {
      const res = await post(fixture('partner-feed.xml'));
      assert.equal(res.statusCode, 200, res.body);
      const { results, counts } = res.json<{ results: Outcome[]; counts: Record<string, number> }>();
      assert.deepEqual(
        results.map((r) => [r.outcome, r.identifier, r.applies_to]),
        [
          ['updated', 'NER-PC-2024-0118', 'NER-PC-2024-0117'],
          ['cancelled', 'NER-PC-2024-0119', 'NER-PC-2024-0118'],
          ['rejected', 'NER-PC-2024-0120', null],
          ['rejected', 'NER-PC-2024-0121', null],
          ['rejected', 'OLD-1', null],
        ],
      );
      assert.match(results[2]?.reason ?? '', /missing required element <sender>/);
      assert.match(results[3]?.reason ?? '', /invalid date/);
      assert.match(results[4]?.reason ?? '', /not CAP 1\.2/);
      assert.deepEqual(counts, { updated: 1, cancelled: 1, rejected: 3 });
    });

    it('refuses a document with a DOCTYPE, writing nothing', async () => {
      const evil = fixture('partner-alert.xml')
        .replace(
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        )
        .replace('NER-PC-2024-0117', 'NER-PC-2024-9999')
        .replace('<headline>', '<headline>&x;');
      const res = await post(evil);
      assert.equal(res.statusCode, 422);
      assert.deepEqual(res.json<{ error: string }>().error, 'invalid_cap');
      const reports = await api.app.inject({ url: '/api/reports?q=passwd', headers: api.as('analyst') });
      assert.deepEqual(reports.json<{ items: unknown[] }>().items, []);
    });

    it('refuses what is not XML CAP, and a body over the limit', async () => {
      const notCap = await post('<html><body>hello</body></html>');
      assert.equal(notCap.statusCode, 422);
      assert.match(notCap.json<{ message: string }>().message, /expected a CAP <alert>/);
      const big = await post(`<alert>${'x'.repeat(CAP_BODY_LIMIT)}</alert>`);
      assert.equal(big.statusCode, 413);
    });

    it('lets analysts and liaisons import, not observers nor anonymous callers', async () => {
      assert.equal((await post(fixture('partner-alert.xml'), 'observer')).statusCode, 403);
      assert.equal((await post(fixture('partner-alert.xml'), null)).statusCode, 401);
    });
  });
}
