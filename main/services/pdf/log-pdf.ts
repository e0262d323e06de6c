import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import type { DocumentEntry, DocumentEvidence, LogDocument } from '../../../shared/briefing';
import { formatSize } from '../../../shared/briefing-html/format';
import { labels, type Labels } from '../../../shared/briefing-html/labels';
import { formatNumber } from '../../../shared/numbers';
import {
  dayKey,
  documentTimeZone,
  formatCompactDocumentDateTime,
  formatDocumentDateTime,
  formatDocumentTime,
} from '../../../shared/time';
import { checkpoint, type JobContext } from '../jobs';
import { documentFont, emojiFont, emojiRanges, type DocumentFace } from './fonts';
import { Flow, contentLeft, contentWidth, mm, pageBox, type Block, type Column, type SetRow, type TableStyle } from './pdf-flow';
import { LinePainter, TextSetter, userRuns, type Face, type MeasuringFont, type Run, type Style } from './pdf-layout';
import { pdfaDocumentParts, type PdfMetadata } from './pdfa';

/**
 * The full log as a PDF, written by PDFKit page by page while the entries are read in batches: Chromium cannot
 * lay out 50,000 table rows, and this never holds more than one batch of entries and one page.
 *
 * "Pagina X van Y" needs Y on the first page. The writer makes two passes over the same batches: the first sets
 * every row in lines and breaks pages without drawing anything, which gives Y; the second sets and draws them
 * again. Keeping all pages open until the end (PDFKit's `bufferPages`) would hold the whole document in memory;
 * a placeholder for Y filled in at the end would put each page's total in a separate object that text extraction
 * and screen readers see apart from its page. Setting text is the cheap half of the work, so the first pass costs
 * far less than the second.
 *
 * The same content as the HTML log document (shared/briefing-html/render-log.ts): title block, every entry with
 * both times, type, author, source and grading, text, signal facts and notes, phase bands, the phase history and
 * the evidence list with hashes; the classification, fingerprint and page number on every page. Then the
 * document-level parts of PDF/A-2b, the same ones `toPdfA2b` adds to Chromium's files.
 */

export type LogHead = Omit<LogDocument, 'entries'>;

export interface LogPdfInput {
  head: LogHead;
  /** The entries in log order, in batches; called once per pass, each time from the start. */
  batches: () => Iterable<readonly DocumentEntry[]>;
  metadata: PdfMetadata;
}

export interface WrittenPdf {
  pdf: Buffer;
  pageCount: number;
  sha256: string;
}

const black = '#000000';
const muted = '#333333';
const accent = '#154273';
const bandFill = '#e8edf3';

const faces = { sans: 'sans', sansBold: 'sansBold', sansItalic: 'sansItalic', mono: 'mono' } as const satisfies Record<string, DocumentFace>;

const style = (face: Face, size: number, color = black): Style => ({ face, size, color });

/** The text sizes of the print stylesheet (styles.ts), as styles created once so line setting can compare them. */
const s = {
  body: style('sans', 10),
  bodyBold: style('sansBold', 10),
  mutedSmall: style('sans', 9, muted),
  hashFront: style('mono', 8),
  h1: style('sansBold', 20, accent),
  h2: style('sansBold', 14, accent),
  caseTitle: style('sansBold', 13),
  banner: style('sansBold', 10),
  log: style('sans', 7.5),
  logBold: style('sansBold', 7.5),
  logEmpty: style('sansItalic', 7.5, muted),
  logMuted: style('sans', 7, muted),
  details: style('sans', 7),
  detailsMono: style('mono', 7),
  tag: { ...style('sans', 6.5), boxed: true } as Style,
  grid: style('sans', 9),
  gridBold: style('sansBold', 9),
  gridEmpty: style('sansItalic', 9, muted),
  gridHash: style('mono', 8),
  empty: style('sansItalic', 10, muted),
  running: style('sans', 8),
  runningBold: style('sansBold', 8),
};

