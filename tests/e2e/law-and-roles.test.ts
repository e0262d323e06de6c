import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../main/browser-host/server';
import { createCase } from '../../main/services/cases';
import { createPerson } from '../../main/services/directory';
import { appendEntry } from '../../main/services/entries';
import { assignRole } from '../../main/services/roles';
import { sessionFor } from '../../main/services/session';
import { dateTimeValueOf } from '../../shared/time';
import { expectNoSeriousA11yViolations } from '../helpers/a11y';
import { ensureRendererBuilt, launchBrowser, openSignedIn } from '../helpers/browser';
import { fillLargeCase } from '../helpers/timeline-case';
import { createTestVault, type TestVault } from '../helpers/vault';

/**
 * The rules of the law and of the roles in the real shell: handovers that would end before they start or lie
 * in the future are refused in words, a second OOV-adviseur is asked for, a noodverordening without its council
 * meeting is an open risk until the date is added, an overdue deadline says so, and the entry picker finds the
 * newest entry of a long case.
 */

const caseTitle = 'Oproep Stationsplein';
const eventually = <T>(read: () => Promise<T>, timeout = 10_000) => expect.poll(read, { timeout });
const hourMs = 3_600_000;
const amsterdamInput = (msFromNow: number) => dateTimeValueOf(new Date(Date.now() + msFromNow).toISOString(), 'Europe/Amsterdam').text;

let browser: Browser;
let vault: TestVault;
let host: BrowserHost;
let page: Page;
let caseId: string;
let largeCaseId: string;
let newestText: string;
let newestSeq: number;
let sanneStart: string;

beforeAll(async () => {
  await ensureRendererBuilt();
  browser = await launchBrowser();
  vault = await createTestVault({ displayName: 'Anna de Beheerder' });
  const session = sessionFor(vault.vault, 'app');
  caseId = createCase(session, { title: caseTitle, municipality: 'Zuidstad' }).id;
  appendEntry(session, { caseId, type: 'signaal', text: 'Oproep op TikTok om zaterdag naar het Stationsplein te komen.' });
  const sanne = createPerson(session, { name: 'Sanne Bakker', function: 'OOV-adviseur' });
  createPerson(session, { name: 'Kees de Wit', function: 'Wijkagent' });
  createPerson(session, { name: 'Fatima El Amrani', function: 'OOV-adviseur' });
  sanneStart = new Date(Date.now() - 2 * hourMs).toISOString();
  assignRole(session, { caseId, roleId: 'oov-adviseur', personId: sanne.id, at: sanneStart });

  largeCaseId = fillLargeCase(session, 620).caseId;
  newestText = 'Nieuwste melding: de politie ziet een tweede oproep voor zondag, nu ook op Instagram.';
  newestSeq = appendEntry(session, { caseId: largeCaseId, type: 'waarneming', text: newestText }).seq;
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

async function openSection(id: string, title: string, tab: string, heading: string): Promise<void> {
  await go(`#case/${id}/overzicht`);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.getByRole('navigation', { name: 'Onderdelen van het dossier' }).getByRole('link', { name: tab, exact: true }).click();
  await page.getByRole('heading', { level: 2, name: heading, exact: true }).waitFor();
}

const alert = (text: string) => page.getByRole('alert').filter({ hasText: text });

describe('handovers and holders', () => {
  it('refuses a handover before the holder started or in the future, in words, and changes nothing', async () => {
    await openSection(caseId, caseTitle, 'Team en rollen', 'Team en rollen');
    await page.getByRole('button', { name: 'Overdragen OOV-adviseur' }).click();
    const handOver = page.getByRole('form', { name: 'OOV-adviseur overdragen' });
    await handOver.getByLabel('Overdragen aan').selectOption({ label: 'Fatima El Amrani' });
    await handOver.getByLabel('Tijdstip').fill(amsterdamInput(-3 * hourMs));
    await handOver.getByRole('button', { name: 'Overdragen' }).click();
    await alert('De overdracht ligt vóór het begin van de huidige rolhouder (Sanne Bakker, sinds').waitFor();

    await handOver.getByLabel('Tijdstip').fill(amsterdamInput(2 * hourMs));
    await handOver.getByRole('button', { name: 'Overdragen' }).click();
    await alert('Een overdracht kan niet in de toekomst liggen.').waitFor();
    await handOver.getByRole('button', { name: 'Annuleren' }).click();

    await page.getByRole('button', { name: 'Beëindigen OOV-adviseur' }).click();
    const end = page.getByRole('form', { name: 'OOV-adviseur beëindigen' });
    await end.getByLabel('Tijdstip').fill(amsterdamInput(-5 * hourMs));
    await end.getByRole('button', { name: 'Rol beëindigen' }).click();
    await alert('Het einde ligt vóór het begin van de huidige rolhouder (Sanne Bakker, sinds').waitFor();
    await end.getByRole('button', { name: 'Annuleren' }).click();

    const history = page.getByRole('table', { name: 'Wie had welke rol' });
    expect(await history.locator('tbody tr').count()).toBe(1);
    expect(await history.textContent()).toContain('nog actief');
    await expectNoSeriousA11yViolations(page);
  });

  it('asks before a second OOV-adviseur is assigned, and assigns her only when confirmed', async () => {
    await openSection(caseId, caseTitle, 'Team en rollen', 'Team en rollen');
    await page.getByLabel('Rol', { exact: true }).selectOption({ label: 'OOV-adviseur' });
    await page.getByLabel('Persoon', { exact: true }).selectOption({ label: 'Fatima El Amrani (OOV-adviseur)' });
    await page.getByRole('button', { name: 'Rol toewijzen' }).click();
    await alert('Er is al een OOV-adviseur: Sanne Bakker. Toch een tweede toewijzen?').waitFor();
    const history = page.getByRole('table', { name: 'Wie had welke rol' });
    expect(await history.locator('tbody tr').count()).toBe(1);
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: 'Toch een tweede toewijzen' }).click();
    await page.getByText('De rol OOV-adviseur is toegewezen aan Fatima El Amrani.').waitFor();
    await eventually(() => history.locator('tbody tr').count()).toBe(2);
    // A role with several holders takes a second one without asking.
    await page.getByLabel('Rol', { exact: true }).selectOption({ label: 'Politie-liaison' });
    await page.getByLabel('Persoon', { exact: true }).selectOption({ label: 'Kees de Wit (Wijkagent)' });
    await page.getByRole('button', { name: 'Rol toewijzen' }).click();
    await page.getByText('De rol Politie-liaison is toegewezen aan Kees de Wit.').waitFor();
  });
});

