import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../db/users';
import type { BrowserHost } from '../../main/browser-host/server';
import { createCase } from '../../main/services/cases';
import { createPerson } from '../../main/services/directory';
import { assignRole } from '../../main/services/roles';
import { sessionFor } from '../../main/services/session';
import { expectNoSeriousA11yViolations } from '../helpers/a11y';
import { ensureRendererBuilt, launchBrowser, openSignedIn, screenshotDir } from '../helpers/browser';
import { createTestVault, type TestVault } from '../helpers/vault';

/**
 * Accounts and shifts in the app: a beheerder manages the users, everyone changes their own passphrase, Ctrl+L
 * locks, and a switch of user (keyboard, header, or with a role handover) lets the next person sign in with their
 * own name and continue in the case and tab the team had open.
 */

const caseTitle = 'Stationschallenge Zuidplein';
const admin = { name: 'beheer', displayName: 'Anna de Beheerder' };
const nightShift = { name: 'k.dewit', displayName: 'Kees de Wit', passphrase: 'de-nachtdienst-neemt-over' };
const newEditor = { name: 'r.jansen', displayName: 'Ruud Jansen', passphrase: 'eerste-zin-voor-ruud', own: 'ruud-kiest-zijn-eigen-zin' };

/** Polls long enough for a busy 2-core machine. */
const eventually = <T>(read: () => Promise<T>, timeout = 10_000) => expect.poll(read, { timeout });

let browser: Browser;
let vault: TestVault;
let host: BrowserHost;
let page: Page;
let caseId: string;

beforeAll(async () => {
  await ensureRendererBuilt();
  browser = await launchBrowser();
  vault = await createTestVault({ displayName: admin.displayName });
  await addUser(vault.vault, { name: nightShift.name, displayName: nightShift.displayName, role: 'redacteur', passphrase: nightShift.passphrase });
  const session = sessionFor(vault.vault, 'app');
  caseId = createCase(session, { title: caseTitle, municipality: 'Zuidstad' }).id;
  const sanne = createPerson(session, { name: 'Sanne Bakker', function: 'OOV-adviseur' });
  createPerson(session, { name: nightShift.displayName, function: 'OOV-adviseur (nacht)' });
  assignRole(session, { caseId, roleId: 'oov-adviseur', personId: sanne.id });
  vault.vault.lock();
  ({ host, page } = await openSignedIn(browser, vault, { width: 1280, height: 900 }));
});

afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await host?.close();
  vault?.cleanup();
});

const header = () => page.getByRole('banner');
const heading = (name: string) => page.getByRole('heading', { level: 1, name });
const focusedId = () => page.locator(':focus').getAttribute('id');

async function signIn(name: string, passphrase: string, displayName: string): Promise<void> {
  await page.getByLabel('Gebruikersnaam').fill(name);
  await page.getByLabel('Wachtwoordzin', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Ontgrendelen' }).click();
  await header().getByText(`Aangemeld als ${displayName}`).waitFor();
}

async function showUnlockScreen(): Promise<void> {
  await heading('Kluis ontgrendelen').waitFor();
  await eventually(focusedId).toBe('unlock-userName');
  expect(await page.getByLabel('Gebruikersnaam').inputValue()).toBe('');
}

/** What the page's address says (the tests compile without the DOM library). */
const hash = () => page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash);

async function openCaseSection(tab: string): Promise<void> {
  await page.evaluate((target) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = target;
  }, `#case/${caseId}/overzicht`);
  await heading(caseTitle).waitFor();
  await page.getByRole('navigation', { name: 'Onderdelen van het dossier' }).getByRole('link', { name: tab, exact: true }).click();
}

const currentTab = () => page.getByRole('navigation', { name: 'Onderdelen van het dossier' }).locator('[aria-current="page"]').textContent();

