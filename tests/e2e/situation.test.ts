import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../db/users';
import type { BrowserHost } from '../../main/browser-host/server';
import { createCase } from '../../main/services/cases';
import { recordDecision } from '../../main/services/decisions';
import { createOrganisation, createPerson } from '../../main/services/directory';
import { appendEntry } from '../../main/services/entries';
import { changePhase } from '../../main/services/phases';
import { assignRole } from '../../main/services/roles';
import { sessionFor, type Session } from '../../main/services/session';
import { recordSignal } from '../../main/services/signals';
import { createTask } from '../../main/services/tasks';
import { expectNoSeriousA11yViolations } from '../helpers/a11y';
import { ensureRendererBuilt, launchBrowser, openSignedIn, screenshotDir } from '../helpers/browser';
import { createTestVault, testKdf, type TestVault } from '../helpers/vault';

/**
 * The situation at a glance, in the real shell at 1280 px, on the station scenario at 21:20 with fireworks thrown:
 * the bar on every case screen (time, phase, role holders with phone, what is late and what comes next, unread
 * signals), the case list's deadline column, places recorded with a signal on the overview, and a long entry
 * on the overview cut short with "meer".
 */

/** What the test reads of the page's globals (the test code is type-checked without the DOM library). */
interface PageGlobals {
  getComputedStyle(element: unknown): { lineHeight: string };
}

const caseTitle = 'Challenge station Voorbeeldstad';
const quietTitle = 'Giveaway winkelcentrum';
const lateTask = 'Controleren of de rectificatie geplaatst is';
const longEntry = `Verslag wijkagent: ${'Groepen jongeren lopen heen en weer tussen het station en de fietsenstalling. '.repeat(70)}`.slice(0, 5_000);
const hourMs = 3_600_000;
const inHours = (hours: number) => new Date(Date.now() + hours * hourMs).toISOString();
const eventually = <T>(read: () => Promise<T>, timeout = 10_000) => expect.poll(read, { timeout });

let browser: Browser;
let vault: TestVault;
let host: BrowserHost;
let page: Page;
let caseId: string;

