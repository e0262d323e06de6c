import { BrowserWindow } from 'electron';
import type { PdfPrinter, PrintJob } from '../services/pdf/printer';
import { OrdelogError } from '../../shared/errors';

// Its own in-memory partition (hardened like every session): the print page shares nothing with the app's.
const printPartition = 'ordelog-print';
const inches = (millimetres: number) => millimetres / 25.4;

/**
 * Electron's printToPDF on a hidden window with JavaScript off: the same Chromium printer, the same HTML and
 * the same options as `chromiumPrinter` in the browser host and the CLI.
 */
export function electronPrinter(): PdfPrinter {
  async function print(job: PrintJob): Promise<Uint8Array> {
    const window = new BrowserWindow({
      show: false,
      // As locked down as the app's window (window.ts), and with no JavaScript at all: the page is only printed.
      // Spelled out rather than shared: the security gate (electronegativity) reads the literal at each window.
      webPreferences: {
        partition: printPartition,
        javascript: false,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        spellcheck: false,
        navigateOnDragDrop: false,
        disableBlinkFeatures: 'Auxclick',
        devTools: false,
      },
    });
    try {
      await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(job.html, 'utf8').toString('base64')}`);
      const pdf = await window.webContents.printToPDF({
        pageSize: 'A4',
        landscape: job.landscape,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: job.headerTemplate,
        footerTemplate: job.footerTemplate,
        margins: {
          top: inches(job.margins.top),
          right: inches(job.margins.right),
          bottom: inches(job.margins.bottom),
          left: inches(job.margins.left),
        },
        generateTaggedPDF: job.tagged,
        generateDocumentOutline: job.tagged,
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } catch {
      throw new OrdelogError('PRINT_FAILED');
    } finally {
      window.destroy();
    }
  }
  return { print, close: () => Promise.resolve() };
}
