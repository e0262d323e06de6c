import type { DocumentEntry, DocumentEvidence, LogDocument } from '../briefing';
import { formatNumber } from '../numbers';
import { visibleText } from './escape';
import { formatGrading, formatSize } from './format';
import {
  cellLabel,
  cellText,
  details,
  groupedTable,
  hash,
  label,
  muted,
  num,
  redactedMarker,
  row,
  table,
  tag,
  time,
  url,
  userBlock,
  userText,
  type RenderContext,
} from './render-parts';

/**
 * Log entries, evidence and phase history, as both the briefing and the log export print them. A redacted
 * entry or file never reaches the markup with its own words, whatever the fields still hold.
 */

type PhaseChange = LogDocument['phaseHistory'][number];

/** An entry whose text may run over a page: it breaks between its paragraphs (lines) rather than as a whole. */
const longText = { characters: 1_500, lines: 15 } as const;

export const isLongEntry = (entry: DocumentEntry): boolean =>
  !entry.redacted && (entry.text.length > longText.characters || entry.text.split('\n').length > longText.lines);

export function entryText(entry: DocumentEntry, ctx: RenderContext): string {
  if (entry.redacted) return `<div class="block">${redactedMarker(ctx)}</div>`;
  if (!isLongEntry(entry)) return userBlock(entry.text, ctx.words.empty.text);
  // Each line a block of its own that is not split, so a page breaks between them; an empty line stays a gap.
  const lines = entry.text.split('\n').map((line) => (line.trim() === '' ? '<br>' : `<span class="para">${visibleText(line)}</span>`));
  return `<div class="ut block long-text">${lines.join('')}</div>`;
}

export function entrySource(entry: DocumentEntry, ctx: RenderContext): string {
  if (entry.redacted) return redactedMarker(ctx);
  return entry.source === null || entry.source.trim() === '' ? muted(label(ctx.words.entry.noSource)) : cellText(entry.source, ctx);
}

export const entryGrading = (entry: DocumentEntry, ctx: RenderContext): string =>
  label(formatGrading(entry.grading, ctx.words));

export function entryType(entry: DocumentEntry, ctx: RenderContext): string {
  return cellLabel(ctx.words.entryTypes[entry.type], ctx);
}

/** Which entries this one corrects or is corrected by, and whether it holds personal data. */
export function entryNotes(entry: DocumentEntry, ctx: RenderContext): string {
  const notes: string[] = [];
  if (entry.correctsSeq !== null) notes.push(tag(ctx.words.entry.corrects(entry.correctsSeq)));
  if (entry.correctedBySeqs.length > 0) notes.push(tag(ctx.words.entry.correctedBy(entry.correctedBySeqs.join(', '))));
  if (entry.personalData && !entry.redacted) notes.push(tag(ctx.words.entry.personalData));
  return notes.length === 0 ? '' : `<div class="details">${notes.join('')}</div>`;
}

/** The facts of an online signal. The address is printed as text and never becomes a link. */
export function signalDetails(entry: DocumentEntry, ctx: RenderContext): string {
  const signal = entry.signal;
  if (!signal) return '';
  const words = ctx.words.signal;
  const pieces: Array<readonly [string, string]> = [
    [words.platform, label(ctx.words.platforms[signal.platform])],
    [words.channel, label(ctx.words.channels[signal.channel])],
  ];
  if (signal.reach !== null) pieces.push([words.reach, label(formatNumber(signal.reach, ctx.locale))]);
  if (signal.postedAt !== null) pieces.push([words.postedAt, time(signal.postedAt, ctx)]);
  pieces.push([words.seenAt, time(signal.seenAt, ctx)]);
  pieces.push([words.contentClass, label(ctx.words.contentClasses[signal.contentClass])]);
  if (entry.redacted) {
    pieces.push([words.account, redactedMarker(ctx)], [words.url, redactedMarker(ctx)]);
  } else {
    if (signal.accountHandle !== null) pieces.push([words.account, userText(signal.accountHandle)]);
    if (signal.url !== null) pieces.push([words.url, url(signal.url)]);
  }
  return details(pieces);
}

