/// <reference lib="dom" />
/**
 * The assistance screens in Chromium: Niger's decision-maker asks for fuel, Mali's liaison officer finds
 * the request on the board, pledges (a pledge over what is still needed is refused with its message),
 * sends it, Niger confirms receipt; the board shows the request in transit with its roll-up bars, and
 * the board and the detail pass an axe check. Once on each store, in one browser.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createApp } from '../../src/api/create-app.ts';
import { createUser } from '../../src/commands/create-user.ts';
import { visibilityOf } from '../../src/domain/classification.ts';
import type { UserRole } from '../../src/domain/role.ts';
import { loadReference } from '../../src/reference/load-reference.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { TEST_ACTOR } from '../support/factories.ts';
import { axeViolations, launchChromium, SHOTS, signInWithToken, skipWithoutChromium } from './browser.ts';

const ALL = visibilityOf({ role: 'admin', party: null });

describe('the assistance screens in Chromium', { skip: skipWithoutChromium }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  for (const kind of testStoreKinds)
    describe(`on ${kind.dialect}`, { timeout: 180_000 }, () => {
      let db: TestStore;
      let base: string;
      let close: () => Promise<void>;
      const tokens: Record<string, string> = {};

      before(async () => {
        db = await kind.open();
        const users: [string, UserRole, string | null][] = [
          ['deciderNer', 'decision-maker', 'NER'],
          ['liaisonMli', 'liaison', 'MLI'],
        ];
        for (const [name, role, party] of users) {
          const created = await createUser(db.store, { name, role, party }, new Date(), TEST_ACTOR);
          assert.ok(created.ok);
          tokens[name] = created.token;
        }
        const app = await createApp({ store: db.store, reference: loadReference() });
        await app.listen({ host: '127.0.0.1', port: 0 });
        base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
        close = () => app.close();
        mkdirSync(SHOTS, { recursive: true });
      });

      after(async () => {
        await close?.();
        await db?.dispose();
      });

      async function as(user: string, url: string) {
        const context = await browser.newContext({
          viewport: { width: 1366, height: 900 },
          bypassCSP: false,
        });
        const page = await context.newPage();
        await signInWithToken(page, base, tokens[user] ?? '', url);
        return { page, context };
      }

      it('goes from a request to a pledge, a dispatch and a receipt, and shows the roll-up on the board', async () => {
        const niger = await as('deciderNer', '/assistance');
        await niger.page.getByRole('link', { name: 'Nouvelle demande' }).click();
        await niger.page.selectOption('select[name=category]', 'fuel');
        await niger.page.selectOption('select[name=unit]', 'litres');
        await niger.page.fill('input[name=quantity]', '10000');
        await niger.page.fill('input[name=place]', 'Gaya');
        await niger.page.fill('input[name=needed_by]', '2099-06-30');
        await niger.page.selectOption('select[name=priority]', 'critical');
        await niger.page.fill(
          'textarea[name=description]',
          'gazole pour les groupes électrogènes de la garnison',
        );
        await niger.page.getByRole('button', { name: 'Envoyer la demande' }).click();
        await niger.page.waitForSelector('h1:has-text("Demande n° 1")');
        const [stored] = await db.store.listAssistanceLedgers({ visibility: ALL });
        assert.deepEqual([stored?.value.request.party, stored?.value.request.quantity], ['NER', 10000]);

        const mali = await as('liaisonMli', '/assistance');
        const card = mali.page.locator('section.stage-open .request-card', { hasText: 'Gaya' });
        await card.waitFor();
        await card.getByRole('link').click();
        await mali.page.waitForSelector('form.pledge-form');
        // Over what the request still needs: refused, with the server's message.
        await mali.page.fill('form.pledge-form input[name=quantity]', '12000');
        await mali.page.getByRole('button', { name: 'Enregistrer la promesse' }).click();
        await mali.page.waitForSelector('[role=alert]:has-text("still needs: 10000 litres")');
        await mali.page.fill('form.pledge-form input[name=quantity]', '6000');
        await mali.page.fill('form.pledge-form input[name=note]', 'depuis le dépôt de Gao');
        await mali.page.getByRole('button', { name: 'Enregistrer la promesse' }).click();
        await mali.page.waitForSelector('table.pledges th:has-text("MLI")');
        await mali.page.fill('form.dispatch-form input[name=quantity]', '6000');
        await mali.page.fill('form.dispatch-form input[name=reference]', 'convoi MLI-7');
        await mali.page.getByRole('button', { name: 'Enregistrer l’envoi' }).click();
        await mali.page.waitForSelector('table.dispatches td:has-text("convoi MLI-7")');
        await mali.page.screenshot({ path: path.join(SHOTS, 'assistance-request.png') });
        await mali.context.close();

        await niger.page.reload();
        await niger.page.waitForSelector('form.receipt-form');
        await niger.page.fill('form.receipt-form input[name=quantity]', '6000');
        await niger.page.fill('form.receipt-form input[name=note]', 'bien reçu à Gaya');
        await niger.page.getByRole('button', { name: 'Confirmer' }).click();
        await niger.page.waitForSelector('ol.history li:has-text("NER reçoit")');

        await niger.page.getByRole('link', { name: 'Retour au tableau' }).click();
        const inTransit = niger.page.locator('section.stage-in-transit .request-card', { hasText: 'Gaya' });
        await inTransit.waitFor();
        const meters = await inTransit
          .locator('meter')
          .evaluateAll((ms) => ms.map((m) => [(m as HTMLMeterElement).value, (m as HTMLMeterElement).max]));
        assert.deepEqual(meters, [
          [6000, 10000],
          [6000, 10000],
          [6000, 10000],
        ]);
        assert.match((await inTransit.textContent()) ?? '', /Reste à promettre : 4\s000 litres/);
        // French numbers group thousands with a narrow no-break space.
        assert.match(
          (await inTransit.locator('meter').first().getAttribute('aria-label')) ?? '',
          /^Promis : 6\s000 sur 10\s000 litres \(partiel\)$/,
        );
        await niger.page.screenshot({ path: path.join(SHOTS, 'assistance-board.png') });
        await niger.context.close();

        // axe-core is injected as a script: only a context that bypasses the CSP lets it run.
        const audit = await browser.newContext({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
        const page = await audit.newPage();
        await signInWithToken(page, base, tokens['deciderNer'] ?? '', '/assistance');
        await page.waitForSelector('section.stage-in-transit .request-card');
        assert.deepEqual(await axeViolations(page), [], 'the board');
        await page.goto(`${base}/assistance/1`);
        await page.waitForSelector('form.receipt-form, ol.history');
        assert.deepEqual(await axeViolations(page), [], 'the request');
        await page.goto(`${base}/assistance/new`);
        await page.waitForSelector('form.request-form');
        assert.deepEqual(await axeViolations(page), [], 'the request form');
        await page.goto(`${base}/assistance/scorecards`);
        await page.waitForSelector('table.scorecards');
        assert.deepEqual(await axeViolations(page), [], 'the scorecards');
        await audit.close();
      });
    });
});
