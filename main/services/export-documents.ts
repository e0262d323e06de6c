import { listAttachments } from '../../db/repositories/attachments';
import { findCaseDetail } from '../../db/repositories/cases';
import { listCaseRoles, listInterventions, listLegalBases, listPhases } from '../../db/repositories/catalogue';
import { listDecisions } from '../../db/repositories/decisions';
import { listOrganisations, listPeople } from '../../db/repositories/directory';
import {
  caseKeyOf,
  countEntriesInPeriod,
  entriesInPeriod,
  entriesOfCase,
  entriesOfCaseAfter,
  findEntry,
  lastEntryOf,
  seqsOf,
} from '../../db/repositories/entries';
import { lastExport } from '../../db/repositories/exports';
import { listInterventionUses } from '../../db/repositories/intervention-uses';
import { listPhaseTransitions } from '../../db/repositories/phase-transitions';
import { listRoleAssignments } from '../../db/repositories/role-assignments';
import { findSignal, signalsOfCase } from '../../db/repositories/signals';
import { listTasks } from '../../db/repositories/tasks';
import {
  briefingAnnexes,
  briefingLimits,
  caseReference,
  defaultAnnexes,
  defaultHandoverHours,
  handoverLimits,
  timelineKeyTypes,
  byDue,
  type ComposeHandoverArgs,
  type ExportRecord,
  type HandoverDocument,
  withoutInternalLines,
  type BriefingDocument,
  type ComposeBriefingArgs,
  type DocumentCase,
  type DocumentEntry,
  type DocumentEvidence,
  type DocumentLocale,
  type LogDocument,
} from '../../shared/briefing';
import { OrdelogError } from '../../shared/errors';
import type { Signal } from '../../shared/signals';
import type { Attachment, Entry, PhaseTransition } from '../../shared/views';
import { now, type Session } from './session';

/**
 * Builds the documents that leave the vault from what it holds: names resolved, times kept as ISO (the HTML
 * formats them), and redaction applied here, before any text reaches the HTML, so a redacted document can
 * never carry what it leaves out.
 */

/** What an entry in a document needs besides itself: the names and numbers it points to. */
interface EntryContext {
  phaseName: (id: string | null) => string;
  seqOf: (entryId: string) => number | undefined;
  signalOf: (entryId: string) => Signal | undefined;
}

/** The whole log of a case, for the full log export. */
interface CaseLog {
  caseInfo: DocumentCase;
  entries: Entry[];
  attachments: Attachment[];
  transitions: PhaseTransition[];
  context: EntryContext;
}

function caseInfoOf(session: Session, caseId: string): { caseInfo: DocumentCase; phaseName: (id: string | null) => string } {
  const store = session.db;
  const detail = findCaseDetail(store, caseId);
  if (!detail) throw new OrdelogError('NOT_FOUND');
  const phases = new Map(listPhases(store).map((phase) => [phase.id, phase.name]));
  return {
    caseInfo: {
      id: detail.id,
      reference: caseReference(detail.id),
      title: detail.title,
      municipality: detail.municipality,
      classification: detail.classification,
      status: detail.status,
      contentClass: detail.contentClass,
      phaseName: detail.phaseName,
    },
    phaseName: (id) => (id ? (phases.get(id) ?? id) : ''),
  };
}

function readCaseLog(session: Session, caseId: string): CaseLog {
  const store = session.db;
  const { caseInfo, phaseName } = caseInfoOf(session, caseId);
  const entries = entriesOfCase(store, caseId);
  const bySeq = new Map(entries.map((entry) => [entry.id, entry.seq]));
  const signals = new Map(signalsOfCase(store, caseId).map((signal) => [signal.entryId, signal]));
  return {
    caseInfo,
    entries,
    attachments: listAttachments(store, caseId),
    transitions: listPhaseTransitions(store, caseId),
    context: { phaseName, seqOf: (id) => bySeq.get(id), signalOf: (id) => signals.get(id) },
  };
}

