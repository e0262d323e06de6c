import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../db/users';
import type { BrowserHost } from '../../main/browser-host/server';
import { addAttachment } from '../../main/services/attachments';
import { createCase } from '../../main/services/cases';
import { recordDecision } from '../../main/services/decisions';
import { appendEntry } from '../../main/services/entries';
import { listCaseRoles } from '../../main/services/roles';
import { sessionFor } from '../../main/services/session';
import { recordSignal } from '../../main/services/signals';
import { createTask } from '../../main/services/tasks';
import type { OrdelogApi } from '../../shared/contract';
import { expectNoSeriousA11yViolations } from '../helpers/a11y';
import { ensureRendererBuilt, launchBrowser, openSignedIn, screenshotDir, signInAndShowCases } from '../helpers/browser';
import { createTestVault, testKdf, type TestVault } from '../helpers/vault';

/**
 * The mayor's briefing in the real shell under the app's CSP: compose and preview (the same HTML main prints,
 * hostile entry text shown as text and never run), export a PDF whose bytes match the SHA-256 on screen and
 * in the register, check the downloaded file and a changed copy, the redacted JSON log without personal data,
 * and a lezer who may preview but not export.
 */

interface PageGlobals {
  ordelog: OrdelogApi;
  __pwned?: unknown;
  __cspViolations?: string[];
}

const reader = { name: 'l.lezer', displayName: 'Lotte Lezer', passphrase: 'lezer-mag-alles-zien' };
const caseTitle = 'Oproep tot rellen Stationsplein';
const hostileImg = '<img src=x onerror="window.__pwned=1">';
const hostileScript = '<script>window.__pwned=2</script>';
const hostileText = `Bericht doorgestuurd uit de groep: ${hostileImg} en ${hostileScript} einde bericht.`;
const personalText = 'Melder Jan Jansen, Dorpsstraat 12, belde 06-11112222 over de oproep.';
const decisionText = 'Noodbevel: samenscholingsverbod op het Stationsplein zaterdag 20.00–02.00 uur.';
const summary = 'Online oproep tot rellen op zaterdagavond verspreidt zich snel; politie schat 60 tot 100 jongeren.';
const risks = 'Vuurwerk en vernielingen rond het station; kans op escalatie na 22.00 uur is reëel.';
const requested = 'Instemmen met een noodbevel en inzet van jongerenwerk vanaf 19.00 uur.';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** Printing launches a second Chromium on first use; give the download more than the page's default. */
const exportTimeout = 60_000;

let browser: Browser;
let vault: TestVault;
let host: BrowserHost;
let page: Page;
let caseId: string;
const consoleViolations: string[] = [];
let briefingPdf: Buffer;
let briefingSha = '';