describe('the noodverordening and its deadlines', () => {
  it('asks for the council meeting or an explicit "nog niet bekend", which stays an open risk until the date is added', async () => {
    await openSection(caseId, caseTitle, 'Besluitenlijst', 'Besluitenlijst');
    await page.getByLabel('Besluit', { exact: true }).fill('Noodverordening Stationsplein, zaterdag 18.00 tot zondag 06.00 uur.');
    await page.getByLabel('Wettelijke grondslag').selectOption({ label: 'Gemeentewet art. 176 — Noodverordening' });
    await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await alert('Vul de datum van de eerstvolgende raadsvergadering in, of kies ‘Datum raadsvergadering nog niet bekend’.').waitFor();
    await page.getByLabel('Datum raadsvergadering nog niet bekend').check();
    await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await page.getByText('Besluit 1 is vastgelegd.').waitFor();

    const card = page.locator('.work-decision').filter({ has: page.getByRole('heading', { name: 'Besluit 1' }) });
    const deadline = card.locator('.work-deadline');
    expect(await deadline.textContent()).toContain('Open risico');
    expect(await deadline.textContent()).toContain('datum eerstvolgende raadsvergadering nog niet bekend');

    // A second decision under art. 174b, already past its 12 hours.
    await page.getByLabel('Besluit', { exact: true }).fill('Spoedaanwijzing veiligheidsrisicogebied Stationsplein.');
    await page.getByLabel('Wettelijke grondslag').selectOption({ label: 'Gemeentewet art. 174b — Spoedaanwijzing veiligheidsrisicogebied' });
    await page.getByLabel('Tijdstip van het besluit').fill(amsterdamInput(-13 * hourMs));
    await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await page.getByText('Besluit 2 is vastgelegd.').waitFor();
    await expectNoSeriousA11yViolations(page);

    // The overview says both in words: the open ratification and the expired deadline.
    await go(`#case/${caseId}/overzicht`);
    const risks = page.locator('.risks');
    await risks.waitFor();
    await risks.getByText('Besluit 1: datum eerstvolgende raadsvergadering nog niet bekend', { exact: false }).waitFor();
    expect(await risks.locator('li').filter({ hasText: 'Besluit 1: datum' }).locator('.badge').textContent()).toBe('Open risico');
    expect(await risks.locator('li').filter({ hasText: 'besluit 2' }).locator('.badge').textContent()).toBe('Verlopen');
    // The duties to inform are on the action list, owned by the OOV-adviseur.
    const actions = page.getByRole('table', { name: 'Openstaande acties' });
    for (const recipient of ['de gemeenteraad', 'de Commissaris van de Koning', 'de hoofdofficier van justitie']) {
      const row = actions.getByRole('row').filter({ hasText: `Besluit 1 zo spoedig mogelijk ter kennis brengen van ${recipient}` });
      expect(await row.textContent()).toContain('OOV-adviseur');
    }
    await expectNoSeriousA11yViolations(page);

    // The date is added later; the risk goes, the deadline counts down.
    await openSection(caseId, caseTitle, 'Besluitenlijst', 'Besluitenlijst');
    await card.getByRole('button', { name: 'Datum raadsvergadering vastleggen Besluit 1' }).click();
    const form = page.getByRole('form', { name: 'Raadsvergadering voor besluit 1' });
    await form.getByLabel('Eerstvolgende raadsvergadering').fill(amsterdamInput(50 * hourMs));
    await form.getByRole('button', { name: 'Datum vastleggen' }).click();
    await page.getByText('De datum van de raadsvergadering voor besluit 1 is vastgelegd.').waitFor();
    await eventually(() => deadline.textContent()).toContain('Binnenkort');
    await go(`#case/${caseId}/overzicht`);
    await page.locator('.risks').getByText('besluit 1, uiterlijk', { exact: false }).waitFor();
    expect(await page.locator('.risks').textContent()).not.toContain('nog niet bekend');
    await go(`#case/${caseId}/tijdlijn`);
    await page.getByText('Besluit 1: de raadsvergadering is op', { exact: false }).first().waitFor();
  });
});