/** What an entry of a document points to, resolved: its phase's name, the numbers around it, its signal. */
interface EntryLinks {
  phaseName: string;
  correctsSeq: number | null;
  correctedBySeqs: number[];
  signal: Signal | undefined;
}

function documentEntry(log: EntryContext, entry: Entry, redacted: boolean): DocumentEntry {
  return linkedDocumentEntry(entry, {
    phaseName: log.phaseName(entry.phaseId),
    correctsSeq: entry.correctsEntryId ? (log.seqOf(entry.correctsEntryId) ?? null) : null,
    correctedBySeqs: entry.correctedByIds.flatMap((id) => log.seqOf(id) ?? []),
    signal: log.signalOf(entry.id),
  }, redacted);
}

function linkedDocumentEntry(entry: Omit<Entry, 'correctedByIds'>, links: EntryLinks, redacted: boolean): DocumentEntry {
  const blank = redacted && entry.personalData;
  const signal = links.signal;
  return {
    seq: entry.seq,
    type: entry.type,
    occurredAt: entry.occurredAt,
    recordedAt: entry.recordedAt,
    authorName: entry.authorName,
    text: blank ? '' : entry.text,
    source: blank ? null : entry.source,
    grading: entry.sourceReliability || entry.informationCredibility
      ? `${entry.sourceReliability ?? '–'}${entry.informationCredibility ?? '–'}`
      : null,
    phaseName: links.phaseName,
    personalData: entry.personalData,
    redacted: blank,
    correctsSeq: links.correctsSeq,
    correctedBySeqs: links.correctedBySeqs,
    signal: signal
      ? {
          platform: signal.platform,
          channel: signal.channel,
          url: blank ? null : signal.url,
          accountHandle: blank ? null : signal.accountHandle,
          postedAt: signal.postedAt,
          seenAt: signal.seenAt,
          reach: signal.reach,
          contentClass: signal.contentClass,
        }
      : null,
  };
}

function documentEvidence(log: EntryContext, attachment: Attachment, redacted: boolean): DocumentEvidence {
  const blank = redacted && attachment.personalData;
  return {
    entrySeq: attachment.entryId ? (log.seqOf(attachment.entryId) ?? null) : null,
    fileName: blank ? '' : attachment.fileName,
    mediaType: attachment.mediaType,
    size: attachment.size,
    sha256: attachment.sha256,
    addedAt: attachment.addedAt,
    personalData: attachment.personalData,
    redacted: blank,
  };
}

const fingerprintOf = (entries: Entry[]) => ({
  entries: entries.length,
  headHash: entries.at(-1)?.hash ?? '0'.repeat(64),
});

/** The fingerprint of the log as it is: its last entry's number and hash, read by the (case_key, seq) index. */
function logHead(store: Session['db'], caseId: string): { entries: number; headHash: string } {
  const last = lastEntryOf(store, caseId);
  return { entries: last?.seq ?? 0, headHash: last?.hash ?? '0'.repeat(64) };
}

const phaseChanges = (log: Pick<EntryContext, 'phaseName'>, transitions: PhaseTransition[]) =>
  transitions.map((transition) => ({
    at: transition.at,
    fromName: transition.fromPhaseId ? log.phaseName(transition.fromPhaseId) : null,
    toName: log.phaseName(transition.toPhaseId),
    reason: transition.reason,
    byName: transition.byName,
  }));

export function composeLogDocument(session: Session, caseId: string, options: { redacted: boolean; locale: DocumentLocale }): LogDocument {
  const log = readCaseLog(session, caseId);
  return {
    kind: 'logboek',
    locale: options.locale,
    case: log.caseInfo,
    redacted: options.redacted,
    generatedAt: now(),
    generatedByName: session.user.displayName,
    fingerprint: fingerprintOf(log.entries),
    entries: log.entries.map((entry) => documentEntry(log.context, entry, options.redacted)),
    evidence: log.attachments.map((attachment) => documentEvidence(log.context, attachment, options.redacted)),
    phaseHistory: phaseChanges(log.context, log.transitions),
  };
}

