import type { HandoverDocument } from '../briefing';
import { formatDocumentDateTime } from '../time';
import { entryTable } from './render-entries';
import { deadlineWords, decisionBlock, openActionsTable, rolesTable } from './render-briefing';
import {
  article,
  banners,
  contextOf,
  emptyNote,
  facts,
  fingerprint,
  label,
  optionalText,
  optionalTime,
  section,
  userBlock,
  userText,
  warning,
  type RenderContext,
} from './render-parts';

/**
 * The shift-handover report: who hands over to whom and for which shift, then what the incoming person needs
 * before anything else (their first actions, the phase, what is open or late, the deadlines), then the shift's
 * decisions, who is on duty and the shift's key signals and observations.
 */

function shiftText(doc: HandoverDocument, ctx: RenderContext): string {
  const words = ctx.words.handover;
  const from = formatDocumentDateTime(doc.period.from, ctx.locale);
  const to = formatDocumentDateTime(doc.period.to, ctx.locale);
  if (doc.period.since === 'previous' && doc.previous !== null) return words.sincePrevious(doc.previous.number, from, to);
  if (doc.period.since === 'hours' && doc.period.hours !== null) return words.lastHours(doc.period.hours, from, to);
  return words.chosen(from, to);
}

function head(doc: HandoverDocument, ctx: RenderContext): string {
  const words = ctx.words;
  const name = (text: string) => (text.trim() === '' ? label(words.handover.nobody) : userText(text));
  return (
    `<header class="front">${banners(doc, ctx)}<h1>${label(words.handover.title(doc.number))}</h1>` +
    `<p class="case-title">${userText(doc.case.title)}</p>` +
    facts([
      [words.front.case, userText(doc.case.municipality === null ? doc.case.reference : `${doc.case.reference} · ${doc.case.municipality}`)],
      [words.handover.shift, label(shiftText(doc, ctx))],
      [words.handover.outgoing, name(doc.generatedByName)],
      [words.handover.incoming, name(doc.incomingName)],
      [words.front.fingerprint, fingerprint(doc, ctx)],
    ]) +
    `<p class="muted">${label(words.handover.inShift(doc.entriesInShift))}. ${label(words.front.timeZone)}` +
    `${doc.redacted ? ` ${label(words.redactedNotice)}` : ''}</p></header>`
  );
}

function deadlines(doc: HandoverDocument, ctx: RenderContext): string {
  if (doc.deadlines.length === 0) return emptyNote(ctx.words.kern.noDeadlines);
  const items = doc.deadlines.map((item) => {
    const state = deadlineWords(item.dueAt, doc.generatedAt, ctx);
    return `<li>${userText(ctx.words.kern.deadlineOf(item.label, item.decision))}: ${item.overdue ? warning(state) : label(state)}</li>`;
  });
  return `<ul>${items.join('')}</ul>`;
}

export function renderHandoverBody(doc: HandoverDocument): string {
  const ctx = contextOf(doc);
  const words = ctx.words;
  const phase = facts([
    [words.subsections.phase, userText(doc.phase.current)],
    [words.phase.since, optionalTime(doc.phase.since, ctx)],
    [words.phase.reason, optionalText(doc.phase.reason, ctx)],
  ]);
  const more = doc.keyEntriesOmitted > 0 ? `<p class="muted">${label(words.moreInLog(doc.keyEntriesOmitted))}</p>` : '';
  const body =
    head(doc, ctx) +
    section('first-actions', words.handover.firstActions, userBlock(doc.firstActions, words.empty.text)) +
    section('handover-phase', words.handover.phase, phase) +
    section('handover-actions', words.handover.actions, openActionsTable(doc.openActions, ctx)) +
    section('handover-deadlines', words.handover.deadlines, deadlines(doc, ctx)) +
    section(
      'handover-decisions',
      words.handover.decisions,
      doc.decisions.length === 0 ? emptyNote(words.handover.noDecisions) : doc.decisions.map((item) => decisionBlock(item, ctx)).join(''),
    ) +
    section('handover-roles', words.handover.roles, rolesTable(doc.roles, ctx)) +
    section('handover-entries', words.handover.keyEntries, entryTable(doc.keyEntries, 'source', words.empty.keyEntries, ctx) + more);
  return article(doc, body);
}