const logStyle: TableStyle = { padX: mm(1), padY: mm(0.5), rules: 'log', borderColor: '#aaaaaa', borderWidth: 0.4 };
const gridStyle: TableStyle = { padX: mm(1.5), padY: mm(1), rules: 'grid', borderColor: '#777777', borderWidth: 0.5 };

// The number column holds six digits at 7.5 pt (a 100,000-entry log).
const logColumns: Column[] = [12, 25, 25, 22, 26, 30].map((width) => ({ width: mm(width) }));
logColumns.push({ width: contentWidth - logColumns.reduce((sum, column) => sum + column.width, 0) });

const restOf = (fixed: number[], at: number): Column[] => {
  const widths = fixed.map(mm);
  const rest = contentWidth - widths.reduce((sum, width) => sum + width, 0);
  widths.splice(at, 0, rest);
  return widths.map((width) => ({ width }));
};
const phaseColumns = restOf([27, 32, 32, 32], 3);
const evidenceColumns = restOf([18, 30, 18, 27], 1);

const block = (runs: Run[], size: number, marginTop = 0): Block => ({ runs, size, marginTop });
const word = (text: string, as: Style): Run => ({ text, style: as });

const hourMs = 3_600_000;
const two = (value: number) => String(value).padStart(2, '0');

/**
 * The times of the log table, formatted as `shared/time` formats them. That goes through Temporal, which over a
 * log of 100,000 entries took longer than setting their text; so each clock hour is formatted once and the
 * minutes are put in. Amsterdam's offsets are whole hours, so an hour in UTC is one hour on the clock, with the
 * same date and the same zone mark in the repeated October hour.
 */
export class TimeFormats {
  private readonly cache = new Map<string, string>();
  constructor(private readonly locale: LogHead['locale']) {}

  private byHour(kind: string, iso: string, format: (iso: string) => string): string {
    const at = Date.parse(iso);
    if (Number.isNaN(at)) return format(iso);
    const intoHour = ((at % hourMs) + hourMs) % hourMs;
    const key = `${kind}${at - intoHour}`;
    let hour = this.cache.get(key);
    if (hour === undefined) {
      if (this.cache.size > 20_000) this.cache.clear();
      hour = format(new Date(at - intoHour).toISOString());
      this.cache.set(key, hour);
    }
    const clock = /(\d\d):00((?: [A-Z]+)?)$/.exec(hour);
    if (!clock) return format(iso);
    // The zone stays with its time (a no-break space): "02:30 CEST" never breaks into "02:30" and "CEST".
    return `${hour.slice(0, clock.index)}${clock[1]}:${two(Math.floor(intoHour / 60_000))}${(clock[2] ?? '').replace(' ', '\u00A0')}`;
  }

  compact = (iso: string) => this.byHour('c', iso, (at) => formatCompactDocumentDateTime(at, this.locale));
  full = (iso: string) => this.byHour('f', iso, (at) => formatDocumentDateTime(at, this.locale));
  time = (iso: string) => this.byHour('t', iso, (at) => formatDocumentTime(at));

  /** The Dutch calendar day, as `dayKey` gives it, without a Temporal object per entry. */
  day(iso: string): string {
    const at = Date.parse(iso);
    return Number.isNaN(at) ? dayKey(iso, documentTimeZone) : dayFormat.format(at);
  }
}

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: documentTimeZone, year: 'numeric', month: '2-digit', day: '2-digit' });

interface Context {
  words: Labels;
  locale: LogHead['locale'];
  times: TimeFormats;
}

// ---------------------------------------------------------------------------------------------------------
// One entry as a row of the log table

function sourceCell(item: DocumentEntry, ctx: Context): Block[] {
  const runs: Run[] = item.redacted
    ? [word(ctx.words.redactedMarker, s.logBold)]
    : item.source
      ? userRuns(item.source, s.log)
      : [];
  if (item.grading) runs.push(word(runs.length > 0 ? ` · ${item.grading}` : item.grading, s.log));
  return [block(runs.length > 0 ? runs : [word(ctx.words.empty.none, s.logMuted)], 7.5)];
}