/** The full log for a streamed export: all but the entries, read at once, and the entries to read in batches. */
export interface LogExport {
  head: Omit<LogDocument, 'entries'>;
  /** The entries up to the head read at the start, in log order, `batchSize` at a time; each call reads anew. */
  batches: () => Iterable<DocumentEntry[]>;
}

/**
 * Reads the log's head first and everything else that the document lists beside its entries; the entries are
 * then read in keyset steps up to that head, so an entry appended while the export runs is left out whole and
 * the fingerprint printed is the state listed.
 */
export function openLogExport(
  session: Session,
  caseId: string,
  options: { redacted: boolean; locale: DocumentLocale },
  batchSize = 200,
): LogExport {
  const store = session.db;
  const { caseInfo, phaseName } = caseInfoOf(session, caseId);
  const caseKey = caseKeyOf(store, caseId)!;
  const fingerprint = logHead(store, caseId);
  const attachments = listAttachments(store, caseId);
  const seqs = seqsOf(store, attachments.flatMap((attachment) => (attachment.entryId ? [attachment.entryId] : [])));
  const context = { phaseName, seqOf: (id: string) => seqs.get(id), signalOf: () => undefined };
  const toSeq = fingerprint.entries;
  function* batches(): Iterable<DocumentEntry[]> {
    for (let afterSeq = 0; afterSeq < toSeq; ) {
      const rows = entriesOfCaseAfter(store, caseKey, { afterSeq, toSeq }, batchSize);
      if (rows.length === 0) return;
      yield rows.map((row) =>
        linkedDocumentEntry(
          row,
          {
            phaseName: phaseName(row.phaseId),
            correctsSeq: row.correctsSeq,
            correctedBySeqs: row.correctedBySeqs,
            signal: row.type === 'signaal' ? findSignal(store, row.id) : undefined,
          },
          options.redacted,
        ),
      );
      afterSeq = rows.at(-1)!.seq;
    }
  }
  return {
    head: {
      kind: 'logboek',
      locale: options.locale,
      case: caseInfo,
      redacted: options.redacted,
      generatedAt: now(),
      generatedByName: session.user.displayName,
      fingerprint,
      evidence: attachments.map((attachment) => documentEvidence(context, attachment, options.redacted)),
      phaseHistory: phaseChanges(context, listPhaseTransitions(store, caseId)),
    },
    batches,
  };
}

const within = (at: string, from: string | null, to: string) => (from === null || at >= from) && at <= to;

/** The entries an entry points to or is corrected by, whose numbers a document prints beside it. */
const linkedIds = (entry: Entry): string[] => [...(entry.correctsEntryId ? [entry.correctsEntryId] : []), ...entry.correctedByIds];

/** What the entries a document shows point to: their phases' names, the numbers `seqs` holds, their signals. */
function shownEntries(store: Session['db'], shown: readonly Entry[], phaseName: EntryContext['phaseName'], seqs: Map<string, number>): EntryContext {
  const signals = new Map(
    shown.flatMap((entry) => {
      const signal = entry.type === 'signaal' ? findSignal(store, entry.id) : undefined;
      return signal ? [[entry.id, signal] as const] : [];
    }),
  );
  return { phaseName, seqOf: (id) => seqs.get(id), signalOf: (id) => signals.get(id) };
}

/**
 * The briefing reads what it shows: counts and the shown entries of its period through the timeline's index, the
 * entries they point to by id, and the log's head for the fingerprint; never the whole log (a 100,000-entry case
 * took 2.2 s to preview when it did).
 */
