import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../db/users';
import type { BrowserHost } from '../../main/browser-host/server';
import { createCase } from '../../main/services/cases';
import { sessionFor } from '../../main/services/session';
import type { OrdelogApi } from '../../shared/contract';
import { errorMessages } from '../../shared/errors';
import { expectNoSeriousA11yViolations } from '../helpers/a11y';
import { ensureRendererBuilt, launchBrowser, openSignedIn, screenshotDir, signInAndShowCases } from '../helpers/browser';
import { createTestVault, testKdf, type TestVault } from '../helpers/vault';

/**
 * Signals and evidence in the real shell under the app's CSP: capture by keyboard with evidence pasted,
 * dropped and picked; the SHA-256 the page computed equals Node's and the stored one; the closed-channel
 * rule; a disguised executable refused; and a lezer who sees it all without capture controls.
 */

/** What the tests touch of the page's globals (the test code is type-checked without the DOM library). */
interface PageGlobals {
  ordelog: OrdelogApi;
  document: { querySelector(selector: string): { dispatchEvent(event: unknown): boolean } | null };
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
  ClipboardEvent: new (type: string, init: Record<string, unknown>) => unknown;
  DragEvent: new (type: string, init: Record<string, unknown>) => unknown;
}

const reader = { name: 'l.lezer', displayName: 'Lotte Lezer', passphrase: 'lezer-mag-alles-zien' };
const caseTitle = 'Oproep tot rellen Stationsplein';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A real PNG (so the preview and the viewer can draw it): width × height of one colour. */
function png(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (data: Buffer) => {
    let c = 0xffffffff;
    for (const byte of data) c = table[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const check = Buffer.alloc(4);
    check.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, check]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const pastedPng = png(120, 80, [11, 79, 138]);
const pickedPng = png(90, 60, [161, 61, 0]);
const closedPng = png(64, 64, [107, 44, 145]);
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n', 'latin1');
// An ELF header: a Linux program, named like a screenshot.
const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120, 0x41)]);

let browser: Browser;
let vault: TestVault;
let host: BrowserHost;
let page: Page;
let caseId: string;
let scratch: string;

beforeAll(async () => {
  await ensureRendererBuilt();
  browser = await launchBrowser();
  scratch = mkdtempSync(join(tmpdir(), 'ordelog-signals-'));
  vault = await createTestVault({ displayName: 'Anna de Beheerder' });
  await addUser(vault.vault, { name: reader.name, displayName: reader.displayName, role: 'lezer', passphrase: reader.passphrase, kdf: testKdf });
  caseId = createCase(sessionFor(vault.vault, 'app'), { title: caseTitle, municipality: 'Zuidstad' }).id;
  vault.vault.lock();
  ({ host, page } = await openSignedIn(browser, vault, { width: 1280, height: 900 }));
});

afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await host?.close();
  if (vault) rmSync(vault.root, { recursive: true, force: true });
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function openSignals(): Promise<void> {
  await page.evaluate((target) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = target;
  }, `#case/${caseId}/overzicht`);
  await page.getByRole('heading', { level: 1, name: caseTitle }).waitFor();
  await page.getByRole('navigation', { name: 'Onderdelen van het dossier' }).getByRole('link', { name: 'Signalen', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Signalen', exact: true }).waitFor();
}

const dialog = () => page.getByRole('dialog', { name: 'Signaal vastleggen' });
const section = () => page.locator('.work-section');
const signalCount = () =>
  page.evaluate(async (id) => {
    const result = await (globalThis as unknown as PageGlobals).ordelog['signals.list']({ caseId: id });
    return result.ok ? result.value.signals.length : -1;
  }, caseId);

/** A paste of one file, as the clipboard delivers a copied screenshot. */
async function pasteFile(selector: string, bytes: Buffer, name: string, type: string): Promise<void> {
  await page.evaluate(
    ({ selector, bytes, name, type }) => {
      const g = globalThis as unknown as PageGlobals;
      const data = new g.DataTransfer();
      data.items.add(new g.File([new Uint8Array(bytes)], name, { type }));
      g.document.querySelector(selector)!.dispatchEvent(new g.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { selector, bytes: [...bytes], name, type },
  );
}

async function dropFile(selector: string, bytes: Buffer, name: string, type: string): Promise<void> {
  await page.evaluate(
    ({ selector, bytes, name, type }) => {
      const g = globalThis as unknown as PageGlobals;
      const data = new g.DataTransfer();
      data.items.add(new g.File([new Uint8Array(bytes)], name, { type }));
      const zone = g.document.querySelector(selector)!;
      for (const kind of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new g.DragEvent(kind, { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    { selector, bytes: [...bytes], name, type },
  );
}

/** The hashes the dialog shows for its pending files, once all are computed. */
async function pendingHashes(count: number): Promise<string[]> {
  const hashes = dialog().locator('.signals-pending code[data-sha256]');
  await expect.poll(() => hashes.count()).toBe(count);
  return Promise.all((await hashes.all()).map(async (code) => (await code.getAttribute('data-sha256')) ?? ''));
}

describe('signals as a beheerder', () => {
  it('records three signals with pasted, dropped and picked evidence in under a minute, hashes equal to Node', async () => {
    await openSignals();
    const started = Date.now();
    await page.keyboard.press('Control+Shift+S');
    await dialog().waitFor();
    expect(await page.locator(':focus').getAttribute('id')).toBe('signal-platform');

    // 1. Snapchat, open, with a screenshot pasted from the clipboard.
    await dialog().getByLabel('Platform').selectOption('snapchat');
    await dialog().getByLabel('Adres (URL, niet verplicht)').fill('https://www.snapchat.com/add/stationsplein-zaterdag');
    await dialog().getByLabel('Accountnaam').fill('@rellenzat21');
    await dialog().getByLabel('Bereik (niet verplicht)').fill('1.200');
    await dialog().getByLabel('Soort inhoud').selectOption('illegaal');
    await dialog().getByLabel('Betrouwbaarheid van de bron').selectOption('B');
    await dialog().getByLabel('Juistheid van de informatie').selectOption('2');
    await dialog().getByLabel('Samenvatting').click();
    await page.keyboard.type('Oproep om zaterdag 21.00 uur met vuurwerk naar het Stationsplein te komen.');
    await pasteFile('#signal-text', pastedPng, 'image.png', 'image/png');
    expect(await pendingHashes(1)).toEqual([sha256(pastedPng)]);
    await dialog().locator('.signals-pending img').waitFor();
    await page.keyboard.press('Enter');
    await dialog().getByText(/Signaal vastgelegd als regel \d+ \(Snapchat\)\. .*Bijlagen opgeslagen: 1 van 1\./).waitFor();
    expect(await page.locator(':focus').getAttribute('id')).toBe('signal-platform');

    // 2. TikTok, open, with a PDF dropped on the zone.
    await dialog().getByLabel('Platform').selectOption('tiktok');
    await dialog().getByLabel('Bereik (niet verplicht)').fill('45000');
    await dialog().getByLabel('Soort inhoud').selectOption('ongewenst');
    await dialog().getByLabel('Samenvatting').click();
    await page.keyboard.type('Video met de oproep, 45.000 keer bekeken; reacties noemen het Stationsplein.');
    await dropFile('[data-testid="signal-dropzone"]', pdf, 'tiktok-export.pdf', 'application/pdf');
    expect(await pendingHashes(1)).toEqual([sha256(pdf)]);
    await page.keyboard.press('Control+Enter');
    await dialog().getByText(/Signaal vastgelegd als regel \d+ \(TikTok\)\. .*Bijlagen opgeslagen: 1 van 1\./).waitFor();

    // 3. Snapchat again, with a screenshot from the file picker, marked as personal data.
    await dialog().getByLabel('Platform').selectOption('snapchat');
    await dialog().getByLabel('Bestanden kiezen').setInputFiles({ name: 'story-doorgestuurd.png', mimeType: 'image/png', buffer: pickedPng });
    expect(await pendingHashes(1)).toEqual([sha256(pickedPng)]);
    await dialog().getByLabel('Bevat persoonsgegevens (story-doorgestuurd.png)').check();
    await dialog().getByLabel('Samenvatting').click();
    await page.keyboard.type('Doorgestuurde story: "morgen weer", met gezichten van deelnemers.');
    await page.keyboard.press('Enter');
    await dialog().getByText(/Signaal vastgelegd als regel \d+ \(Snapchat\)\. .*Bijlagen opgeslagen: 1 van 1\./).waitFor();
    await expectNoSeriousA11yViolations(page, 'dialog');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    expect(Date.now() - started).toBeLessThan(60_000);

    // The section: every signal, every file with the SHA-256 the main process stored, equal to Node's.
    await section().getByText('Oproep om zaterdag 21.00 uur met vuurwerk').waitFor();
    await page.getByText('3 signalen.').waitFor();
    const stored = section().locator('.signals-attachments code[data-sha256]');
    await expect.poll(() => stored.count()).toBe(3);
    const storedHashes = await Promise.all((await stored.all()).map((code) => code.getAttribute('data-sha256')));
    expect(storedHashes.sort()).toEqual([sha256(pastedPng), sha256(pdf), sha256(pickedPng)].sort());
    const pastedRow = section().getByRole('row').filter({ hasText: /klembord-.*\.png/ });
    expect(await pastedRow.textContent()).toContain('image/png');
    expect(await section().getByRole('row').filter({ hasText: 'tiktok-export.pdf' }).textContent()).toContain('application/pdf');
    expect(await section().getByRole('row').filter({ hasText: 'story-doorgestuurd.png' }).textContent()).toContain('persoonsgegeven');
    // The account handle is shown, marked as personal data; so is the entry; the note counts both kinds.
    const first = section().locator('.signals-card').filter({ hasText: 'Oproep om zaterdag 21.00 uur' });
    expect(await first.textContent()).toContain('@rellenzat21');
    expect(await first.textContent()).toContain('1.200');
    expect(await first.textContent()).toContain('B2');
    expect(await first.locator('.badge-personal').count()).toBeGreaterThanOrEqual(1);
    await section().getByText('Persoonsgegevens in dit dossier: 1 logregel en 1 bijlage.').waitFor();

    // Grouped by platform; the platform filter finds each.
    expect(await section().locator('.signals-platform h3').allTextContents()).toEqual(['TikTok (1)', 'Snapchat (2)']);
    await page.getByLabel('Platform').selectOption('snapchat');
    await page.getByText('2 signalen passen bij het filter.').waitFor();
    expect(await section().getByText('Video met de oproep').count()).toBe(0);
    await page.getByLabel('Platform').selectOption('tiktok');
    await page.getByText('1 signaal past bij het filter.').waitFor();
    await section().getByText('Video met de oproep').waitFor();
    await page.getByLabel('Platform').selectOption('');
    await page.getByText('3 signalen.').waitFor();

    // The pasted screenshot in the in-app viewer, checked again against its stored hash.
    await pastedRow.getByRole('button', { name: /bekijken/ }).click();
    const viewer = page.getByRole('dialog', { name: /klembord-.*\.png/ });
    await viewer.getByText('SHA-256 gecontroleerd: dit is het bestand zoals het is opgeslagen.').waitFor();
    const image = viewer.getByRole('img');
    await expect.poll(() => image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth)).toBe(120);
    expect(await image.getAttribute('src')).toMatch(/^blob:/);
    await viewer.getByRole('button', { name: 'Sluiten' }).click();
    await viewer.waitFor({ state: 'detached' });

    await expectNoSeriousA11yViolations(page, '.work-section');
    await page.screenshot({ path: join(screenshotDir, 'signals.png'), fullPage: true });
  });

  it('reminds of the legal ground for a closed channel and refuses the signal without it', async () => {
    await openSignals();
    const before = await signalCount();
    await page.getByRole('button', { name: /Signaal vastleggen/ }).click();
    await dialog().waitFor();
    await dialog().getByLabel('Platform').selectOption('telegram');
    await dialog().getByRole('radio', { name: 'Besloten' }).check();
    await dialog().getByText('Besloten kanaal: online onderzoek vraagt een rechtsgrond (AVG).').waitFor();
    await dialog().getByText('Er is een concrete aanleiding, zoals een oproep of een melding.').waitFor();
    await dialog().getByLabel('Samenvatting').fill('Telegramgroep "Zuidstad actie" (300 leden) deelt een plattegrond van het plein.');
    await dialog().getByLabel('Bestanden kiezen').setInputFiles({ name: 'telegram-groep.png', mimeType: 'image/png', buffer: closedPng });
    await pendingHashes(1);
    await dialog().getByRole('button', { name: 'Vastleggen' }).click();
    await dialog()
      .getByRole('alert')
      .filter({ hasText: 'Rechtsgrond en aanleiding: verplicht bij een besloten kanaal: de concrete aanleiding en waarom kijken in dit kanaal nodig was.' })
      .waitFor();
    expect(await page.locator(':focus').getAttribute('id')).toBe('signal-legal-ground');
    expect(await signalCount()).toBe(before);
    // The main process refuses it too, whatever the screen does.
    const refused = await page.evaluate(
      (id) =>
        (globalThis as unknown as PageGlobals).ordelog['signals.record']({
          caseId: id,
          text: 'zonder grond',
          platform: 'telegram',
          channel: 'besloten',
          sourceReliability: 'F',
          informationCredibility: '6',
          requestId: crypto.randomUUID(),
        }),
      caseId,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    await dialog().getByLabel('Rechtsgrond en aanleiding').fill('Melding wijkagent: uitnodiging gedeeld in de groep; nodig om de omvang te schatten, alleen de oproep vastgelegd.');
    await expectNoSeriousA11yViolations(page, 'dialog');
    // Tall enough that the whole dialog, reminder and evidence included, is in the picture.
    await page.setViewportSize({ width: 1280, height: 1900 });
    await dialog().screenshot({ path: join(screenshotDir, 'signal-capture.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.keyboard.press('Control+Enter');
    await dialog().getByText(/Signaal vastgelegd als regel \d+ \(Telegram\)/).waitFor();
    expect(await signalCount()).toBe(before + 1);
    await page.keyboard.press('Escape');
    const card = section().locator('.signals-card').filter({ hasText: 'Telegramgroep' });
    await card.waitFor();
    expect(await card.textContent()).toContain('Besloten');
    expect(await card.textContent()).toContain('Melding wijkagent');
  });

  it('refuses a program named .png with the Dutch message, and a file over 50 MB before sending', async () => {
    await openSignals();
    await page.keyboard.press('Control+Shift+S');
    await dialog().waitFor();
    await dialog().getByLabel('Samenvatting').fill('Bestand uit een DM, zou een screenshot zijn.');
    await dialog().getByLabel('Bestanden kiezen').setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: elf });
    expect(await pendingHashes(1)).toEqual([sha256(elf)]);
    await dialog().getByRole('button', { name: 'Vastleggen' }).click();
    await dialog()
      .getByRole('alert')
      .filter({ hasText: `Bijlage screenshot.png is geweigerd: ${errorMessages.FILE_TYPE_REFUSED.nl}` })
      .waitFor();
    await dialog().getByText(/Bijlagen opgeslagen: 0 van 1\./).waitFor();
    const kept = await page.evaluate(async (id) => {
      const result = await (globalThis as unknown as PageGlobals).ordelog['attachments.list']({ caseId: id });
      return result.ok ? result.value.attachments.map((attachment) => attachment.fileName) : [];
    }, caseId);
    expect(kept).not.toContain('screenshot.png');

    // Over the limit: the renderer says so in the main process's words and sends nothing.
    const big = join(scratch, 'opname.mp4');
    const handle = openSync(big, 'w');
    writeSync(handle, Buffer.from([0]), 0, 1, 50 * 1024 * 1024);
    closeSync(handle);
    const before = await signalCount();
    await dialog().getByLabel('Bestanden kiezen').setInputFiles(big);
    await dialog().getByText(errorMessages.FILE_TOO_LARGE.nl).waitFor();
    await dialog().getByLabel('Samenvatting').fill('Schermopname van de livestream.');
    await dialog().getByRole('button', { name: 'Vastleggen' }).click();
    await dialog().getByText('Het signaal is niet vastgelegd: verwijder eerst de bijlage die te groot is.').waitFor();
    expect(await signalCount()).toBe(before);
    await dialog().getByRole('button', { name: 'opname.mp4 verwijderen' }).click();
    await page.keyboard.press('Escape');
  });

  it('opens the capture dialog with Ctrl+Shift+S from anywhere in the case', async () => {
    await page.evaluate((target) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = target;
    }, `#case/${caseId}/overzicht`);
    await page.getByRole('heading', { level: 1, name: caseTitle }).waitFor();
    await page.keyboard.press('Control+Shift+S');
    await dialog().waitFor();
    await page.getByRole('heading', { level: 2, name: 'Signalen', exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });

  it('adds evidence to a signal already recorded', async () => {
    await openSignals();
    await section().getByRole('button', { name: /Bewijs toevoegen bij regel/ }).first().click();
    const add = page.getByRole('dialog', { name: /Bewijs toevoegen bij regel/ });
    await add.getByLabel('Bestanden kiezen').setInputFiles({ name: 'aanvulling.txt', mimeType: 'text/plain', buffer: Buffer.from('Nagestuurd door de wijkagent.\n') });
    await add.locator('code[data-sha256]').waitFor();
    await add.getByRole('button', { name: 'Opslaan' }).click();
    await add.getByText('Bijlagen opgeslagen: 1 van 1.').waitFor();
    await page.keyboard.press('Escape');
    await section().getByRole('row').filter({ hasText: 'aanvulling.txt' }).waitFor();
  });
});

describe('signals as a lezer', () => {
  beforeAll(async () => {
    await signInAndShowCases(host, page, reader.name, reader.passphrase);
  });

  it('sees every signal and its evidence, and no capture control', async () => {
    await openSignals();
    await section().getByText('Oproep om zaterdag 21.00 uur met vuurwerk').waitFor();
    await section().getByRole('row').filter({ hasText: 'tiktok-export.pdf' }).waitFor();
    expect(await page.getByRole('button', { name: /Signaal vastleggen/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Bewijs toevoegen/ }).count()).toBe(0);
    expect(await section().locator('input, textarea, form').count()).toBe(0);
    await page.keyboard.press('Control+Shift+S');
    await page.waitForTimeout(200);
    expect(await page.getByRole('dialog').count()).toBe(0);
    await expectNoSeriousA11yViolations(page, '.work-section');
  });
});
