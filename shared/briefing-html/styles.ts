/**
 * The look of briefings and log exports. `documentCss` is loaded both into the print document and into the
 * app's own page for the preview, so every selector sits under `.ordelog-doc` and it holds no at-rules that
 * could reach the app. What only the print document may set (the page box, html and body) is in `printOnlyCss`.
 */

/** Page margins in millimetres, shared by the CSS page box and both printers' options. */
export const printMargins = { top: 22, right: 18, bottom: 18, left: 18 } as const;

/**
 * The faces the print document loads from the app's own files (`fontFaceCss`) come first, so both PDFs embed the
 * same shipped fonts and nothing from the system; the names after them serve the in-app preview, which has no
 * `@font-face` of its own.
 */
export const documentFontFamily = '"Ordelog Sans", "Ordelog Emoji", "Liberation Sans", Arial, sans-serif';
const monoFontFamily = '"Ordelog Mono", "Liberation Mono", "Courier New", monospace';
const accent = '#154273';

export const documentCss = `
.ordelog-doc {
  color: #000;
  background: #fff;
  font-family: ${documentFontFamily};
  font-size: 10pt;
  line-height: 1.4;
  text-align: start;
  overflow-wrap: anywhere;
  word-break: normal;
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
.ordelog-doc *, .ordelog-doc *::before, .ordelog-doc *::after { box-sizing: border-box; }
.ordelog-doc h1, .ordelog-doc h2, .ordelog-doc h3 {
  color: ${accent};
  line-height: 1.2;
  break-after: avoid;
  page-break-after: avoid;
  break-inside: avoid;
}
.ordelog-doc h1 { font-size: 20pt; margin: 0 0 2mm; }
.ordelog-doc h2 {
  font-size: 14pt;
  margin: 8mm 0 3mm;
  padding-bottom: 1mm;
  border-bottom: 1.5pt solid ${accent};
}
.ordelog-doc h3 { font-size: 11pt; margin: 5mm 0 2mm; }
.ordelog-doc p { margin: 0 0 2mm; }
.ordelog-doc .ut { unicode-bidi: plaintext; white-space: pre-wrap; }
.ordelog-doc .ut.block { display: block; margin: 0 0 2mm; }
.ordelog-doc .ut.block:last-child { margin-bottom: 0; }
.ordelog-doc .ctl {
  font-family: ${monoFontFamily};
  font-size: 0.85em;
  border: 0.5pt solid #000;
  padding: 0 0.5pt;
  unicode-bidi: isolate;
  direction: ltr;
}
.ordelog-doc .hash, .ordelog-doc .url {
  font-family: ${monoFontFamily};
  font-size: 8pt;
  unicode-bidi: isolate;
  direction: ltr;
}
.ordelog-doc .hash { overflow-wrap: anywhere; }
.ordelog-doc .url { word-break: break-all; }
.ordelog-doc .empty { font-style: italic; color: #333; }
.ordelog-doc .muted { color: #333; font-size: 9pt; }
.ordelog-doc .marker { font-weight: bold; }
.ordelog-doc .warning { font-weight: bold; color: #a00; }
.ordelog-doc .tag {
  display: inline-block;
  border: 0.5pt solid #000;
  padding: 0 1mm;
  font-size: 8pt;
  margin-right: 1mm;
}

.ordelog-doc .front { border-bottom: 2pt solid ${accent}; padding-bottom: 4mm; margin-bottom: 4mm; }
.ordelog-doc .classification {
  display: inline-block;
  border: 1.5pt solid #000;
  padding: 1mm 3mm;
  margin: 0 2mm 3mm 0;
  font-weight: bold;
  letter-spacing: 0.05em;
}
.ordelog-doc .case-title { font-size: 13pt; font-weight: bold; margin-bottom: 3mm; }

.ordelog-doc dl.facts {
  display: grid;
  grid-template-columns: minmax(30mm, max-content) minmax(0, 1fr);
  gap: 1mm 4mm;
  margin: 0 0 2mm;
}
.ordelog-doc dl.facts dt { font-weight: bold; }
.ordelog-doc dl.facts dd { margin: 0; min-width: 0; }

.ordelog-doc table {
  width: 100%;
  table-layout: fixed;
  border-collapse: collapse;
  margin: 0 0 3mm;
  font-size: 9pt;
}
.ordelog-doc thead { display: table-header-group; }
.ordelog-doc tr, .ordelog-doc tbody.item { break-inside: avoid; page-break-inside: avoid; }
/* An entry longer than a page starts under the head and breaks between its lines, never inside one. */
.ordelog-doc tbody.item.long { break-inside: auto; page-break-inside: auto; }
.ordelog-doc tbody.item.long tr { break-inside: auto; page-break-inside: auto; }
.ordelog-doc tbody.item.long tr.meta-row { break-inside: avoid; break-after: avoid; page-break-after: avoid; }
.ordelog-doc .long-text .para { display: block; break-inside: avoid; page-break-inside: avoid; orphans: 3; widows: 3; }
.ordelog-doc th, .ordelog-doc td {
  border: 0.5pt solid #777;
  padding: 1mm 1.5mm;
  vertical-align: top;
  text-align: start;
  /* At the soft hyphens the documents put in long words; anywhere only where a word has none and does not fit. */
  hyphens: manual;
  overflow-wrap: anywhere;
}
.ordelog-doc th { background: #e8edf3; font-weight: bold; }
.ordelog-doc td.hash-row, .ordelog-doc td.text-row { border-top: none; }
.ordelog-doc tr.meta-row td { background: #f4f6f9; border-bottom: none; }
.ordelog-doc .w-seq { width: 15mm; }
.ordelog-doc .w-time { width: 27mm; }
.ordelog-doc .w-type { width: 28mm; }
.ordelog-doc .w-source { width: 30mm; }
.ordelog-doc .w-size { width: 18mm; }
.ordelog-doc .w-status { width: 22mm; }
.ordelog-doc .w-person { width: 32mm; }

.ordelog-doc .item-block {
  border-left: 2pt solid ${accent};
  padding: 1mm 0 1mm 3mm;
  margin: 0 0 4mm;
  break-inside: avoid;
  page-break-inside: avoid;
}
.ordelog-doc .item-title { font-weight: bold; margin: 0 0 1mm; break-after: avoid; }
.ordelog-doc .details { margin-top: 1mm; font-size: 9pt; }
.ordelog-doc ul { margin: 0 0 2mm; padding-left: 5mm; }
.ordelog-doc .counts { display: flex; flex-wrap: wrap; gap: 1mm 6mm; list-style: none; padding: 0; }
.ordelog-doc .counts strong { font-size: 12pt; }

/* Page 1 of a briefing, the kernbriefing: one A4 by design (see render-briefing.ts), then the annexes. */
.ordelog-doc .kern { break-after: page; page-break-after: always; font-size: 9pt; line-height: 1.25; }
.ordelog-doc .kern h1 { font-size: 14pt; margin: 0 0 1mm; }
.ordelog-doc .kern h2 { font-size: 11pt; margin: 2mm 0 0.8mm; padding-bottom: 0.3mm; border-bottom-width: 1pt; }
.ordelog-doc .kern h3 { font-size: 9pt; margin: 1.2mm 0 0.5mm; }
.ordelog-doc .kern p { margin-bottom: 0.8mm; }
.ordelog-doc .kern .ut.block { margin-bottom: 0.8mm; }
.ordelog-doc .kern-head .classification { margin-bottom: 1mm; padding: 0.3mm 2mm; }
.ordelog-doc .kern-facts { font-size: 8.5pt; margin: 0 0 0.3mm; }
.ordelog-doc .kern-facts .hash { font-size: 7pt; }
.ordelog-doc .kern .ut.clamp-2, .ordelog-doc .kern .ut.clamp-3, .ordelog-doc .kern .ut.clamp-5, .ordelog-doc .kern-title {
  display: -webkit-box;
  -webkit-box-orient: vertical;
  overflow: hidden;
}
.ordelog-doc .kern .ut.clamp-2, .ordelog-doc .kern-title { -webkit-line-clamp: 2; }
.ordelog-doc .kern .ut.clamp-3 { -webkit-line-clamp: 3; }
.ordelog-doc .kern .ut.clamp-5 { -webkit-line-clamp: 5; }
.ordelog-doc .kern-cut { font-size: 8pt; font-style: italic; }
.ordelog-doc ul.key-lines, .ordelog-doc ul.deadlines { list-style: none; padding: 0; margin: 0 0 0.8mm; }
.ordelog-doc ul.key-lines li, .ordelog-doc ul.deadlines li { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.ordelog-doc ul.key-lines .ut, .ordelog-doc ul.deadlines .ut { white-space: nowrap; }
.ordelog-doc .kl-time { font-variant-numeric: tabular-nums; }
.ordelog-doc .kl-grade { border: 0.5pt solid #000; padding: 0 0.8mm; font-size: 7.5pt; }
.ordelog-doc ul.asked { list-style: none; padding: 0; margin: 0 0 0.8mm; }
.ordelog-doc ul.asked li { display: grid; grid-template-columns: 6mm 6mm minmax(0, 1fr); margin: 0 0 1mm; }
.ordelog-doc ul.asked .tick { width: 3.4mm; height: 3.4mm; margin-top: 0.2mm; border: 0.8pt solid #000; }
.ordelog-doc ul.asked .n { font-weight: bold; }
.ordelog-doc .call-now table { font-size: 8.5pt; margin-bottom: 0.8mm; }
.ordelog-doc .call-now th, .ordelog-doc .call-now td { padding: 0.4mm 1.5mm; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.ordelog-doc .call-now .ut { white-space: nowrap; }
.ordelog-doc .w-role { width: 44mm; }
.ordelog-doc .w-contact { width: 55mm; }
.ordelog-doc .kern-foot { margin-top: 1.5mm; }
.ordelog-doc section.annex h2 { margin-top: 0; }
.ordelog-doc section.annex + section.annex h2 { margin-top: 8mm; }

/* The full log: one dense row per entry, on landscape pages. */
.ordelog-doc table.log { font-size: 7.5pt; line-height: 1.25; }
.ordelog-doc table.log th, .ordelog-doc table.log td { border: none; border-bottom: 0.4pt solid #aaa; padding: 0.5mm 1mm; }
.ordelog-doc table.log tr.phase-band { break-after: avoid; page-break-after: avoid; }
.ordelog-doc table.log tr.phase-band td { background: #e8edf3; font-weight: bold; }
.ordelog-doc table.log .details, .ordelog-doc table.log .muted { font-size: 7pt; margin-top: 0.3mm; }
.ordelog-doc table.log .tag { font-size: 6.5pt; }
.ordelog-doc table.log .ut.block { margin: 0; }
.ordelog-doc table.log td:nth-child(-n + 3) { white-space: nowrap; }
.ordelog-doc .w-log-seq { width: 12mm; }
.ordelog-doc .w-log-time { width: 25mm; }
.ordelog-doc .w-log-recorded { width: 25mm; }
.ordelog-doc .w-log-type { width: 22mm; }
.ordelog-doc .w-log-person { width: 26mm; }
.ordelog-doc .w-log-source { width: 30mm; }

/* In the preview, where page 1 (the kernbriefing) ends. */
.ordelog-doc.preview .kern, .ordelog-preview > .ordelog-doc .kern { border-bottom: 1pt dashed #777; padding-bottom: 4mm; margin-bottom: 6mm; }

/* The preview's paper: on the article itself, or from a wrapper, since the app receives the article as a string. */
.ordelog-doc.preview, .ordelog-preview > .ordelog-doc {
  max-width: 210mm;
  margin: 6mm auto;
  padding: 18mm;
  box-shadow: 0 1px 4px rgba(0, 0, 0, 0.35);
}
`;