export function composeBriefingDocument(session: Session, args: ComposeBriefingArgs): BriefingDocument {
  const store = session.db;
  const { caseInfo, phaseName } = caseInfoOf(session, args.caseId);
  const generatedAt = now();
  const previous = lastExport(store, args.caseId, 'briefing');
  const to = args.to ?? generatedAt;
  // An empty start means since the previous briefing: from the end of the period it covered, so what it already
  // counted is not counted again (a briefing made before the period it covered ended counts from when it was made).
  const since = args.fromStart ? 'start' : args.from ? 'chosen' : previous ? 'previous' : 'start';
  const from = since === 'chosen' ? (args.from ?? null) : since === 'previous' && previous ? startAfter(previous) : null;
  if (from !== null && from > to) throw new OrdelogError('INVALID_INPUT', { detail: '(veld: from)' });
  // A partner's version leaves out all personal data and the author's internal lines, whatever else was asked.
  const partner = args.partner === null || args.partner === '' ? null : args.partner;
  const redact = args.redacted || partner !== null;
  const authorText = (text: string) => (partner === null ? text : withoutInternalLines(text));
  const period = { from, to };
  const keyTypes = ['signaal', 'waarneming'] as const;
  const inPeriod = countEntriesInPeriod(store, args.caseId, period);
  const keyCount = countEntriesInPeriod(store, args.caseId, period, keyTypes);
  const keyEntries = entriesInPeriod(store, args.caseId, period, { types: keyTypes, order: 'latest', limit: briefingLimits.keyEntries });
  const timelineTypes = args.timelineSystemLines ? undefined : timelineKeyTypes;
  const timeline = entriesInPeriod(store, args.caseId, period, { types: timelineTypes, order: 'latest', limit: briefingLimits.timeline }).reverse();
  const timelineCount = args.timelineSystemLines ? inPeriod : countEntriesInPeriod(store, args.caseId, period, timelineKeyTypes);
  const attachments = listAttachments(store, args.caseId);
  const evidence = attachments.filter((attachment) => {
    const entry = attachment.entryId === null ? undefined : findEntry(store, attachment.entryId);
    return (entry !== undefined && within(entry.occurredAt, from, to)) || within(attachment.addedAt, from, to);
  });
  const shown = [...keyEntries, ...timeline];
  const seqs = seqsOf(store, [
    ...shown.flatMap(linkedIds),
    ...evidence.flatMap((attachment) => (attachment.entryId ? [attachment.entryId] : [])),
  ]);
  const context = shownEntries(store, shown, phaseName, seqs);

  const transitions = listPhaseTransitions(store, args.caseId);
  const lastTransition = transitions.at(-1);
  const interventionNames = new Map(listInterventions(store).map((item) => [item.id, item]));
  const work = caseWork(session, args.caseId, generatedAt);
  const { tasks, decisions } = work;
  const uses = listInterventionUses(store, args.caseId);

  return {
    kind: 'briefing',
    ...documentHead(session, caseInfo, { locale: args.locale, redacted: redact, generatedAt, previous }),
    audience: args.audience,
    period: { from, to, since },
    annexes: briefingAnnexes.filter((annex) => (args.annexes ?? defaultAnnexes(args.audience)).includes(annex)),
    partner,
    summary: authorText(args.summary),
    risks: authorText(args.risks),
    requestedDecisions: authorText(args.requestedDecisions),
    changes: {
      previous: previous ? { number: previous.number, at: previous.at } : null,
      entries: inPeriod,
      signals: countEntriesInPeriod(store, args.caseId, period, ['signaal']),
      decisions: decisions.filter((decision) => within(decision.decidedAt, from, to)).length,
      phaseChanges: transitions.filter((transition) => within(transition.at, from, to)).length,
      tasksOpened: tasks.filter((task) => within(task.createdAt, from, to)).length,
      tasksDone: tasks.filter((task) => task.status === 'gereed' && within(task.updatedAt, from, to)).length,
      attachments: attachments.filter((attachment) => within(attachment.addedAt, from, to)).length,
    },
    keyEntries: keyEntries.map((entry) => documentEntry(context, entry, redact)),
    keyEntriesOmitted: Math.max(0, keyCount - briefingLimits.keyEntries),
    evidence: evidence.map((attachment) => documentEvidence(context, attachment, redact)),
    phase: {
      current: caseInfo.phaseName,
      since: lastTransition?.at ?? null,
      reason: lastTransition?.reason ?? null,
      history: phaseChanges(context, transitions),
    },
    interventions: uses.map((use) => {
      const intervention = interventionNames.get(use.interventionId);
      return {
        name: intervention?.name ?? use.interventionId,
        type: intervention?.type ?? 'interveniëren',
        status: use.status,
        reason: use.reason,
        effect: use.effect,
        at: use.at,
        byName: use.byName,
      };
    }),
    decisions: decisions.map((decision) => work.decisionView(decision, within(decision.decidedAt, from, to))),
    openActions: work.openActions(),
    roles: work.roles(redact),
    timeline: timeline.map((entry) => documentEntry(context, entry, redact)),
    timelineScope: args.timelineSystemLines ? 'all' : 'key',
    timelineOmitted: Math.max(0, timelineCount - briefingLimits.timeline),
  };
}

