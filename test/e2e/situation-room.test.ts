/// <reference lib="dom" />
/**
 * The situation room in Debian's Chromium, against the real server on each store (a real SQLite file,
 * a PostgreSQL schema; one browser for both) with imported (synthetic) ACLED rows: sign in, clusters that split as the map zooms, the time window,
 * an incident opened and verified, a field report written offline then sent, the triage queue,
 * English one click away, stored text rendered inert, and axe-core on every screen.
 * Screenshots are kept in test-results/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ACLED_HEADER, seeded, syntheticRow } from '../../bench/synthetic-acled.ts';
import { createApp } from '../../src/api/create-app.ts';
import { createUser } from '../../src/commands/create-user.ts';
import { visibilityOf } from '../../src/domain/classification.ts';
import { importEvents } from '../../src/commands/import-events.ts';
import { loadReference } from '../../src/reference/load-reference.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { incidentInput, TEST_ACTOR } from '../support/factories.ts';
import { axeViolations, launchChromium, SHOTS, skipWithoutChromium } from './browser.ts';

const ROWS = 3000;
const ADMIN = visibilityOf({ role: 'admin', party: null });
const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

describe('the situation room in Chromium', { skip: skipWithoutChromium }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  for (const kind of testStoreKinds)
    describe(`on ${kind.dialect}`, { timeout: 240_000 }, () => {
      let db: TestStore;
      let base: string;
      let analystToken: string;
      let close: () => Promise<void>;
      let scratch: string;
      let xssId: number;

      before(async () => {
        db = await kind.open();
        const reference = loadReference();
        scratch = mkdtempSync(path.join(os.tmpdir(), 'liptako-e2e-'));
        const csv = path.join(scratch, 'events.csv');
        const rand = seeded(7);
        const lines = [ACLED_HEADER.join(',')];
        // The last year up to today, so the default one-year window shows them.
        const start = new Date(Date.now() - 360 * 86_400_000).toISOString().slice(0, 10);
        for (let n = 0; n < ROWS; n++)
          lines.push(
            syntheticRow(n, ROWS, start, 350, rand)
              .map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c))
              .join(','),
          );
        writeFileSync(csv, lines.join('\n') + '\n');
        const imported = await importEvents(db.store, reference, csv, 'acled', { status: 'machine-coded' });
        assert.equal(imported.imported, ROWS);
        await db.store.upsertIncidents(
          [
            incidentInput({
              sourceKey: 'e2e:xss',
              notes: XSS,
              location: XSS,
              eventDate: new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10),
              status: 'reported',
            }),
          ],
          { actor: TEST_ACTOR, changedBy: 'e2e', at: new Date().toISOString() },
        );
        const hostile = await db.store.getIncidentBySourceKey('e2e:xss', ADMIN);
        assert.ok(hostile);
        xssId = hostile.id;
        const liaison = await createUser(
          db.store,
          { name: 'issa', role: 'liaison', party: 'NER', password: 'sable-et-harmattan-2024' },
          new Date(),
          TEST_ACTOR,
        );
        assert.ok(liaison.ok);
        const analyst = await createUser(
          db.store,
          { name: 'aminata', role: 'analyst', party: null },
          new Date(),
          TEST_ACTOR,
        );
        assert.ok(analyst.ok);
        analystToken = analyst.token;
        const app = await createApp({ store: db.store, reference });
        await app.listen({ host: '127.0.0.1', port: 0 });
        base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
        close = () => app.close();
        mkdirSync(SHOTS, { recursive: true });
      });

      after(async () => {
        await close?.();
        await db?.dispose();
        if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
      });

      async function signIn(context: BrowserContext, path = '/'): Promise<Page> {
        const page = await context.newPage();
        await page.goto(base + path);
        await page.getByRole('tab', { name: 'Avec un jeton' }).click();
        await page.fill('input[name=token]', analystToken);
        await page.getByRole('button', { name: 'Se connecter' }).click();
        await page.waitForSelector('nav[aria-label=Navigation]');
        return page;
      }

      const clusters = async (page: Page) =>
        Number((await page.getAttribute('.map', 'data-clusters')) ?? '0');
      const generation = async (page: Page) =>
        Number((await page.getAttribute('.map', 'data-generation')) ?? '0');
      async function nextDraw(page: Page, after: number): Promise<void> {
        await page.waitForFunction(
          (g) => Number(document.querySelector('.map')?.getAttribute('data-generation') ?? 0) > g,
          after,
        );
      }

      it('signs in, refuses a wrong token in French, and shows clusters that split as the map zooms', async () => {
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
        const page = await context.newPage();
        await page.goto(base);
        assert.equal(await page.getAttribute('html', 'lang'), 'fr');
        await page.getByRole('tab', { name: 'Avec un jeton' }).click();
        await page.fill('input[name=token]', 'lpk_not-a-real-token-at-all');
        await page.getByRole('button', { name: 'Se connecter' }).click();
        await page.waitForSelector('.signin [role=alert]');
        assert.match((await page.textContent('.signin [role=alert]')) ?? '', /Connexion refusée/);
        await page.fill('input[name=token]', analystToken);
        await page.getByRole('button', { name: 'Se connecter' }).click();
        await page.waitForSelector('.map[data-clusters]');
        const first = await clusters(page);
        assert.ok(first > 0, 'clusters are drawn');
        assert.match(
          (await page.textContent('.map-status')) ?? '',
          new RegExp(`${(ROWS + 1).toLocaleString('fr-FR').replace(/\s/g, '\\s')}|incidents dans la vue`),
        );
        assert.match((await page.textContent('footer')) ?? '', /GeoNames/);
        await page.screenshot({ path: path.join(SHOTS, 'map-fr.png') });

        // Click the biggest cluster until it splits into several.
        const before = await generation(page);
        const startZoom = Number(await page.getAttribute('.map', 'data-zoom'));
        const biggest = page.locator('.leaflet-marker-icon.cluster').filter({ hasText: /\d/ }).first();
        await biggest.click();
        await nextDraw(page, before);
        const zoomed = Number(await page.getAttribute('.map', 'data-zoom'));
        assert.ok(zoomed > startZoom, `zoomed from ${startZoom} to ${zoomed}`);
        assert.ok(new URL(page.url()).searchParams.get('z') === String(zoomed), 'the URL holds the view');
        assert.ok((await clusters(page)) > 1, 'the cluster split');
        await page.screenshot({ path: path.join(SHOTS, 'map-zoomed.png') });

        // The URL restores the same view in a new page.
        const shared = await context.newPage();
        await shared.goto(page.url());
        await shared.waitForSelector('.map[data-clusters]');
        assert.equal(await shared.getAttribute('.map', 'data-zoom'), String(zoomed));
        await shared.close();

        // A layer that fails to load never blanks the map: the last clusters stay, with a message.
        await page.route('**/api/incidents/aggregate*', (route) => route.abort('connectionfailed'));
        const shown = await clusters(page);
        await page.click('.leaflet-control-zoom-out');
        await page.waitForSelector('.map-problem[role=alert]');
        assert.match((await page.textContent('.map-problem')) ?? '', /n'a pas pu être chargée/);
        assert.equal(await page.locator('.leaflet-marker-icon.cluster').count(), shown);
        await page.unroute('**/api/incidents/aggregate*');
        await context.close();
      });

      it('signs in with a password; a wrong one gets a message in the language chosen', async () => {
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
        const page = await context.newPage();
        await page.goto(base);
        await page.getByRole('button', { name: 'Switch to English' }).click();
        await page.fill('input[name=username]', 'issa');
        await page.fill('input[name=password]', 'not-the-password-at-all');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForSelector('.signin [role=alert]');
        assert.match(
          (await page.textContent('.signin [role=alert]')) ?? '',
          /Sign-in refused: wrong user name or password/,
        );
        await page.fill('input[name=password]', 'sable-et-harmattan-2024');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForSelector('.user:has-text("issa · liaison · NER")');
        // A liaison officer has no triage queue; the session survives a reload (HttpOnly cookie).
        assert.equal(await page.locator('nav a[href="/triage"]').count(), 0);
        await page.reload();
        await page.waitForSelector('.user:has-text("issa")');
        assert.equal(
          await page.evaluate(() => document.cookie),
          '',
          'the session cookie is not readable by scripts',
        );
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.waitForSelector('.signin');
        await context.close();
      });

      it('moves the time window and the timeline with it', async () => {
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
        const page = await signIn(context);
        await page.waitForSelector('.map[data-clusters]');
        await page.waitForSelector('.timeline-chart .week');
        const weeksYear = await page.locator('.timeline-chart .week').count();
        const totalYear = (await page.textContent('.map-status')) ?? '';
        const before = await generation(page);
        await page.locator('.time-window select').selectOption('1m');
        await nextDraw(page, before);
        const from = new URL(page.url()).searchParams.get('from');
        assert.ok(
          from !== null && from > new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10),
          `from=${from}`,
        );
        await page.waitForFunction(
          (n) => document.querySelectorAll('.timeline-chart .week').length < n,
          weeksYear,
        );
        assert.notEqual((await page.textContent('.map-status')) ?? '', totalYear);
        // A bar of the timeline sets the window to its week.
        const g = await generation(page);
        await page.locator('.timeline-chart .week[tabindex="0"]').first().click();
        await nextDraw(page, g);
        const params = new URL(page.url()).searchParams;
        assert.equal(
          (Date.parse(params.get('to') ?? '') - Date.parse(params.get('from') ?? '')) / 86_400_000,
          6,
          'one week',
        );
        await page.screenshot({ path: path.join(SHOTS, 'map-week.png') });
        await context.close();
      });

      it('opens an incident, verifies it, and renders stored markup as text', async () => {
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
        const page = await signIn(context, `/incidents/${xssId}`);
        await page.waitForSelector('#detail-title');
        assert.match((await page.textContent('.coding')) ?? '', /<img src=x onerror=/);
        assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
        assert.equal(await page.locator('.detail img').count(), 0);
        await page.getByRole('button', { name: 'Vérifier' }).click();
        await page.waitForSelector('.detail .status.s-verified');
        assert.match((await page.textContent('.revisions')) ?? '', /verified by analyst/);
        const stored = await db.store.getIncident(xssId, ADMIN);
        assert.equal(stored?.status, 'verified');
        await page.screenshot({ path: path.join(SHOTS, 'incident-verified.png') });

        // English is one click away, labels and all.
        await page.getByRole('button', { name: 'Switch to English' }).click();
        await page.waitForSelector('h2:has-text("Revision history")');
        await context.close();
      });

      it('keeps a field report written offline and sends it once when the connection returns', async () => {
        const context = await browser.newContext({
          viewport: { width: 390, height: 844 },
          isMobile: true,
          hasTouch: true,
        });
        const page = await signIn(context, '/report');
        await page.waitForSelector('.report-form');
        // Let the service worker take control so the page also reloads offline.
        await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
        await page.reload();
        await page.waitForSelector('.report-form');
        const reportsBefore = (await db.store.listReports({ limit: 100, visibility: ADMIN })).items.length;

        await context.setOffline(true);
        await page.reload();
        await page.waitForSelector('.report-form');
        await page.fill(
          'textarea[name=text]',
          'Attaque contre le poste de Gorom-Gorom hier soir : trois morts selon un témoin.',
        );
        await page.fill('input[name=place_text]', 'Gorom-Gorom');
        await page.getByRole('button', { name: 'Envoyer' }).click();
        await page.waitForSelector('.outbox li');
        assert.match((await page.textContent('.report h2')) ?? '', /En attente d’envoi : 1/);
        assert.equal(
          (await db.store.listReports({ limit: 100, visibility: ADMIN })).items.length,
          reportsBefore,
        );
        await page.screenshot({ path: path.join(SHOTS, 'report-offline.png') });

        await context.setOffline(false);
        await page.waitForSelector('.outbox li', { state: 'detached', timeout: 10_000 });
        const reports = (await db.store.listReports({ limit: 100, visibility: ADMIN })).items;
        assert.equal(reports.length, reportsBefore + 1, 'sent exactly once');
        await page.screenshot({ path: path.join(SHOTS, 'report-sent.png') });

        // The report's incident waits in the triage queue.
        await page.setViewportSize({ width: 1366, height: 768 });
        await page.goto(`${base}/triage`);
        await page.waitForSelector('.queue li');
        await context.close();
      });

      it('triages with the keyboard: verify, reject with a reason in bulk, merge a duplicate', async () => {
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
        const page = await signIn(context, '/triage');
        await page.waitForSelector('.queue li.current');
        const firstId = Number(await page.getAttribute('.queue li.current', 'data-id'));
        await page.keyboard.press('v');
        await page.waitForSelector(`.queue li[data-id="${firstId}"]`, { state: 'detached' });
        assert.equal((await db.store.getIncident(firstId, ADMIN))?.status, 'verified');

        const [a, b] = await page
          .locator('.queue li')
          .evaluateAll((els) => els.slice(0, 2).map((e) => Number(e.getAttribute('data-id'))));
        await page.keyboard.press('x');
        await page.keyboard.press('j');
        await page.keyboard.press('x');
        await page.keyboard.press('r');
        await page.fill('dialog[open] input[name=reason]', 'doublon de presse');
        await page.keyboard.press('Enter');
        await page.waitForSelector(`.queue li[data-id="${b}"]`, { state: 'detached' });
        for (const id of [a, b])
          assert.equal((await db.store.getIncident(id ?? 0, ADMIN))?.status, 'rejected');
        // Merge a duplicate into the current incident: select it, move to the survivor, press m.
        const [dup, keep] = await page
          .locator('.queue li')
          .evaluateAll((els) => els.slice(0, 2).map((e) => Number(e.getAttribute('data-id'))));
        await page.keyboard.press('k');
        await page.keyboard.press('x');
        await page.keyboard.press('j');
        await page.keyboard.press('m');
        await page.fill('dialog[open] input[name=reason]', 'même attaque, deux dépêches');
        await page.keyboard.press('Enter');
        await page.waitForSelector(`.queue li[data-id="${dup}"]`, { state: 'detached' });
        const merged = await db.store.getIncident(dup ?? 0, ADMIN);
        assert.equal(merged?.mergedInto, keep);
        assert.equal(merged?.status, 'rejected');
        await page.screenshot({ path: path.join(SHOTS, 'triage.png') });
        await context.close();
      });

      it('exports the filtered view from the Export menu, opened with the keyboard', async () => {
        const context = await browser.newContext({
          viewport: { width: 1366, height: 768 },
          acceptDownloads: true,
          // axe-core is injected as an inline script, which the app's CSP refuses.
          bypassCSP: true,
        });
        const page = await signIn(context, '/?country=MLI');
        await page.waitForSelector('.map[data-clusters]');
        await page.focus('.export-menu summary');
        await page.keyboard.press('Enter');
        const csvLink = page.getByRole('link', { name: 'CSV avec étiquettes HXL' });
        await csvLink.waitFor();
        const href = (await csvLink.getAttribute('href')) ?? '';
        assert.match(href, /^\/api\/exports\/incidents\.csv\?/);
        assert.equal(new URL(href, base).searchParams.get('country'), 'MLI');
        const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
        assert.match(download.suggestedFilename(), /^liptako-incidents-\d{8}\.hxl\.csv$/);
        const file = await download.path();
        const { readFileSync } = await import('node:fs');
        const lines = readFileSync(file, 'utf8').split('\r\n');
        assert.match(lines[1] ?? '', /^#date\+occurred,#event\+type,/);
        assert.ok(lines.length > 3, 'rows follow the two header lines');
        assert.deepEqual(await axeViolations(page), []);
        await context.close();
      });

      it('has no serious accessibility violations on any screen', async () => {
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
        const signin = await context.newPage();
        await signin.goto(base);
        await signin.waitForSelector('.signin');
        const found: Record<string, unknown> = { signin: await axeViolations(signin) };
        await signin.close();
        const page = await signIn(context);
        await page.waitForSelector('.map[data-clusters]');
        await page.waitForSelector('.incident-row');
        found['map'] = await axeViolations(page);
        for (const [name, url, selector] of [
          ['detail', `/incidents/${xssId}`, '#detail-title'],
          ['triage', '/triage', '.triage'],
          ['report', '/report', '.report-form'],
        ] as const) {
          await page.goto(base + url);
          await page.waitForSelector(selector);
          found[name] = await axeViolations(page);
        }
        for (const [name, violations] of Object.entries(found))
          assert.deepEqual(violations, [], `${name}: ${JSON.stringify(violations)}`);
        await context.close();
      });
    });
});
