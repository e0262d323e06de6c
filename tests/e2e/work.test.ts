import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../db/users';
import type { InProcessBrowserHost } from '../../main/browser-host/server';
import { createCase } from '../../main/services/cases';
import { createOrganisation, createPerson } from '../../main/services/directory';
import { appendEntry } from '../../main/services/entries';
import { sessionFor } from '../../main/services/session';
import type { OrdelogApi } from '../../shared/contract';
import { dateTimeValueOf } from '../../shared/time';
import { expectNoSeriousA11yViolations } from '../helpers/a11y';
import { ensureRendererBuilt, launchBrowser, openSignedInInProcess, screenshotDir } from '../helpers/browser';
import { createTestVault, testKdf, type TestVault } from '../helpers/vault';

/**
 * The case-work screens in the real shell, served by the browser host under the app's CSP: the work sections
 * in a case's tabs, and the directory and phase model at their own addresses.
 */

interface PageGlobals {
  ordelog: OrdelogApi;
}

const reader = { name: 'l.lezer', displayName: 'Lotte Lezer', passphrase: 'lezer-mag-alles-zien' };
const caseTitle = 'Oproep tot rellen Stationsplein';
const eventually = <T>(read: () => Promise<T>, timeout = 10_000) => expect.poll(read, { timeout });

const amsterdamInput = (msFromNow: number) => dateTimeValueOf(new Date(Date.now() + msFromNow).toISOString(), 'Europe/Amsterdam').text;
const hourMs = 3_600_000;

let browser: Browser;
let vault: TestVault;
let host: InProcessBrowserHost;
let page: Page;
let caseId: string;
let entryText: string;