/**
 * Where a period that follows an earlier export of its kind starts: a millisecond after the end of the period that
 * export covered (or after it was made, if that was before its period ended). The bounds are inclusive, and a line
 * at that instant was the earlier export's.
 */
function startAfter(previous: ExportRecord): string {
  const end = previous.periodTo !== null && previous.periodTo < previous.at ? previous.periodTo : previous.at;
  return new Date(Date.parse(end) + 1).toISOString();
}

/** What every numbered printed document of a case states first: case, version, when and by whom, the log's state. */
function documentHead(
  session: Session,
  caseInfo: DocumentCase,
  options: { locale: DocumentLocale; redacted: boolean; generatedAt: string; previous: ExportRecord | undefined },
) {
  return {
    locale: options.locale,
    case: caseInfo,
    redacted: options.redacted,
    generatedAt: options.generatedAt,
    generatedByName: session.user.displayName,
    fingerprint: logHead(session.db, caseInfo.id),
    number: (options.previous?.number ?? 0) + 1,
  };
}

/**
 * What the briefing and the handover report both tell of a case's work as it stands: its decisions with their
 * legal deadlines, its open actions with their owners, and the roles on duty with their contacts.
 */
function caseWork(session: Session, caseId: string, generatedAt: string) {
  const store = session.db;
  const legalBases = new Map(listLegalBases(store).map((basis) => [basis.id, `${basis.citation} — ${basis.name}`]));
  const roleNames = new Map(listCaseRoles(store).map((role) => [role.id, role.name]));
  const people = new Map(listPeople(store).map((person) => [person.id, person]));
  const organisations = new Map(listOrganisations(store).map((organisation) => [organisation.id, organisation.name]));
  const tasks = listTasks(store, caseId);
  const decisions = listDecisions(store, caseId);
  const owner = (roleId: string | null, personId: string | null) => {
    const names = [roleId ? roleNames.get(roleId) : undefined, personId ? people.get(personId)?.name : undefined].filter(
      (name): name is string => Boolean(name),
    );
    if (names.length === 0) return null;
    return names.length === 2 ? `${names[0]} (${names[1]})` : (names[0] ?? null);
  };
  return {
    tasks,
    decisions,
    decisionView: (decision: (typeof decisions)[number], inPeriod: boolean) => ({
      number: decision.number,
      text: decision.text,
      decidedAt: decision.decidedAt,
      decidedBy: decision.decidedBy,
      legalBasis: decision.legalBasisId ? (legalBases.get(decision.legalBasisId) ?? decision.legalBasisId) : null,
      necessity: decision.necessity,
      proportionality: decision.proportionality,
      subsidiarity: decision.subsidiarity,
      inPeriod,
      deadlines: decision.deadlines.map((deadline) => ({
        label: deadline.label,
        dueAt: deadline.dueAt,
        met: deadline.met,
        overdue: !deadline.met && deadline.dueAt !== null && deadline.dueAt < generatedAt,
      })),
    }),
    openActions: () =>
      tasks
        .filter((task) => task.status === 'open' || task.status === 'bezig')
        .map((task) => ({
          text: task.text,
          owner: owner(task.ownerRoleId, task.ownerPersonId),
          dueAt: task.dueAt,
          status: task.status,
          overdue: task.dueAt !== null && task.dueAt < generatedAt,
        })),
    roles: (redact: boolean) =>
      listRoleAssignments(store, caseId)
        .filter((assignment) => assignment.endedAt === null)
        .map((assignment) => {
          const person = people.get(assignment.personId);
          return {
            role: roleNames.get(assignment.roleId) ?? assignment.roleId,
            holder: assignment.personName,
            organisation: person?.organisationId ? (organisations.get(person.organisationId) ?? null) : null,
            contact: redact || !person?.contact ? null : person.contact,
            since: assignment.startedAt,
          };
        }),
  };
}

