import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../db/users';
import { startInProcessBrowserHost, type InProcessBrowserHost } from '../../main/browser-host/server';
import { createCase } from '../../main/services/cases';
import { sessionFor } from '../../main/services/session';
import type { OrdelogApi } from '../../shared/contract';
import { ensureRendererBuilt, launchBrowser, newPage, screenshotDir } from '../helpers/browser';
import { createTestVault, testKdf, testPassphrase, testUserName, type TestVault } from '../helpers/vault';

/**
 * Nothing typed is lost: a phase reason, a decision, the briefing's texts and a quick entry, half typed when the
 * vault locks (the Lock button, a screen lock, the idle lock), are back after the same user unlocks, in the same
 * case, tab and form; never for another user; offered rather than put back after a day. Escape asks before it
 * throws typed text away. Language and time zone are the user's, in the vault, across a restart.
 */

interface PageGlobals {
  ordelog: OrdelogApi;
  localStorage: { length: number };
}

const owner = { name: testUserName, passphrase: testPassphrase, displayName: 'Anna de Beheerder' };
const second = { name: 'b.tweede', displayName: 'Bas Tweede', passphrase: 'tweede-schrijft-ook-mee' };
const caseTitle = 'Vuurwerk bij het station';
const texts = {
  reason: 'Groepen trekken van het plein naar het station',
  decision: 'Noodbevel: het Stationsplein gaat om 22.00 uur dicht',
  summary: 'Rond 21.20 uur vuurwerkbommen bij de ingang',
  risks: 'Verplaatsing naar het winkelcentrum',
  requested: 'Instemming met een noodbevel voor het stationsgebied',
  quick: 'NS-beveiliging: groep van ongeveer 40 jongeren bij perron 3',
};

const eventually = <T>(read: () => Promise<T> | T, timeout = 10_000) => expect.poll(read, { timeout });

let browser: Browser;
let vault: TestVault;
let host: InProcessBrowserHost;
let page: Page;
let caseId: string;

const draftKey = (form: string) => `case/${caseId}/${form}`;
const storedDrafts = () =>
  host.controller.session().db.sqlite.prepare('SELECT key, value, saved_at AS savedAt FROM drafts').all() as { key: string; value: string; savedAt: string }[];
const storedResume = () => {
  const session = host.controller.session();
  const value = session.db.sqlite.prepare("SELECT value FROM user_settings WHERE key = 'resume' AND user_id = ?").pluck().get(session.user.id) as
    | string
    | undefined;
  return value === undefined ? null : (JSON.parse(value) as { form: string | null });
};
const heading = (name: string) => page.getByRole('heading', { level: 1, name });

async function open(onHost: InProcessBrowserHost): Promise<void> {
  host = onHost;
  page = await newPage(browser);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(host.url);
}

async function unlockAs(user: { name: string; passphrase: string }): Promise<void> {
  await page.getByLabel('Gebruikersnaam').fill(user.name);
  await page.getByLabel('Wachtwoordzin', { exact: true }).fill(user.passphrase);
  await page.getByRole('button', { name: 'Ontgrendelen' }).click();
}

async function lockWithButton(): Promise<void> {
  await page.getByRole('button', { name: 'Vergrendelen' }).click();
  await heading('Kluis ontgrendelen').waitFor();
}

async function tab(name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Onderdelen van het dossier' }).getByRole('link', { name, exact: true }).click();
}

const focusedId = () => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id);
const quickEntry = () => page.getByRole('dialog', { name: 'Snelle invoer' });

const inPage = (html: string): string[] => Object.values(texts).filter((text) => html.includes(text));

/** The raw bytes of every file of the vault: case text may only be there encrypted. */
function plaintextOnDisk(): string[] {
  const files = readdirSync(vault.dir).map((name) => join(vault.dir, name)).filter((file) => statSync(file).isFile());
  const bytes = files.map((file) => readFileSync(file));
  return Object.values(texts).filter((text) =>
    bytes.some((content) => content.includes(Buffer.from(text, 'utf8')) || content.includes(Buffer.from(text, 'utf16le'))),
  );
}

