import { byDue, type BriefingDocument, type DocumentEntry } from '../briefing';
import type { InterventionUseStatus } from '../domain';
import { formatCompactDocumentDateTime, formatDocumentDateTime } from '../time';
import { visibleText } from './escape';
import { entryTable, evidenceTable, phaseHistoryTable } from './render-entries';
import {
  article,
  banners,
  cellLabel,
  cellText,
  contextOf,
  emptyNote,
  facts,
  fingerprint,
  label,
  muted,
  num,
  optionalText,
  optionalTime,
  redactedMarker,
  section,
  subsection,
  table,
  tag,
  time,
  userBlock,
  userText,
  warning,
  type RenderContext,
} from './render-parts';

/**
 * A BOB briefing: page 1 is the kernbriefing (Beeld, Oordeel, Besluit and who to call now, on one A4 whatever the
 * case's size), then the annexes the author chose, each under its own heading. The kernbriefing fits by design:
 * at most five key lines of one line each, at most four deadlines and six roles, and the author's texts held to a
 * number of lines; a text that does not fit is shortened there and printed whole in the first annex.
 */

type Decision = BriefingDocument['decisions'][number];
type Deadline = Decision['deadlines'][number];

/** What was done first, then what is still on the table, then what was turned down. */
const interventionOrder: readonly InterventionUseStatus[] = ['toegepast', 'overwogen', 'afgewezen'];

function interventions(doc: BriefingDocument, ctx: RenderContext): string {
  const columns = ctx.words.columns;
  const sorted = [...doc.interventions].sort(
    (a, b) => interventionOrder.indexOf(a.status) - interventionOrder.indexOf(b.status),
  );
  const rows = sorted.map((use) => [
    `${cellText(use.name, ctx)}<div class="details">${cellLabel(ctx.words.interventionTypes[use.type], ctx)}</div>`,
    label(ctx.words.interventionStatuses[use.status]),
    userBlock(use.reason, ctx.words.empty.none),
    userBlock(use.effect, ctx.words.empty.none),
    `${time(use.at, ctx)}<div class="details">${cellText(use.byName, ctx)}</div>`,
  ]);
  return table(
    [
      { title: columns.intervention, width: 'w-person' },
      { title: columns.status, width: 'w-status' },
      { title: columns.reason },
      { title: columns.effect },
      { title: columns.atBy, width: 'w-time' },
    ],
    rows,
    ctx.words.empty.interventions,
  );
}

function deadline(item: Deadline, ctx: RenderContext): string {
  const words = ctx.words.decision;
  const due = item.dueAt === null ? muted(label(words.deadlineUnknown)) : time(item.dueAt, ctx);
  const state = item.met
    ? label(words.deadlineMet)
    : item.overdue
      ? warning(words.deadlineOverdue)
      : label(words.deadlineRunning);
  return `<li>${userText(item.label)} — ${due} — ${state}</li>`;
}

export function decisionBlock(item: Decision, ctx: RenderContext): string {
  const words = ctx.words.decision;
  const earlier = item.inPeriod ? '' : ` ${tag(words.beforePeriod)}`;
  const title =
    `${label(words.title(item.number))} · ${time(item.decidedAt, ctx)} · ` +
    `${label(words.decidedBy)}: ${label(ctx.words.decisionMakers[item.decidedBy])}${earlier}`;
  const legalBasis = item.legalBasis === null ? muted(label(words.noLegalBasis)) : userText(item.legalBasis);
  const deadlines =
    item.deadlines.length === 0
      ? ''
      : `<p><strong>${label(words.deadlines)}</strong></p><ul>${item.deadlines.map((d) => deadline(d, ctx)).join('')}</ul>`;
  return (
    `<div class="item-block"><p class="item-title">${title}</p>${userBlock(item.text, ctx.words.empty.text)}` +
    facts([
      [words.legalBasis, legalBasis],
      [words.necessity, userBlock(item.necessity, ctx.words.empty.none)],
      [words.proportionality, userBlock(item.proportionality, ctx.words.empty.none)],
      [words.subsidiarity, userBlock(item.subsidiarity, ctx.words.empty.none)],
    ]) +
    `${deadlines}</div>`
  );
}

