/// <reference lib="dom" />
/**
 * Debian's Chromium for browser tests and benchmarks (playwright-core, no browser download). CI
 * installs it (.ci/run); a developer machine without it skips the browser tests, CI never does.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
export const skipWithoutChromium: string | false =
  !existsSync(CHROMIUM) && process.env['CI'] !== 'true' ? `${CHROMIUM} is not installed` : false;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Rules of WCAG 2.1 A/AA that axe-core checks; the page's serious and critical violations. */
export async function axeViolations(
  page: Page,
): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  await page.addScriptTag({
    path: path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'),
  });
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Signs in through the page with an API token, as a user would, and waits for the navigation. */
export async function signInWithToken(page: Page, base: string, token: string, path = '/'): Promise<void> {
  await page.goto(base + path);
  await page.getByRole('tab', { name: 'Avec un jeton' }).click();
  await page.fill('input[name=token]', token);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForSelector('nav[aria-label=Navigation]');
}
