import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../main/browser-host/server';
import { createCase } from '../../main/services/cases';
import { appendEntry } from '../../main/services/entries';
import { sessionFor, type Session } from '../../main/services/session';
import type { OrdelogApi } from '../../shared/contract';
import { exportBundle, importBundle } from '../../main/services/sharing/bundles';
import { addPeer, myInvitation, setOrganisation } from '../../main/services/sharing/invitations';
import { expectNoSeriousA11yViolations } from '../helpers/a11y';
import { ensureRendererBuilt, launchBrowser, openSignedIn, screenshotDir } from '../helpers/browser';
import { createTestVault, type TestVault } from '../helpers/vault';

/**
 * Sharing a case through the screens. The gemeente's vault runs behind the browser; the police and an unknown
 * sender are vaults in this test's process that read and write bundle files as a partner's Ordelog would. The
 * files travel through the page's file inputs and downloads, as a USB stick would carry them.
 */

const title = 'Oproep tot rellen bij het station';
const bundleTimeout = 60_000;

interface Partner {
  test: TestVault;
  session: Session;
}

async function partner(displayName: string, organisation: string): Promise<Partner> {
  const test = await createTestVault({ displayName });
  const session = sessionFor(test.vault, 'app');
  setOrganisation(session, { organisation });
  return { test, session };
}

let browser: Browser;
let gemeente: TestVault;
let politie: Partner;
let onbekend: Partner;
let host: BrowserHost;
let page: Page;
let caseId = '';
/** The gemeente's invitation as its user downloaded it from the partners screen. */
let gemeenteInvitation = '';
/** The case the gemeente received from the unknown sender once accepted. */
let receivedCaseId = '';

beforeAll(async () => {
  await ensureRendererBuilt();
  browser = await launchBrowser();
  gemeente = await createTestVault({ displayName: 'OOV-adviseur Jansen' });
  const session = sessionFor(gemeente.vault, 'app');
  setOrganisation(session, { organisation: 'Gemeente Lindedorp' });
  caseId = createCase(session, { title }).id;
  appendEntry(session, { caseId, type: 'signaal', text: 'TikTok: "iedereen om 21:00 naar het station"' });
  appendEntry(session, { caseId, type: 'waarneming', text: 'Zestig jongeren bij het station', location: 'Stationsplein' });
  gemeente.vault.lock();
  politie = await partner('Wijkagent de Vries', 'Politie basisteam Lindedorp');
  onbekend = await partner('Officier Bakker', 'OM Oost-Nederland');
  ({ host, page } = await openSignedIn(browser, gemeente, { width: 1400, height: 1000 }));
}, 120_000);

afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await host?.close();
  gemeente?.cleanup();
  politie?.test.cleanup();
  onbekend?.test.cleanup();
});

async function go(hash: string): Promise<void> {
  await page.evaluate((target) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = target;
  }, hash);
}

/** Clicks and waits for the download it starts; resolves with the download and its bytes. */
async function downloadFrom(click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: bundleTimeout }), click()]);
  return { download, bytes: readFileSync(await download.path()) };
}

async function openSharingTab(caseTitle: string, id: string): Promise<void> {
  await go(`#case/${id}/overzicht`);
  await page.getByRole('heading', { level: 1, name: caseTitle }).waitFor();
  await page.getByRole('navigation', { name: 'Onderdelen van het dossier' }).getByRole('link', { name: 'Delen', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Delen met partners' }).waitFor();
}

const importSection = () => page.getByRole('region', { name: 'Pakket inlezen' });

async function importThroughCaseList(name: string, bytes: Buffer): Promise<void> {
  await go('#cases');
  await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
  await importSection().getByLabel('Pakketbestand').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: bytes });
  await importSection().getByRole('button', { name: 'Inlezen' }).click();
}