describe('the entry picker', () => {
  it('links the newest entry of a case with more than 500 entries, and the card still shows it after a reload', async () => {
    await openSection(largeCaseId, 'Grote zaak (620 regels)', 'Besluitenlijst', 'Besluitenlijst');
    // Without a search it offers the newest entries first.
    await page.getByRole('button', { name: new RegExp(`^Koppelen: #${newestSeq} `) }).waitFor();
    await page.getByLabel('Zoek een logboekregel').fill('Instagram zondag');
    await page.getByText('1 regel gevonden, nieuwste eerst.').waitFor();
    await page.getByRole('button', { name: new RegExp(`^Koppelen: #${newestSeq} `) }).click();
    // And by number: an old entry from the start of the case.
    await page.getByLabel('Zoek een logboekregel').fill('#3');
    await page.getByRole('button', { name: /^Koppelen: #3 / }).click();
    const chips = page.getByRole('list', { name: 'Gekozen logboekregels' });
    await eventually(() => chips.locator('li').count()).toBe(2);
    await chips.getByRole('button', { name: 'Regel #3 ontkoppelen' }).click();
    await eventually(() => chips.locator('li').count()).toBe(1);

    await page.getByLabel('Besluit', { exact: true }).fill('Extra politie-inzet zondag.');
    await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await page.getByText('Besluit 1 is vastgelegd.').waitFor();
    const linked = () => page.locator('.work-decision .work-linked').textContent();
    await eventually(linked).toContain(`#${newestSeq}`);
    expect(await linked()).toContain(newestText);

    // A reload of the renderer starts at the case list; the card reads its links from the decision itself.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
    await openSection(largeCaseId, 'Grote zaak (620 regels)', 'Besluitenlijst', 'Besluitenlijst');
    await eventually(linked).toContain(newestText);
    await expectNoSeriousA11yViolations(page);
  });
});
