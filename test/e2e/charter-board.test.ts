/// <reference lib="dom" />
/**
 * The Charter screens in Chromium: an analyst evaluates a verified attack on a party and confirms the
 * Art. 6 proposal, each party's decision-maker assents on the Charter board, the duty-of-assistance
 * case opens with the other parties' obligations, and Burkina Faso's liaison officer acknowledges its
 * obligation with a note. Once on each store, in one browser.
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
import { incidentInput, TEST_ACTOR } from '../support/factories.ts';
import { axeViolations, launchChromium, SHOTS, signInWithToken, skipWithoutChromium } from './browser.ts';

const ALL = visibilityOf({ role: 'admin', party: null });

describe('the Charter screens in Chromium', { skip: skipWithoutChromium }, () => {
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
      let incidentId: number;
      const tokens: Record<string, string> = {};

      before(async () => {
        db = await kind.open();
        const reference = loadReference();
        // Armed forces of a non-party state strike a Nigerien garrison; verified.
        const input = incidentInput({
          eventDate: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10),
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
        await db.store.upsertIncidents([input], {
          actor: TEST_ACTOR,
          changedBy: 'e2e',
          at: new Date().toISOString(),
        });
        const found = await db.store.getIncidentBySourceKey(input.sourceKey, ALL);
        assert.ok(found);
        incidentId = found.id;
        const users: [string, UserRole, string | null][] = [
          ['analyst', 'analyst', null],
          ['deciderMli', 'decision-maker', 'MLI'],
          ['deciderBfa', 'decision-maker', 'BFA'],
          ['deciderNer', 'decision-maker', 'NER'],
          ['liaisonBfa', 'liaison', 'BFA'],
        ];
        for (const [name, role, party] of users) {
          const created = await createUser(db.store, { name, role, party }, new Date(), TEST_ACTOR);
          assert.ok(created.ok);
          tokens[name] = created.token;
        }
        const app = await createApp({ store: db.store, reference });
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
          viewport: { width: 1366, height: 768 },
          bypassCSP: false,
        });
        const page = await context.newPage();
        await signInWithToken(page, base, tokens[user] ?? '', url);
        return { page, context };
      }

      it('goes from proposal to unanimous activation to an acknowledged obligation', async () => {
        const analyst = await as('analyst', `/incidents/${incidentId}`);
        // The analyst adds what the rules read beyond ACLED's coding: the garrison's forces were hit.
        await analyst.page.getByRole('button', { name: 'Modifier les faits' }).click();
        await analyst.page.locator('.charter-facts select[name=target]').selectOption('forces');
        await analyst.page.fill('.charter-facts input[name=reason]', 'la garnison de Gaya était visée');
        await analyst.page.getByRole('button', { name: 'Enregistrer' }).click();
        await analyst.page.waitForSelector('.charter-facts dd:has-text("forces armées")');
        const stored = await db.store.getIncident(incidentId, ALL);
        assert.equal(stored?.charterFacts.target, 'forces');
        await analyst.page.getByRole('button', { name: 'Évaluer au regard de la Charte' }).click();
        const art6 = analyst.page.locator('.proposal', { hasText: 'Art. 6' });
        await art6.waitFor();
        // The proposal waits on the board too, with its incident.
        const board = await analyst.context.newPage();
        await board.goto(`${base}/charter`);
        await board.locator('.proposals .proposal', { hasText: 'Art. 6' }).waitFor();
        await board.close();
        assert.match((await art6.textContent()) ?? '', /à examiner/);
        await art6.getByRole('button', { name: 'Confirmer' }).click();
        await analyst.page.fill(
          'dialog[open] input[name=reason]',
          'les forces d’un État tiers ont frappé une garnison',
        );
        await analyst.page.keyboard.press('Enter');
        await analyst.page.locator('.proposal.p-confirmed', { hasText: 'Art. 6' }).waitFor();
        await analyst.page.screenshot({ path: path.join(SHOTS, 'charter-proposal.png') });
        await analyst.context.close();

        for (const [user, party] of [
          ['deciderMli', 'MLI'],
          ['deciderBfa', 'BFA'],
          ['deciderNer', 'NER'],
        ] as const) {
          const { page, context } = await as(user, '/charter');
          const vote = page.getByRole('button', { name: `Approuver (${party})` });
          await vote.click();
          await page.waitForSelector('.notice:has-text("Vote enregistré")');
          if (party === 'BFA') await page.screenshot({ path: path.join(SHOTS, 'charter-vote.png') });
          await context.close();
        }

        const liaison = await as('liaisonBfa', '/charter');
        const row = liaison.page.locator('.obligations tr', { hasText: 'BFA' });
        await row.waitFor();
        assert.match((await row.textContent()) ?? '', /en attente/);
        assert.equal(
          await liaison.page.locator('.obligations tr', { hasText: 'NER' }).count(),
          0,
          'the victim owes nothing',
        );
        await row.getByRole('button', { name: 'Passer à « accusé réception »' }).click();
        await liaison.page.fill('dialog[open] input[name=reason]', 'reçu par l’état-major, réunion demain');
        await liaison.page.keyboard.press('Enter');
        await liaison.page.waitForFunction(() =>
          [...document.querySelectorAll('.obligations tr')].some(
            (tr) => /BFA/.test(tr.textContent ?? '') && /accusé réception depuis/.test(tr.textContent ?? ''),
          ),
        );
        // The adopted decision is in the history with each party's ballot.
        const history = liaison.page.locator('.decisions .card', { hasText: 'adoptée' });
        assert.equal(await history.locator('.ballots li').count(), 3);
        // Mali's obligation is not the Burkinabè officer's to move.
        assert.equal(
          await liaison.page.locator('.obligations tr', { hasText: 'MLI' }).getByRole('button').count(),
          0,
        );
        await liaison.page.screenshot({ path: path.join(SHOTS, 'charter-case.png') });
        await liaison.context.close();

        const audit = await browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
        const page = await audit.newPage();
        await signInWithToken(page, base, tokens['liaisonBfa'] ?? '', '/charter');
        await page.waitForSelector('.obligations');
        assert.deepEqual(await axeViolations(page), []);
        await audit.close();
      });
    });
});