beforeAll(async () => {
  await ensureRendererBuilt();
  browser = await launchBrowser();
  vault = await createTestVault({ displayName: 'Joost de Vries' });
  const samira = await addUser(vault.vault, { name: 'samira', displayName: 'Samira El Amrani', role: 'redacteur', passphrase: 'jongerenwerk-online-signalen', kdf: testKdf });
  const joost = sessionFor(vault.vault, 'app');
  const samiraSession: Session = { ...joost, user: { id: samira.id, name: samira.name, displayName: samira.displayName, role: samira.role } };

  caseId = createCase(joost, { title: caseTitle, municipality: 'Voorbeeldstad', contentClass: 'ongewenst', openedAt: inHours(-75) }).id;
  createCase(joost, { title: quietTitle, municipality: 'Voorbeeldstad' });
  const gemeente = createOrganisation(joost, { name: 'Gemeente Voorbeeldstad', kind: 'gemeente' });
  const politie = createOrganisation(joost, { name: 'Politie basisteam Voorbeeldstad', kind: 'politie' });
  const jongerenwerk = createOrganisation(joost, { name: 'Jongerenwerk Voorbeeldstad', kind: 'jongerenwerk' });
  const people = {
    joost: createPerson(joost, { name: 'Joost de Vries', organisationId: gemeente.id, function: 'OOV-adviseur', phone: '06-1234 5678' }),
    femke: createPerson(joost, { name: 'Femke Smit', organisationId: gemeente.id, function: 'Communicatieadviseur', phone: '06-2345 6789' }),
    ilse: createPerson(joost, { name: 'Ilse Mulder', organisationId: politie.id, function: 'Wijkagent', phone: '06-3456 7890' }),
    samira: createPerson(joost, { name: 'Samira El Amrani', organisationId: jongerenwerk.id, function: 'Online jongerenwerker', phone: '06-4567 8901' }),
  };
  assignRole(joost, { caseId, roleId: 'oov-adviseur', personId: people.joost.id, at: inHours(-74) });
  assignRole(joost, { caseId, roleId: 'politie-liaison', personId: people.ilse.id, at: inHours(-74) });
  assignRole(joost, { caseId, roleId: 'jongerenwerk', personId: people.samira.id, at: inHours(-74) });
  // Overdue most recently of all, so the bar shows it first (the duties to inform went overdue half an hour ago).
  createTask(joost, { caseId, text: lateTask, ownerRoleId: 'jongerenwerk', ownerPersonId: people.samira.id, dueAt: inHours(-0.25), at: inHours(-5) });
  recordDecision(joost, {
    caseId,
    text: 'Politie en jongerenwerk aanwezig bij het station 20:00–23:00; noodverordening stationsgebied.',
    decidedBy: 'burgemeester',
    legalBasisId: 'gemw-176',
    councilMeetingAt: inHours(70),
    decidedAt: inHours(-2.5),
  });
  changePhase(joost, { caseId, phaseId: 'ordeverstoring', reason: 'Vuurwerk gegooid, drie aanhoudingen.', at: inHours(-0.5) });
  const observe = (text: string, location: string, hoursAgo: number) =>
    appendEntry(joost, { caseId, type: 'waarneming', text, location, occurredAt: inHours(-hoursAgo), source: 'Politie', sourceReliability: 'A', informationCredibility: '2' });
  observe('Markt: ouders vragen of er vrijdag iets gebeurt.', 'Markt', 30);
  observe('Twee scooters rijden rondjes om het busstation.', 'Busstation', 4);
  observe('Groep van ongeveer 20 bij de fietsenstalling.', 'Fietsenstalling', 2);
  observe('Ongeveer 60 jongeren bij het station, rustig.', 'Stationsplein', 1);
  appendEntry(joost, { caseId, type: 'waarneming', text: longEntry, occurredAt: inHours(-0.75) });
  // Samira's signals: new to Joost, who has not opened the signals yet.
  for (const text of ['Nieuwe accounts delen de oproep, 120k weergaven.', 'Oproep "neem vuurwerk mee" in drie schoolgroepen.']) {
    recordSignal(samiraSession, { caseId, text, platform: 'tiktok', channel: 'openbaar', sourceReliability: 'B', informationCredibility: '2', seenAt: inHours(-2) });
  }
  vault.vault.lock();

  ({ host, page } = await openSignedIn(browser, vault, { width: 1280, height: 900 }));
});

afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await host?.close();
  if (vault) rmSync(vault.root, { recursive: true, force: true });
});

async function go(hash: string): Promise<void> {
  await page.evaluate((target) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = target;
  }, hash);
}

async function openCase(section = 'overzicht'): Promise<void> {
  await go(`#case/${caseId}/${section}`);
  await page.getByRole('heading', { level: 1, name: caseTitle }).waitFor();
}

const bar = () => page.getByRole('region', { name: 'Situatie nu' });