/**
 * The shift-handover report: the shift's period (the last N hours, or since the previous report), the phase and
 * why, the open and overdue actions with their owners, the legal deadlines still running, the decisions of the
 * shift, the roles on duty now, the shift's key signals and observations, and what the incoming person should do
 * first. Like the briefing it reads what it shows, not the whole log.
 */
export function composeHandoverDocument(session: Session, args: ComposeHandoverArgs): HandoverDocument {
  const store = session.db;
  const { caseInfo, phaseName } = caseInfoOf(session, args.caseId);
  const generatedAt = now();
  const previous = lastExport(store, args.caseId, 'overdracht');
  const hoursBack = (hours: number) => new Date(Date.parse(generatedAt) - hours * 3_600_000).toISOString();
  const since = args.hours ? 'hours' : args.from ? 'chosen' : previous ? 'previous' : 'hours';
  const hours = since === 'hours' ? (args.hours ?? defaultHandoverHours) : null;
  const from = since === 'chosen' ? args.from! : since === 'previous' && previous ? startAfter(previous) : hoursBack(hours ?? defaultHandoverHours);
  if (from > generatedAt) throw new OrdelogError('INVALID_INPUT', { detail: '(veld: from)' });
  const period = { from, to: generatedAt };
  const redact = args.redacted;
  const keyTypes = ['signaal', 'waarneming'] as const;
  const keyEntries = entriesInPeriod(store, args.caseId, period, { types: keyTypes, order: 'latest', limit: handoverLimits.keyEntries });
  const keyCount = countEntriesInPeriod(store, args.caseId, period, keyTypes);
  const context = shownEntries(store, keyEntries, phaseName, seqsOf(store, keyEntries.flatMap(linkedIds)));
  const lastTransition = listPhaseTransitions(store, args.caseId).at(-1);
  const work = caseWork(session, args.caseId, generatedAt);
  const decisions = work.decisions.map((decision) => work.decisionView(decision, within(decision.decidedAt, from, generatedAt)));
  return {
    kind: 'overdracht',
    ...documentHead(session, caseInfo, { locale: args.locale, redacted: redact, generatedAt, previous }),
    period: { from, to: generatedAt, since, hours },
    previous: previous ? { number: previous.number, at: previous.at } : null,
    incomingName: args.incomingName,
    firstActions: args.firstActions,
    phase: { current: caseInfo.phaseName, since: lastTransition?.at ?? null, reason: lastTransition?.reason ?? null },
    openActions: work.openActions().sort(byDue),
    deadlines: decisions
      .flatMap((decision) => decision.deadlines.filter((deadline) => !deadline.met).map((deadline) => ({ decision: decision.number, label: deadline.label, dueAt: deadline.dueAt, overdue: deadline.overdue })))
      .sort(byDue),
    decisions: decisions.filter((decision) => decision.inPeriod),
    roles: work.roles(redact),
    keyEntries: keyEntries.map((entry) => documentEntry(context, entry, redact)),
    keyEntriesOmitted: Math.max(0, keyCount - handoverLimits.keyEntries),
    entriesInShift: countEntriesInPeriod(store, args.caseId, period),
  };
}