export function openActionsTable(actions: BriefingDocument['openActions'], ctx: RenderContext): string {
  const words = ctx.words;
  const rows = actions.map((action) => {
    const due = action.dueAt === null ? muted(label(words.action.noDue)) : time(action.dueAt, ctx);
    return [
      userBlock(action.text, words.empty.text),
      action.owner === null ? muted(label(words.action.noOwner)) : cellText(action.owner, ctx),
      action.overdue ? `${due} ${warning(words.action.overdue)}` : due,
      label(words.taskStatuses[action.status]),
    ];
  });
  return table(
    [
      { title: words.columns.action },
      { title: words.columns.owner, width: 'w-person' },
      { title: words.columns.due, width: 'w-time' },
      { title: words.columns.status, width: 'w-status' },
    ],
    rows,
    words.empty.openActions,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Page 1: the kernbriefing

/** How many lines each author text may take on page 1 (the stylesheet's clamp-N classes), and how many items each list shows. */
export const kernBudget = { summaryLines: 5, risksLines: 3, askedItems: 4, askedItemLines: 2, keyLines: 5, deadlines: 3, onDuty: 4 } as const;
/** Characters per line of the page's text at its size, counted low so a text that may not fit is called too long. */
const charsPerLine = 88;

/** The lines a text takes at `charsPerLine`, each paragraph at least one. */
function estimatedLines(text: string): number {
  return text
    .split('\n')
    .reduce((lines, paragraph) => lines + Math.max(1, Math.ceil(paragraph.trimEnd().length / charsPerLine)), 0);
}

/** The decisions asked of the reader: one per line of the author's text, list marks taken off. */
export function askedDecisions(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s*/u, '').trim())
    .filter((line) => line !== '');
}

export type KernText = 'summary' | 'risks' | 'requestedDecisions';

/** Which of the author's texts do not fit page 1 and are printed whole in the first annex. */
export function kernCuts(doc: Pick<BriefingDocument, 'summary' | 'risks' | 'requestedDecisions'>): KernText[] {
  const asked = askedDecisions(doc.requestedDecisions);
  const cuts: KernText[] = [];
  if (estimatedLines(doc.summary.trim()) > kernBudget.summaryLines) cuts.push('summary');
  if (estimatedLines(doc.risks.trim()) > kernBudget.risksLines) cuts.push('risks');
  if (asked.length > kernBudget.askedItems || asked.some((item) => estimatedLines(item) > kernBudget.askedItemLines)) {
    cuts.push('requestedDecisions');
  }
  return cuts;
}

type Annex = BriefingDocument['annexes'][number] | 'toelichting';

function annexesOf(doc: BriefingDocument): Annex[] {
  return [...(kernCuts(doc).length > 0 ? (['toelichting'] as const) : []), ...doc.annexes];
}

/** An author text held to `lines` lines on page 1 (the rest is in the annex, whose number the note gives). */
function clampedBlock(text: string, lines: number, emptyText: string, cutNote: string | null): string {
  if (text.trim() === '') return emptyNote(emptyText);
  const note = cutNote === null ? '' : `<p class="kern-cut">${label(cutNote)}</p>`;
  return `<div class="ut block clamp-${lines}">${visibleText(text.trim())}</div>${note}`;
}

function periodText(doc: BriefingDocument, ctx: RenderContext): string {
  const words = ctx.words.kern;
  const start =
    doc.period.from === null
      ? words.fromStart
      : doc.period.since === 'previous' && doc.changes.previous !== null
        ? words.periodSince(doc.changes.previous.number, formatDocumentDateTime(doc.period.from, ctx.locale))
        : formatDocumentDateTime(doc.period.from, ctx.locale);
  return `${start} – ${formatDocumentDateTime(doc.period.to, ctx.locale)}`;
}

