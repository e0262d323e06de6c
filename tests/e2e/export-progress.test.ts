import { rmSync } from 'node:fs';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../main/browser-host/server';
import { sessionFor } from '../../main/services/session';
import type { OrdelogApi } from '../../shared/contract';
import { expectNoSeriousA11yViolations } from '../helpers/a11y';
import { ensureRendererBuilt, launchBrowser, openSignedIn } from '../helpers/browser';
import { fillLargeCase } from '../helpers/timeline-case';
import { createTestVault, type TestVault } from '../helpers/vault';

/**
 * A log export is a job: while it runs the Briefings tab shows a named progress bar with Annuleren beside it,
 * the export's own reports move the bar (another job's do not: tests/unit/job-progress.test.ts), and a cancelled
 * export leaves no file and no register row; the next export is a new request and completes.
 */

/** Enough that the PDF takes several seconds to write, so there is time to watch it and to cancel it. */
const entryCount = 30_000;
const printTimeout = 120_000;

let browser: Browser;
let vault: TestVault;
let host: BrowserHost;
let page: Page;
let caseId = '';
let title = '';
const exportRequests: string[] = [];
let downloads = 0;

beforeAll(async () => {
  await ensureRendererBuilt();
  browser = await launchBrowser();
  vault = await createTestVault({ displayName: 'Joost de Vries' });
  ({ caseId, title } = fillLargeCase(sessionFor(vault.vault, 'app'), entryCount));
  vault.vault.lock();
  ({ host, page } = await openSignedIn(browser, vault, { width: 1400, height: 1000 }));
  page.on('request', (request: Request) => {
    if (new URL(request.url()).pathname !== '/api/exports.log') return;
    exportRequests.push((request.postDataJSON() as { requestId: string }).requestId);
  });
  page.on('download', () => {
    downloads += 1;
  });
}, 120_000);

afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await host?.close();
  if (vault) rmSync(vault.root, { recursive: true, force: true });
});

const logExport = () => page.getByRole('region', { name: 'Het hele logboek exporteren' });
const bar = () => logExport().getByRole('progressbar', { name: 'Logboek exporteren als PDF' });
const exportButtons = () => logExport().getByRole('button', { name: /^Logboek als (PDF|JSON)$/ });
const exportButtonsDisabled = async () => Promise.all((await exportButtons().all()).map((button) => button.isDisabled()));
const registered = () =>
  page.evaluate(async (id) => {
    const result = await (globalThis as unknown as { ordelog: OrdelogApi }).ordelog['exports.list']({ caseId: id });
    return result.ok ? result.value.exports.map((record) => record.kind) : null;
  }, caseId);

describe(`exporting the log of ${entryCount.toLocaleString('nl-NL')} entries`, () => {
  it('shows a named progress bar that follows its export, and Annuleren leaves nothing exported or recorded', async () => {
    await page.evaluate((target) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = target;
    }, `#case/${caseId}/overzicht`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('navigation', { name: 'Onderdelen van het dossier' }).getByRole('link', { name: 'Briefings', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Briefings', exact: true }).waitFor();
    expect(await registered()).toEqual([]);

    await logExport().getByRole('button', { name: 'Logboek als PDF' }).click();
    await bar().waitFor();
    expect(await exportButtonsDisabled()).toEqual([true, true]);
    expect(exportRequests).toHaveLength(1);

    // The export's own reports, sent while it reads and writes the entries.
    await expect.poll(async () => Number((await bar().getAttribute('value')) ?? 0), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await bar().getAttribute('aria-valuetext')).toMatch(/^(Lezen|Schrijven): [\d.]+ van [\d.]+ regels$/);
    expect(Number(await bar().getAttribute('value'))).toBeLessThanOrEqual(Number(await bar().getAttribute('max')));
    await expectNoSeriousA11yViolations(page, '.briefing-log-export');

    await logExport().getByRole('group', { name: 'Logboek exporteren als PDF' }).getByRole('button', { name: 'Annuleren' }).click();
    await page
      .getByRole('alert')
      .getByText('Geannuleerd. Er is niets geëxporteerd en niets vastgelegd.', { exact: true })
      .waitFor({ timeout: printTimeout });
    expect(await bar().count()).toBe(0);
    expect(await exportButtonsDisabled()).toEqual([false, false]);
    expect(downloads).toBe(0);
    expect(await registered()).toEqual([]);
    expect(await page.locator('.briefing-register tbody tr').count()).toBe(0);
  }, printTimeout + 30_000);

  it('exports the log again afterwards as a new request, which completes and is recorded', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: printTimeout }),
      logExport().getByRole('button', { name: 'Logboek als PDF' }).click(),
    ]);
    expect(exportRequests).toHaveLength(2);
    expect(exportRequests[1]).not.toBe(exportRequests[0]);
    await page.getByText(`Geëxporteerd: logboek-PDF 1 als ${download.suggestedFilename()}, vastgelegd in het exportregister.`).waitFor();
    expect(await bar().count()).toBe(0);
    expect(await registered()).toEqual(['logboek-pdf']);
  }, printTimeout + 30_000);
});
