import type { BriefingDocument } from '../briefing';
import type { InterventionUseStatus } from '../domain';
import { formatDocumentDateTime } from '../time';
import { entryTable, evidenceTable, phaseHistoryTable } from './render-entries';
import {
  article,
  banners,
  commonFacts,
  contextOf,
  facts,
  frontNotes,
  generationFacts,
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

/** A BOB briefing: front block, what changed, Beeld, Oordeel, Besluit, roles, then a timeline extract. */

type Decision = BriefingDocument['decisions'][number];
type Deadline = Decision['deadlines'][number];

/** What was done first, then what is still on the table, then what was turned down. */
const interventionOrder: readonly InterventionUseStatus[] = ['toegepast', 'overwogen', 'afgewezen'];

function front(doc: BriefingDocument, ctx: RenderContext): string {
  const words = ctx.words.front;
  const from = doc.period.from === null ? label(words.periodFromStart) : time(doc.period.from, ctx);
  const rows = [
    ...commonFacts(doc, ctx),
    [words.audience, label(ctx.words.audiences[doc.audience])] as const,
    [words.period, `${from} – ${time(doc.period.to, ctx)}`] as const,
    ...generationFacts(doc, ctx),
  ];
  return (
    `<header class="front">${banners(doc, ctx)}` +
    `<h1>${label(ctx.words.briefingNumber(doc.number))}</h1>` +
    `<p class="case-title">${userText(doc.case.title)}</p>` +
    `${facts(rows)}${frontNotes(doc, ctx)}</header>`
  );
}

function changes(doc: BriefingDocument, ctx: RenderContext): string {
  const words = ctx.words.changes;
  const counts = doc.changes;
  const intro =
    counts.previous === null
      ? `<p>${label(words.first)}</p><p>${label(words.firstCounts)}</p>`
      : `<p>${label(words.since(counts.previous.number, formatDocumentDateTime(counts.previous.at, ctx.locale)))}</p>`;
  const items = (
    [
      [words.entries, counts.entries],
      [words.signals, counts.signals],
      [words.decisions, counts.decisions],
      [words.phaseChanges, counts.phaseChanges],
      [words.tasksOpened, counts.tasksOpened],
      [words.tasksDone, counts.tasksDone],
      [words.attachments, counts.attachments],
    ] as const
  ).map(([term, count]) => `<li>${label(term)}: <strong>${num(count)}</strong></li>`);
  return section('changes', ctx.words.sections.changes, `${intro}<ul class="counts">${items.join('')}</ul>`);
}

function beeld(doc: BriefingDocument, ctx: RenderContext): string {
  const words = ctx.words;
  const more = doc.keyEntriesOmitted > 0 ? `<p class="muted">${label(words.moreInLog(doc.keyEntriesOmitted))}</p>` : '';
  return section(
    'beeld',
    words.sections.beeld,
    subsection(words.subsections.summary, userBlock(doc.summary, words.empty.text)) +
      subsection(words.subsections.keyEntries, entryTable(doc.keyEntries, 'source', words.empty.keyEntries, ctx) + more) +
      subsection(words.sections.evidence, evidenceTable(doc.evidence, ctx)),
  );
}

function interventions(doc: BriefingDocument, ctx: RenderContext): string {
  const columns = ctx.words.columns;
  const sorted = [...doc.interventions].sort(
    (a, b) => interventionOrder.indexOf(a.status) - interventionOrder.indexOf(b.status),
  );
  const rows = sorted.map((use) => [
    `${userText(use.name)}<div class="details">${label(ctx.words.interventionTypes[use.type])}</div>`,
    label(ctx.words.interventionStatuses[use.status]),
    userBlock(use.reason, ctx.words.empty.none),
    userBlock(use.effect, ctx.words.empty.none),
    `${time(use.at, ctx)}<div class="details">${userText(use.byName)}</div>`,
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

function oordeel(doc: BriefingDocument, ctx: RenderContext): string {
  const words = ctx.words;
  const phase = facts([
    [words.subsections.phase, userText(doc.phase.current)],
    [words.phase.since, optionalTime(doc.phase.since, ctx)],
    [words.phase.reason, optionalText(doc.phase.reason, ctx)],
  ]);
  return section(
    'oordeel',
    words.sections.oordeel,
    subsection(words.subsections.phase, phase) +
      subsection(words.sections.phaseHistory, phaseHistoryTable(doc.phase.history, ctx)) +
      subsection(words.subsections.risks, userBlock(doc.risks, words.empty.text)) +
      subsection(words.subsections.interventions, interventions(doc, ctx)),
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

function decision(item: Decision, ctx: RenderContext): string {
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

function openActions(doc: BriefingDocument, ctx: RenderContext): string {
  const words = ctx.words;
  const rows = doc.openActions.map((action) => {
    const due = action.dueAt === null ? muted(label(words.action.noDue)) : time(action.dueAt, ctx);
    return [
      userBlock(action.text, words.empty.text),
      action.owner === null ? muted(label(words.action.noOwner)) : userText(action.owner),
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

function besluit(doc: BriefingDocument, ctx: RenderContext): string {
  const words = ctx.words;
  const decisions =
    doc.decisions.length === 0
      ? `<p class="empty">${label(words.empty.decisions)}</p>`
      : doc.decisions.map((item) => decision(item, ctx)).join('');
  return section(
    'besluit',
    words.sections.besluit,
    subsection(words.subsections.requestedDecisions, userBlock(doc.requestedDecisions, words.empty.text)) +
      subsection(words.subsections.decisions, decisions) +
      subsection(words.subsections.openActions, openActions(doc, ctx)),
  );
}

function roles(doc: BriefingDocument, ctx: RenderContext): string {
  const columns = ctx.words.columns;
  const rows = doc.roles.map((role) => [
    userText(role.role),
    userText(role.holder),
    optionalText(role.organisation, ctx),
    ctx.redacted ? redactedMarker(ctx) : optionalText(role.contact, ctx),
    time(role.since, ctx),
  ]);
  const body = table(
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
  return section('roles', ctx.words.sections.roles, body);
}

function timeline(doc: BriefingDocument, ctx: RenderContext): string {
  const words = ctx.words;
  const omitted = doc.timelineOmitted > 0 ? `<p class="muted">${label(words.notShown(doc.timelineOmitted))}</p>` : '';
  return section('timeline', words.sections.timeline, entryTable(doc.timeline, 'author', words.empty.timeline, ctx) + omitted);
}

export function renderBriefingBody(doc: BriefingDocument): string {
  const ctx = contextOf(doc);
  const parts = [front, changes, beeld, oordeel, besluit, roles, timeline].map((part) => part(doc, ctx));
  return article(doc, parts.join(''));
}