function kernHead(doc: BriefingDocument, ctx: RenderContext): string {
  const words = ctx.words;
  const counts = doc.changes;
  const changed = [
    [words.changes.entries, counts.entries],
    [words.changes.signals, counts.signals],
    [words.changes.decisions, counts.decisions],
    [words.changes.phaseChanges, counts.phaseChanges],
    [words.changes.tasksOpened, counts.tasksOpened],
  ] as const;
  const intro = doc.period.since === 'previous' && counts.previous !== null ? words.kern.changes(counts.previous.number) : words.kern.changesFirst;
  const place = doc.case.municipality === null ? doc.case.reference : `${doc.case.reference} · ${doc.case.municipality}`;
  const generated = words.front.generatedAtBy(formatDocumentDateTime(doc.generatedAt, ctx.locale), doc.generatedByName);
  const fact = (term: string, html: string) => `<strong>${label(term)}:</strong> ${html}`;
  return (
    `<header class="kern-head">${banners(doc, ctx)}` +
    `<h1 class="kern-title">${label(words.briefingNumber(doc.number))} · ${userText(doc.case.title)}</h1>` +
    `<p class="kern-facts">${[
      fact(words.front.case, userText(place)),
      fact(words.front.audience, label(words.audiences[doc.audience])),
      fact(words.front.generated, userText(generated)),
    ].join(' · ')}</p>` +
    `<p class="kern-facts">${fact(words.front.period, label(periodText(doc, ctx)))}</p>` +
    `<p class="kern-facts">${fact(words.front.fingerprint, fingerprint(doc, ctx))}</p>` +
    `<p class="kern-facts">${label(intro)} ${changed.map(([term, count]) => `${label(term)} <strong>${num(count)}</strong>`).join(' · ')}</p>` +
    `</header>`
  );
}

/** One key entry on one line: when, what, how reliable, and its text cut at the line's end. */
function keyLine(entry: DocumentEntry, ctx: RenderContext): string {
  const words = ctx.words;
  const text = entry.redacted ? redactedMarker(ctx) : userText(entry.text.replace(/\s+/gu, ' '));
  const grading = entry.grading === null ? '' : ` <span class="kl-grade">${label(entry.grading)}</span>`;
  return (
    `<li><span class="kl-time">${label(formatCompactDocumentDateTime(entry.occurredAt, ctx.locale))}</span> ` +
    `<strong>${label(words.entryTypes[entry.type])}</strong>${grading} ${text}</li>`
  );
}

function kernBeeld(doc: BriefingDocument, ctx: RenderContext, cutNote: (text: KernText) => string | null): string {
  const words = ctx.words;
  const shown = doc.keyEntries.slice(0, kernBudget.keyLines);
  const more = doc.keyEntries.length + doc.keyEntriesOmitted - shown.length;
  const lines =
    shown.length === 0
      ? emptyNote(words.empty.keyEntries)
      : `<ul class="key-lines">${shown.map((entry) => keyLine(entry, ctx)).join('')}</ul>` +
        (more > 0 ? `<p class="muted">${label(words.kern.more(more))}</p>` : '');
  return (
    `<section class="bob beeld"><h2>${label(words.kern.beeld)}</h2>` +
    clampedBlock(doc.summary, kernBudget.summaryLines, words.empty.text, cutNote('summary')) +
    `<h3>${label(words.kern.keyLines)}</h3>${lines}</section>`
  );
}

/** "loopt nog 3 uur en 20 min, tot zo 29-11-2026 21:00" or "VERLOPEN: 1 uur en 5 min over tijd (sinds …)". */
export function deadlineWords(dueAt: string | null, generatedAt: string, ctx: RenderContext): string {
  const words = ctx.words.kern;
  if (dueAt === null) return words.noDate;
  const minutes = Math.round(Math.abs(Date.parse(dueAt) - Date.parse(generatedAt)) / 60_000);
  const span = words.duration(Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60);
  const at = formatDocumentDateTime(dueAt, ctx.locale);
  return dueAt < generatedAt ? words.overdue(span, at) : words.running(span, at);
}

