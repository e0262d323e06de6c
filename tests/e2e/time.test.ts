import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../main/browser-host/server';
import { createCase } from '../../main/services/cases';
import { sessionFor } from '../../main/services/session';
import type { OrdelogApi } from '../../shared/contract';
import { dateTimeValueOf } from '../../shared/time';
import { expectNoSeriousA11yViolations } from '../helpers/a11y';
import { ensureRendererBuilt, launchBrowser, signInAndShowCases } from '../helpers/browser';
import { fillLargeCase } from '../helpers/timeline-case';
import { createTestVault, testPassphrase, testUserName, type TestVault } from '../helpers/vault';

/**
 * Typing and reading times on a computer that speaks American English and lives in New York: the date-time
 * field still asks for dd-mm-jjjj in 24 hours and means Dutch time, asks which 02:30 on the night the clock
 * goes back, refuses the 02:30 that never happened and a mistyped year, and numbers are written the Dutch way.
 */

interface PageGlobals {
  ordelog: OrdelogApi;
}

const caseTitle = 'Onrust rond de kermis';
const eventually = <T>(read: () => Promise<T>, timeout = 10_000) => expect.poll(read, { timeout });

let browser: Browser;
let context: BrowserContext;
let vault: TestVault;
let host: BrowserHost;
let page: Page;
let caseId: string;
let largeTitle: string;

const dialog = () => page.getByRole('dialog', { name: 'Snelle invoer' });
const occurred = () => dialog().getByRole('textbox', { name: 'Wanneer gebeurde het?' });
const fieldError = () => dialog().locator('#quick-occurred-error');

/** Every entry of the case, oldest first, as the API returns them. */
const entries = () =>
  page.evaluate(async (id) => {
    const result = await (globalThis as unknown as PageGlobals).ordelog['entries.list']({ caseId: id, limit: 500 });
    return result.ok ? result.value.entries.map((entry) => ({ text: entry.text, occurredAt: entry.occurredAt })) : [];
  }, caseId);
const occurredAtOf = async (text: string) => (await entries()).find((entry) => entry.text === text)?.occurredAt;

async function openQuickEntry(name = 'Snelle invoer'): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.getByRole('dialog', { name }).waitFor();
}

/** Opens quick entry's time field, which each line starts without (its time is now). */
async function openTime(within = dialog(), toggle = 'Tijdstip aanpassen'): Promise<void> {
  const button = within.getByRole('button', { name: toggle });
  if ((await button.getAttribute('aria-expanded')) === 'false') await button.click();
  await within.locator('#quick-occurred').waitFor();
}

/** Types the text and the time and records with Enter in the time field, as a keyboard user does. */
async function typeEntry(text: string, time: string): Promise<void> {
  await dialog().getByLabel('Wat is er gebeurd?').fill(text);
  await openTime();
  await occurred().fill(time);
  await occurred().press('Enter');
}

async function recorded(text: string): Promise<void> {
  await eventually(() => dialog().getByRole('status').textContent()).toContain('Klaar voor de volgende regel');
  await eventually(() => occurredAtOf(text)).toBeTruthy();
}

beforeAll(async () => {
  await ensureRendererBuilt();
  browser = await launchBrowser();
  vault = await createTestVault({ displayName: 'Joost de Vries' });
  const session = sessionFor(vault.vault, 'browser-host');
  // Opened well before the October night, so those times need no confirmation.
  caseId = createCase(session, { title: caseTitle, municipality: 'Zuidstad', openedAt: '2026-10-01T08:00:00.000Z' }).id;
  largeTitle = fillLargeCase(session, 1_500).title;
  vault.vault.lock();
  host = await startBrowserHost({ vaultDir: vault.dir });
  context = await browser.newContext({ locale: 'en-US', timezoneId: 'America/New_York' });
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAndShowCases(host, page, testUserName, testPassphrase);
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await host?.close();
  vault?.cleanup();
});