/** Text, signal facts and notes: the main cell of an entry row. */
export const entryBody = (entry: DocumentEntry, ctx: RenderContext): string =>
  entryText(entry, ctx) + signalDetails(entry, ctx) + entryNotes(entry, ctx);

function evidenceRows(item: DocumentEvidence, ctx: RenderContext): string {
  const fileName = item.redacted ? redactedMarker(ctx) : userText(item.fileName);
  const personal = item.personalData && !item.redacted ? ` ${tag(ctx.words.entry.personalData)}` : '';
  const cells = [
    item.entrySeq === null ? label(ctx.words.empty.none) : num(item.entrySeq),
    fileName + personal,
    userText(item.mediaType),
    label(formatSize(item.size, ctx.locale, ctx.words.sizeUnits)),
    time(item.addedAt, ctx),
  ];
  const first = row(cells);
  const second = `<tr><td class="hash-row" colspan="5">${label(ctx.words.hashLabel)}: ${hash(item.sha256)}</td></tr>`;
  return first + second;
}

/** The evidence list; each file's SHA-256 on a full-width row of its own so it prints unbroken. */
export function evidenceTable(evidence: readonly DocumentEvidence[], ctx: RenderContext): string {
  const columns = ctx.words.columns;
  return groupedTable(
    [
      { title: columns.entry, width: 'w-size' },
      { title: columns.fileName },
      { title: columns.mediaType, width: 'w-source' },
      { title: columns.size, width: 'w-size' },
      { title: columns.addedAt, width: 'w-time' },
    ],
    evidence.map((item) => evidenceRows(item, ctx)),
    ctx.words.empty.evidence,
  );
}

export function phaseHistoryTable(history: readonly PhaseChange[], ctx: RenderContext): string {
  const columns = ctx.words.columns;
  const rows = history.map((change) => [
    time(change.at, ctx),
    change.fromName === null ? muted(label(ctx.words.phase.start)) : cellText(change.fromName, ctx),
    cellText(change.toName, ctx),
    userBlock(change.reason, ctx.words.empty.none),
    cellText(change.byName, ctx),
  ]);
  return table(
    [
      { title: columns.time, width: 'w-time' },
      { title: columns.from, width: 'w-person' },
      { title: columns.to, width: 'w-person' },
      { title: columns.reason },
      { title: columns.author, width: 'w-person' },
    ],
    rows,
    ctx.words.empty.phaseHistory,
  );
}

/**
 * Entries as a table: number, time, type and `fourth` (source with grading, or author) on one row, the text on
 * a full-width row under it. The text gets the page's width so a long one is not squeezed into a column, and
 * each entry is kept together on a page, which a text as long as a page could not be in a narrow column.
 */
export function entryTable(
  entries: readonly DocumentEntry[],
  fourth: 'source' | 'author',
  emptyText: string,
  ctx: RenderContext,
): string {
  const columns = ctx.words.columns;
  const items = entries.map((entry) => {
    const meta = row(
      [
        num(entry.seq),
        time(entry.occurredAt, ctx),
        entryType(entry, ctx),
        fourth === 'source'
          ? `${entrySource(entry, ctx)} · ${muted(entryGrading(entry, ctx))}`
          : cellText(entry.authorName, ctx),
      ],
      'meta-row',
    );
    return { rows: meta + `<tr><td class="text-row" colspan="4">${entryBody(entry, ctx)}</td></tr>`, long: isLongEntry(entry) };
  });
  return groupedTable(
    [
      { title: columns.seq, width: 'w-seq' },
      { title: columns.time, width: 'w-time' },
      { title: columns.type, width: 'w-type' },
      { title: fourth === 'source' ? columns.source : columns.author },
    ],
    items,
    emptyText,
  );
}
