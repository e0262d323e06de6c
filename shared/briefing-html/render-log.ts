import type { DocumentEntry, LogDocument } from '../briefing';
import { entryBody, entryGrading, entrySource, entryType, evidenceTable, phaseHistoryTable } from './render-entries';
import {
  article,
  banners,
  commonFacts,
  contextOf,
  details,
  emptyNote,
  facts,
  frontNotes,
  generationFacts,
  label,
  section,
  time,
  userText,
  type RenderContext,
} from './render-parts';

/** The whole log of a case: every entry in log order, with both of its times, then phases and evidence. */

function front(doc: LogDocument, ctx: RenderContext): string {
  return (
    `<header class="front">${banners(doc, ctx)}` +
    `<h1>${label(ctx.words.documentTitle.logboek)}</h1>` +
    `<p class="case-title">${userText(doc.case.title)}</p>` +
    `${facts([...commonFacts(doc, ctx), ...generationFacts(doc, ctx)])}${frontNotes(doc, ctx)}</header>`
  );
}

function entry(item: DocumentEntry, ctx: RenderContext): string {
  const words = ctx.words.entry;
  const title = `${label(words.line(item.seq))} · ${entryType(item, ctx)} · ${label(words.phase)}: ${userText(item.phaseName)}`;
  const when = details([
    [words.occurredAt, time(item.occurredAt, ctx)],
    [words.recordedAt, time(item.recordedAt, ctx)],
    [words.author, userText(item.authorName)],
    [words.source, entrySource(item, ctx)],
    [words.grading, entryGrading(item, ctx)],
  ]);
  return `<div class="item-block entry"><p class="item-title">${title}</p>${when}${entryBody(item, ctx)}</div>`;
}

export function renderLogBody(doc: LogDocument): string {
  const ctx = contextOf(doc);
  const sections = ctx.words.sections;
  const entries =
    doc.entries.length === 0 ? emptyNote(ctx.words.empty.entries) : doc.entries.map((item) => entry(item, ctx)).join('');
  return article(
    doc,
    front(doc, ctx) +
      section('entries', sections.entries, entries) +
      section('phases', sections.phaseHistory, phaseHistoryTable(doc.phaseHistory, ctx)) +
      section('evidence', sections.evidence, evidenceTable(doc.evidence, ctx)),
  );
}