describe('the situation bar', () => {
  it('shows the time, the phase, who holds which role with their phone, what is late and what comes next', async () => {
    await openCase();
    await bar().getByText('Ordeverstoring').waitFor();
    const clock = bar().locator('.situation-clock time');
    // Dutch time in the display zone, to the minute, said as such.
    expect(await clock.textContent()).toMatch(/\b\d{2}:\d{2}$/);
    expect(await bar().locator('.situation-clock').textContent()).toContain('NL-tijd');
    expect(Math.abs(Date.parse((await clock.getAttribute('datetime'))!) - Date.now())).toBeLessThan(120_000);
    // The clock changes every minute without a live region announcing it.
    expect(await clock.evaluate((element) => element.closest('[aria-live], [role="status"], [role="alert"], [role="timer"]'))).toBeNull();

    const roles = bar().getByRole('list', { name: 'Rollen' });
    expect(await roles.getByRole('listitem').allTextContents()).toEqual([
      'OOV-adviseur Joost de Vries tel. 06-1234 5678',
      'Politie-liaison Ilse Mulder tel. 06-3456 7890',
      'Jongerenwerk Samira El Amrani tel. 06-4567 8901',
    ]);

    const deadlines = bar().getByRole('list', { name: 'Termijnen' });
    const late = deadlines.getByRole('listitem').filter({ hasText: lateTask });
    // Late in words, not only in colour.
    expect(await late.locator('.badge').textContent()).toBe('Te laat');
    expect(await late.textContent()).toContain('was uiterlijk');
    // The three duties to inform of the noodverordening were due two hours after it, half an hour ago.
    expect(await deadlines.textContent()).toContain('nog 3 te laat of verlopen');
    // What runs next: the council's ratification of the noodverordening (art. 176).
    const next = deadlines.getByRole('listitem').filter({ has: page.locator('.badge', { hasText: 'Volgende' }) });
    expect(await next.textContent()).toMatch(/^Volgende Bekrachtiging besluit 1 uiterlijk \S+ \d+ \S+ \d{2}:\d{2}$/);

    await page.locator('.case-header').screenshot({ path: join(screenshotDir, 'situation-bar.png') });
    await expectNoSeriousA11yViolations(page);

    // Compact: two lines at 1280 px.
    const lineHeight = await bar().evaluate((element) =>
      parseFloat((globalThis as unknown as PageGlobals).getComputedStyle(element).lineHeight),
    );
    const height = (await bar().boundingBox())!.height;
    expect(height).toBeLessThan(lineHeight * 3);
  });

  it('is on every case screen, and says it in English', async () => {
    for (const section of ['tijdlijn', 'team', 'acties', 'besluiten', 'briefings']) {
      await openCase(section);
      await bar().getByText('Ordeverstoring').waitFor();
    }
    await page.getByRole('button', { name: 'English' }).click();
    const english = page.getByRole('region', { name: 'Situation now' });
    await english.getByText('Late', { exact: true }).waitFor();
    expect(await english.textContent()).toContain('tel. 06-1234 5678');
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await bar().waitFor();
  });

  it('counts the signals others recorded until the user opens the signals, then none', async () => {
    await openCase();
    const signals = bar().getByRole('link', { name: '2 ongelezen signalen' });
    await signals.waitFor();
    await signals.click();
    await page.getByRole('heading', { level: 2, name: 'Signalen' }).waitFor();
    await bar().getByRole('link', { name: 'geen ongelezen signalen' }).waitFor();
    // It stays read after leaving the signals and coming back to the case.
    await openCase();
    await bar().getByRole('link', { name: 'geen ongelezen signalen' }).waitFor();
  });
});

describe('the case list', () => {
  it('shows each case with its next deadline and how many are late or expired', async () => {
    await go('#cases');
    await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
    const table = page.getByRole('table', { name: 'Dossiers' });
    await table.getByRole('columnheader', { name: 'Volgende termijn' }).waitFor();
    const row = table.getByRole('row').filter({ hasText: caseTitle });
    const cell = row.getByRole('cell').nth(2);
    expect(await cell.locator('.badge').textContent()).toBe('4 te laat of verlopen');
    expect(await cell.locator('.case-deadline-label').textContent()).toBe('Bekrachtiging besluit 1');
    expect(await table.getByRole('row').filter({ hasText: quietTitle }).getByRole('cell').nth(2).textContent()).toBe('Geen');
    await expectNoSeriousA11yViolations(page);
  });
});