describe('sharing a case with partners', () => {
  it('shows on the Delen tab that the case is not shared, and no bundle in the register', async () => {
    await openSharingTab(title, caseId);
    await page.getByText('Niet gedeeld: dit dossier staat alleen in deze kluis.', { exact: true }).waitFor();
    // No partner who can receive yet: the way to Partners is offered, and the button waits.
    await page.getByText(/^Er is nog geen geaccepteerde partner die een pakket kan ontvangen\./).waitFor();
    expect(await page.getByRole('button', { name: 'Pakket maken' }).isDisabled()).toBe(true);
    expect(await page.locator('.briefing-register tbody tr').count()).toBe(0);
    await expectNoSeriousA11yViolations(page, '.work-section');
  });

  it('adds the police as partner from their invitation after the code check, and offers its own invitation', async () => {
    await page.getByRole('link', { name: 'Partners beheren' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Partners' }).waitFor();
    const mine = page.getByRole('region', { name: 'Mijn uitnodiging' });
    const code = await mine.locator('code[data-code]').getAttribute('data-code');
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const { download, bytes } = await downloadFrom(() => mine.getByRole('button', { name: 'Uitnodiging downloaden' }).click());
    expect(download.suggestedFilename()).toBe('uitnodiging-oov-adviseur-jansen.ordelog-uitnodiging');
    gemeenteInvitation = bytes.toString('utf8');
    expect(JSON.parse(gemeenteInvitation)).toMatchObject({ format: 'ordelog-uitnodiging', name: 'OOV-adviseur Jansen', organisation: 'Gemeente Lindedorp', code });
    expect(await mine.getByLabel('Organisatie').inputValue()).toBe('Gemeente Lindedorp');

    const add = page.getByRole('region', { name: 'Uitnodiging toevoegen' });
    const police = myInvitation(politie.session);
    await add.getByLabel('Uitnodigingsbestand').setInputFiles({
      name: 'uitnodiging-wijkagent-de-vries.ordelog-uitnodiging',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(police)),
    });
    await add.getByText('Uitnodiging van Wijkagent de Vries (Politie basisteam Lindedorp)').waitFor();
    expect(await add.locator('code[data-code]').textContent()).toBe(police.code);
    // Added only once the person confirms the code read out over the phone.
    const addButton = add.getByRole('button', { name: 'Partner toevoegen' });
    expect(await addButton.isDisabled()).toBe(true);
    await add.getByLabel('De partner las precies deze code voor').check();
    await addButton.click();
    await add.getByText('Wijkagent de Vries (Politie basisteam Lindedorp) is toegevoegd als partner.').waitFor();
    const row = page.getByRole('region', { name: 'Mijn partners' }).getByRole('row', { name: /Wijkagent de Vries/ });
    expect(await row.getByRole('cell').nth(2).textContent()).toMatch(/^geaccepteerd \(/);
    await expectNoSeriousA11yViolations(page, '#content');
  });

  it('makes a bundle for the police: the file downloads, the register and the status show it', async () => {
    await openSharingTab(title, caseId);
    const form = page.getByRole('region', { name: 'Pakket maken' });
    expect(await form.getByLabel('Partner').locator('option:checked').textContent()).toBe('Wijkagent de Vries (Politie basisteam Lindedorp)');
    const { download, bytes } = await downloadFrom(() => form.getByRole('button', { name: 'Pakket maken' }).click());
    expect(download.suggestedFilename()).toMatch(/^DOSSIER-[0-9A-Z]+-pakket-1\.ordelogpakket$/);
    await form.getByText(`Pakket gemaakt: pakket 1 als ${download.suggestedFilename()}, vastgelegd in het exportregister.`, { exact: false }).waitFor();
    const registerRow = page.locator('.briefing-register tbody tr');
    await expect.poll(() => registerRow.count()).toBe(1);
    expect(await registerRow.locator('th').textContent()).toBe('Pakket');
    expect(await registerRow.textContent()).toContain('Wijkagent de Vries (Politie basisteam Lindedorp)');
    await page.getByText('Eigen dossier, gedeeld met Wijkagent de Vries (Politie basisteam Lindedorp).', { exact: true }).waitFor();
    await expectNoSeriousA11yViolations(page, '.work-section');
    await page.screenshot({ path: join(screenshotDir, 'sharing.png'), fullPage: true });

    // The police read it with the gemeente's downloaded invitation accepted, as their Ordelog would.
    addPeer(politie.session, { invitation: gemeenteInvitation });
    const received = await importBundle(politie.session, bytes, {});
    expect(received).toMatchObject({ caseId, created: true, from: { organisation: 'Gemeente Lindedorp' }, refused: 0 });
  }, bundleTimeout + 30_000);

  it('reads the police bundle in from the case list: the result names the case and its sender, and opens it', async () => {
    appendEntry(politie.session, { caseId, type: 'waarneming', text: 'Twee busjes met jongeren gezien bij de afrit' });
    const gemeenteAtPolice = addPeer(politie.session, { invitation: gemeenteInvitation }).id;
    const file = await exportBundle(politie.session, { caseId, recipient: { kind: 'partner', peerId: gemeenteAtPolice } });
    await importThroughCaseList('politie.ordelogpakket', Buffer.from(file.data, 'base64'));
    const result = importSection().locator('.sharing-import-result');
    await result.waitFor({ timeout: bundleTimeout });
    expect(await result.textContent()).toMatch(
      new RegExp(`^Dossier ${title} ontvangen van Wijkagent de Vries \\(Politie basisteam Lindedorp\\): [1-9]\\d* nieuwe regels, 0 geweigerd, 0 voorlopig\\. Dossier openen$`),
    );
    await expectNoSeriousA11yViolations(page, '.sharing-import');
    await result.getByRole('link', { name: 'Dossier openen' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('navigation', { name: 'Onderdelen van het dossier' }).getByRole('link', { name: 'Tijdlijn', exact: true }).click();
    await page.getByText('Twee busjes met jongeren gezien bij de afrit').waitFor();
  }, bundleTimeout + 30_000);

  it('refuses a bundle from an unknown sender with their code, and reads it after they are accepted under Partners', async () => {
    const otherTitle = 'Doxxing van een raadslid';
    const gemeenteAtOm = addPeer(onbekend.session, { invitation: gemeenteInvitation }).id;
    const otherCase = createCase(onbekend.session, { title: otherTitle }).id;
    appendEntry(onbekend.session, { caseId: otherCase, type: 'signaal', text: 'Adres gedeeld in een Telegramgroep' });
    const bundle = Buffer.from((await exportBundle(onbekend.session, { caseId: otherCase, recipient: { kind: 'partner', peerId: gemeenteAtOm } })).data, 'base64');

    await importThroughCaseList('om.ordelogpakket', bundle);
    const alert = importSection().getByRole('alert');
    await alert.getByText(/^Dit pakket komt van een afzender die hier nog niet is geaccepteerd\./).waitFor({ timeout: bundleTimeout });
    const senderCode = (await importSection().locator('.sharing-unknown-sender [data-code]').getAttribute('data-code')) ?? '';
    expect(await alert.textContent()).toContain(`Afzender: Officier Bakker (OM Oost-Nederland), code ${senderCode}.`);
    expect(senderCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await expectNoSeriousA11yViolations(page, '.sharing-import');

    await importSection().getByRole('link', { name: 'Naar Partners om de afzender te accepteren' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partners' }).waitFor();
    const list = page.getByRole('region', { name: 'Mijn partners' });
    const row = list.getByRole('row', { name: /Officier Bakker/ });
    expect(await row.getByRole('cell').nth(2).textContent()).toBe('nog niet geaccepteerd (afzender van een pakket)');
    expect(await row.locator('code').textContent()).toBe(senderCode);
    await row.getByRole('button', { name: 'Officier Bakker accepteren' }).click();
    await list.getByText(`Vraag Officier Bakker de code voor te lezen. Accepteer alleen als die gelijk is aan ${senderCode}.`).waitFor();
    await expectNoSeriousA11yViolations(page, '#content');
    await list.getByRole('button', { name: 'De code klopt: accepteren' }).click();
    await list.getByText('Officier Bakker (OM Oost-Nederland) is geaccepteerd. Lees het pakket nu opnieuw in.').waitFor();

    await importThroughCaseList('om.ordelogpakket', bundle);
    const result = importSection().locator('.sharing-import-result');
    await result.waitFor({ timeout: bundleTimeout });
    expect(await result.textContent()).toMatch(new RegExp(`^Dossier ${otherTitle} ontvangen van Officier Bakker \\(OM Oost-Nederland\\): `));
    await result.getByRole('link', { name: 'Dossier openen' }).click();
    await page.getByRole('heading', { level: 1, name: otherTitle }).waitFor();
    receivedCaseId = otherCase;
    // A received case: the overview says what the owner keeps.
    await page.getByText(/^Ontvangen van OM Oost-Nederland\. In een ontvangen dossier kunt u logregels toevoegen/).waitFor();
  }, 2 * bundleTimeout + 30_000);

  it('records an entry in the received case as provisional, without a number, and the Delen tab counts it', async () => {
    // The vault's own line about the bundle it read is provisional too: count from what the case holds now.
    const before = await page.evaluate(async (id) => {
      const status = await (globalThis as unknown as { ordelog: OrdelogApi }).ordelog['sharing.status']({ caseId: id });
      return status.ok ? status.value.provisional : -1;
    }, receivedCaseId);
    expect(before).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Snelle invoer' });
    await dialog.waitFor();
    await page.keyboard.press('w');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Wijkagent ziet het adres ook op Instagram.');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByRole('status').textContent()).toContain('Klaar voor de volgende regel');
    await page.keyboard.press('Escape');
    await page.getByText('Waarneming vastgelegd als voorlopige regel: de eigenaar van het dossier geeft hem een plaats in het logboek.').waitFor();
    expect(await page.getByText(/vastgelegd als regel 0/).count()).toBe(0);

    await page.getByRole('navigation', { name: 'Onderdelen van het dossier' }).getByRole('link', { name: 'Delen', exact: true }).click();
    await page.getByText('Ontvangen van OM Oost-Nederland.', { exact: true }).waitFor();
    await page.getByText(`${before + 1} regels voorlopig: nog niet bevestigd door de eigenaar.`, { exact: true }).waitFor();
    await page.getByText('Niets geweigerd.', { exact: true }).waitFor();
    expect(await page.locator('.briefing-register tbody th').allTextContents()).toEqual(['Ontvangen pakket']);
    await expectNoSeriousA11yViolations(page, '.work-section');
  });
});
