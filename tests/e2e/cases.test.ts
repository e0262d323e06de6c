import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../db/users';
import { startBrowserHost, type BrowserHost } from '../../main/browser-host/server';
import { fillDemoCase } from '../../main/services/demo';
import { sessionFor } from '../../main/services/session';
import { expectNoSeriousA11yViolations } from '../helpers/a11y';
import { ensureRendererBuilt, launchBrowser, newPage, screenshotDir } from '../helpers/browser';
import { createTestVault, testKdf, testPassphrase, testUserName, type TestVault } from '../helpers/vault';

/**
 * The case screens in Chromium against the browser host: the list, the BOB overview, quick entry by keyboard,
 * corrections, search, closing and reopening, and what a read-only user does not get offered. The vault is
 * made with the cheap test KDF (the unlock screen is tested in unlock.test.ts with the real one).
 */

const reader = { name: 'l.lezer', displayName: 'Lotte Lezer', passphrase: 'alleen-lezen-wachtwoordzin' };
const newCaseTitle = 'Oproep Stationsplein Voorbeeldstad';

let browser: Browser;
let vault: TestVault;
let host: BrowserHost;
let page: Page;
let demoTitle = '';
const cspViolations: string[] = [];

const eventually = <T>(read: () => Promise<T>, timeout = 10_000) => expect.poll(read, { timeout });

async function unlockAs(name: string, passphrase: string): Promise<void> {
  await page.getByLabel('Gebruikersnaam').fill(name);
  await page.getByLabel('Wachtwoordzin', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Ontgrendelen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
}

beforeAll(async () => {
  await ensureRendererBuilt();
  vault = await createTestVault({ displayName: 'Joost de Vries' });
  await addUser(vault.vault, { ...reader, role: 'lezer', kdf: testKdf });
  demoTitle = fillDemoCase(sessionFor(vault.vault, 'browser-host')).title;
  vault.vault.lock();
  host = await startBrowserHost({ vaultDir: vault.dir });
  browser = await launchBrowser();
  page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 1000 });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
  });
  await page.goto(host.url);
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  vault?.cleanup();
});

