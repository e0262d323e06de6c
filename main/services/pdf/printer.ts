import { OrdelogError } from '../../../shared/errors';

/** One document for Chromium's PDF printer: the page, and the header and footer printed on every page. */
export interface PrintJob {
  html: string;
  headerTemplate: string;
  footerTemplate: string;
  /** Page margins in millimetres; the header and footer are drawn inside the top and bottom ones. */
  margins: { top: number; right: number; bottom: number; left: number };
  landscape: boolean;
  /** With a structure tree (accessible), at the cost of print time and size on long documents. */
  tagged: boolean;
}

/**
 * Turns HTML into PDF bytes. Both implementations are Chromium's own printer: Electron's `printToPDF` in the
 * app (main/shell/pdf-printer.ts), and a local Chromium driven by playwright-core in the browser host, the
 * CLI and the tests (`chromium-printer.ts`). The page gets no scripts, no network and no file access.
 */
export interface PdfPrinter {
  print(job: PrintJob): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Where no printer could be set up: every export says so in words, and nothing is recorded. */
export const unavailablePrinter: PdfPrinter = {
  print: () => Promise.reject(new OrdelogError('PRINTER_UNAVAILABLE')),
  close: () => Promise.resolve(),
};
