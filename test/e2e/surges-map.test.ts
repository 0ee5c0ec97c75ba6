/// <reference lib="dom" />
/**
 * Early warning in Debian's Chromium, against the real server on each store (a real SQLite file, a
 * PostgreSQL schema; one browser for both): surges raised by
 * detection from incidents appear on the situation map as rings at their region's centroid, with a
 * legend and a popup reachable by keyboard; the layer toggles off; the list screen shows them with
 * their history; an observer does not see a surge computed from NATIONAL incidents; axe-core finds no
 * serious violation. Screenshots go to test-results/.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../../src/api/create-app.ts';
import { createUser } from '../../src/commands/create-user.ts';
import { dayOf, detectSurges } from '../../src/commands/detect-surges.ts';
import { addDays } from '../../src/domain/iso-week.ts';
import { loadReference } from '../../src/reference/load-reference.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { incidentInput, TEST_ACTOR } from '../support/factories.ts';
import { axeViolations, launchChromium, SHOTS, signInWithToken, skipWithoutChromium } from './browser.ts';

describe('early warning on the situation map in Chromium', { skip: skipWithoutChromium }, () => {
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
      let close: () => Promise<void>;
      const tokens: Record<'analyst' | 'observer', string> = { analyst: '', observer: '' };
      const ids: Record<'mopti' | 'sahel', number> = { mopti: 0, sahel: 0 };

      before(async () => {
        db = await kind.open();
        const today = dayOf(new Date());
        const deaths = (daysAgo: number, best: number, over: Parameters<typeof incidentInput>[0] = {}) =>
          incidentInput({
            eventDate: addDays(today, -daysAgo),
            fatalities: { low: null, best, high: null },
            ...over,
          });
        await db.store.upsertIncidents(
          [
            // Mopti: 5 deaths in the year before, 19 in the last 30 days (elevated: high from 2 × 10).
            deaths(200, 5, { admin1: 'Mopti' }),
            deaths(10, 15, { admin1: 'Mopti' }),
            deaths(4, 4, { admin1: 'Mopti', location: 'Sévaré' }),
            // Sahel (Burkina Faso): NATIONAL incidents of BFA only.
            deaths(6, 30, {
              country: 'BFA',
              admin1: 'Sahel',
              location: 'Djibo',
              latitude: 14.1,
              longitude: -1.63,
              classification: 'NATIONAL',
              ownerParty: 'BFA',
            }),
          ],
          { actor: TEST_ACTOR, changedBy: 'e2e', at: new Date().toISOString() },
        );
        const detected = await detectSurges(db.store, { on: today, now: new Date() });
        if (!detected.ok) throw new Error(detected.error.message);
        for (const s of detected.value.opened)
          if (s.surge.admin1Key === 'mopti') ids.mopti = s.id;
          else if (s.surge.admin1Key === 'sahel') ids.sahel = s.id;
        assert.ok(ids.mopti > 0 && ids.sahel > 0, 'both surges raised');
        for (const role of ['analyst', 'observer'] as const) {
          const user = await createUser(db.store, { name: role, role, party: null }, new Date(), TEST_ACTOR);
          assert.ok(user.ok);
          tokens[role] = user.token;
        }
        const app = await createApp({ store: db.store, reference: loadReference() });
        await app.listen({ host: '127.0.0.1', port: 0 });
        base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
        close = () => app.close();
      });

      after(async () => {
        await close?.();
        await db?.dispose();
      });

      /** axe-core is injected as a script, which the strict CSP refuses: audited pages bypass it (the others keep it). */
      async function mapAs(role: 'analyst' | 'observer', audited = false): Promise<Page> {
        const context = await browser.newContext({
          viewport: { width: 1366, height: 768 },
          bypassCSP: audited,
        });
        const page = await context.newPage();
        await signInWithToken(page, base, tokens[role], '/map');
        await page.waitForSelector('.map[data-surges]');
        return page;
      }

      it('draws the open surges at their regions, with a legend and a popup opened by keyboard', async () => {
        const page = await mapAs('analyst', true);
        assert.equal(await page.getAttribute('.map', 'data-surges'), '2');
        const mopti = page.locator(`[data-surge-id="${ids.mopti}"]`);
        await mopti.waitFor();
        assert.match(
          (await mopti.getAttribute('aria-label')) ?? '',
          /Pic de violence élevé : Région de Mopti, 19 morts/,
        );
        assert.equal(
          await page.locator(`[data-surge-id="${ids.sahel}"]`).count(),
          1,
          'the analyst sees the NATIONAL surge',
        );
        assert.match(
          (await page.textContent('.surge-legend')) ?? '',
          /pic fort.*pic élevé.*2 pics en cours/s,
        );
        assert.equal(
          await page.locator(`[data-surge-id="${ids.mopti}"] .surge-ring.surge-elevated`).count(),
          1,
        );
        assert.equal(await page.locator(`[data-surge-id="${ids.sahel}"] .surge-ring.surge-high`).count(), 1);

        await mopti.focus();
        await page.keyboard.press('Enter');
        const popup = page.locator('.surge-popup');
        await popup.waitFor();
        const text = (await popup.textContent()) ?? '';
        assert.match(text, /Pic de violence — Région de Mopti \(MLI\)/);
        assert.match(text, /Morts sur 30 jours : 19 \(2 incidents\)/);
        assert.match(text, /Référence : 5/);
        assert.match(text, /Rapport : × 3,8/);
        assert.match(text, /Depuis le/);
        await page.screenshot({ path: path.join(SHOTS, 'surges-map.png') });
        assert.deepEqual(await axeViolations(page), []);

        // The popup's button opens the list on that surge, with its history.
        await popup.getByRole('button', { name: 'Détails' }).click();
        await page.waitForSelector('.surge-history');
        assert.match(new URL(page.url()).search, new RegExp(`id=${ids.mopti}`));
        assert.match((await page.textContent('.surge-history')) ?? '', /19\s*5\s*élevé/);
        await page.context().close();
      });

      it('turns the layer off and on, and keeps the choice in the address', async () => {
        const page = await mapAs('analyst');
        await page.getByLabel('Pics de violence').uncheck();
        await page.waitForFunction(() => document.querySelectorAll('[data-surge-id]').length === 0);
        assert.equal(await page.locator('.surge-legend').count(), 0);
        assert.match(page.url(), /surges=off/);
        await page.getByLabel('Pics de violence').check();
        await page.waitForSelector(`[data-surge-id="${ids.mopti}"]`);
        await page.context().close();
      });

      it("hides from an observer the surge computed from another party's NATIONAL incidents", async () => {
        const page = await mapAs('observer');
        assert.equal(await page.getAttribute('.map', 'data-surges'), '1');
        await page.waitForSelector(`[data-surge-id="${ids.mopti}"]`);
        assert.equal(await page.locator(`[data-surge-id="${ids.sahel}"]`).count(), 0);
        await page.goto(`${base}/surges?state=all`);
        await page.waitForSelector('.surges table');
        const rows = await page.locator('.surges tbody tr[data-surge-id]').count();
        assert.equal(rows, 1);
        assert.equal((await page.textContent('.classification'))?.trim(), 'PUBLIC');
        await page.context().close();
      });

      it('lists the surges in French and in English, accessibly', async () => {
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
        const page = await context.newPage();
        await signInWithToken(page, base, tokens.analyst, '/surges');
        await page.waitForSelector('.surges table');
        assert.match((await page.textContent('h1')) ?? '', /Alerte précoce/);
        // A NATIONAL surge is on screen: the banner says so.
        assert.equal((await page.textContent('.classification'))?.trim(), 'NATIONAL');
        assert.match((await page.textContent('.surges p')) ?? '', /au moins le seuil \(10 morts\)/);
        const row = page.locator(`tr[data-surge-id="${ids.mopti}"]`);
        assert.match((await row.textContent()) ?? '', /Région de Mopti \(MLI\).*élevé.*19.*5/s);
        assert.deepEqual(await axeViolations(page), []);
        await page
          .getByRole('button', { name: /English|Français/ })
          .first()
          .click();
        await page.waitForFunction(() =>
          document.querySelector('h1')?.textContent?.includes('Early warning'),
        );
        assert.match((await row.textContent()) ?? '', /Mopti.*elevated.*19/s);
        await page.screenshot({ path: path.join(SHOTS, 'surges-list.png') });
        await context.close();
      });
    });
});
