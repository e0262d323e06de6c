import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InProcessBrowserHost } from '../../main/browser-host/server';
import { createCase } from '../../main/services/cases';
import { createPerson } from '../../main/services/directory';
import { appendEntry } from '../../main/services/entries';
import { sessionFor } from '../../main/services/session';
import { ensureRendererBuilt, launchBrowser, openSignedInInProcess } from '../helpers/browser';
import { createTestVault, type TestVault } from '../helpers/vault';

/**
 * A double click on a write button records the item once, in the real renderer under the app's CSP: the button
 * is disabled while its form is sent, and a second request that gets through carries the same request id and is
 * answered, not carried out again (`tests/unit/write-once.test.ts` sends those repeats at the dispatcher). Each
 * step counts the rows of what it wrote and the case's log entries in the vault itself.
 */

const caseTitle = 'Oproep Stationsplein, zaterdag 21.00 uur';
const eventually = <T>(read: () => Promise<T>, timeout = 10_000) => expect.poll(read, { timeout });

let browser: Browser;
let vault: TestVault;
let host: InProcessBrowserHost;
let page: Page;
let caseId: string;

beforeAll(async () => {
  await ensureRendererBuilt();
  browser = await launchBrowser();
  vault = await createTestVault({ displayName: 'Anna de Beheerder' });
  const session = sessionFor(vault.vault, 'app');
  caseId = createCase(session, { title: caseTitle, municipality: 'Zuidstad' }).id;
  appendEntry(session, { caseId, type: 'signaal', text: 'TikTok: oproep om zaterdag naar het Stationsplein te komen.' });
  createPerson(session, { name: 'Sanne Bakker', function: 'OOV-adviseur' });
  createPerson(session, { name: 'Kees de Wit', function: 'Wijkagent' });
  vault.vault.lock();
  ({ host, page } = await openSignedInInProcess(browser, vault, { width: 1280, height: 900 }, async (opened) => {
    await opened.addInitScript(() => {
      const g = globalThis as unknown as {
        __cspViolations: string[];
        addEventListener(type: string, listener: (event: { violatedDirective: string; blockedURI: string }) => void): void;
      };
      g.__cspViolations = [];
      g.addEventListener('securitypolicyviolation', (event) => g.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
  }));
});

afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await host?.close();
  vault?.cleanup();
});

const count = (sql: string, ...params: unknown[]): number =>
  host.controller.session().db.sqlite.prepare(sql).pluck().get(...params) as number;
const logEntries = () => count('SELECT count(*) FROM log_entries WHERE case_key = (SELECT key FROM cases WHERE id = ?)', caseId);

async function openSection(tab: string): Promise<void> {
  await page.evaluate((target) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = target;
  }, `#case/${caseId}/overzicht`);
  await page.getByRole('heading', { level: 1, name: caseTitle }).waitFor();
  await page.getByRole('navigation', { name: 'Onderdelen van het dossier' }).getByRole('link', { name: tab, exact: true }).click();
}

/** Double-clicks the button, waits for `done`, and returns how much `rows` and the case's log grew. */
async function doubleClick(button: ReturnType<Page['getByRole']>, done: () => Promise<unknown>, rows: () => number) {
  const before = { rows: rows(), log: logEntries() };
  await button.dblclick();
  await done();
  // Give a second request that got through time to arrive and be answered.
  await page.waitForTimeout(300);
  return { rows: rows() - before.rows, log: logEntries() - before.log };
}

