import type { ExportDocument } from '../briefing';
import { formatDocumentDateTime } from '../time';
import { escapeHtml, visibleText } from './escape';
import { labels, type Labels } from './labels';
import { renderDocumentBody } from './render';
import { partnerOf } from './render-parts';
import { documentCss, documentFontFamily, emojiFaceCss, fontFaceCss, printMargins, printOnlyCss, type DocumentFontData } from './styles';

/**
 * What a printer needs to turn a document into a PDF: the complete HTML page, and the header and footer that
 * Chromium draws into the page margins on every page (Electron's printToPDF and playwright's page.pdf take
 * the same templates). The templates are built from escaped text like the body.
 */

export { printMargins };

export interface PrintJob {
  html: string;
  headerTemplate: string;
  footerTemplate: string;
  /** Plain text, for the PDF's title and the page's <title>. */
  title: string;
  /** The full log is a wide table; a briefing reads as portrait pages. */
  landscape: boolean;
  /**
   * A tagged PDF (structure for screen readers) for the briefing. Not for the full log: on thousands of rows
   * tagging doubled Chromium's print time and made the file six times larger, and PDF/A-2b does not ask for it.
   */
  tagged: boolean;
}

/** Nothing in the print document may load or run anything; styles are inline. */
const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

function documentName(doc: ExportDocument, words: Labels): string {
  if (doc.kind === 'briefing') return words.briefingNumber(doc.number);
  return doc.kind === 'overdracht' ? words.handover.title(doc.number) : words.documentTitle.logboek;
}

/**
 * Template styles are separate from the page's: Chromium renders the templates on their own, with a tiny
 * default font size. Class names avoid `title`, `date` and `url`, which Chromium would fill in itself.
 * Each template line is one run of text that carries the classification, "Vingerafdruk" or the page number,
 * so a reader (or a text extractor) can always tell the running lines from the body.
 */
function templateStyle(edge: 'top' | 'bottom', faces: string): string {
  const padding =
    edge === 'top'
      ? `7mm ${printMargins.right}mm 0 ${printMargins.left}mm`
      : `0 ${printMargins.right}mm 5mm ${printMargins.left}mm`;
  return (
    `<style>${faces}` +
    `.ol-band{box-sizing:border-box;width:100%;padding:${padding};font-family:${documentFontFamily};` +
    'font-size:8pt;line-height:1.35;color:#000;-webkit-print-color-adjust:exact;}' +
    '.ol-strong{font-weight:bold;letter-spacing:0.05em;}' +
    '</style>'
  );
}

function headerTemplate(doc: ExportDocument, words: Labels, faces: string): string {
  const marks = [escapeHtml(words.classifications[doc.case.classification])];
  if (doc.redacted) marks.push(escapeHtml(words.redactedVersion));
  // The partner's name is what the author typed: shown with its hidden characters made visible.
  const partner = partnerOf(doc);
  if (partner !== null) marks.push(visibleText(words.partnerVersion(partner)));
  const marksHtml = marks.join(' · ');
  const where = `${visibleText(doc.case.reference)} · ${escapeHtml(documentName(doc, words))}`;
  return `${templateStyle('top', faces)}<div class="ol-band"><span class="ol-strong">${marksHtml}</span> · ${where}</div>`;
}

function footerTemplate(doc: ExportDocument, words: Labels, faces: string): string {
  const { entries, headHash } = doc.fingerprint;
  const fingerprint =
    `${escapeHtml(words.front.fingerprint)}: ${escapeHtml(words.front.fingerprintEntries(entries))} · ` +
    `${escapeHtml(words.front.fingerprintHead)} ${visibleText(headHash.slice(0, 16))}`;
  const page =
    `${escapeHtml(words.page.page)} <span class="pageNumber"></span> ` +
    `${escapeHtml(words.page.of)} <span class="totalPages"></span>`;
  const generated = escapeHtml(words.front.generatedOn(formatDocumentDateTime(doc.generatedAt, doc.locale)));
  return `${templateStyle('bottom', faces)}<div class="ol-band"><div>${fingerprint}</div><div>${page} · ${generated}</div></div>`;
}

/**
 * The print job of a document. With `fonts`, the page and both templates load the shipped faces (Chromium renders
 * the templates apart from the page, so they carry their own rules); without, Chromium picks from the system.
 */
export function printJob(doc: ExportDocument, fonts?: DocumentFontData): PrintJob {
  const words = labels[doc.locale];
  const faces = fonts ? fontFaceCss(fonts) : '';
  const title = `${documentName(doc, words)} — ${doc.case.reference}`;
  const lang = doc.locale === 'en' ? 'en' : 'nl';
  const landscape = doc.kind === 'logboek';
  const html =
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">` +
    `<title>${escapeHtml(title)}</title><style>${faces}${fonts ? emojiFaceCss(fonts) : ''}${documentCss}${printOnlyCss(landscape ? 'landscape' : 'portrait')}</style></head>` +
    `<body>${renderDocumentBody(doc)}</body></html>`;
  return {
    html,
    headerTemplate: headerTemplate(doc, words, faces),
    footerTemplate: footerTemplate(doc, words, faces),
    title,
    landscape,
    tagged: doc.kind !== 'logboek',
  };
}