describe('case work in the browser', () => {
  it('lists the cases, shows the demo case overview and timeline, and passes axe', async () => {
    await unlockAs(testUserName, testPassphrase);
    const link = page.getByRole('link', { name: demoTitle });
    await link.waitFor();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: join(screenshotDir, 'case-list.png'), fullPage: true });

    await link.click();
    await page.getByRole('heading', { level: 1, name: demoTitle }).waitFor();
    for (const name of ['Beeld', 'Oordeel', 'Besluit', 'Wie heeft welke rol']) {
      await page.getByRole('heading', { level: 2, name }).waitFor();
    }
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: join(screenshotDir, 'case-overview.png'), fullPage: true });

    await page.getByRole('link', { name: 'Tijdlijn' }).click();
    await page.getByRole('img', { name: /Verloop van het dossier/ }).waitFor();
    await eventually(() => page.locator('[data-row="entry"]').count()).toBeGreaterThan(5);
    await page.locator('[data-row="entry"] .tl-text').last().click();
    await page.getByRole('heading', { level: 3, name: /#\d+/ }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: join(screenshotDir, 'timeline.png'), fullPage: true });

    await page.keyboard.press('Control+k');
    await page.getByRole('dialog', { name: 'Snelle invoer' }).waitFor();
    await page.keyboard.press('w');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Groep van ongeveer 40 jongeren bij het gemeentehuis, rustig.');
    await page.getByLabel('Bron (niet verplicht)').fill('wijkagent');
    await page.getByLabel('Betrouwbaarheid van de bron').selectOption('B');
    await page.getByLabel('Juistheid van de informatie').selectOption('2');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: join(screenshotDir, 'quick-entry.png') });
    // With text typed, Escape asks first.
    await page.keyboard.press('Escape');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Weggooien' }).click();
    await eventually(() => page.getByRole('dialog').count()).toBe(0);
  });

  it('creates a case and records twenty entries with the keyboard only', async () => {
    await page.getByRole('navigation', { name: 'Navigatie' }).getByRole('link', { name: 'Dossiers' }).click();
    await page.getByRole('button', { name: 'Nieuw dossier' }).click();
    await page.getByRole('dialog', { name: 'Nieuw dossier' }).waitFor();
    await page.keyboard.type(newCaseTitle);
    await page.getByLabel('Gemeente').fill('Voorbeeldstad');
    await page.getByLabel('Soort inhoud').selectOption('ongewenst');
    await page.getByRole('button', { name: 'Dossier aanmaken' }).click();
    await page.getByRole('heading', { level: 1, name: newCaseTitle }).waitFor();

    const typeKeys = ['s', 'w', 'b', 'a', 'c', 'o', 'n'];
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Snelle invoer' });
    await dialog.waitFor();
    expect(await page.locator(':focus').getAttribute('id')).toBe('quick-type');
    for (let index = 0; index < 20; index += 1) {
      if (index > 0) await page.keyboard.press('Shift+Tab');
      await page.keyboard.press(typeKeys[index % typeKeys.length] ?? 's');
      await page.keyboard.press('Tab');
      const text = index === 3 ? 'De situatie is geëscaleerd: vuurwerk op het perron.' : `Regel ${index + 1}: oproep gedeeld in groepsapp.`;
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
      await eventually(() => dialog.getByRole('status').textContent()).toContain('Klaar voor de volgende regel');
      await eventually(() => page.locator(':focus').inputValue()).toBe('');
      expect(await page.locator(':focus').getAttribute('id')).toBe('quick-text');
    }
    await page.keyboard.press('Escape');
    const count = page.locator('.case-meta div').filter({ hasText: 'Logregels' }).locator('dd');
    // The opening entry plus twenty.
    await eventually(() => count.textContent()).toBe('21');
  });

  it('corrects an entry: the original stays, marked, and both link to each other', async () => {
    await page.getByRole('link', { name: 'Tijdlijn' }).click();
    await page.getByRole('button', { name: 'Naar begin' }).click();
    const original = page.locator('[data-row="entry"]').filter({ hasText: 'Regel 2: oproep' });
    await original.locator('.tl-text').click();
    await page.getByRole('button', { name: 'Corrigeer deze regel' }).click();
    const dialog = page.getByRole('dialog', { name: 'Regel corrigeren' });
    await dialog.waitFor();
    const text = page.getByLabel('Wat is er gebeurd?');
    expect(await text.inputValue()).toBe('Regel 2: oproep gedeeld in groepsapp.');
    await text.fill('Regel 2: oproep gedeeld in drie groepsapps van scholen.');
    await page.keyboard.press('Enter');
    await eventually(() => page.getByRole('dialog').count()).toBe(0);

    await eventually(() => original.getByRole('button', { name: 'gecorrigeerd, zie correctie' }).count()).toBe(1);
    await original.getByRole('button', { name: 'gecorrigeerd, zie correctie' }).click();
    const details = page.getByRole('complementary');
    await eventually(() => details.textContent()).toContain('drie groepsapps');
    await details.getByRole('button', { name: 'Bekijk de oorspronkelijke regel' }).click();
    await eventually(() => details.textContent()).toContain('Deze regel is gecorrigeerd.');
  });

  it('finds an entry by a word typed without its diacritics', async () => {
    await page.getByLabel('Zoeken in tekst').fill('geescaleerd');
    await eventually(() => page.locator('[data-row="entry"]').count()).toBe(1);
    expect(await page.locator('[data-row="entry"]').textContent()).toContain('geëscaleerd');
    await page.getByLabel('Zoeken in tekst').fill('');
    await page.getByLabel('Soort', { exact: true }).selectOption('besluit');
    await eventually(() => page.locator('[data-row="entry"]').count()).toBe(3);
    await page.getByLabel('Soort', { exact: true }).selectOption('');
  });

  it('closes the case with a reason and a retention category, and reopens it', async () => {
    await page.getByRole('button', { name: 'Dossier sluiten' }).click();
    await page.getByRole('dialog', { name: 'Dossier sluiten' }).waitFor();
    await page.getByLabel('Reden (niet verplicht)').fill('Evaluatie gedaan.');
    await page.getByRole('dialog').getByRole('button', { name: 'Dossier sluiten', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Bewaarcategorie: kies er een; met het sluiten begint de bewaartermijn.' }).waitFor();
    await page.getByLabel('Bewaarcategorie').selectOption('handhaving');
    await page.getByRole('dialog').getByRole('button', { name: 'Dossier sluiten', exact: true }).click();
    await page.getByText(/^Gesloten op /).waitFor();
    expect(await page.getByRole('button', { name: /Nieuwe regel/ }).count()).toBe(0);
    await page.keyboard.press('Control+k');
    expect(await page.getByRole('dialog').count()).toBe(0);

    await page.getByRole('button', { name: 'Heropenen' }).click();
    await page.getByLabel('Reden', { exact: true }).fill('Nieuwe oproep voor zaterdag.');
    await page.getByRole('dialog').getByRole('button', { name: 'Dossier heropenen' }).click();
    await page.getByRole('button', { name: /Nieuwe regel/ }).waitFor();
    expect(await page.locator('.case-header .badge').textContent()).toBe('Open');
  });

  it('a lezer sees the cases but is offered no quick entry, create or close', async () => {
    await page.getByRole('button', { name: 'Vergrendelen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kluis ontgrendelen' }).waitFor();
    await unlockAs(reader.name, reader.passphrase);
    await page.getByRole('link', { name: newCaseTitle }).waitFor();
    expect(await page.getByRole('button', { name: 'Nieuw dossier' }).count()).toBe(0);
    await page.getByRole('link', { name: newCaseTitle }).click();
    await page.getByRole('heading', { level: 1, name: newCaseTitle }).waitFor();
    expect(await page.getByRole('button', { name: /Nieuwe regel|Dossier sluiten|Heropenen|Archiveren/ }).count()).toBe(0);
    await page.keyboard.press('Control+k');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.getByRole('link', { name: 'Tijdlijn' }).click();
    await page.locator('[data-row="entry"] .tl-text').first().click();
    await page.getByRole('complementary').getByRole('heading', { level: 3 }).waitFor();
    expect(await page.getByRole('button', { name: 'Corrigeer deze regel' }).count()).toBe(0);
  });

  it('logged no Content-Security-Policy violation', () => {
    expect(cspViolations).toEqual([]);
  });
});