describe('times and numbers on an American computer', () => {
  it('writes numbers the Dutch way: 1.501 entries, entry #1.501', async () => {
    expect(await page.evaluate(() => [navigator.language, Intl.DateTimeFormat().resolvedOptions().timeZone])).toEqual(['en-US', 'America/New_York']);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: largeTitle }) });
    expect(await row.textContent()).toContain('1.501');
    await row.getByRole('link', { name: largeTitle }).click();
    const count = page.locator('.case-meta div').filter({ hasText: 'Logregels' }).locator('dd');
    await eventually(() => count.textContent()).toBe('1.501');
    await page.getByRole('link', { name: 'Tijdlijn' }).click();
    await eventually(() => page.locator('.tl-seq').allTextContents()).toContain('#1.501');
    await page.getByRole('navigation', { name: 'Navigatie' }).getByRole('link', { name: 'Dossiers' }).click();
  });

  it('offers a 24-hour dd-mm-jjjj field, no datetime-local, and records 28-11-2026 21:40 as 20:40 UTC', async () => {
    await page.getByRole('link', { name: caseTitle }).click();
    await page.getByRole('heading', { level: 1, name: caseTitle }).waitFor();
    await openQuickEntry();
    await openTime();
    expect(await page.locator('input[type="datetime-local"]').count()).toBe(0);
    expect(await occurred().getAttribute('type')).toBe('text');
    expect(await occurred().getAttribute('placeholder')).toBe('dd-mm-jjjj uu:mm');
    expect(await dialog().locator('#quick-occurred-hint').textContent()).toBe('Leeg laten = nu. Typ als dd-mm-jjjj uu:mm (24-uursklok) in Nederlandse tijd.');
    expect(await occurred().getAttribute('aria-describedby')).toBe('quick-occurred-hint');

    await typeEntry('Kermisattractie stilgelegd na ruzie.', '28-11-2026 21:40');
    await recorded('Kermisattractie stilgelegd na ruzie.');
    expect(await occurredAtOf('Kermisattractie stilgelegd na ruzie.')).toBe('2026-11-28T20:40:00.000Z');
    // Variants a keyboard user types: no colon, slashes.
    await typeEntry('Tweede melding over de kermis.', '28/11/2026 2150');
    await recorded('Tweede melding over de kermis.');
    expect(await occurredAtOf('Tweede melding over de kermis.')).toBe('2026-11-28T20:50:00.000Z');
  });

  it('fills in now with Nu, and five minutes earlier with −5 min', async () => {
    const before = Date.now();
    await openTime();
    await dialog().getByRole('button', { name: 'Nu' }).click();
    const nowText = await occurred().inputValue();
    expect([before, Date.now()].map((ms) => dateTimeValueOf(new Date(ms).toISOString(), 'Europe/Amsterdam').text)).toContain(nowText);
    await dialog().getByRole('button', { name: '−5 min' }).click();
    const earlierText = await occurred().inputValue();
    expect(earlierText).not.toBe(nowText);
    await dialog().getByLabel('Wat is er gebeurd?').fill('Vijf minuten geleden: groep bij de botsauto’s.');
    await dialog().getByRole('button', { name: 'Vastleggen' }).click();
    await recorded('Vijf minuten geleden: groep bij de botsauto’s.');
    const at = Date.parse((await occurredAtOf('Vijf minuten geleden: groep bij de botsauto’s.'))!);
    expect(at).toBeGreaterThanOrEqual(Math.floor(before / 60_000) * 60_000 - 5 * 60_000);
    expect(at).toBeLessThanOrEqual(Date.now() - 4 * 60_000);
    expect(dateTimeValueOf(new Date(at).toISOString(), 'Europe/Amsterdam').text).toBe(earlierText);
  });

  it('asks which 02:30 on 25 October 2026; the two are an hour apart and the timeline says CEST and CET', async () => {
    await dialog().getByLabel('Wat is er gebeurd?').fill('Eerste 02:30: vechtpartij bij de uitgang.');
    await openTime();
    await occurred().fill('25-10-2026 02:30');
    const choice = dialog().getByRole('group', { name: /02:30 bestaat deze nacht twee keer/ });
    await choice.waitFor();
    const summer = choice.getByRole('radio', { name: '02:30 CEST (zomertijd, eerste keer)' });
    const winter = choice.getByRole('radio', { name: '02:30 CET (wintertijd, tweede keer)' });
    expect([await summer.isChecked(), await winter.isChecked()]).toEqual([false, false]);
    await expectNoSeriousA11yViolations(page);

    // Without a choice nothing is recorded, and the field says why.
    await occurred().press('Enter');
    await eventually(() => fieldError().textContent()).toBe('Dit tijdstip bestaat twee keer: kies zomertijd (CEST) of wintertijd (CET).');
    expect(await occurred().getAttribute('aria-invalid')).toBe('true');
    expect(await occurred().getAttribute('aria-describedby')).toBe('quick-occurred-hint quick-occurred-error');
    expect(await occurredAtOf('Eerste 02:30: vechtpartij bij de uitgang.')).toBeUndefined();

    await summer.check();
    await dialog().getByRole('button', { name: 'Vastleggen' }).click();
    await recorded('Eerste 02:30: vechtpartij bij de uitgang.');
    await typeEntry('Tweede 02:30: politie ter plaatse.', '25-10-2026 02:30');
    await winter.check();
    await dialog().getByRole('button', { name: 'Vastleggen' }).click();
    await recorded('Tweede 02:30: politie ter plaatse.');

    const first = Date.parse((await occurredAtOf('Eerste 02:30: vechtpartij bij de uitgang.'))!);
    const second = Date.parse((await occurredAtOf('Tweede 02:30: politie ter plaatse.'))!);
    expect(new Date(first).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(second - first).toBe(3_600_000);

    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'Tijdlijn' }).click();
    const rowTime = (text: string) => page.locator('[data-row="entry"]').filter({ hasText: text }).locator('.tl-time');
    await eventually(() => rowTime('Eerste 02:30').textContent()).toBe('02:30 CEST');
    expect(await rowTime('Tweede 02:30').textContent()).toBe('02:30 CET');
    expect(await rowTime('Kermisattractie').textContent()).toBe('21:40');
    await page.locator('[data-row="entry"]').filter({ hasText: 'Tweede 02:30' }).locator('.tl-text').click();
    await eventually(() => page.getByRole('complementary').textContent()).toContain('02:30 CET');
  });

  it('refuses 29-03-2026 02:30, which never happened, and says so instead of moving it to 03:30', async () => {
    await openQuickEntry();
    await dialog().getByLabel('Wat is er gebeurd?').fill('Melding in het voorjaar.');
    await openTime();
    await occurred().fill('29-03-2026 02:30');
    const message = 'Dit tijdstip bestaat niet: om 02:00 ging de klok naar 03:00 (zomertijd).';
    await eventually(() => fieldError().textContent()).toBe(message);
    await occurred().press('Enter');
    await eventually(() => occurred().getAttribute('aria-invalid')).toBe('true');
    expect(await fieldError().textContent()).toBe(message);
    expect(await occurredAtOf('Melding in het voorjaar.')).toBeUndefined();
  });

  it('refuses year 0002, and records 1999 only after "Ja, deze datum klopt"', async () => {
    await occurred().fill('01-12-0002 10:00');
    await eventually(() => fieldError().textContent()).toBe('Het jaar 0002 kan niet kloppen: een tijdstip ligt tussen 1970 en 2100.');
    await occurred().press('Enter');
    expect(await occurredAtOf('Melding in het voorjaar.')).toBeUndefined();

    await occurred().fill('01-12-1999 10:00');
    const confirm = dialog().getByRole('checkbox', { name: 'Ja, deze datum klopt' });
    await confirm.waitFor();
    expect(await dialog().locator('#quick-occurred-early').textContent()).toContain('ruim vóór het begin van dit dossier');
    await occurred().press('Enter');
    await eventually(() => fieldError().textContent()).toContain('Vink ‘Ja, deze datum klopt’ aan');
    expect(await occurredAtOf('Melding in het voorjaar.')).toBeUndefined();

    await confirm.check();
    await dialog().getByRole('button', { name: 'Vastleggen' }).click();
    await recorded('Melding in het voorjaar.');
    expect(await occurredAtOf('Melding in het voorjaar.')).toBe('1999-12-01T09:00:00.000Z');
  });

  it('asks for dd-mm-yyyy hh:mm with Now and −5 min in English', async () => {
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'English' }).click();
    await openQuickEntry('Quick entry');
    await openTime(page.getByRole('dialog', { name: 'Quick entry' }), 'Adjust time');
    const field = page.getByRole('dialog', { name: 'Quick entry' }).locator('#quick-occurred');
    expect(await field.getAttribute('placeholder')).toBe('dd-mm-yyyy hh:mm');
    await page.getByRole('dialog', { name: 'Quick entry' }).getByRole('button', { name: 'Now' }).waitFor();
    await page.getByRole('dialog', { name: 'Quick entry' }).getByRole('button', { name: '−5 min' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Nederlands' }).click();
  });

  it('shows a typed time in the other zone when the user switches to UTC, so it keeps meaning the same instant', async () => {
    await page.getByRole('navigation', { name: 'Onderdelen van het dossier' }).getByRole('link', { name: 'Besluitenlijst', exact: true }).click();
    const field = page.getByLabel('Tijdstip van het besluit');
    await field.fill('28-11-2026 21:40');
    const zones = page.getByRole('group', { name: 'Tijden tonen in' });
    await zones.getByRole('button', { name: 'UTC' }).click();
    await eventually(() => field.inputValue()).toBe('28-11-2026 20:40');
    await zones.getByRole('button', { name: 'NL-tijd' }).click();
    await eventually(() => field.inputValue()).toBe('28-11-2026 21:40');
  });
});