function signalRuns(item: DocumentEntry, ctx: Context): Run[] {
  const signal = item.signal;
  if (!signal) return [];
  const words = ctx.words.signal;
  const pieces: Array<[string, Run[]]> = [
    [words.platform, [word(ctx.words.platforms[signal.platform], s.details)]],
    [words.channel, [word(ctx.words.channels[signal.channel], s.details)]],
  ];
  if (signal.reach !== null) pieces.push([words.reach, [word(formatNumber(signal.reach, ctx.locale), s.details)]]);
  if (signal.postedAt !== null) pieces.push([words.postedAt, [word(ctx.times.full(signal.postedAt), s.details)]]);
  pieces.push([words.seenAt, [word(ctx.times.full(signal.seenAt), s.details)]]);
  pieces.push([words.contentClass, [word(ctx.words.contentClasses[signal.contentClass], s.details)]]);
  if (item.redacted) {
    const marker = [word(ctx.words.redactedMarker, { ...s.details, face: 'sansBold' })];
    pieces.push([words.account, marker], [words.url, marker]);
  } else {
    if (signal.accountHandle !== null) pieces.push([words.account, userRuns(signal.accountHandle, s.details)]);
    if (signal.url !== null) pieces.push([words.url, userRuns(signal.url, s.detailsMono)]);
  }
  return pieces.flatMap(([term, value], index) => [word(`${index > 0 ? ' · ' : ''}${term}: `, s.details), ...value]);
}

function noteRuns(item: DocumentEntry, ctx: Context): Run[] {
  const notes: string[] = [];
  if (item.correctsSeq !== null) notes.push(ctx.words.entry.corrects(item.correctsSeq));
  if (item.correctedBySeqs.length > 0) notes.push(ctx.words.entry.correctedBy(item.correctedBySeqs.join(', ')));
  if (item.personalData && !item.redacted) notes.push(ctx.words.entry.personalData);
  return notes.flatMap((note, index) => (index > 0 ? [word(' ', s.details), word(note, s.tag)] : [word(note, s.tag)]));
}

function bodyCell(item: DocumentEntry, ctx: Context): Block[] {
  const blocks: Block[] = [];
  if (item.redacted) blocks.push(block([word(ctx.words.redactedMarker, s.logBold)], 7.5));
  else if (item.text.trim() === '') blocks.push(block([word(ctx.words.empty.text, s.logEmpty)], 7.5));
  else blocks.push(block(userRuns(item.text, s.log), 7.5));
  const signal = signalRuns(item, ctx);
  if (signal.length > 0) blocks.push(block(signal, 7, mm(0.3)));
  const notes = noteRuns(item, ctx);
  if (notes.length > 0) blocks.push(block(notes, 7, mm(0.3)));
  return blocks;
}

function entryCells(item: DocumentEntry, ctx: Context): Block[][] {
  const sameDay = ctx.times.day(item.occurredAt) === ctx.times.day(item.recordedAt);
  return [
    [block([word(String(item.seq), s.log)], 7.5)],
    [block([word(ctx.times.compact(item.occurredAt), s.log)], 7.5)],
    [block([word(sameDay ? ctx.times.time(item.recordedAt) : ctx.times.compact(item.recordedAt), s.log)], 7.5)],
    [block([word(ctx.words.entryTypes[item.type], s.log)], 7.5)],
    [block(userRuns(item.authorName, s.log), 7.5)],
    sourceCell(item, ctx),
    bodyCell(item, ctx),
  ];
}

// ---------------------------------------------------------------------------------------------------------
// The parts around the entries

function headRow(flow: Flow, titles: string[], bold: Style, table: TableStyle, columns: Column[]): SetRow {
  return flow.setRow(titles.map((title) => [block([word(title, bold)], bold.size)]), table, columns, bandFill);
}