function kernOordeel(doc: BriefingDocument, ctx: RenderContext, cutNote: (text: KernText) => string | null): string {
  const words = ctx.words;
  const running = doc.decisions
    .flatMap((decision) => decision.deadlines.filter((item) => !item.met).map((item) => ({ ...item, decision: decision.number })))
    .sort(byDue);
  const shown = running.slice(0, kernBudget.deadlines);
  const deadlines =
    shown.length === 0
      ? emptyNote(words.kern.noDeadlines)
      : `<ul class="deadlines">${shown
          .map((item) => {
            const state = deadlineWords(item.dueAt, doc.generatedAt, ctx);
            const stateHtml = item.overdue ? warning(state) : label(state);
            return `<li>${userText(words.kern.deadlineOf(item.label, item.decision))}: ${stateHtml}</li>`;
          })
          .join('')}</ul>` + (running.length > shown.length ? `<p class="muted">${label(words.kern.more(running.length - shown.length))}</p>` : '');
  const reason = doc.phase.reason === null || doc.phase.reason.trim() === '' ? '' : ` — ${label(words.kern.phaseReason)}: ${userText(doc.phase.reason)}`;
  return (
    `<section class="bob oordeel"><h2>${label(words.kern.oordeel)}</h2>` +
    `<p class="kern-phase"><strong>${label(words.kern.phase)}:</strong> ${userText(doc.phase.current)}${reason}</p>` +
    `<h3>${label(words.subsections.risks)}</h3>` +
    clampedBlock(doc.risks, kernBudget.risksLines, words.empty.text, cutNote('risks')) +
    `<h3>${label(words.kern.deadlines)}</h3>${deadlines}</section>`
  );
}

function kernBesluit(doc: BriefingDocument, ctx: RenderContext, cutNote: (text: KernText) => string | null): string {
  const words = ctx.words;
  const asked = askedDecisions(doc.requestedDecisions);
  const shown = asked.slice(0, kernBudget.askedItems);
  const list =
    shown.length === 0
      ? emptyNote(words.kern.noneAsked)
      : `<ul class="asked">${shown
          .map(
            (item, index) =>
              `<li><span class="tick" aria-hidden="true"></span><span class="n">${num(index + 1)}.</span>` +
              `<span class="ut clamp-${kernBudget.askedItemLines}">${visibleText(item)}</span></li>`,
          )
          .join('')}</ul>`;
  const note = cutNote('requestedDecisions');
  return (
    `<section class="bob besluit"><h2>${label(words.kern.besluit)}</h2><p class="muted">${label(words.kern.asked)}</p>${list}` +
    (note === null ? '' : `<p class="kern-cut">${label(note)}</p>`) +
    `</section>`
  );
}

function kernCallNow(doc: BriefingDocument, ctx: RenderContext): string {
  const words = ctx.words;
  const shown = doc.roles.slice(0, kernBudget.onDuty);
  const rows = shown.map((role) => [
    userText(role.role),
    userText(role.holder) + (role.organisation === null ? '' : ` <span class="muted">(${userText(role.organisation)})</span>`),
    ctx.redacted ? redactedMarker(ctx) : optionalText(role.contact, ctx),
  ]);
  const more = doc.roles.length > shown.length ? `<p class="muted">${label(words.kern.more(doc.roles.length - shown.length))}</p>` : '';
  return (
    `<section class="bob call-now"><h2>${label(words.kern.callNow)}</h2>` +
    table([{ title: words.columns.role, width: 'w-role' }, { title: words.columns.holder }, { title: words.columns.contact, width: 'w-contact' }], rows, words.kern.noOnDuty) +
    `${more}</section>`
  );
}