export type PageOrientation = 'portrait' | 'landscape';

/** Only for the print document: the A4 page box and a bare body, so the page margins are the only margins. */
export const printOnlyCss = (orientation: PageOrientation): string => `
@page {
  size: A4 ${orientation};
  margin: ${printMargins.top}mm ${printMargins.right}mm ${printMargins.bottom}mm ${printMargins.left}mm;
}
html, body { margin: 0; padding: 0; background: #fff; }
`;

/** The shipped faces the documents use, as base64 WOFF2 (main/services/pdf/fonts.ts reads them; shared code cannot). */
export interface DocumentFontData {
  sans: string;
  sansBold: string;
  sansItalic: string;
  mono: string;
  /**
   * Pieces of the monochrome emoji face (Noto Emoji, by Unicode range), only those the document's text needs:
   * all of them would take the page past what Electron's print window loads.
   */
  emoji?: { data: string; unicodeRange: string }[];
}

/**
 * `@font-face` rules with the faces as data: URIs: the print page may load nothing else (its CSP allows fonts
 * from data: only), and a data: URI needs neither a file path in the app archive nor JavaScript.
 */
export function fontFaceCss(fonts: DocumentFontData): string {
  const face = (family: string, data: string, weight: 'normal' | 'bold', style: 'normal' | 'italic') =>
    `@font-face{font-family:"${family}";src:url(data:font/woff2;base64,${data}) format("woff2");` +
    `font-weight:${weight};font-style:${style};}`;
  return (
    face('Ordelog Sans', fonts.sans, 'normal', 'normal') +
    face('Ordelog Sans', fonts.sansBold, 'bold', 'normal') +
    face('Ordelog Sans', fonts.sansItalic, 'normal', 'italic') +
    face('Ordelog Mono', fonts.mono, 'normal', 'normal')
  );
}

/** The emoji face's pieces, each for its Unicode range; Chromium takes a character from it only where Liberation has none. */
export function emojiFaceCss(fonts: DocumentFontData): string {
  return (fonts.emoji ?? [])
    .map(
      (piece) =>
        `@font-face{font-family:"Ordelog Emoji";src:url(data:font/woff2;base64,${piece.data}) format("woff2");` +
        `unicode-range:${piece.unicodeRange};font-weight:normal;font-style:normal;}`,
    )
    .join('');
}