function titleBlock(flow: Flow, head: LogHead, ctx: Context): void {
  const { words } = ctx;
  const front = words.front;
  // The classification (and the redaction mark) as framed labels, as the HTML's banners.
  const banners = [words.classifications[head.case.classification], ...(head.redacted ? [words.redactedVersion] : [])];
  const bannerRuns = banners.flatMap((text, index) => [
    ...(index > 0 ? [word('  ', s.body)] : []),
    { text, style: { ...s.banner, boxed: true } } satisfies Run,
  ]);
  flow.paragraph([block(bannerRuns, 10)]);
  flow.space(mm(3));
  flow.paragraph([block([word(words.documentTitle.logboek, s.h1)], 20)]);
  flow.space(mm(2));
  flow.paragraph([block(userRuns(head.case.title, s.caseTitle), 13)]);
  flow.space(mm(3));
  const { entries, headHash } = head.fingerprint;
  const facts: Array<[string, Run[] | null]> = [
    [front.reference, userRuns(head.case.reference, s.body)],
    [front.municipality, head.case.municipality === null ? null : userRuns(head.case.municipality, s.body)],
    [front.classification, [word(words.classifications[head.case.classification], s.body)]],
    [front.caseStatus, [word(words.caseStatuses[head.case.status], s.body)]],
    [front.currentPhase, userRuns(head.case.phaseName, s.body)],
    [front.contentClass, [word(words.contentClasses[head.case.contentClass], s.body)]],
    [front.generated, userRuns(front.generatedAtBy(ctx.times.full(head.generatedAt), head.generatedByName), s.body)],
    [front.fingerprint, [word(`${front.fingerprintEntries(entries)} · ${front.fingerprintHead} `, s.body), word(headHash, s.hashFront)]],
  ];
  const termWidth = Math.max(mm(30), ...facts.map(([term]) => flow.setter.width(term, s.bodyBold))) + 1;
  for (const [term, value] of facts) {
    if (value === null) continue;
    const top = flow.y;
    const valueTop = flow.paragraph([block(value, 10)], { x: contentLeft + termWidth + mm(4), width: contentWidth - termWidth - mm(4) });
    const bottom = flow.y;
    flow.y = valueTop === top ? top : valueTop;
    flow.paragraph([block([word(term, s.bodyBold)], 10)], { width: termWidth });
    flow.y = Math.max(bottom, flow.y) + mm(1);
  }
  flow.space(mm(1));
  flow.paragraph([block([word(front.timeZone, s.mutedSmall)], 9)]);
  if (head.redacted) {
    flow.space(mm(2));
    flow.paragraph([block([word(words.redactedNotice, s.bodyBold)], 10)]);
  }
  flow.space(mm(2));
  flow.paragraph([block([word(words.log.legend, s.mutedSmall)], 9)]);
  flow.space(mm(4));
  flow.rule(2, accent);
  flow.space(mm(4));
}

function sectionHeading(flow: Flow, title: string, keepWith: number): void {
  flow.space(mm(4));
  flow.paragraph([block([word(title, s.h2)], 14)], { keepWith: keepWith + mm(4) });
  flow.space(mm(1));
  flow.rule(1.5, accent);
  flow.space(mm(3));
}

function emptyNote(flow: Flow, text: string): void {
  flow.paragraph([block([word(text, s.empty)], 10)]);
}

