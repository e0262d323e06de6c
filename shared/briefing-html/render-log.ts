import type { DocumentEntry, LogDocument } from '../briefing';
import { dayKey, documentTimeZone, formatCompactDocumentDateTime, formatDocumentTime } from '../time';
import { entryBody, entryType, evidenceTable, phaseHistoryTable } from './render-entries';
import {
  article,
  banners,
  commonFacts,
  contextOf,
  emptyNote,
  facts,
  frontNotes,
  generationFacts,
  label,
  muted,
  num,
  redactedMarker,
  section,
  userText,
  type RenderContext,
} from './render-parts';

/**
 * The whole log of a case: every entry in log order, with both of its times, then phases and evidence. A
 * log runs to thousands of entries, so it is one dense landscape table, one row per entry, with a band where
 * the phase changes instead of the phase on every row.
 */

function front(doc: LogDocument, ctx: RenderContext): string {
  return (
    `<header class="front">${banners(doc, ctx)}` +
    `<h1>${label(ctx.words.documentTitle.logboek)}</h1>` +
    `<p class="case-title">${userText(doc.case.title)}</p>` +
    `${facts([...commonFacts(doc, ctx), ...generationFacts(doc, ctx)])}${frontNotes(doc, ctx)}` +
    `<p class="muted">${label(ctx.words.log.legend)}</p></header>`
  );
}

/** When it was recorded: the time alone when that was the same day as it happened. */
function recorded(item: DocumentEntry, ctx: RenderContext): string {
  const sameDay = dayKey(item.occurredAt, documentTimeZone) === dayKey(item.recordedAt, documentTimeZone);
  return label(sameDay ? formatDocumentTime(item.recordedAt) : formatCompactDocumentDateTime(item.recordedAt, ctx.locale));
}

function sourceCell(item: DocumentEntry, ctx: RenderContext): string {
  const source = item.redacted ? redactedMarker(ctx) : item.source ? userText(item.source) : '';
  const grading = item.grading ? label(item.grading) : '';
  return source && grading ? `${source} · ${grading}` : source || grading || muted(label(ctx.words.empty.none));
}

function entryRow(item: DocumentEntry, ctx: RenderContext): string {
  const cells = [
    num(item.seq),
    label(formatCompactDocumentDateTime(item.occurredAt, ctx.locale)),
    recorded(item, ctx),
    entryType(item, ctx),
    userText(item.authorName),
    sourceCell(item, ctx),
    entryBody(item, ctx),
  ];
  return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
}

const logColumns = ['w-log-seq', 'w-log-time', 'w-log-recorded', 'w-log-type', 'w-log-person', 'w-log-source', ''];

function entriesTable(entries: readonly DocumentEntry[], ctx: RenderContext): string {
  if (entries.length === 0) return emptyNote(ctx.words.empty.entries);
  const words = ctx.words;
  const titles = [
    words.columns.seq,
    words.entry.occurredAt,
    words.entry.recordedAt,
    words.columns.type,
    words.entry.author,
    `${words.entry.source} · ${words.log.grading}`,
    words.columns.text,
  ];
  const head = titles
    .map((title, index) => `<th scope="col"${logColumns[index] ? ` class="${logColumns[index]}"` : ''}>${label(title)}</th>`)
    .join('');
  let phase: string | null = null;
  const rows = entries.map((item) => {
    const band =
      item.phaseName === phase
        ? ''
        : `<tr class="phase-band"><td colspan="${titles.length}">${label(words.entry.phase)}: ${userText(item.phaseName)}</td></tr>`;
    phase = item.phaseName;
    return band + entryRow(item, ctx);
  });
  return `<table class="log"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function renderLogBody(doc: LogDocument): string {
  const ctx = contextOf(doc);
  const sections = ctx.words.sections;
  return article(
    doc,
    front(doc, ctx) +
      section('entries', sections.entries, entriesTable(doc.entries, ctx)) +
      section('phases', sections.phaseHistory, phaseHistoryTable(doc.phaseHistory, ctx)) +
      section('evidence', sections.evidence, evidenceTable(doc.evidence, ctx)),
  );
}