describe('phone numbers', () => {
  it('are kept in the directory, checked loosely, and shown in the team screen', async () => {
    await go('#werk/adresboek');
    await page.getByRole('heading', { level: 2, name: 'Adresboek' }).waitFor();
    const add = page.getByRole('form', { name: 'Persoon toevoegen' });
    await add.getByLabel('Naam').fill('Bram Willems');
    await add.getByLabel('Telefoon (niet verplicht)').fill('06-12ab');
    await add.getByRole('button', { name: 'Persoon toevoegen' }).click();
    await add.getByRole('alert').filter({ hasText: 'Telefoon: alleen cijfers, spaties, +, - en haakjes' }).waitFor();
    await add.getByLabel('Telefoon (niet verplicht)').fill('+31 (0)6 9876 5432');
    await add.getByRole('button', { name: 'Persoon toevoegen' }).click();
    await page.getByText('Bram Willems is toegevoegd.').waitFor();
    await page.locator('.work-card').filter({ hasText: 'Bram Willems' }).getByText('tel. +31 (0)6 9876 5432').waitFor();

    await openCase('team');
    const card = page.locator('.work-section .work-card').filter({ hasText: 'Jongerenwerk' });
    await card.getByText('tel. 06-4567 8901').waitFor();
  });
});

describe('places', () => {
  it('takes a place with a signal and lists the places named most in the last hours on the overview', async () => {
    await openCase('signalen');
    await page.getByRole('button', { name: /Signaal vastleggen/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Signaal vastleggen' });
    await dialog.getByLabel('Platform').selectOption('snapchat');
    await dialog.getByLabel('Plaats (niet verplicht)').fill('stationsplein');
    await dialog.getByLabel('Samenvatting').fill('Snapchat-story: vuurwerk bij de ingang van het station.');
    await dialog.getByRole('button', { name: 'Vastleggen' }).click();
    await dialog.getByText(/vastgelegd als regel/).waitFor();
    await dialog.getByRole('button', { name: 'Sluiten' }).click();

    await openCase();
    const places = page.getByRole('list', { name: 'Plaatsen in de afgelopen 6 uur' });
    // One place however it was capitalised, named by the observation and the signal; the market, a day ago, not.
    await eventually(() => places.getByRole('listitem').allTextContents()).toEqual([
      'stationsplein 2 regels',
      'Fietsenstalling 1 regel',
      'Busstation 1 regel',
    ]);
    await page.locator('.bob-beeld').getByText('Snapchat-story: vuurwerk bij de ingang van het station.').waitFor();
    await expectNoSeriousA11yViolations(page);
    // The picture down to the places, without the empty height the overview's grid row gives the section.
    const section = (await page.locator('.bob-beeld').boundingBox())!;
    const list = (await places.boundingBox())!;
    await page.screenshot({
      path: join(screenshotDir, 'places.png'),
      fullPage: true,
      clip: { x: section.x, y: section.y, width: section.width, height: list.y + list.height + 16 - section.y },
    });

    await openCase('tijdlijn');
    await page.locator('.tl-text').filter({ hasText: 'Snapchat-story' }).click();
    const details = page.locator('.tl-details');
    expect(await details.textContent()).toContain('Plaatsstationsplein');
  });
});

describe('long entries on the overview', () => {
  it('cuts a 5,000-character entry short with "meer", and shows it whole in place', async () => {
    await openCase();
    const item = page.locator('.bob-beeld li').filter({ hasText: 'Verslag wijkagent' });
    const more = item.getByRole('button', { name: 'meer' });
    await more.waitFor();
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    const short = (await item.locator('.overview-entry-text').textContent())!;
    expect(short.length).toBeLessThan(200);
    expect(short.endsWith('…')).toBe(true);
    expect((await item.boundingBox())!.height).toBeLessThan(200);

    await more.click();
    const less = item.getByRole('button', { name: 'minder' });
    expect(await less.getAttribute('aria-expanded')).toBe('true');
    expect(await item.locator('.overview-entry-text').textContent()).toBe(longEntry);
    expect((await item.boundingBox())!.height).toBeGreaterThan(400);
    await less.click();
    expect((await item.locator('.overview-entry-text').textContent())!.length).toBeLessThan(200);
  });
});