function phaseHistory(flow: Flow, head: LogHead, ctx: Context): void {
  const { words } = ctx;
  const titles = [words.columns.time, words.columns.from, words.columns.to, words.columns.reason, words.columns.author];
  const tableHead = headRow(flow, titles, s.gridBold, gridStyle, phaseColumns);
  sectionHeading(flow, words.sections.phaseHistory, head.phaseHistory.length > 0 ? flow.rowHeight(tableHead, gridStyle) : 0);
  if (head.phaseHistory.length === 0) return emptyNote(flow, words.empty.phaseHistory);
  const rows = head.phaseHistory.map((change) =>
    flow.setRow(
      [
        [block([word(ctx.times.full(change.at), s.grid)], 9)],
        [block(change.fromName === null ? [word(words.phase.start, { ...s.grid, color: muted })] : userRuns(change.fromName, s.grid), 9)],
        [block(userRuns(change.toName, s.grid), 9)],
        [block(change.reason.trim() === '' ? [word(words.empty.none, s.gridEmpty)] : userRuns(change.reason, s.grid), 9)],
        [block(userRuns(change.byName, s.grid), 9)],
      ],
      gridStyle,
      phaseColumns,
    ),
  );
  flow.beginTable(tableHead, gridStyle, phaseColumns, rows[0] ? flow.rowHeight(rows[0], gridStyle) : 0);
  for (const row of rows) flow.place(row, gridStyle);
  flow.endTable();
}

function evidenceRows(flow: Flow, item: DocumentEvidence, ctx: Context): SetRow[] {
  const { words } = ctx;
  const name: Run[] = item.redacted ? [word(words.redactedMarker, s.gridBold)] : userRuns(item.fileName, s.grid);
  if (item.personalData && !item.redacted) name.push(word(' ', s.grid), word(words.entry.personalData, { ...s.tag, size: 8 }));
  const first = flow.setRow(
    [
      [block([word(item.entrySeq === null ? words.empty.none : String(item.entrySeq), s.grid)], 9)],
      [block(name, 9)],
      [block(userRuns(item.mediaType, s.grid), 9)],
      [block([word(formatSize(item.size, ctx.locale, words.sizeUnits), s.grid)], 9)],
      [block([word(ctx.times.full(item.addedAt), s.grid)], 9)],
    ],
    gridStyle,
    evidenceColumns,
  );
  const second = flow.setRow([[block([word(`${words.hashLabel}: `, s.grid), word(item.sha256, s.gridHash)], 9)]], gridStyle, evidenceColumns);
  return [first, second];
}

async function evidence(flow: Flow, head: LogHead, ctx: Context, pace: () => Promise<void>): Promise<void> {
  const { words } = ctx;
  const columns = words.columns;
  const titles = [columns.entry, columns.fileName, columns.mediaType, columns.size, columns.addedAt];
  const tableHead = headRow(flow, titles, s.gridBold, gridStyle, evidenceColumns);
  sectionHeading(flow, words.sections.evidence, head.evidence.length > 0 ? flow.rowHeight(tableHead, gridStyle) : 0);
  if (head.evidence.length === 0) return emptyNote(flow, words.empty.evidence);
  let started = false;
  for (const item of head.evidence) {
    const rows = evidenceRows(flow, item, ctx);
    if (!started) {
      flow.beginTable(tableHead, gridStyle, evidenceColumns, rows.reduce((sum, row) => sum + flow.rowHeight(row, gridStyle), 0));
      started = true;
    }
    flow.placeTogether(rows, gridStyle);
    await pace();
  }
  flow.endTable();
}

// ---------------------------------------------------------------------------------------------------------
// The running header and footer

function runningLines(doc: PDFKit.PDFDocument, painter: LinePainter, setter: TextSetter, head: LogHead, ctx: Context, total: number) {
  const { words } = ctx;
  const marks = [words.classifications[head.case.classification], ...(head.redacted ? [words.redactedVersion] : [])].join(' · ');
  const header = setter.lines(
    [word(marks, s.runningBold), word(' · ', s.running), ...userRuns(head.case.reference, s.running), word(` · ${words.documentTitle.logboek}`, s.running)],
    contentWidth,
    8,
  );
  const { entries, headHash } = head.fingerprint;
  const fingerprint = `${words.front.fingerprint}: ${words.front.fingerprintEntries(entries)} · ${words.front.fingerprintHead} ${headHash.slice(0, 16)}`;
  const generated = words.front.generatedOn(ctx.times.full(head.generatedAt));
  const lineHeight = 8 * 1.35;
  return (page: number) => {
    painter.reset();
    let y = mm(7);
    for (const line of header) {
      painter.line({ ...line, height: lineHeight }, contentLeft, y);
      y += lineHeight;
    }
    const footer = [fingerprint, `${words.page.page} ${page} ${words.page.of} ${total} · ${generated}`];
    y = pageBox.height - mm(5) - footer.length * lineHeight;
    for (const text of footer) {
      for (const line of setter.lines([word(text, s.running)], contentWidth, 8)) painter.line({ ...line, height: lineHeight }, contentLeft, y);
      y += lineHeight;
    }
    painter.reset();
    doc.fillColor(black);
  };
}