beforeAll(async () => {
  await ensureRendererBuilt();
  browser = await launchBrowser();
  vault = await createTestVault({ displayName: owner.displayName });
  await addUser(vault.vault, { ...second, role: 'redacteur', kdf: testKdf });
  caseId = createCase(sessionFor(vault.vault, 'app'), { title: caseTitle, municipality: 'Zuidstad' }).id;
  vault.vault.lock();
  await open(await startInProcessBrowserHost({ vaultDir: vault.dir }));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  if (vault) rmSync(vault.root, { recursive: true, force: true });
});

describe('drafts across a lock', () => {
  it('keeps a phase reason, a decision and the briefing texts through the Lock button, and returns to the same tab', async () => {
    await unlockAs(owner);
    await heading('Dossiers').waitFor();
    await page.getByRole('link', { name: caseTitle }).click();
    await heading(caseTitle).waitFor();

    await tab('Fase');
    await page.getByLabel('Nieuwe fase').selectOption({ label: '3. Verspreiding en mobilisatie' });
    await page.getByLabel('Reden', { exact: true }).fill(texts.reason);
    await tab('Besluitenlijst');
    await page.getByLabel('Besluit', { exact: true }).fill(texts.decision);
    await tab('Briefings');
    await page.getByLabel('Beeld: samenvatting').fill(texts.summary);
    await page.getByLabel("Oordeel: risico's").fill(texts.risks);
    await page.getByLabel('Besluit: gevraagde besluiten').fill(texts.requested);
    // At once, without the pause after typing: the lock itself saves what is typed before the key goes.
    await lockWithButton();
    expect(inPage(await page.content())).toEqual([]);
    expect(plaintextOnDisk()).toEqual([]);
    // Never in the browser's storage either.
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).localStorage.length)).toBe(0);

    await unlockAs(owner);
    await heading(caseTitle).waitFor();
    expect(new URL(page.url()).hash).toBe(`#case/${caseId}/briefings`);
    await eventually(() => page.getByLabel('Beeld: samenvatting').inputValue()).toBe(texts.summary);
    expect(await page.getByLabel("Oordeel: risico's").inputValue()).toBe(texts.risks);
    expect(await page.getByLabel('Besluit: gevraagde besluiten').inputValue()).toBe(texts.requested);
    // Back in the field the user was typing in.
    await eventually(focusedId).toBe('briefing-decisions');

    await tab('Besluitenlijst');
    await eventually(() => page.getByLabel('Besluit', { exact: true }).inputValue()).toBe(texts.decision);
    await tab('Fase');
    await eventually(() => page.getByLabel('Reden', { exact: true }).inputValue()).toBe(texts.reason);
    expect(await page.getByLabel('Nieuwe fase').locator('option:checked').textContent()).toBe('3. Verspreiding en mobilisatie');
  });

  it('opens quick entry again with its text after a screen lock, which main starts without asking the page', async () => {
    await tab('Briefings');
    await page.keyboard.press('Control+k');
    await quickEntry().waitFor();
    await page.getByLabel('Wat is er gebeurd?').fill(texts.quick);
    // Saved a moment after typing stops: what is there when main locks.
    await eventually(() => storedDrafts().find((draft) => draft.key === draftKey('quick-entry'))?.value ?? '').toContain(texts.quick);
    // With the place to come back to (a call of its own, which a loaded machine may answer a moment later).
    await eventually(() => storedResume()?.form ?? null).toBe(draftKey('quick-entry'));
    host.controller.lock('screen-lock');
    await heading('Kluis ontgrendelen').waitFor();
    await page.getByText('De kluis is vergrendeld omdat het scherm werd vergrendeld.').waitFor();
    expect(plaintextOnDisk()).toEqual([]);

    await unlockAs(owner);
    await quickEntry().waitFor();
    await eventually(() => page.getByLabel('Wat is er gebeurd?').inputValue()).toBe(texts.quick);
    await eventually(focusedId).toBe('quick-text');
    expect(new URL(page.url()).hash).toBe(`#case/${caseId}/briefings`);
    await page.screenshot({ path: join(screenshotDir, 'draft-restored.png') });
  });

  it('asks before Escape throws typed text away; with nothing typed Escape closes at once', async () => {
    const confirm = page.getByRole('alertdialog', { name: 'Getypte tekst weggooien?' });
    await page.keyboard.press('Escape');
    await confirm.waitFor();
    // The safe answer has the focus: Enter or another Escape keeps the text.
    await eventually(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent)).toBe(
      'Verder typen',
    );
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'hidden' });
    expect(await quickEntry().isVisible()).toBe(true);
    expect(await focusedId()).toBe('quick-text');
    await page.keyboard.press('Escape');
    await confirm.getByRole('button', { name: 'Verder typen' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await page.getByLabel('Wat is er gebeurd?').inputValue()).toBe(texts.quick);

    await page.keyboard.press('Escape');
    await confirm.getByRole('button', { name: 'Weggooien' }).click();
    await quickEntry().waitFor({ state: 'hidden' });
    // Thrown away means gone from the vault too.
    await eventually(() => storedDrafts().map((draft) => draft.key)).not.toContain(draftKey('quick-entry'));

    await page.keyboard.press('Control+k');
    await quickEntry().waitFor();
    expect(await page.getByLabel('Wat is er gebeurd?').inputValue()).toBe('');
    await page.keyboard.press('Escape');
    await quickEntry().waitFor({ state: 'hidden' });
    expect(await confirm.count()).toBe(0);

    // Any dialog with typed text asks: a new case.
    await page.getByRole('navigation', { name: 'Navigatie' }).getByRole('link', { name: 'Dossiers' }).click();
    await page.getByRole('button', { name: 'Nieuw dossier' }).click();
    await page.getByRole('dialog').getByLabel('Titel').fill('Onrust op de markt');
    await page.keyboard.press('Escape');
    await confirm.getByRole('button', { name: 'Weggooien' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
  });

  it('never shows one user the drafts of another', async () => {
    await lockWithButton();
    await unlockAs(second);
    // Not the first user's place either: the second starts at the case list.
    await heading('Dossiers').waitFor();
    expect(
      await page.evaluate(async () => {
        const result = await (globalThis as unknown as PageGlobals).ordelog['drafts.load']();
        return result.ok ? result.value : null;
      }),
    ).toEqual({ resume: null, drafts: [] });
    await page.getByRole('link', { name: caseTitle }).click();
    await heading(caseTitle).waitFor();
    await tab('Fase');
    await eventually(() => page.getByLabel('Reden', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByLabel('Reden', { exact: true }).inputValue()).toBe('');
    await tab('Besluitenlijst');
    await eventually(() => page.getByLabel('Besluit', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByLabel('Besluit', { exact: true }).inputValue()).toBe('');
    await tab('Briefings');
    expect(await page.getByLabel('Beeld: samenvatting').inputValue()).toBe('');
    expect(inPage(await page.content())).toEqual([]);
  });

  it('offers a draft older than a day instead of putting it back', async () => {
    await lockWithButton();
    await unlockAs(owner);
    // Where the owner was last: the case list, with the new-case dialog.
    await heading('Dossiers').waitFor();
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3_600_000).toISOString();
    const age = host.controller.session().db.sqlite.prepare('UPDATE drafts SET saved_at = ? WHERE key = ?');
    for (const form of ['phase-change', 'decision']) expect(age.run(twoDaysAgo, draftKey(form)).changes).toBe(1);
    await lockWithButton();
    await unlockAs(owner);
    await page.getByRole('link', { name: caseTitle }).click();
    await heading(caseTitle).waitFor();

    await tab('Fase');
    const offer = page.locator('.draft-offer');
    await eventually(() => offer.textContent()).toMatch(/^Er is een concept van .*\d\d:\d\d\./);
    expect(await page.getByLabel('Reden', { exact: true }).inputValue()).toBe('');
    await offer.getByRole('button', { name: 'Terugzetten' }).click();
    expect(await page.getByLabel('Reden', { exact: true }).inputValue()).toBe(texts.reason);
    expect(await offer.count()).toBe(0);

    await tab('Besluitenlijst');
    await offer.getByRole('button', { name: 'Weggooien' }).click();
    expect(await offer.count()).toBe(0);
    expect(await page.getByLabel('Besluit', { exact: true }).inputValue()).toBe('');
    await eventually(() => storedDrafts().map((draft) => draft.key)).not.toContain(draftKey('decision'));
  });

  it('deletes a draft once its form is recorded', async () => {
    await tab('Fase');
    await eventually(() => page.getByLabel('Reden', { exact: true }).inputValue()).toBe(texts.reason);
    await page.getByRole('button', { name: 'Fase wijzigen' }).click();
    await page.getByText('De fase is nu Verspreiding en mobilisatie.').waitFor();
    await eventually(() => storedDrafts().map((draft) => draft.key)).not.toContain(draftKey('phase-change'));
  });
});

