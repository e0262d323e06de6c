import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { OrdelogError } from '../../../shared/errors';
import type { PdfPrinter, PrintJob } from './printer';

/** Where a Chromium-based browser usually lives, per platform, in the order tried. */
const knownBrowsers: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge'],
  win32: [
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
};

/** The browser to print with: the one asked for, else $ORDELOG_BROWSER, else the first known one present. */
export function findBrowser(requested?: string): string | null {
  const explicit = requested ?? process.env.ORDELOG_BROWSER;
  if (explicit) return existsSync(explicit) ? explicit : null;
  return (knownBrowsers[process.platform] ?? []).find((path) => existsSync(path)) ?? null;
}

// The flags MACHINES.md asks for: no sandbox (containers), and no traffic to hosts the machine cannot reach.
export const chromiumLaunchArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Prints with a local Chromium through playwright-core: one browser, launched on first use and kept, and a new
 * context per document with JavaScript off and every request refused, so the page can only be what it says.
 */
export function chromiumPrinter(options: { executablePath?: string } = {}): PdfPrinter {
  let launched: Promise<Browser> | null = null;

  function browser(): Promise<Browser> {
    launched ??= (async () => {
      const executablePath = findBrowser(options.executablePath);
      if (!executablePath) throw new OrdelogError('PRINTER_UNAVAILABLE');
      try {
        return await chromium.launch({ executablePath, args: chromiumLaunchArgs });
      } catch {
        throw new OrdelogError('PRINTER_UNAVAILABLE');
      }
    })();
    const pending = launched;
    pending.catch(() => {
      // A failed launch is not kept: the next export tries again (the user may have installed a browser).
      if (launched === pending) launched = null;
    });
    return pending;
  }

  async function print(job: PrintJob): Promise<Uint8Array> {
    const context = await (await browser()).newContext({ javaScriptEnabled: false, offline: true });
    try {
      await context.route('**/*', (route) => route.abort());
      const page = await context.newPage();
      await page.setContent(job.html, { waitUntil: 'load' });
      const mm = (value: number) => `${value}mm`;
      const pdf = await page.pdf({
        format: 'A4',
        landscape: job.landscape,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: job.headerTemplate,
        footerTemplate: job.footerTemplate,
        margin: { top: mm(job.margins.top), right: mm(job.margins.right), bottom: mm(job.margins.bottom), left: mm(job.margins.left) },
        tagged: job.tagged,
        outline: job.tagged,
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } catch (error) {
      if (error instanceof OrdelogError) throw error;
      throw new OrdelogError('PRINT_FAILED');
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  return {
    print,
    async close() {
      const pending = launched;
      launched = null;
      if (pending) await (await pending.catch(() => null))?.close();
    },
  };
}