// ---------------------------------------------------------------------------------------------------------
// The passes

/** Entries set between two checks of the clock; a check yields when about 25 ms have passed since the last yield. */
const sliceMs = 25;

async function layOut(
  flow: Flow,
  input: LogPdfInput,
  ctx: Context,
  progress: (done: number) => Promise<void>,
): Promise<void> {
  const { head } = input;
  const { words } = ctx;
  flow.newPage();
  titleBlock(flow, head, ctx);
  await progress(0);
  const titles = [
    words.columns.seq,
    words.entry.occurredAt,
    words.entry.recordedAt,
    words.columns.type,
    words.entry.author,
    `${words.entry.source} · ${words.log.grading}`,
    words.columns.text,
  ];
  const tableHead = flow.setRow(titles.map((title) => [block([word(title, s.logBold)], 7.5)]), logStyle, logColumns, bandFill);
  let done = 0;
  let phase: string | null = null;
  let started = false;
  for (const batch of input.batches()) {
    for (const item of batch) {
      const row = flow.setRow(entryCells(item, ctx), logStyle, logColumns);
      const band =
        item.phaseName === phase
          ? null
          : flow.setRow([[block([word(`${words.entry.phase}: `, s.logBold), ...userRuns(item.phaseName, s.logBold)], 7.5)]], logStyle, logColumns, bandFill);
      phase = item.phaseName;
      if (!started) {
        sectionHeading(flow, words.sections.entries, flow.rowHeight(tableHead, logStyle) + flow.rowHeight(band ?? row, logStyle));
        flow.beginTable(tableHead, logStyle, logColumns, flow.rowHeight(band ?? row, logStyle));
        started = true;
      }
      if (band) flow.placeTogether([band, row], logStyle);
      else flow.place(row, logStyle);
      done += 1;
      await progress(done);
    }
    flow.setter.forgetWords();
  }
  if (started) flow.endTable();
  else {
    sectionHeading(flow, words.sections.entries, 0);
    emptyNote(flow, words.empty.entries);
  }
  await progress(done);
  phaseHistory(flow, head, ctx);
  await progress(done);
  await evidence(flow, head, ctx, () => progress(done));
}

/**
 * A PDFKit document with the shipped faces registered. Opening a face and shaping its first word decodes its
 * tables, tens of milliseconds each: the job gets the thread back between faces.
 */
async function openDocument(
  input: LogPdfInput,
  step: () => Promise<void>,
): Promise<{ doc: PDFKit.PDFDocument; fontOf: (face: Face) => MeasuringFont; ascent: (face: Face) => number }> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: false,
    compress: true,
    pdfVersion: '1.7',
    lang: input.head.locale === 'en' ? 'en' : 'nl',
    margin: 0,
    // No default font: PDFKit would load its own Helvetica, and a face opened before it is registered under a
    // name is opened again on every switch to that name.
    font: false as unknown as string,
  });
  type Embedded = MeasuringFont & { ascender: number };
  const internals = doc as unknown as { _font: Embedded | null };
  const opened = new Map<Face, Embedded>();
  /** Opens a face without changing the document's current font, which the painter keeps track of. */
  const open = (face: Face): Embedded => {
    let embedded = opened.get(face);
    if (!embedded) {
      const current = internals._font;
      const piece = /^emoji(\d+)$/.exec(face);
      doc.registerFont(face, piece ? emojiFont(emojiRanges()[Number(piece[1])]!.file) : documentFont(faces[face as keyof typeof faces]));
      doc.font(face);
      embedded = internals._font!;
      internals._font = current;
      opened.set(face, embedded);
    }
    return embedded;
  };
  for (const face of Object.keys(faces) as (keyof typeof faces)[]) {
    open(face).widthOfString('Ab', 1);
    await step();
  }
  return { doc, fontOf: open, ascent: (face) => open(face).ascender / 1000 };
}