describe('the idle lock and a restart', () => {
  beforeAll(async () => {
    await page.context().close();
    await host.close();
    await open(await startInProcessBrowserHost({ vaultDir: vault.dir, testing: { idleLockMsOverride: 10_000 } }));
  });

  it('keeps what was typed when the idle lock comes, and returns to it', async () => {
    await unlockAs(owner);
    await heading(caseTitle).waitFor();
    await tab('Fase');
    const reason = `${texts.reason}, daarna verder`;
    await page.getByLabel('Reden', { exact: true }).fill(reason);
    await eventually(() => storedDrafts().find((draft) => draft.key === draftKey('phase-change'))?.value ?? '').toContain('daarna verder');

    await heading('Kluis ontgrendelen').waitFor({ timeout: 20_000 });
    await page.getByText('De kluis is vergrendeld omdat er een tijd lang niets gebeurde.').waitFor();
    await unlockAs(owner);
    await heading(caseTitle).waitFor();
    expect(new URL(page.url()).hash).toBe(`#case/${caseId}/fase`);
    await eventually(() => page.getByLabel('Reden', { exact: true }).inputValue()).toBe(reason);
    await eventually(focusedId).toBe('work-phase-reason');
  });

  it('keeps language and time zone per user in the vault, across a restart of the app', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('group', { name: 'Show times in' }).getByRole('button', { name: 'UTC', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Phase' }).waitFor();
    await eventually(() => host.controller.session().db.sqlite.prepare('SELECT count(*) FROM user_settings WHERE key IN (?, ?)').pluck().get('language', 'timeZone')).toBe(2);

    await page.context().close();
    await host.close();
    await open(await startInProcessBrowserHost({ vaultDir: vault.dir }));
    // Before anyone signs in: this window's language, Dutch at a start.
    await heading('Kluis ontgrendelen').waitFor();
    await unlockAs(owner);
    await heading(caseTitle).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Phase' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const zones = page.getByRole('group', { name: 'Show times in' });
    expect(await zones.getByRole('button', { name: 'UTC', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).localStorage.length)).toBe(0);

    // The unlock screen keeps the last language of this window; the other user has not chosen one.
    await page.getByRole('button', { name: 'Lock' }).click();
    await heading('Unlock the vault').waitFor();
    await page.getByLabel('User name').fill(second.name);
    await page.getByLabel('Passphrase').fill(second.passphrase);
    await page.getByRole('button', { name: 'Unlock' }).click();
    // Someone else after a plain lock starts at the case list, with their own settings.
    await heading('Cases').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('group', { name: 'Show times in' }).getByRole('button', { name: 'Dutch time' }).getAttribute('aria-pressed')).toBe('true');
  });
});
