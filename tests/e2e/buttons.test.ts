import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../main/browser-host/server';
import { fillDemoCase } from '../../main/services/demo';
import { sessionFor } from '../../main/services/session';
import { ensureRendererBuilt, launchBrowser, openSignedIn, screenshotDir } from '../helpers/browser';
import { createTestVault, type TestVault } from '../helpers/vault';

/**
 * No button's label breaks inside a word ("Effect vastlegg / en"), on every screen and in the dialogs, at the
 * laptop width and at a narrow 1024 px. Measured in the page: each word of each visible button, as a Range,
 * must lie on one line box.
 */

interface BrokenWord {
  button: string;
  word: string;
}

let browser: Browser;
let vault: TestVault;
let host: BrowserHost;
let page: Page;
let caseId: string;

beforeAll(async () => {
  await ensureRendererBuilt();
  browser = await launchBrowser();
  vault = await createTestVault({ displayName: 'Anna de Beheerder' });
  caseId = fillDemoCase(sessionFor(vault.vault, 'app')).id;
  vault.vault.lock();
  ({ host, page } = await openSignedIn(browser, vault, { width: 1280, height: 900 }));
});

afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await host?.close();
  if (vault) rmSync(vault.root, { recursive: true, force: true });
});

/**
 * Every word of every visible button whose boxes lie on more than one line: each word as a Range, whose client
 * rects must all share the first one's line box. A string, as the page's DOM is not in the tests' types.
 */
const brokenWordsScript = `(() => {
  const found = [];
  for (const button of document.querySelectorAll('button')) {
    if (button.getClientRects().length === 0 || getComputedStyle(button).visibility === 'hidden') continue;
    const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
        const first = rects[0];
        if (first && rects.some((rect) => rect.top >= first.bottom - 1 || rect.bottom <= first.top + 1)) {
          found.push({ button: button.textContent.trim(), word: match[0] });
        }
      }
    }
  }
  return found;
})()`;

const brokenWords = (): Promise<BrokenWord[]> => page.evaluate(brokenWordsScript);

async function go(hash: string, ready: () => Promise<unknown>): Promise<void> {
  await page.evaluate((target) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = target;
  }, hash);
  await ready();
}

const heading = (name: string) => () => page.getByRole('heading', { name, exact: true }).first().waitFor();

/** The screens and dialogs with buttons, each reached from the case list or the case. */
const screens: [string, () => Promise<unknown>][] = [
  ['case list', () => go('#cases', heading('Dossiers'))],
  ['new case dialog', async () => {
    await go('#cases', heading('Dossiers'));
    await page.getByRole('button', { name: 'Nieuw dossier' }).click();
    await page.getByRole('dialog').waitFor();
  }],
  ['overview', () => go(`#case/${caseId}/overzicht`, () => page.locator('.overview').waitFor())],
  ['timeline', () => go(`#case/${caseId}/tijdlijn`, () => page.locator('.tl-text').first().waitFor())],
  ['quick entry', async () => {
    await go(`#case/${caseId}/tijdlijn`, () => page.locator('.tl-text').first().waitFor());
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog').waitFor();
  }],
  ['close case dialog', async () => {
    await go(`#case/${caseId}/overzicht`, () => page.locator('.overview').waitFor());
    await page.getByRole('button', { name: 'Dossier sluiten' }).click();
    await page.getByRole('dialog').waitFor();
  }],
  ['phase', () => go(`#case/${caseId}/fase`, heading('Faseverloop'))],
  ['team', () => go(`#case/${caseId}/team`, heading('Wie had welke rol'))],
  ['actions', () => go(`#case/${caseId}/acties`, () => page.getByRole('button', { name: 'Actie toevoegen' }).waitFor())],
  ['decisions', () => go(`#case/${caseId}/besluiten`, () => page.getByRole('heading', { name: 'Besluit 1' }).waitFor())],
  ['interventions', () => go(`#case/${caseId}/interventies`, () => page.locator('.work-interventions > li').first().waitFor())],
  ['signals', () => go(`#case/${caseId}/signalen`, () => page.getByRole('button', { name: /^Signaal vastleggen/ }).waitFor())],
  ['signal capture', async () => {
    await go(`#case/${caseId}/signalen`, () => page.getByRole('button', { name: /^Signaal vastleggen/ }).waitFor());
    await page.getByRole('button', { name: /^Signaal vastleggen/ }).click();
    await page.getByRole('dialog').waitFor();
  }],
  ['briefings', () => go(`#case/${caseId}/briefings`, () => page.getByRole('button', { name: 'Voorbeeld bijwerken' }).waitFor())],
  ['directory', () => go('#werk/adresboek', heading('Adresboek'))],
  ['phase model', () => go('#werk/fasemodel', heading('Fasemodel'))],
];

async function closeDialog(): Promise<void> {
  if ((await page.getByRole('dialog').count()) === 0) return;
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}

describe.each([1280, 1024])('buttons at %i px wide', (width) => {
  it('break between words, never inside one, on every screen and in every dialog', async () => {
    await page.setViewportSize({ width, height: 900 });
    const broken: (BrokenWord & { screen: string })[] = [];
    let buttons = 0;
    for (const [screen, open] of screens) {
      await open();
      buttons += await page.locator('button:visible').count();
      broken.push(...(await brokenWords()).map((word) => ({ screen, ...word })));
      await closeDialog();
    }
    expect(broken).toEqual([]);
    // The walk saw the screens it names: a route that showed nothing would pass without this.
    expect(buttons).toBeGreaterThan(150);
    if (width === 1024) {
      // The table where "Effect vastleggen" used to split: the column now keeps the button's words whole.
      await screens.find(([screen]) => screen === 'interventions')?.[1]();
      await page.getByRole('table', { name: 'Overwogen en ingezet in dit dossier' }).screenshot({ path: join(screenshotDir, 'interventions-1024.png') });
    }
  });
});