beforeAll(async () => {
  await ensureRendererBuilt();
  browser = await launchBrowser();

  vault = await createTestVault({ displayName: 'Anna de Beheerder' });
  await addUser(vault.vault, { name: reader.name, displayName: reader.displayName, role: 'lezer', passphrase: reader.passphrase, kdf: testKdf });
  const session = sessionFor(vault.vault, 'app');
  caseId = createCase(session, { title: caseTitle, municipality: 'Zuidstad' }).id;
  entryText = 'Politie: op Snapchat circuleert een oproep om zaterdag om 21.00 uur naar het Stationsplein te komen.';
  appendEntry(session, { caseId, type: 'signaal', text: entryText, source: 'Politie, wijkagent', sourceReliability: 'B', informationCredibility: '2' });
  const politie = createOrganisation(session, { name: 'Politie Eenheid Zuid', kind: 'politie', contact: '0900-8844' });
  createPerson(session, { name: 'Sanne Bakker', organisationId: null, function: 'OOV-adviseur', contact: 'telefoon 06-12345678' });
  createPerson(session, { name: 'Kees de Wit', organisationId: politie.id, function: 'Wijkagent', contact: 'portofoon kanaal 3' });
  vault.vault.lock();

  ({ host, page } = await openSignedInInProcess(browser, vault, { width: 1280, height: 900 }));
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

/** From the directory or phase model (outside the app's shell) back to the case list. */
async function backToCases(): Promise<void> {
  await go('#cases');
  await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
}

async function openSection(tab: string, heading: string): Promise<void> {
  await go(`#case/${caseId}/overzicht`);
  await page.getByRole('heading', { level: 1, name: caseTitle }).waitFor();
  await page.getByRole('navigation', { name: 'Onderdelen van het dossier' }).getByRole('link', { name: tab, exact: true }).click();
  await page.getByRole('heading', { level: 2, name: heading, exact: true }).waitFor();
}

const section = () => page.locator('.work-section');

describe('case work as a beheerder', () => {
  it('changes the phase three times, up and down, each with its reason in the history', async () => {
    await openSection('Fase', 'Fase');
    await eventually(() => section().locator('.work-current-phase-name').textContent()).toBe('Online signaal / oproep');
    const steps: [string, string][] = [
      ['3. Verspreiding en mobilisatie', 'De oproep wordt in drie Snapchatgroepen gedeeld; 40 toezeggingen.'],
      ['4. Samenkomst', 'Rond 20.45 uur staan ongeveer 60 jongeren op het Stationsplein.'],
      ['3. Verspreiding en mobilisatie', 'De groep is uiteengegaan; online wordt opgeroepen morgen terug te komen.'],
    ];
    for (const [phase, reason] of steps) {
      await page.getByLabel('Nieuwe fase').selectOption({ label: phase });
      await page.getByLabel('Reden', { exact: true }).fill(reason);
      await page.getByRole('button', { name: 'Fase wijzigen' }).click();
      await page.getByText(`De fase is nu ${phase.slice(3)}.`).waitFor();
      await section().getByRole('cell', { name: reason }).waitFor();
    }
    await eventually(() => section().locator('.work-current-phase-name').textContent()).toBe('Verspreiding en mobilisatie');
    expect(await section().locator('[aria-current="step"]').textContent()).toContain('Verspreiding en mobilisatie');
    const rows = section().locator('tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    expect(await rows.first().textContent()).toContain('Samenkomst → Verspreiding en mobilisatie');
    // The reason is required: the form says so instead of sending.
    await page.getByLabel('Nieuwe fase').selectOption({ label: '6. Nafase' });
    await page.getByRole('button', { name: 'Fase wijzigen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Reden: mag niet leeg zijn.' }).waitFor();
    // The shell's header follows the change.
    expect(await page.getByRole('region', { name: 'Situatie nu' }).textContent()).toContain('Verspreiding en mobilisatie');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: join(screenshotDir, 'phases.png'), fullPage: true });
  });

  it('adds a person to the directory and edits the phase model', async () => {
    await go('#werk/adresboek');
    await page.getByRole('heading', { level: 2, name: 'Adresboek' }).waitFor();
    const add = page.getByRole('form', { name: 'Persoon toevoegen' });
    await add.getByLabel('Naam', { exact: true }).fill('Fatima El Amrani');
    await add.getByLabel('Functie').fill('Online jongerenwerker');
    await add.getByLabel('Contactgegevens').fill('06-98765432, ook in het weekend');
    await add.getByRole('button', { name: 'Persoon toevoegen' }).click();
    await page.getByText('Fatima El Amrani is toegevoegd.').waitFor();
    await page.getByText('06-98765432, ook in het weekend').waitFor();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: join(screenshotDir, 'directory.png'), fullPage: true });

    await go('#werk/fasemodel');
    await page.getByRole('heading', { level: 2, name: 'Fasemodel' }).waitFor();
    const addPhase = page.getByRole('form', { name: 'Fase toevoegen' });
    await addPhase.getByLabel('Naam').fill('Opschaling GRIP');
    await addPhase.getByLabel('Plaats').selectOption({ label: 'Vóór Nafase' });
    await addPhase.getByRole('button', { name: 'Fase toevoegen' }).click();
    await page.getByText('Fase Opschaling GRIP is toegevoegd.').waitFor();
    await eventually(() => page.locator('.work-phase-model > li').nth(5).locator('.work-phase-model-name').textContent()).toBe('6. Opschaling GRIP');
    // A phase in use cannot go; the unused new one can.
    await page.getByRole('button', { name: 'Verwijderen Verspreiding en mobilisatie' }).click();
    await page.getByRole('alert').filter({ hasText: 'Dit item bestaat al of is intussen gewijzigd.' }).waitFor();
    await page.getByRole('button', { name: 'Verwijderen Opschaling GRIP' }).click();
    await page.getByText('Fase Opschaling GRIP is verwijderd.').waitFor();
    expect(await page.locator('.work-phase-model > li').count()).toBe(6);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: join(screenshotDir, 'phase-model.png'), fullPage: true });
    await backToCases();
  });

  it('assigns a role, hands it over at a shift change, and the history shows both holders', async () => {
    await openSection('Team en rollen', 'Team en rollen');
    await page.getByLabel('Rol', { exact: true }).selectOption({ label: 'OOV-adviseur' });
    await page.getByLabel('Persoon', { exact: true }).selectOption({ label: 'Sanne Bakker (OOV-adviseur)' });
    await page.getByLabel('Begint op').fill(amsterdamInput(-3 * hourMs));
    await page.getByRole('button', { name: 'Rol toewijzen' }).click();
    await page.getByText('De rol OOV-adviseur is toegewezen aan Sanne Bakker.').waitFor();
    await page.getByLabel('Rol', { exact: true }).selectOption({ label: 'Politie-liaison' });
    await page.getByLabel('Persoon', { exact: true }).selectOption({ label: 'Kees de Wit (Wijkagent)' });
    await page.getByRole('button', { name: 'Rol toewijzen' }).click();
    await page.getByText('De rol Politie-liaison is toegewezen aan Kees de Wit.').waitFor();

    await page.getByRole('button', { name: 'Overdragen OOV-adviseur' }).click();
    const handOver = page.getByRole('form', { name: 'OOV-adviseur overdragen' });
    await handOver.getByLabel('Overdragen aan').selectOption({ label: 'Fatima El Amrani' });
    await handOver.getByLabel('Toelichting (niet verplicht)').fill('Wisseling van dienst, 23.00 uur.');
    await handOver.getByRole('button', { name: 'Overdragen' }).click();
    await page.getByText('De rol OOV-adviseur is van Sanne Bakker overgedragen aan Fatima El Amrani.').waitFor();
    // The OOV-adviseur's handover offers the shift-handover report, for the successor.
    await page.getByText('Dienstwissel: maak het overdrachtsrapport voor Fatima El Amrani.').waitFor();

    const history = page.getByRole('table', { name: 'Wie had welke rol' });
    const holder = (name: string) => history.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
    const sanne = holder('Sanne Bakker');
    const fatima = holder('Fatima El Amrani');
    await eventually(() => sanne.textContent()).toContain('overgedragen aan Fatima El Amrani');
    expect(await fatima.textContent()).toContain('nog actief');
    expect(await fatima.textContent()).toContain('OOV-adviseur');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: join(screenshotDir, 'roles.png'), fullPage: true });

    // The offer leads to the report's form in Briefings, with who takes over filled in.
    await page.getByRole('link', { name: 'Overdrachtsrapport maken' }).click();
    const report = page.getByRole('region', { name: 'Overdrachtsrapport bij de dienstwissel' });
    await report.waitFor();
    expect(await report.getByLabel('Wie neemt over').inputValue()).toBe('Fatima El Amrani');
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe('handover-first-actions');
  });

  it('marks an overdue action in words, and every action goes to gereed', async () => {
    await openSection('Actielijst', 'Actielijst');
    const tasks: [string, string, number][] = [
      ['Platformcontact: melding via trusted-flaggerroute', 'Platformcontact', -hourMs],
      ['Ouderbrief via de scholen versturen', 'Onderwijs', 20 * hourMs],
    ];
    for (const [text, role, due] of tasks) {
      await page.getByLabel('Actie', { exact: true }).fill(text);
      await page.getByLabel('Rol', { exact: true }).selectOption({ label: role });
      await page.getByLabel('Uiterlijk gereed op (niet verplicht)').fill(amsterdamInput(due));
      await page.getByRole('button', { name: 'Actie toevoegen' }).click();
      await page.getByText(`Actie “${text}” is toegevoegd.`).waitFor();
    }
    await page.getByText('Let op: bij 1 actie is de termijn verstreken.').waitFor();
    const late = page.getByRole('row').filter({ hasText: tasks[0]![0] });
    expect(await late.textContent()).toContain('Te laat');
    await page.getByRole('button', { name: `Actie “${tasks[1]![0]}” op Bezig zetten` }).click();
    await page.getByText(`Actie “${tasks[1]![0]}” staat nu op Bezig.`).waitFor();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: join(screenshotDir, 'tasks.png'), fullPage: true });

    for (const [text] of tasks) {
      await page.getByRole('button', { name: `Actie “${text}” op Gereed zetten` }).click();
      await page.getByText(`Actie “${text}” staat nu op Gereed.`).waitFor();
    }
    await eventually(() => page.locator('.work-overdue-summary').count()).toBe(0);
    expect(await page.getByText('Te laat').count()).toBe(0);
    expect(await page.locator('.work-status-gereed').count()).toBe(2);
  });

  it('records an emergency bylaw (art. 176) with its ratification warning and the entry it rests on', async () => {
    await openSection('Besluitenlijst', 'Besluitenlijst');
    await page.getByLabel('Besluit', { exact: true }).fill('Noodverordening Stationsplein en omgeving, zaterdag 18.00 tot zondag 06.00 uur.');
    await page.getByLabel('Genomen door').selectOption({ label: 'Burgemeester' });
    await page.getByLabel('Wettelijke grondslag').selectOption({ label: 'Gemeentewet art. 176 — Noodverordening' });
    await page.getByText('Deze grondslag vraagt bekrachtiging door de raad in de eerstvolgende vergadering.', { exact: false }).waitFor();
    await page.getByLabel('Noodzaak').fill('Concrete oproep tot rellen met 40 toezeggingen; ernstige vrees voor wanordelijkheden.');
    await page.getByLabel('Proportionaliteit').fill('Beperkt tot het Stationsplein en twaalf uur.');
    await page.getByLabel('Subsidiariteit').fill('Een noodbevel bereikt de onbekende deelnemers niet.');
    await page.getByLabel('Eerstvolgende raadsvergadering').fill(amsterdamInput(40 * hourMs));
    // The entry picker searches the whole case; the chosen entry becomes a chip with its number.
    await page.getByLabel('Zoek een logboekregel').fill('Snapchat');
    await page.getByRole('button', { name: /^Koppelen: #2 / }).click();
    await page.getByRole('list', { name: 'Gekozen logboekregels' }).getByText(entryText.slice(0, 40), { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await page.getByText('Besluit 1 is vastgelegd.').waitFor();

    const decision = page.locator('.work-decision').first();
    await decision.getByRole('heading', { name: 'Besluit 1' }).waitFor();
    const deadline = decision.locator('.work-deadline');
    expect(await deadline.textContent()).toContain('Binnenkort');
    expect(await deadline.textContent()).toContain('Bekrachtiging door de raad in de eerstvolgende vergadering');
    expect(await deadline.getAttribute('class')).toContain('work-deadline-near');
    expect(await decision.textContent()).toContain('Gemeentewet art. 176 — Noodverordening');
    expect(await decision.textContent()).toContain(entryText.slice(0, 60));

    // A second one under art. 174b: the 12-hour limit, already past, in red with words.
    await page.getByLabel('Besluit', { exact: true }).fill('Aanwijzing veiligheidsrisicogebied Stationsplein.');
    await page.getByLabel('Wettelijke grondslag').selectOption({ label: 'Gemeentewet art. 174b — Spoedaanwijzing veiligheidsrisicogebied' });
    await page.getByLabel('Tijdstip van het besluit').fill(amsterdamInput(-13 * hourMs));
    await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await page.getByText('Besluit 2 is vastgelegd.').waitFor();
    const expired = page.locator('.work-decision').filter({ has: page.getByRole('heading', { name: 'Besluit 2' }) }).locator('.work-deadline');
    expect(await expired.textContent()).toContain('Verlopen');
    expect(await expired.textContent()).toContain('12 uur');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: join(screenshotDir, 'decisions.png'), fullPage: true });
  });

  it('suggests interventions for the current phase, and records one considered, then applied with its effect', async () => {
    await openSection('Interventies', 'Interventies');
    await page.getByText(/interventies passen bij de huidige fase \(Verspreiding en mobilisatie\)\./).waitFor();
    const name = 'Waarschuwingsbrief van de burgemeester';
    const card = page.locator('.work-interventions > li').filter({ has: page.getByRole('heading', { name, exact: true }) });
    await card.getByRole('button', { name: `Vastleggen ${name}` }).click();
    await card.getByLabel('Overwogen').check();
    await card.getByLabel('Reden', { exact: true }).fill('Initiatiefnemer is bekend via de wijkagent.');
    await card.getByRole('button', { name: 'Vastleggen', exact: true }).click();
    await page.getByText(`${name} is vastgelegd als ‘Overwogen’.`).waitFor();

    await card.getByRole('button', { name: `Vastleggen ${name}` }).click();
    await card.getByLabel('Toegepast').check();
    await card.getByLabel('Reden', { exact: true }).fill('Brief vandaag huisbezorgd door de wijkagent.');
    await card.getByRole('button', { name: 'Vastleggen', exact: true }).click();
    await page.getByText(`${name} is vastgelegd als ‘Toegepast’.`).waitFor();
    expect(await card.textContent()).toContain('In dit dossier: Toegepast');

    const record = page.getByRole('table', { name: 'Overwogen en ingezet in dit dossier' });
    const applied = record.getByRole('row').filter({ hasText: 'Toegepast' });
    await applied.getByRole('button', { name: `Effect vastleggen ${name}` }).click();
    await applied.getByLabel('Effect', { exact: true }).fill('Oproep is offline gehaald; geen nieuwe posts.');
    await applied.getByRole('button', { name: 'Effect vastleggen' }).click();
    await page.getByText(`Het effect van ${name} is vastgelegd.`).waitFor();
    await record.getByText('Oproep is offline gehaald; geen nieuwe posts.').waitFor();
    expect(await record.getByRole('row').filter({ hasText: 'Overwogen' }).count()).toBe(1);
    // Once the effect is in, nothing asks for it again.
    expect(await record.getByRole('button', { name: /Effect vastleggen/ }).count()).toBe(0);

    // The catalogue filters by phase and type.
    await page.getByLabel('Soort').selectOption({ label: 'Niet-juridisch: communiceren' });
    await page.getByText(/interventies? pas(t|sen) bij de huidige fase/).waitFor();
    const types = await page.locator('.work-interventions .work-badge').allTextContents();
    expect(types.length).toBeGreaterThan(0);
    expect(types.every((type) => type === 'Niet-juridisch: communiceren')).toBe(true);
    await page.getByLabel('Soort').selectOption({ label: 'Alle soorten' });
    await expectNoSeriousA11yViolations(page);
    // The catalogue runs to dozens of cards: the screenshot shows the record, the filters and the first ones.
    await page.setViewportSize({ width: 1280, height: 1800 });
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await page.screenshot({ path: join(screenshotDir, 'interventions.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('shows the case-work screens in English too', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await openSectionEn();
    await page.getByRole('button', { name: 'Nederlands' }).click();
  });
});

async function openSectionEn(): Promise<void> {
  await go(`#case/${caseId}/besluiten`);
  await page.getByRole('heading', { level: 2, name: 'Decision list', exact: true }).waitFor();
  await page.getByText('Ratification by the council at its next meeting').waitFor();
  await page.getByRole('heading', { name: 'Decision 1' }).waitFor();
}

describe('case work as a lezer', () => {
  beforeAll(async () => {
    host.controller.lock('user');
    await host.controller.unlock(reader.name, reader.passphrase);
    await page.goto(host.url);
    await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
  });

  it('sees every screen with its data, and no control that writes', async () => {
    const screens: [string, string, string][] = [
      ['Fase', 'Fase', 'Verspreiding en mobilisatie'],
      ['Team en rollen', 'Team en rollen', 'Fatima El Amrani'],
      ['Actielijst', 'Actielijst', 'Ouderbrief via de scholen versturen'],
      ['Besluitenlijst', 'Besluitenlijst', 'Noodverordening Stationsplein'],
      ['Interventies', 'Interventies', 'Oproep is offline gehaald'],
    ];
    for (const [tab, heading, shown] of screens) {
      await openSection(tab, heading);
      await section().getByText(shown).first().waitFor();
      expect(await section().locator('button, form, textarea, input').count(), tab).toBe(0);
      await expectNoSeriousA11yViolations(page);
    }
    for (const [hash, heading] of [
      ['#werk/adresboek', 'Adresboek'],
      ['#werk/fasemodel', 'Fasemodel'],
    ] as const) {
      await go(hash);
      await page.getByRole('heading', { level: 2, name: heading }).waitFor();
      await section().locator('li').first().waitFor();
      expect(await section().locator('button, form, textarea, input').count(), hash).toBe(0);
      await expectNoSeriousA11yViolations(page);
    }
    await backToCases();
    // And the main process refuses what the screen does not offer.
    const refused = await page.evaluate(
      (id) => (globalThis as unknown as PageGlobals).ordelog['phases.change']({ caseId: id, phaseId: 'nafase', reason: 'lezer probeert', requestId: crypto.randomUUID() }),
      caseId,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