/** PDF/A-2b at the document level: XMP (uncompressed), an sRGB output intent, and Info agreeing with the XMP. */
function completeAsPdfA(doc: PDFKit.PDFDocument, metadata: PdfMetadata): void {
  const parts = pdfaDocumentParts(metadata, 'PDFKit');
  const internals = doc as unknown as {
    ref(data?: object): { compress: boolean; end(chunk?: Buffer): void };
    _root: { data: Record<string, unknown> };
    info: Record<string, unknown>;
    endMetadata: () => void;
  };
  const xmp = internals.ref({ Type: 'Metadata', Subtype: 'XML' });
  xmp.compress = false;
  xmp.end(parts.xmp);
  const profile = internals.ref({ N: 3, Alternate: 'DeviceRGB' });
  profile.end(Buffer.from(parts.iccProfile));
  const intent = internals.ref({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    // String objects are PDF strings to PDFKit; plain strings would become names.
    OutputConditionIdentifier: new String(parts.outputCondition),
    RegistryName: new String('http://www.color.org'),
    Info: new String(parts.outputCondition),
    DestOutputProfile: profile,
  });
  intent.end();
  internals._root.data.Metadata = xmp;
  internals._root.data.OutputIntents = [intent];
  internals.info = Object.fromEntries(parts.info);
  // PDFKit writes an XMP packet of its own at the end and points the catalog at it; this one replaces it.
  internals.endMetadata = () => undefined;
}

export async function writeLogPdf(input: LogPdfInput, job: JobContext): Promise<WrittenPdf> {
  const { doc, fontOf, ascent } = await openDocument(input, () => checkpoint(job, 'reading', 0, input.head.fingerprint.entries));
  const chunks: Buffer[] = [];
  const hash = createHash('sha256');
  doc.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    hash.update(chunk);
  });
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const ctx: Context = { words: labels[input.head.locale], locale: input.head.locale, times: new TimeFormats(input.head.locale) };
  const setter = new TextSetter(fontOf, input.head.locale);
  const total = input.head.fingerprint.entries;
  let lastYield = performance.now();
  const pacer = (phase: 'reading' | 'writing') => async (done: number) => {
    if (performance.now() - lastYield < sliceMs) return;
    await checkpoint(job, phase, done, total);
    lastYield = performance.now();
  };

  const counting = new Flow(setter, null, null, () => undefined);
  await layOut(counting, input, ctx, pacer('reading'));
  const pageCount = counting.page;

  const painter = new LinePainter(doc, ascent);
  const drawing = new Flow(setter, doc, painter, runningLines(doc, painter, setter, input.head, ctx, pageCount));
  await layOut(drawing, input, ctx, pacer('writing'));
  if (drawing.page !== pageCount) throw new Error(`PDF layout: ${drawing.page} pages drawn, ${pageCount} counted`);

  completeAsPdfA(doc, input.metadata);
  // Subsetting and embedding a face takes a while; done here face by face (PDFKit's `end` then skips them), the
  // job gets the thread back in between.
  const families = (doc as unknown as { _fontFamilies: Record<string, { finalize(): void }> })._fontFamilies;
  for (const font of new Set(Object.values(families))) {
    font.finalize();
    await checkpoint(job, 'writing', total, total);
  }
  doc.end();
  await ended;
  return { pdf: Buffer.concat(chunks), pageCount, sha256: hash.digest('hex') };
}

