/// <reference lib="dom" />
/**
 * Alerts in Debian's Chromium, against the real server on each store (one browser for both): a field report posted to the API by another
 * user appears as a live notice (EventSource) with a link to its incident, the alerts screen lists it,
 * a subscription is created from the screen, and axe-core finds nothing serious.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createApp } from '../../src/api/create-app.ts';
import { createUser } from '../../src/commands/create-user.ts';
import { loadReference } from '../../src/reference/load-reference.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { TEST_ACTOR } from '../support/factories.ts';
import { SOLHAN_REPORTS } from '../support/invented-reports.ts';
import { axeViolations, launchChromium, signInWithToken, skipWithoutChromium } from './browser.ts';

describe('alerts in Chromium', { skip: skipWithoutChromium }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  for (const kind of testStoreKinds)
    describe(`on ${kind.dialect}`, { timeout: 120_000 }, () => {
      let db: TestStore;
      let base: string;
      let analyst: string;
      let liaison: string;
      let close: () => Promise<void>;

      before(async () => {
        db = await kind.open();
        const a = await createUser(
          db.store,
          { name: 'aminata', role: 'analyst', party: null },
          new Date(),
          TEST_ACTOR,
        );
        const l = await createUser(
          db.store,
          { name: 'issa', role: 'liaison', party: 'BFA' },
          new Date(),
          TEST_ACTOR,
        );
        assert.ok(a.ok && l.ok);
        analyst = a.token;
        liaison = l.token;
        const app = await createApp({
          store: db.store,
          reference: loadReference(),
          alerts: { webhooks: false },
        });
        await app.listen({ host: '127.0.0.1', port: 0 });
        base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
        close = () => app.close();
      });

      after(async () => {
        await close?.();
        await db?.dispose();
      });

      it('shows a live notice when a field report posted to the API makes an incident, and lists it', async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        await signInWithToken(page, base, analyst, '/alerts');
        await page.getByText('Flux en direct connecté').waitFor();
        const r = SOLHAN_REPORTS[0];
        assert.ok(r);
        const res = await fetch(`${base}/api/reports`, {
          method: 'POST',
          headers: { authorization: `Bearer ${liaison}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            kind: 'field',
            source: 'Poste de Sebba',
            language: r.lang,
            text: r.text,
            published: r.published,
            classification: 'AES_RESTRICTED',
          }),
        });
        assert.equal(res.status, 201, await res.text());
        const notice = page.locator('.alert-region[aria-live=polite] .alert-notice');
        await notice.waitFor({ timeout: 10_000 });
        assert.match((await notice.textContent()) ?? '', /Nouvel incident/);
        assert.match((await notice.textContent()) ?? '', /BFA/);
        // The classification banner follows what is on screen: the alert is AES RESTRICTED.
        assert.match((await page.textContent('.classification')) ?? '', /DIFFUSION RESTREINTE/);
        await page.locator('.alert-list li').first().waitFor();
        assert.match((await page.locator('.alert-list li').first().textContent()) ?? '', /Nouvel incident/);

        await notice.getByRole('link').click();
        await page.waitForURL(/\/incidents\/\d+$/);
        await context.close();
      });

      it('creates a subscription from the alerts screen; axe finds nothing serious there nor in the notice', async () => {
        // The page's own CSP forbids axe's injected script: this context bypasses it (the test above ran
        // under the CSP, and the stream worked there).
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
        const page = await context.newPage();
        await signInWithToken(page, base, analyst, '/alerts');
        await page.getByText('Flux en direct connecté').waitFor();
        const r = SOLHAN_REPORTS[5] ?? SOLHAN_REPORTS[1];
        assert.ok(r);
        const res = await fetch(`${base}/api/reports`, {
          method: 'POST',
          headers: { authorization: `Bearer ${liaison}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            source: 'Poste de Sebba',
            language: r.lang,
            text: r.text,
            published: r.published,
            classification: 'PUBLIC',
          }),
        });
        assert.equal(res.status, 201);
        await page.locator('.alert-notice').waitFor({ timeout: 10_000 });
        assert.deepEqual(await axeViolations(page), []);
        await page.getByRole('button', { name: 'Nouvel abonnement' }).click();
        await page.getByLabel('Nom').fill('Sahel burkinabè');
        await page.getByLabel('BFA').check();
        await page.getByLabel('Morts au moins').fill('5');
        assert.deepEqual(await axeViolations(page), []);
        await page.getByRole('button', { name: 'Enregistrer' }).click();
        await page.getByText('Abonnement enregistré.').waitFor();
        assert.match(
          (await page.locator('.subscriptions li').first().textContent()) ?? '',
          /Sahel burkinabè — BFA · ≥ 5/,
        );
        await context.close();
      });
    });
});
