import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../main/browser-host/server';
import { createCase } from '../../main/services/cases';
import { createPerson } from '../../main/services/directory';
import { assignRole } from '../../main/services/roles';
import { sessionFor } from '../../main/services/session';
import type { OrdelogApi } from '../../shared/contract';
import { dateTimeValueOf } from '../../shared/time';
import { expectNoSeriousA11yViolations } from '../helpers/a11y';
import { ensureRendererBuilt, launchBrowser, openSignedIn, screenshotDir } from '../helpers/browser';
import { createTestVault, type TestVault } from '../helpers/vault';

/**
 * Quick entry (Ctrl+K) as the OOV-adviseur uses it on the night of the station challenge, with the keyboard
 * only: besides log lines it changes the phase (f), sets a task with owner and due time (t, or an "actie" with an
 * owner) and hands a role over (r). The time is now unless opened, so Tab goes from the text to the source and
 * the place, and
 * Enter records from any field, once.
 */

interface PageGlobals {
  ordelog: OrdelogApi;
}

const caseTitle = 'Challenge Voorbeeldstad station';
const eventually = <T>(read: () => Promise<T>, timeout = 10_000) => expect.poll(read, { timeout });
const hourMs = 3_600_000;
/** A time as the user types it, in Dutch time. */
const typed = (ms: number) => dateTimeValueOf(new Date(ms).toISOString(), 'Europe/Amsterdam').text;

let browser: Browser;
let vault: TestVault;
let host: BrowserHost;
let page: Page;
let caseId: string;

const dialog = () => page.getByRole('dialog', { name: 'Snelle invoer' });
const status = () => dialog().getByRole('status');
/** The id of the focused element ('' for one without). */
const focusedId = async () => (await page.locator(':focus').getAttribute('id')) ?? '';

/** Every entry of the case, oldest first, as the API returns them. */
const entries = () =>
  page.evaluate(async (id) => {
    const result = await (globalThis as unknown as PageGlobals).ordelog['entries.list']({ caseId: id, limit: 500 });
    return result.ok ? result.value.entries.map((entry) => ({ type: entry.type, text: entry.text, occurredAt: entry.occurredAt, location: entry.location })) : [];
  }, caseId);

/** The case's action list, as the API returns it. */
const tasks = () =>
  page.evaluate(async (id) => {
    const result = await (globalThis as unknown as PageGlobals).ordelog['tasks.list']({ caseId: id });
    return result.ok ? result.value.tasks.map((task) => ({ text: task.text })) : [];
  }, caseId);

/** Escape closes quick entry; with something typed it asks first, and the text is thrown away. */
async function closeQuickEntry(): Promise<void> {
  await page.keyboard.press('Escape');
  const ask = page.getByRole('alertdialog');
  if (await ask.isVisible().catch(() => false)) await ask.getByRole('button', { name: /Weggooien|Discard/ }).click();
  await eventually(() => page.getByRole('dialog').count()).toBe(0);
}

async function openQuickEntry(): Promise<void> {
  await page.keyboard.press('Control+k');
  await dialog().waitFor();
  expect(await focusedId()).toBe('quick-type');
}

/** After a recorded line: the dialog says so and the text field is empty and focused for the next one. */
async function readyForNext(announced: string): Promise<void> {
  await eventually(() => status().textContent()).toContain(announced);
  await eventually(() => page.locator(':focus').inputValue()).toBe('');
  expect(await focusedId()).toBe('quick-text');
}

beforeAll(async () => {
  await ensureRendererBuilt();
  browser = await launchBrowser();
  vault = await createTestVault({ displayName: 'Joost de Vries' });
  const session = sessionFor(vault.vault, 'app');
  const opened = new Date(Date.now() - 48 * hourMs).toISOString();
  caseId = createCase(session, { title: caseTitle, municipality: 'Voorbeeldstad', contentClass: 'ongewenst', openedAt: opened }).id;
  const joost = createPerson(session, { name: 'Joost de Vries', organisationId: null, function: 'OOV-adviseur', contact: '06-11111111' });
  const samira = createPerson(session, { name: 'Samira El Amrani', organisationId: null, function: 'Jongerenwerker', contact: '06-22222222' });
  createPerson(session, { name: 'Ilse Jansen', organisationId: null, function: 'Wijkagent', contact: 'portofoon kanaal 3' });
  createPerson(session, { name: 'Ruud Bakker', organisationId: null, function: 'OOV-adviseur avonddienst', contact: '06-33333333' });
  assignRole(session, { caseId, roleId: 'oov-adviseur', personId: joost.id, at: opened });
  assignRole(session, { caseId, roleId: 'jongerenwerk', personId: samira.id, at: opened });
  vault.vault.lock();
  ({ host, page } = await openSignedIn(browser, vault, { width: 1280, height: 1000 }));
  await page.getByRole('link', { name: caseTitle }).click();
  await page.getByRole('heading', { level: 1, name: caseTitle }).waitFor();
}, 120_000);

afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await host?.close();
  vault?.cleanup();
});

describe('quick entry beyond log lines, keyboard only', () => {
  it('f: changes the phase with the typed text as its reason; the change is in the phase history', async () => {
    await openQuickEntry();
    await page.keyboard.press('f');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('quick-text');
    // Refused while the reason and the phase are missing, each named as the form shows it.
    await page.keyboard.press('Enter');
    await eventually(() => dialog().getByRole('alert').textContent()).toContain('Fase: kies er een.');
    expect(await dialog().getByRole('alert').textContent()).toContain('Reden: mag niet leeg zijn.');
    expect(await focusedId()).toBe('quick-text');
    await page.keyboard.type('Nieuwe accounts delen de oproep opnieuw, 120k views, "neem vuurwerk mee".');
    await page.keyboard.press('Enter');
    await eventually(() => focusedId()).toBe('quick-phase');
    // The phase's number picks it; the current phase is not offered.
    await page.keyboard.press('3');
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press('Enter');
    await readyForNext('Fase gewijzigd naar Verspreiding en mobilisatie');
    expect(await dialog().getByLabel('Soort', { exact: true }).inputValue()).toBe('fase');

    await closeQuickEntry();
    await eventually(() => page.getByRole('region', { name: 'Situatie nu' }).textContent()).toContain('Verspreiding en mobilisatie');
    await page.getByRole('navigation', { name: 'Onderdelen van het dossier' }).getByRole('link', { name: 'Fase', exact: true }).click();
    const change = page.getByRole('row').filter({ hasText: 'Online signaal / oproep → Verspreiding en mobilisatie' });
    await eventually(() => change.textContent()).toContain('120k views, "neem vuurwerk mee".');
    expect(await change.textContent()).toContain('Joost de Vries');
  });

  it('t: sets a task with an owner and a due time; it is on the action list', async () => {
    const due = typed(Date.now() + 3 * hourMs);
    await openQuickEntry();
    await page.keyboard.press('t');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Controleren of de rectificatie online staat.');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('quick-owner-role');
    await page.keyboard.press('j');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('quick-owner-person');
    await page.keyboard.press('s');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('quick-due');
    await page.keyboard.type(due);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: join(screenshotDir, 'quick-entry-commands.png') });
    await page.keyboard.press('Enter');
    await readyForNext('Taak voor Jongerenwerk, Samira El Amrani op de actielijst gezet');

    await closeQuickEntry();
    await page.getByRole('navigation', { name: 'Onderdelen van het dossier' }).getByRole('link', { name: 'Actielijst' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Controleren of de rectificatie online staat.' });
    await eventually(() => row.textContent()).toContain('Jongerenwerk · Samira El Amrani');
    expect(await row.textContent()).toContain(due.slice(-5));
    expect(await row.textContent()).toContain('Open');
  });

  it('an "actie" with an owner becomes a task: one task, one log line, no actie line beside it', async () => {
    const text = 'Scholen sturen een brief aan de ouders.';
    await openQuickEntry();
    await page.keyboard.press('a');
    await page.keyboard.press('Tab');
    await page.keyboard.type(text);
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('quick-owner-role');
    expect(await dialog().getByLabel('Bron (niet verplicht)').count()).toBe(1);
    await page.keyboard.press('c');
    // With an owner it is a task: the questions about a source no longer apply.
    await dialog().getByText('Deze actie komt als taak op de actielijst').waitFor();
    expect(await dialog().getByLabel('Bron (niet verplicht)').count()).toBe(0);
    await page.keyboard.press('Enter');
    await readyForNext('Taak voor Communicatieadviseur op de actielijst gezet');

    expect((await tasks()).filter((task) => task.text === text)).toHaveLength(1);
    const lines = (await entries()).filter((entry) => entry.text.includes(text));
    expect(lines.map((entry) => [entry.type, entry.text])).toEqual([['systeem_taak', `Actie toegevoegd aan de actielijst: ${text}`]]);
    // Without an owner an "actie" stays a log line.
    await page.keyboard.type('Extra surveillance gevraagd bij de politie.');
    await page.keyboard.press('Enter');
    await readyForNext('Actie vastgelegd');
    expect((await entries()).filter((entry) => entry.text === 'Extra surveillance gevraagd bij de politie.').map((entry) => entry.type)).toEqual(['actie']);
  });

  it('r: hands a role over to another person; the team history shows it', async () => {
    await page.keyboard.press('Shift+Tab');
    expect(await focusedId()).toBe('quick-type');
    await page.keyboard.press('r');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Avonddienst neemt het logboek over.');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('quick-assignment');
    await page.keyboard.press('o');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('quick-to-person');
    await page.keyboard.press('r');
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press('Enter');
    await readyForNext('OOV-adviseur overgedragen van Joost de Vries aan Ruud Bakker');

    await closeQuickEntry();
    await page.getByRole('navigation', { name: 'Onderdelen van het dossier' }).getByRole('link', { name: 'Team en rollen' }).click();
    await eventually(() => page.getByRole('row').filter({ hasText: 'Joost de Vries' }).textContent()).toContain('overgedragen aan Ruud Bakker');
    const line = (await entries()).find((entry) => entry.type === 'systeem_rol' && entry.text.includes('overgedragen'));
    expect(line?.text).toBe('Rol OOV-adviseur van Joost de Vries overgedragen aan Ruud Bakker. Toelichting: Avonddienst neemt het logboek over.');
  });

  it('makes the shift-handover report from quick entry: a PDF, recorded in the register and the log', async () => {
    await openQuickEntry();
    await dialog().getByLabel('Soort', { exact: false }).first().selectOption({ label: 'Overdrachtsrapport (dienstwissel)' });
    await dialog().getByLabel('Eerste acties van de opvolger').fill('Bel om 23:00 de wijkagent.');
    await dialog().getByLabel('Wie neemt over').fill('Ruud Bakker');
    await dialog().getByLabel('Periode').selectOption({ label: 'De laatste 8 uur' });
    const [download] = await Promise.all([page.waitForEvent('download'), dialog().locator('button[type="submit"]').click()]);
    expect(download.suggestedFilename()).toMatch(/-overdracht-1\.pdf$/);
    await eventually(() => status().textContent()).toContain('Overdrachtsrapport 1 gemaakt en vastgelegd');
    const line = (await entries()).find((entry) => entry.type === 'systeem_export' && entry.text.startsWith('Overdrachtsrapport 1'));
    expect(line?.text).toContain('geëxporteerd door');
    await closeQuickEntry();
  });

  it('a handover before the holder started is refused on the time field, which gets the focus', async () => {
    await openQuickEntry();
    await page.keyboard.press('r');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('j');
    await page.keyboard.press('Tab');
    await page.keyboard.press('i');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await focusedId()).toBe('quick-occurred');
    await page.keyboard.type(typed(Date.now() - 72 * hourMs));
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedId()).toBe('quick-to-person');
    await page.keyboard.press('Enter');
    await eventually(() => dialog().locator('#quick-occurred-error').textContent()).toContain(
      'De overdracht ligt vóór het begin van de huidige rolhouder (Samira El Amrani, sinds',
    );
    await eventually(() => focusedId()).toBe('quick-occurred');
    expect(await dialog().locator('#quick-occurred').getAttribute('aria-invalid')).toBe('true');
    expect((await entries()).filter((entry) => entry.text.includes('aan Ilse Jansen'))).toHaveLength(0);
    await closeQuickEntry();
  });

  it('Tab goes from the text to the source and the place; the time is only reachable once opened', async () => {
    await openQuickEntry();
    await page.keyboard.press('w');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Ongeveer 60 jongeren bij het station, rustig.');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('quick-source');
    expect(await dialog().locator('#quick-occurred').count()).toBe(0);
    for (const next of ['quick-location', 'quick-reliability', 'quick-credibility', 'quick-personal']) {
      await page.keyboard.press('Tab');
      expect(await focusedId()).toBe(next);
      if (next === 'quick-location') await page.keyboard.type('Stationsplein, fietsenstalling');
    }
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Tijdstip aanpassen');
    expect(await page.locator(':focus').getAttribute('aria-expanded')).toBe('false');
  });

  it('Enter in the opened time field records the line at that time; the next line is now again', async () => {
    const at = Date.now() - 40 * 60_000;
    await page.keyboard.press('Enter');
    expect(await focusedId()).toBe('quick-occurred');
    expect(await dialog().getByRole('button', { name: 'Tijdstip aanpassen' }).getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.type(typed(at));
    await page.keyboard.press('Enter');
    await readyForNext('Waarneming vastgelegd');
    const line = (await entries()).find((entry) => entry.text === 'Ongeveer 60 jongeren bij het station, rustig.');
    expect(line?.occurredAt).toBe(new Date(Math.floor(at / 60_000) * 60_000).toISOString());
    expect(line?.location).toBe('Stationsplein, fietsenstalling');
    expect(await dialog().locator('#quick-occurred').count()).toBe(0);
    expect(await dialog().getByRole('button', { name: 'Tijdstip aanpassen' }).getAttribute('aria-expanded')).toBe('false');
  });

  it('an impossible time is refused with the focus on the time field, from wherever Enter was pressed', async () => {
    await page.keyboard.type('Vuurwerk gegooid, 3 aanhoudingen.');
    for (let step = 0; step < 6; step += 1) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.type('31-02-2026 21:20');
    // Back to the text and Enter there: refused, and the focus goes to the field to fix.
    for (let step = 0; step < 7; step += 1) await page.keyboard.press('Shift+Tab');
    expect(await focusedId()).toBe('quick-text');
    await page.keyboard.press('Enter');
    await eventually(() => focusedId()).toBe('quick-occurred');
    expect(await dialog().locator('#quick-occurred').getAttribute('aria-invalid')).toBe('true');
    expect((await entries()).some((entry) => entry.text === 'Vuurwerk gegooid, 3 aanhoudingen.')).toBe(false);
    // Closing the time again means now, and the line is recorded.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    expect(await dialog().locator('#quick-occurred').count()).toBe(0);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await readyForNext('Waarneming vastgelegd');
  });

  it('a double Enter records once: one task, one log line', async () => {
    const text = 'Politie en jongerenwerk aanwezig op het station van 20:00 tot 23:00.';
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('t');
    await page.keyboard.press('Tab');
    await page.keyboard.type(text);
    await page.keyboard.press('Tab');
    await page.keyboard.press('p');
    // Two Enters in the same moment, before the dialog can show that the first is being recorded.
    await page.locator(':focus').evaluate((element) => {
      const Keyboard = (globalThis as unknown as { KeyboardEvent: new (type: string, init: object) => Event }).KeyboardEvent;
      for (let press = 0; press < 2; press += 1) element.dispatchEvent(new Keyboard('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    });
    await readyForNext('Taak voor Politie-liaison op de actielijst gezet');
    await eventually(async () => (await tasks()).filter((task) => task.text === text).length).toBe(1);
    expect((await entries()).filter((entry) => entry.text === `Actie toegevoegd aan de actielijst: ${text}`)).toHaveLength(1);
  });

  it('offers the same in English, where the first letters follow the English names', async () => {
    await closeQuickEntry();
    await page.getByRole('button', { name: 'English' }).click();
    await page.keyboard.press('Control+k');
    const english = page.getByRole('dialog', { name: 'Quick entry' });
    await english.waitFor();
    await page.keyboard.press('p');
    expect(await english.getByLabel('Type', { exact: true }).inputValue()).toBe('fase');
    await english.getByLabel('Reason for the phase change').waitFor();
    await english.getByLabel('New phase').waitFor();
    // A second letter right after the first would continue the select's type-ahead ("pr"): a new dialog.
    await closeQuickEntry();
    await page.keyboard.press('Control+k');
    await english.waitFor();
    await page.keyboard.press('r');
    await english.getByLabel('Role and current holder').waitFor();
    await english.getByRole('button', { name: 'Adjust time' }).waitFor();
    await closeQuickEntry();
    await page.getByRole('button', { name: 'Nederlands' }).click();
  });
});