describe('accounts in the app', () => {
  it('shows who is signed in with the account, not a case role', async () => {
    expect(await header().textContent()).toContain(`Aangemeld als ${admin.displayName}`);
    await header().getByText('Account: beheerder').waitFor();
  });

  it('a beheerder adds a redacteur', async () => {
    await page.getByRole('navigation', { name: 'Navigatie' }).getByRole('link', { name: 'Gebruikers' }).click();
    await heading('Gebruikers').waitFor();
    const form = page.getByRole('region', { name: 'Gebruiker toevoegen' });
    await form.getByLabel('Gebruikersnaam').fill(newEditor.name);
    await form.getByLabel('Volledige naam').fill(newEditor.displayName);
    await form.getByLabel('Accountrol').selectOption('redacteur');
    await form.getByLabel('Eerste wachtwoordzin').fill(newEditor.passphrase);
    await form.getByLabel('Herhaal de wachtwoordzin').fill('iets-anders-getypt');
    await form.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
    await form.getByRole('alert').filter({ hasText: 'Herhaalde wachtwoordzin: is niet gelijk aan de nieuwe wachtwoordzin.' }).waitFor();
    await form.getByLabel('Herhaal de wachtwoordzin').fill(newEditor.passphrase);
    await form.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
    await page.getByText(`${newEditor.displayName} is toegevoegd met account redacteur.`).waitFor();
    expect(await form.getByLabel('Eerste wachtwoordzin').inputValue()).toBe('');
    const card = page.getByRole('listitem').filter({ hasText: `(${newEditor.name})` });
    expect(await card.textContent()).toContain('Account: redacteur');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: join(screenshotDir, 'users.png'), fullPage: true });
  });

  it('the redacteur signs in and changes their own passphrase', async () => {
    await header().getByRole('button', { name: 'Gebruiker wisselen' }).click();
    await showUnlockScreen();
    await signIn(newEditor.name, newEditor.passphrase, newEditor.displayName);
    await header().getByText('Account: redacteur').waitFor();
    expect(await page.getByRole('link', { name: 'Gebruikers' }).count()).toBe(0);

    await page.getByRole('navigation', { name: 'Navigatie' }).getByRole('link', { name: 'Wachtwoordzin wijzigen' }).click();
    await heading('Wachtwoordzin wijzigen').waitFor();
    await page.getByLabel('Huidige wachtwoordzin').fill('niet-mijn-wachtwoordzin');
    await page.getByLabel('Nieuwe wachtwoordzin', { exact: true }).fill(newEditor.own);
    await page.getByLabel('Herhaal de nieuwe wachtwoordzin').fill(newEditor.own);
    await page.getByRole('button', { name: 'Wachtwoordzin wijzigen' }).click();
    await page.getByRole('alert').filter({ hasText: 'De huidige wachtwoordzin klopt niet.' }).waitFor();
    expect(await page.getByLabel('Nieuwe wachtwoordzin', { exact: true }).inputValue()).toBe('');

    // The wrong guess costs the unlock delay (1 s) before the next attempt counts.
    await page.waitForTimeout(1_100);
    await page.getByLabel('Huidige wachtwoordzin').fill(newEditor.passphrase);
    await page.getByLabel('Nieuwe wachtwoordzin', { exact: true }).fill(newEditor.own);
    await page.getByLabel('Herhaal de nieuwe wachtwoordzin').fill(newEditor.own);
    await page.getByRole('button', { name: 'Wachtwoordzin wijzigen' }).click();
    await page.getByText('Uw wachtwoordzin is gewijzigd. Gebruik voortaan de nieuwe.').waitFor();
  });

  it('Ctrl+L locks from inside a field; the new passphrase opens the vault', async () => {
    await page.getByLabel('Huidige wachtwoordzin').focus();
    await page.keyboard.press('Control+L');
    await showUnlockScreen();
    await page.getByLabel('Gebruikersnaam').fill(newEditor.name);
    await page.getByLabel('Wachtwoordzin', { exact: true }).fill(newEditor.passphrase);
    await page.getByRole('button', { name: 'Ontgrendelen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Gebruikersnaam of wachtwoordzin klopt niet.' }).waitFor();
    await page.waitForTimeout(1_100);
    await signIn(newEditor.name, newEditor.own, newEditor.displayName);
  });

  it('the beheerder resets a passphrase with the recovery key, changes a role, and removes the user', async () => {
    await page.keyboard.press('Control+Shift+L');
    await showUnlockScreen();
    await signIn(admin.name, vault.passphrase, admin.displayName);
    await page.getByRole('link', { name: 'Gebruikers' }).click();
    const card = page.getByRole('listitem').filter({ hasText: `(${newEditor.name})` });

    await card.getByRole('button', { name: `Wachtwoordzin herstellen ${newEditor.name}` }).click();
    const reset = page.getByRole('form', { name: `Nieuwe wachtwoordzin voor ${newEditor.displayName}` });
    await eventually(focusedId).toContain('-key');
    await reset.getByLabel('Herstelsleutel').fill(vault.recoveryKey.toLowerCase());
    await reset.getByLabel('Nieuwe wachtwoordzin', { exact: true }).fill('na-vergeten-door-beheer');
    await reset.getByLabel('Herhaal de nieuwe wachtwoordzin').fill('na-vergeten-door-beheer');
    await reset.getByRole('button', { name: 'Wachtwoordzin instellen' }).click();
    await page.getByText(`${newEditor.displayName} heeft een nieuwe wachtwoordzin.`).waitFor();

    await card.getByRole('button', { name: `Account wijzigen ${newEditor.name}` }).click();
    const role = page.getByRole('form', { name: `Account van ${newEditor.displayName}` });
    await role.getByLabel('Accountrol').selectOption('lezer');
    await role.getByRole('button', { name: 'Account opslaan' }).click();
    await page.getByText(`${newEditor.displayName} heeft nu account lezer.`).waitFor();
    expect(await card.textContent()).toContain('Account: lezer');

    // The last beheerder cannot step down.
    const own = page.getByRole('listitem').filter({ hasText: `(${admin.name})` });
    expect(await own.getByRole('button', { name: /^Verwijderen/ }).count()).toBe(0);
    await own.getByRole('button', { name: `Account wijzigen ${admin.name}` }).click();
    const ownRole = page.getByRole('form', { name: `Account van ${admin.displayName}` });
    await ownRole.getByLabel('Accountrol').selectOption('redacteur');
    await ownRole.getByRole('button', { name: 'Account opslaan' }).click();
    await ownRole.getByRole('alert').filter({ hasText: 'De laatste beheerder kan niet worden verwijderd of een andere rol krijgen' }).waitFor();
    await ownRole.getByRole('button', { name: 'Annuleren' }).click();

    await card.getByRole('button', { name: `Verwijderen ${newEditor.name}` }).click();
    await page.getByRole('group', { name: `${newEditor.displayName} verwijderen?` }).getByRole('button', { name: 'Definitief verwijderen' }).click();
    await page.getByText(`${newEditor.displayName} is verwijderd; de kluis heeft een nieuwe sleutel.`).waitFor();
    const removed = page.getByRole('table', { name: 'Verwijderde gebruikers' });
    expect(await removed.textContent()).toContain(newEditor.name);
    expect(await card.count()).toBe(0);

    await page.keyboard.press('Control+L');
    await showUnlockScreen();
    await page.getByLabel('Gebruikersnaam').fill(newEditor.name);
    await page.getByLabel('Wachtwoordzin', { exact: true }).fill('na-vergeten-door-beheer');
    await page.getByRole('button', { name: 'Ontgrendelen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Gebruikersnaam of wachtwoordzin klopt niet.' }).waitFor();
    await page.waitForTimeout(1_100);
    await signIn(admin.name, vault.passphrase, admin.displayName);
  });
});

