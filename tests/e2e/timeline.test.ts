import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../main/browser-host/server';
import { sessionFor } from '../../main/services/session';
import { ensureRendererBuilt, launchBrowser, newPage } from '../helpers/browser';
import { fillLargeCase } from '../helpers/timeline-case';
import { createTestVault, testPassphrase, testUserName, type TestVault } from '../helpers/vault';

/** The timeline on a case of 100,000 entries: it pages through cursors and keeps the DOM small. */

const entryCount = 100_000;

let browser: Browser;
let vault: TestVault;
let host: BrowserHost;
let page: Page;
let title = '';

const eventually = <T>(read: () => Promise<T>, timeout = 10_000) => expect.poll(read, { timeout });
const rows = () => page.locator('[data-row]');
const entryTexts = () => page.locator('[data-row="entry"] .tl-text').allTextContents();

beforeAll(async () => {
  await ensureRendererBuilt();
  vault = await createTestVault({ displayName: 'Joost de Vries' });
  title = fillLargeCase(sessionFor(vault.vault, 'browser-host'), entryCount).title;
  vault.vault.lock();
  host = await startBrowserHost({ vaultDir: vault.dir });
  browser = await launchBrowser();
  page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(host.url);
  await page.getByLabel('Gebruikersnaam').fill(testUserName);
  await page.getByLabel('Wachtwoordzin', { exact: true }).fill(testPassphrase);
  await page.getByRole('button', { name: 'Ontgrendelen' }).click();
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('link', { name: 'Tijdlijn' }).click();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  vault?.cleanup();
});

describe('the timeline on 100,000 entries', () => {
  it('opens at the end, jumps to the start and back, and keeps fewer than 200 rows in the DOM', async () => {
    await eventually(() => entryTexts().then((texts) => texts.some((text) => text.startsWith(`Regel ${entryCount}:`)))).toBe(true);
    expect(await rows().count()).toBeLessThan(200);

    await page.getByRole('button', { name: 'Naar begin' }).click();
    await eventually(() => entryTexts().then((texts) => texts.some((text) => text.startsWith('Regel 1:')))).toBe(true);
    expect(await rows().count()).toBeLessThan(200);

    // Scroll down through several pages: the window moves on and the DOM stays small.
    const list = page.getByRole('region', { name: 'Logregels' });
    for (let step = 0; step < 12; step += 1) {
      await list.evaluate((element) => {
        element.scrollTop += 20_000;
      });
      await page.waitForTimeout(120);
    }
    await eventually(() => entryTexts().then((texts) => texts.some((text) => Number(/^Regel (\d+)/.exec(text)?.[1]) > 1_000))).toBe(true);
    expect(await rows().count()).toBeLessThan(200);

    // Keyboard: End goes to the end of the whole log, Home back to its start.
    await list.focus();
    await page.keyboard.press('End');
    await eventually(() => entryTexts().then((texts) => texts.some((text) => text.startsWith(`Regel ${entryCount}:`)))).toBe(true);
    await page.keyboard.press('Home');
    await eventually(() => entryTexts().then((texts) => texts.some((text) => text.startsWith('Regel 1:')))).toBe(true);
  });

  it('scrolling up from the end loads earlier pages without losing the place', async () => {
    await page.getByRole('button', { name: 'Naar einde' }).click();
    await eventually(() => entryTexts().then((texts) => texts.some((text) => text.startsWith(`Regel ${entryCount}:`)))).toBe(true);
    const list = page.getByRole('region', { name: 'Logregels' });
    for (let step = 0; step < 8; step += 1) {
      await list.evaluate((element) => {
        element.scrollTop -= 12_000;
      });
      await page.waitForTimeout(150);
    }
    await eventually(() =>
      entryTexts().then((texts) => texts.some((text) => Number(/^Regel (\d+)/.exec(text)?.[1]) < entryCount - 600)),
    ).toBe(true);
    expect(await rows().count()).toBeLessThan(200);
  });

  it('filters by type, phase and author, and searches the whole log', async () => {
    await page.getByLabel('Zoeken in tekst').fill('zeldzaamwoord');
    await eventually(() => page.getByRole('status').filter({ hasText: /regels geladen/ }).textContent()).toContain('100 regels geladen');
    // How many match in the whole log, in Dutch numbers.
    expect(await page.getByRole('status').filter({ hasText: /regels geladen/ }).textContent()).toContain('100 treffers in het hele logboek.');
    const texts = await entryTexts();
    expect(texts.every((text) => text.includes('zeldzaamwoord'))).toBe(true);
    await page.getByLabel('Zoeken in tekst').fill('');

    await page.getByLabel('Soort', { exact: true }).selectOption('overleg');
    await page.getByLabel('Fase bij vastleggen').selectOption('ordeverstoring');
    await page.getByLabel('Auteur').fill('Ilse Jansen');
    await eventually(async () => {
      const shown = await page.locator('[data-row="entry"]').allTextContents();
      return shown.length > 0 && shown.every((text) => text.includes('Overleg') && text.includes('Ilse Jansen'));
    }).toBe(true);
    // Every row shown was recorded in the phase asked for (its band colour is that phase's).
    const classes = await page.locator('.tl-entry').evaluateAll((elements) => elements.map((element) => element.className));
    expect(classes.every((name) => name.includes('phase-5'))).toBe(true);
    expect(await rows().count()).toBeLessThan(200);
  });
});