function kernbriefing(doc: BriefingDocument, ctx: RenderContext): string {
  const words = ctx.words;
  const annexes = annexesOf(doc);
  const cuts = kernCuts(doc);
  const cutNote = (text: KernText) => (cuts.includes(text) ? words.kern.cut(1) : null);
  const list =
    annexes.length === 0
      ? label(words.kern.noAnnexes)
      : annexes.map((annex, index) => label(`${index + 1}. ${words.annex.titles[annex]}`)).join(' · ');
  return (
    `<section class="kern">${kernHead(doc, ctx)}` +
    kernBeeld(doc, ctx, cutNote) +
    kernOordeel(doc, ctx, cutNote) +
    kernBesluit(doc, ctx, cutNote) +
    kernCallNow(doc, ctx) +
    `<p class="muted kern-foot"><strong>${label(words.kern.annexes)}:</strong> ${list}. ${label(words.front.timeZone)}` +
    `${doc.redacted ? ` ${label(words.redactedNotice)}` : ''}</p></section>`
  );
}

// ---------------------------------------------------------------------------------------------------------
// The annexes

function annexBody(annex: Annex, doc: BriefingDocument, ctx: RenderContext): string {
  const words = ctx.words;
  switch (annex) {
    case 'toelichting':
      return (
        subsection(words.subsections.summary, userBlock(doc.summary, words.empty.text)) +
        subsection(words.subsections.risks, userBlock(doc.risks, words.empty.text)) +
        subsection(words.subsections.requestedDecisions, userBlock(doc.requestedDecisions, words.empty.text))
      );
    case 'besluiten':
      return doc.decisions.length === 0 ? emptyNote(words.empty.decisions) : doc.decisions.map((item) => decisionBlock(item, ctx)).join('');
    case 'acties':
      return openActionsTable(doc.openActions, ctx);
    case 'signalen': {
      const more = doc.keyEntriesOmitted > 0 ? `<p class="muted">${label(words.moreInLog(doc.keyEntriesOmitted))}</p>` : '';
      return (
        subsection(words.subsections.keyEntries, entryTable(doc.keyEntries, 'source', words.empty.keyEntries, ctx) + more) +
        subsection(words.sections.evidence, evidenceTable(doc.evidence, ctx))
      );
    }
    case 'fasen': {
      const phase = facts([
        [words.subsections.phase, userText(doc.phase.current)],
        [words.phase.since, optionalTime(doc.phase.since, ctx)],
        [words.phase.reason, optionalText(doc.phase.reason, ctx)],
      ]);
      return phase + phaseHistoryTable(doc.phase.history, ctx);
    }
    case 'interventies':
      return interventions(doc, ctx);
    case 'rollen':
      return rolesTable(doc.roles, ctx);
    case 'tijdlijn': {
      const omitted = doc.timelineOmitted > 0 ? `<p class="muted">${label(words.notShown(doc.timelineOmitted))}</p>` : '';
      const scope = doc.timelineScope === 'key' ? words.annex.timelineKey : words.annex.timelineAll;
      return `<p class="muted">${label(scope)}</p>${entryTable(doc.timeline, 'author', words.empty.timeline, ctx)}${omitted}`;
    }
  }
}

export function rolesTable(roles: BriefingDocument['roles'], ctx: RenderContext): string {
  const columns = ctx.words.columns;
  const rows = roles.map((role) => [
    cellText(role.role, ctx),
    cellText(role.holder, ctx),
    optionalText(role.organisation, ctx),
    ctx.redacted ? redactedMarker(ctx) : optionalText(role.contact, ctx),
    time(role.since, ctx),
  ]);
  return table(
    [
      { title: columns.role, width: 'w-person' },
      { title: columns.holder, width: 'w-person' },
      { title: columns.organisation, width: 'w-person' },
      { title: columns.contact },
      { title: columns.since, width: 'w-time' },
    ],
    rows,
    ctx.words.empty.roles,
  );
}

export function renderBriefingBody(doc: BriefingDocument): string {
  const ctx = contextOf(doc);
  const annexes = annexesOf(doc)
    .map((annex, index) => section(`annex annex-${annex}`, ctx.words.annex.heading(index + 1, ctx.words.annex.titles[annex]), annexBody(annex, doc, ctx)))
    .join('');
  return article(doc, kernbriefing(doc, ctx) + annexes);
}