describe('a shift change', () => {
  it('Ctrl+Shift+L: an empty, focused user name, and the next user continues in the same case and tab', async () => {
    await openCaseSection('Actielijst');
    await page.getByLabel('Actie', { exact: true }).focus();
    await page.keyboard.press('Control+Shift+L');
    await showUnlockScreen();
    await page.getByText('Gebruiker wisselen: meld u aan met uw eigen gebruikersnaam en wachtwoordzin.').waitFor();
    expect(await page.getByText(caseTitle).count()).toBe(0);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: join(screenshotDir, 'switch-user.png'), fullPage: true });

    await signIn(nightShift.name, nightShift.passphrase, nightShift.displayName);
    await heading(caseTitle).waitFor();
    expect(await currentTab()).toBe('Actielijst');
    await header().getByText('Account: redacteur').waitFor();
    expect(await hash()).toBe(`#case/${caseId}/acties`);
  });

  it('a plain lock brings the same user back to where they were', async () => {
    await page.keyboard.press('Control+L');
    await showUnlockScreen();
    expect(await page.getByText('Gebruiker wisselen').count()).toBe(0);
    await signIn(nightShift.name, nightShift.passphrase, nightShift.displayName);
    await heading(caseTitle).waitFor();
    expect(await hash()).toBe(`#case/${caseId}/acties`);
  });

  it('a role handover with "also switch user" records the handover, then the new holder signs in at the team', async () => {
    await openCaseSection('Team en rollen');
    await page.getByRole('button', { name: 'Overdragen OOV-adviseur' }).click();
    const handOver = page.getByRole('form', { name: 'OOV-adviseur overdragen' });
    await handOver.getByLabel('Overdragen aan').selectOption({ label: nightShift.displayName });
    await handOver.getByLabel('Ook van gebruiker wisselen').check();
    await handOver.getByRole('button', { name: 'Overdragen' }).click();
    await showUnlockScreen();
    await page.getByText('Gebruiker wisselen').first().waitFor();

    await signIn(admin.name, vault.passphrase, admin.displayName);
    await heading(caseTitle).waitFor();
    expect(await currentTab()).toBe('Team en rollen');
    const history = page.getByRole('table', { name: 'Wie had welke rol' });
    await eventually(() => history.textContent()).toContain(`overgedragen aan ${nightShift.displayName}`);
  });
});