describe('a double click on a write button', () => {
  it('adds one action (Actie toevoegen)', async () => {
    await openSection('Actielijst');
    await page.getByLabel('Actie', { exact: true }).fill('Ouders informeren via de scholen');
    await page.getByLabel('Rol', { exact: true }).selectOption({ label: 'OOV-adviseur' });
    const grew = await doubleClick(
      page.getByRole('button', { name: 'Actie toevoegen' }),
      () => page.getByText('Actie “Ouders informeren via de scholen” is toegevoegd.').waitFor(),
      () => count('SELECT count(*) FROM tasks WHERE case_id = ?', caseId),
    );
    expect(grew).toEqual({ rows: 1, log: 1 });
    // A status button pressed twice changes the status once.
    const statusChanges = await doubleClick(
      page.getByRole('button', { name: 'Actie “Ouders informeren via de scholen” op Bezig zetten' }),
      () => page.getByText('Actie “Ouders informeren via de scholen” staat nu op Bezig.').waitFor(),
      () => count("SELECT count(*) FROM audit_lines WHERE action = 'task.status' AND result = 'ok'"),
    );
    expect(statusChanges).toEqual({ rows: 1, log: 1 });
  });

  it('assigns a role once (Rol toewijzen)', async () => {
    await openSection('Team en rollen');
    await page.getByLabel('Rol', { exact: true }).selectOption({ label: 'Plotter' });
    await page.getByLabel('Persoon', { exact: true }).selectOption({ label: 'Kees de Wit (Wijkagent)' });
    const grew = await doubleClick(
      page.getByRole('button', { name: 'Rol toewijzen' }),
      () => page.getByRole('status').filter({ hasText: 'Kees de Wit' }).first().waitFor(),
      () => count('SELECT count(*) FROM role_assignments WHERE case_id = ?', caseId),
    );
    expect(grew).toEqual({ rows: 1, log: 1 });
  });

  it('records an intervention once (Vastleggen)', async () => {
    await openSection('Interventies');
    const card = page.locator('.work-interventions .work-card').first();
    await card.getByRole('button', { name: /^Vastleggen / }).click();
    await card.getByLabel('Overwogen').check();
    await card.getByLabel('Reden', { exact: true }).fill('Snel in te zetten, weinig ingrijpend.');
    const grew = await doubleClick(
      card.getByRole('button', { name: 'Vastleggen', exact: true }),
      () => page.locator('.work-table tbody tr').filter({ hasText: 'Snel in te zetten' }).first().waitFor(),
      () => count('SELECT count(*) FROM case_interventions WHERE case_id = ?', caseId),
    );
    expect(grew).toEqual({ rows: 1, log: 1 });
  });

  it('records a decision once (Besluit vastleggen)', async () => {
    await openSection('Besluitenlijst');
    await page.getByLabel('Besluit', { exact: true }).fill('Cameratoezicht op het Stationsplein, zaterdag 18.00 tot 02.00 uur.');
    await page.getByLabel('Wettelijke grondslag').selectOption({ label: 'Gemeentewet art. 175 — Noodbevel' });
    const grew = await doubleClick(
      page.getByRole('button', { name: 'Besluit vastleggen' }),
      () => page.getByText('Besluit 1 is vastgelegd.').waitFor(),
      () => count('SELECT count(*) FROM decisions WHERE case_id = ?', caseId),
    );
    expect(grew).toEqual({ rows: 1, log: 1 });
  });

  it('changes the phase once (Fase wijzigen)', async () => {
    await openSection('Fase');
    await page.getByLabel('Nieuwe fase').selectOption({ index: 3 });
    await page.getByLabel('Reden', { exact: true }).fill('De oproep wordt massaal gedeeld.');
    const grew = await doubleClick(
      page.getByRole('button', { name: 'Fase wijzigen' }),
      () => page.getByText(/^De fase is nu /).waitFor(),
      () => count('SELECT count(*) FROM phase_transitions WHERE case_id = ?', caseId),
    );
    expect(grew).toEqual({ rows: 1, log: 1 });
  });

  it('records one log line from quick entry (Vastleggen)', async () => {
    await openSection('Overzicht');
    await page.keyboard.press('Control+k');
    const quick = page.getByRole('dialog', { name: 'Snelle invoer' });
    await quick.getByLabel('Wat is er gebeurd?').fill('Groep van dertig jongeren bij de fietsenstalling.');
    const grew = await doubleClick(
      quick.getByRole('button', { name: 'Vastleggen' }),
      () => eventually(() => quick.getByRole('status').textContent()).toContain('Klaar voor de volgende regel'),
      () => count("SELECT count(*) FROM log_entries WHERE case_key = (SELECT key FROM cases WHERE id = ?) AND type <> 'systeem_export'", caseId),
    );
    expect(grew).toEqual({ rows: 1, log: 1 });
    await page.keyboard.press('Escape');
  });

  it('records one signal (Signaal vastleggen)', async () => {
    await openSection('Signalen');
    await page.getByRole('button', { name: /Signaal vastleggen/ }).click();
    const capture = page.getByRole('dialog', { name: 'Signaal vastleggen' });
    await capture.getByLabel('Samenvatting').fill('Snapchat-verhaal: "iedereen naar het plein".');
    const grew = await doubleClick(
      capture.getByRole('button', { name: 'Vastleggen' }),
      () => capture.getByText(/Signaal vastgelegd als regel \d+/).waitFor(),
      () => count('SELECT count(*) FROM signals WHERE case_id = ?', caseId),
    );
    expect(grew).toEqual({ rows: 1, log: 1 });
    await page.keyboard.press('Escape');
  });

  it('exports one briefing (PDF exporteren)', async () => {
    await openSection('Briefings');
    const grew = await doubleClick(
      page.getByRole('button', { name: 'PDF exporteren' }),
      () => page.getByText(/^Geëxporteerd: /).waitFor({ timeout: 30_000 }),
      () => count('SELECT count(*) FROM briefing_exports WHERE case_id = ?', caseId),
    );
    expect(grew).toEqual({ rows: 1, log: 1 });
  });

  it('adds one person to the directory (Persoon toevoegen)', async () => {
    await page.evaluate(() => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = '#werk/adresboek';
    });
    const add = page.getByRole('form', { name: 'Persoon toevoegen' });
    await add.getByLabel('Naam', { exact: true }).fill('Fatima El Amrani');
    const grew = await doubleClick(
      add.getByRole('button', { name: 'Persoon toevoegen' }),
      () => page.getByText('Fatima El Amrani is toegevoegd.').waitFor(),
      () => count("SELECT count(*) FROM people WHERE name = 'Fatima El Amrani'"),
    );
    expect(grew.rows).toBe(1);
  });

  it('creates one case (Dossier aanmaken)', async () => {
    await page.evaluate(() => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = '#cases';
    });
    await page.getByRole('button', { name: 'Nieuw dossier' }).click();
    const create = page.getByRole('dialog', { name: 'Nieuw dossier' });
    await create.getByLabel('Titel').fill('Giveaway bij het winkelcentrum');
    const before = count('SELECT count(*) FROM cases');
    await create.getByRole('button', { name: 'Dossier aanmaken' }).dblclick();
    await page.getByRole('heading', { level: 1, name: 'Giveaway bij het winkelcentrum' }).waitFor();
    await page.waitForTimeout(300);
    expect(count('SELECT count(*) FROM cases') - before).toBe(1);
  });

  it('ran all of this under the strict CSP', async () => {
    expect(await page.evaluate(() => (globalThis as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
  });
});