beforeAll(async () => {
  await ensureRendererBuilt();
  browser = await launchBrowser();
  vault = await createTestVault({ displayName: 'Anna de Beheerder' });
  await addUser(vault.vault, { name: reader.name, displayName: reader.displayName, role: 'lezer', passphrase: reader.passphrase, kdf: testKdf });
  const session = sessionFor(vault.vault, 'app');
  caseId = createCase(session, { title: caseTitle, municipality: 'Zuidstad' }).id;
  appendEntry(session, { caseId, type: 'waarneming', text: hostileText, source: 'Jongerenwerk', sourceReliability: 'C', informationCredibility: '3' });
  appendEntry(session, { caseId, type: 'waarneming', text: personalText, personalData: true });
  const signal = recordSignal(session, {
    caseId,
    text: 'Snapchat-oproep: zaterdag 21.00 uur met vuurwerk naar het Stationsplein.',
    platform: 'snapchat',
    channel: 'openbaar',
    reach: 1200,
    contentClass: 'illegaal',
    sourceReliability: 'B',
    informationCredibility: '2',
  });
  addAttachment(session, {
    caseId,
    entryId: signal.entry.id,
    fileName: 'oproep-transcript.txt',
    mediaType: 'text/plain',
    data: Buffer.from('Zaterdag 21.00 uur Stationsplein, neem vuurwerk mee.\n').toString('base64'),
  });
  recordDecision(session, {
    caseId,
    text: decisionText,
    decidedBy: 'burgemeester',
    necessity: 'Concrete oproep met datum en plaats.',
    proportionality: 'Beperkt tot het plein en één avond.',
    subsidiarity: 'Gesprekken met ouders en jongerenwerk waren niet genoeg.',
  });
  const role = listCaseRoles(session)[0];
  if (!role) throw new Error('the vault has no case roles');
  createTask(session, { caseId, text: 'Melding bij Snapchat via de trusted-flaggerroute', ownerRoleId: role.id, dueAt: new Date(Date.now() + 6 * 3_600_000).toISOString() });
  vault.vault.lock();

  // Whatever the page sees as a CSP violation, also the ones that never reach the console.
  ({ host, page } = await openSignedIn(browser, vault, { width: 1400, height: 1000 }, async (page) => {
    await page.addInitScript(() => {
      const g = globalThis as unknown as PageGlobals & { addEventListener(type: string, listener: (event: { violatedDirective: string; blockedURI: string; sourceFile: string; lineNumber: number; columnNumber: number }) => void): void };
      g.__cspViolations = [];
      g.addEventListener('securitypolicyviolation', (event) => g.__cspViolations?.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`));
    });
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) consoleViolations.push(message.text());
    });
  }));
});

afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await host?.close();
  if (vault) rmSync(vault.root, { recursive: true, force: true });
});

async function openBriefings(): Promise<void> {
  await page.evaluate((target) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = target;
  }, `#case/${caseId}/overzicht`);
  await page.getByRole('heading', { level: 1, name: caseTitle }).waitFor();
  await page.getByRole('navigation', { name: 'Onderdelen van het dossier' }).getByRole('link', { name: 'Briefings', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Briefings', exact: true }).waitFor();
}

const section = () => page.locator('.work-section');
const paper = () => page.locator('.briefing-preview-paper');
const pwned = () => page.evaluate(() => (globalThis as unknown as PageGlobals).__pwned);
/** CSP violations the page saw, also the ones that never reach the console. */
const pageViolations = () => page.evaluate(() => (globalThis as unknown as PageGlobals).__cspViolations ?? []);
const registerList = () =>
  page.evaluate(async (id) => {
    const result = await (globalThis as unknown as PageGlobals).ordelog['exports.list']({ caseId: id });
    return result.ok ? result.value.exports : [];
  }, caseId);

/** Clicks and waits for the download it starts; resolves with the download and its bytes. */
async function downloadFrom(click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: exportTimeout }), click()]);
  const path = await download.path();
  return { download, bytes: readFileSync(path) };
}

async function fillComposer(): Promise<void> {
  await page.getByLabel('Voor wie').selectOption('driehoek');
  await page.getByLabel('Beeld: samenvatting').fill(summary);
  await page.getByLabel("Oordeel: risico's").fill(risks);
  await page.getByLabel('Besluit: gevraagde besluiten').fill(requested);
}

describe('briefings as a beheerder', () => {
  it('opens the Briefings tab and previews Beeld, Oordeel and Besluit, hostile text shown as text and never run', async () => {
    await openBriefings();
    await page.getByText('Leeg laten: vanaf het einde van de periode van de vorige briefing', { exact: false }).waitFor();
    await fillComposer();
    await page.getByRole('button', { name: 'Voorbeeld bijwerken' }).click();
    await page.getByRole('heading', { level: 3, name: 'Voorbeeld van briefing 1' }).waitFor();
    for (const heading of ['Beeld', 'Oordeel', 'Besluit']) {
      await paper().getByRole('heading', { level: 2, name: heading, exact: true }).waitFor();
    }
    await paper().getByText(summary).waitFor();
    await paper().getByText(risks).waitFor();
    await paper().getByText(requested).waitFor();
    await paper().getByText(decisionText).first().waitFor();
    // The preview is the document itself: the root the PDF prints, shown as a page.
    expect(await paper().locator(':scope > article.ordelog-doc').count()).toBe(1);

    // The entry's markup is on the page as characters, not as elements, and nothing ran.
    expect(await paper().getByText(hostileImg, { exact: false }).count()).toBeGreaterThan(0);
    expect(await paper().getByText(hostileScript, { exact: false }).count()).toBeGreaterThan(0);
    expect(await paper().locator('img, script, iframe, object, [onerror], [onload]').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(await pwned()).toBeUndefined();
    expect(await pageViolations()).toEqual([]);
    await expectNoSeriousA11yViolations(page, '.work-section');
    await page.screenshot({ path: join(screenshotDir, 'briefing.png') });

    // Back to the form: what was typed is still there.
    await section().getByRole('button', { name: 'Opstellen', exact: true }).click();
    expect(await page.getByLabel('Beeld: samenvatting').inputValue()).toBe(summary);
    expect(await page.getByLabel("Oordeel: risico's").inputValue()).toBe(risks);
    expect(await page.getByLabel('Besluit: gevraagde besluiten').inputValue()).toBe(requested);
    expect(await page.getByLabel('Voor wie').inputValue()).toBe('driehoek');
    await expectNoSeriousA11yViolations(page, '.work-section');
  });

  it('exports the PDF: the download starts with %PDF- and its SHA-256 is the one shown and the one in the register', async () => {
    await section().getByRole('button', { name: 'Voorbeeld', exact: true }).click();
    await paper().getByRole('heading', { level: 2, name: 'Beeld', exact: true }).waitFor();
    const { download, bytes } = await downloadFrom(() => section().getByRole('button', { name: 'PDF exporteren' }).click());
    briefingPdf = bytes;
    briefingSha = sha256(bytes);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/^DOSSIER-[0-9A-Z]+-briefing-1\.pdf$/);

    await page.getByText(`Geëxporteerd: briefing 1 als ${download.suggestedFilename()}, vastgelegd in het exportregister.`).waitFor({ timeout: exportTimeout });
    const notice = page.locator('.briefing-exported');
    expect(await notice.locator('code[data-sha256]').getAttribute('data-sha256')).toBe(briefingSha);
    expect(Number(await notice.locator('[data-page-count]').getAttribute('data-page-count'))).toBeGreaterThanOrEqual(1);
    expect(await notice.locator('code[data-fingerprint]').getAttribute('data-fingerprint')).toMatch(/^\d+:[0-9a-f]{64}$/);

    // The export is an entry in the log: the preview says it is out of date.
    await section().getByText('Het formulier of het logboek is gewijzigd na dit voorbeeld.', { exact: false }).waitFor();

    // The register on screen and in main hold the same hash.
    const row = section().locator('.briefing-register tbody tr').filter({ has: page.getByRole('rowheader', { name: 'Briefing', exact: true }) });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('details[data-sha256]').getAttribute('data-sha256')).toBe(briefingSha);
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('Lokale driehoek');
    expect(rowText).toContain('Anna de Beheerder');
    expect(rowText).toContain('nee');
    const [record] = (await registerList()).filter((item) => item.kind === 'briefing');
    expect(record).toMatchObject({ number: 1, sha256: briefingSha, audience: 'driehoek', redacted: false });
    expect(record?.fingerprint).toBe(await notice.locator('code[data-fingerprint]').getAttribute('data-fingerprint'));
    // The full value is one click away for whoever compares it by eye.
    await row.locator('details summary').click();
    expect((await row.locator('.briefing-hash-full').textContent())?.replace(/\s/g, '')).toBe(briefingSha);
    await expectNoSeriousA11yViolations(page, '.work-section');
  });

  it('says the downloaded file is briefing 1 and the log still holds its state, and that a changed copy is unknown', async () => {
    const verify = page.getByRole('region', { name: 'Controleer een export' });
    await verify.getByLabel('Bestand kiezen').setInputFiles({ name: 'briefing.pdf', mimeType: 'application/pdf', buffer: briefingPdf });
    await verify.getByText(/^Dit bestand is briefing 1, geëxporteerd op .+ door Anna de Beheerder; de SHA-256 komt overeen\. Het logboek bevat deze staat nog ongewijzigd\.$/).waitFor();
    expect(await verify.locator('code[data-sha256]').getAttribute('data-sha256')).toBe(briefingSha);
    // Each piece of evidence on its own: the register, the file's own fingerprint, the log as it is now.
    const evidence = verify.getByRole('list', { name: 'Bewijs' }).getByRole('listitem');
    expect(await evidence.allTextContents()).toEqual([
      'In het exportregister: briefing 1',
      expect.stringMatching(/^Vingerafdruk volgens het bestand zelf: \d+ regels · [0-9a-f]{12}…$/),
      'Het logboek bevat die staat nu: ja',
    ]);

    const changed = Buffer.from(briefingPdf);
    changed[changed.length - 20] = changed[changed.length - 20]! ^ 0x01;
    await verify.getByLabel('Bestand kiezen').setInputFiles({ name: 'briefing-gewijzigd.pdf', mimeType: 'application/pdf', buffer: changed });
    await verify.getByText('Dit bestand komt niet overeen met een export van dit dossier (gewijzigd of onbekend).').waitFor();
    expect(await evidence.first().textContent()).toBe('In het exportregister: niet gevonden');
    expect(await verify.locator('code[data-sha256]').getAttribute('data-sha256')).toBe(sha256(changed));

    // The same check from the register's row.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), section().getByRole('button', { name: 'Bestand controleren voor briefing 1' }).click()]);
    await chooser.setFiles({ name: 'briefing.pdf', mimeType: 'application/pdf', buffer: briefingPdf });
    await page.locator('.briefing-row-check').getByText(/^Dit bestand is briefing 1, .* de SHA-256 komt overeen\./).waitFor();
    await expectNoSeriousA11yViolations(page, '.work-section');
  });

  it('exports the whole log as redacted JSON without the text of an entry marked as personal data', async () => {
    const logExport = page.getByRole('region', { name: 'Het hele logboek exporteren' });
    await logExport.getByText('bedoeld voor een Woo-verzoek en voor het archief', { exact: false }).waitFor();
    await logExport.getByLabel('Gelakt (persoonsgegevens weglaten)').check();
    const { download, bytes } = await downloadFrom(() => logExport.getByRole('button', { name: 'Logboek als JSON' }).click());
    expect(download.suggestedFilename()).toMatch(/-gelakt\.json$/);
    const text = bytes.toString('utf8');
    expect(() => JSON.parse(text) as unknown).not.toThrow();
    expect(text).not.toContain('Jan Jansen');
    expect(text).not.toContain('06-11112222');
    expect(text).toContain(decisionText);

    await page.getByText(`Geëxporteerd: logboek-JSON 1 als ${download.suggestedFilename()}, vastgelegd in het exportregister.`).waitFor();
    const row = section().locator('.briefing-register tbody tr').filter({ has: page.getByRole('rowheader', { name: 'Logboek JSON', exact: true }) });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('details[data-sha256]').getAttribute('data-sha256')).toBe(sha256(bytes));
    expect(await row.locator('td').nth(6).textContent()).toBe('ja');
    const [record] = (await registerList()).filter((item) => item.kind === 'logboek-json');
    expect(record).toMatchObject({ sha256: sha256(bytes), redacted: true, pageCount: 0 });
    await expectNoSeriousA11yViolations(page, '.work-section');
  });

  it('chooses the annexes by reader, and warns when the author writes more than page 1 holds', async () => {
    await section().getByRole('button', { name: 'Opstellen', exact: true }).click();
    const annex = (name: string) => page.getByRole('group', { name: 'Bijlagen na de kernbriefing' }).getByLabel(name, { exact: true });
    // The lokale driehoek, chosen in the first test: decisions, actions, signals and interventions.
    expect(await annex('Signalen en bewijsstukken').isChecked()).toBe(true);
    expect(await annex('Rollen en contacten').isChecked()).toBe(false);
    await page.getByLabel('Voor wie').selectOption('burgemeester');
    for (const [name, checked] of [['Besluiten en afweging', true], ['Openstaande acties', true], ['Signalen en bewijsstukken', false], ['Tijdlijn (uittreksel)', false]] as const) {
      expect(await annex(name).isChecked(), name).toBe(checked);
    }
    await annex('Tijdlijn (uittreksel)').check();
    await page.getByLabel('Met de regels van het systeem in de tijdlijn (taken, rollen, exports)').waitFor();
    await page.getByLabel('Het hele dossier, vanaf het begin').check();
    expect(await page.getByLabel('Vanaf (niet verplicht)').count()).toBe(0);
    await page.getByLabel('Beeld: samenvatting').fill(Array.from({ length: 10 }, (_, n) => `Alinea ${n + 1} van een lange samenvatting.`).join('\n'));
    await page.getByRole('button', { name: 'Voorbeeld bijwerken' }).click();
    await page.getByText('Past niet op pagina 1: de samenvatting.', { exact: false }).waitFor();
    await paper().getByRole('heading', { level: 2, name: 'Bijlage 1 — Toelichting van de opsteller (volledige tekst)' }).waitFor();
    await paper().getByRole('heading', { level: 2, name: 'Bijlage 4 — Tijdlijn (uittreksel)' }).waitFor();
    await paper().locator('section.annex-toelichting').getByText('Alinea 10 van een lange samenvatting.').waitFor();
    // A partner's version says for whom, and is redacted whatever the box says.
    await page.getByRole('button', { name: 'Opstellen', exact: true }).first().click();
    await page.getByLabel('Versie voor een partner (niet verplicht)').fill('Politie basisteam Lindedorp');
    await page.getByRole('button', { name: 'Voorbeeld bijwerken' }).click();
    await paper().getByText('VERSIE VOOR Politie basisteam Lindedorp').first().waitFor();
    await paper().getByText('GELAKTE VERSIE').first().waitFor();
    await expectNoSeriousA11yViolations(page, '.work-section');
  });

  it('makes the shift-handover report: preview, then a PDF recorded in the register', async () => {
    const handover = page.getByRole('region', { name: 'Overdrachtsrapport bij de dienstwissel' });
    await handover.getByLabel('Periode').selectOption('8');
    await handover.getByLabel('Wie neemt over').fill('Bram de Boer');
    await handover.getByLabel('Eerste acties van de opvolger').fill('Bel de wijkagent over de groep bij het station.');
    await handover.getByRole('button', { name: 'Voorbeeld van het rapport' }).click();
    const paperOf = handover.locator('.briefing-preview-paper');
    await paperOf.getByRole('heading', { level: 1, name: 'Overdrachtsrapport 1' }).waitFor();
    await paperOf.getByText('Bel de wijkagent over de groep bij het station.').waitFor();
    await paperOf.getByText('de laatste 8 uur:', { exact: false }).waitFor();
    const { download, bytes } = await downloadFrom(() => handover.getByRole('button', { name: 'Overdrachtsrapport als PDF' }).click());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/-overdracht-1\.pdf$/);
    await page.getByText(`Geëxporteerd: overdrachtsrapport 1 als ${download.suggestedFilename()}, vastgelegd in het exportregister.`).waitFor({ timeout: exportTimeout });
    const [record] = (await registerList()).filter((item) => item.kind === 'overdracht');
    expect(record).toMatchObject({ sha256: sha256(bytes), number: 1 });
    await expectNoSeriousA11yViolations(page, '.work-section');
  });

  it('ran nothing from the log and logged no Content-Security-Policy violation', async () => {
    expect(await pwned()).toBeUndefined();
    expect(await pageViolations()).toEqual([]);
    expect(consoleViolations).toEqual([]);
  });
});

describe('briefings as a lezer', () => {
  beforeAll(async () => {
    await signInAndShowCases(host, page, reader.name, reader.passphrase);
  });

  it('previews the briefing and sees the register, but no export button', async () => {
    await openBriefings();
    await page.getByText('Exporteren kan alleen met een account dat mag schrijven', { exact: false }).waitFor();
    expect(await section().getByRole('button', { name: 'PDF exporteren' }).count()).toBe(0);
    await page.getByLabel('Beeld: samenvatting').fill('Beeld voor de lezer.');
    await page.getByRole('button', { name: 'Voorbeeld bijwerken' }).click();
    await paper().getByRole('heading', { level: 2, name: 'Beeld', exact: true }).waitFor();
    await paper().getByText('Beeld voor de lezer.').waitFor();
    expect(await section().getByRole('button', { name: /PDF exporteren|Logboek als/ }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Het hele logboek exporteren' }).count()).toBe(0);
    // The register and the check are for everyone.
    await section().locator('.briefing-register tbody tr').first().waitFor();
    expect(await section().locator('.briefing-register tbody tr').count()).toBe(3);
    await page.getByRole('region', { name: 'Controleer een export' }).getByLabel('Bestand kiezen').waitFor();
    await expectNoSeriousA11yViolations(page, '.work-section');
    // Main refuses an export from a lezer, whatever the screen shows.
    const refused = await page.evaluate(
      (id) => (globalThis as unknown as PageGlobals).ordelog['briefings.export']({ caseId: id, requestId: crypto.randomUUID() }),
      caseId,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await pwned()).toBeUndefined();
    expect(await pageViolations()).toEqual([]);
    expect(consoleViolations).toEqual([]);
  });
});
