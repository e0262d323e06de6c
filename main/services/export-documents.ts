import { listAttachments } from '../../db/repositories/attachments';
import { findCaseDetail } from '../../db/repositories/cases';
import { listCaseRoles, listInterventions, listLegalBases, listPhases } from '../../db/repositories/catalogue';
import { listDecisions } from '../../db/repositories/decisions';
import { listOrganisations, listPeople } from '../../db/repositories/directory';
import { entriesOfCase } from '../../db/repositories/entries';
import { lastExport } from '../../db/repositories/exports';
import { listInterventionUses } from '../../db/repositories/intervention-uses';
import { listPhaseTransitions } from '../../db/repositories/phase-transitions';
import { listRoleAssignments } from '../../db/repositories/role-assignments';
import { signalsOfCase } from '../../db/repositories/signals';
import { listTasks } from '../../db/repositories/tasks';
import {
  briefingLimits,
  caseReference,
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

interface CaseLog {
  caseInfo: DocumentCase;
  entries: Entry[];
  bySeq: Map<string, number>;
  phaseName: (id: string | null) => string;
  signals: Map<string, Signal>;
  attachments: Attachment[];
  transitions: PhaseTransition[];
}

function readCaseLog(session: Session, caseId: string): CaseLog {
  const store = session.db;
  const detail = findCaseDetail(store, caseId);
  if (!detail) throw new OrdelogError('NOT_FOUND');
  const phases = new Map(listPhases(store).map((phase) => [phase.id, phase.name]));
  const entries = entriesOfCase(store, caseId);
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
    entries,
    bySeq: new Map(entries.map((entry) => [entry.id, entry.seq])),
    phaseName: (id) => (id ? (phases.get(id) ?? id) : ''),
    signals: new Map(signalsOfCase(store, caseId).map((signal) => [signal.entryId, signal])),
    attachments: listAttachments(store, caseId),
    transitions: listPhaseTransitions(store, caseId),
  };
}

function documentEntry(log: CaseLog, entry: Entry, redacted: boolean): DocumentEntry {
  const blank = redacted && entry.personalData;
  const signal = log.signals.get(entry.id);
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
    phaseName: log.phaseName(entry.phaseId),
    personalData: entry.personalData,
    redacted: blank,
    correctsSeq: entry.correctsEntryId ? (log.bySeq.get(entry.correctsEntryId) ?? null) : null,
    correctedBySeqs: entry.correctedByIds.flatMap((id) => log.bySeq.get(id) ?? []),
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

function documentEvidence(log: CaseLog, attachment: Attachment, redacted: boolean): DocumentEvidence {
  const blank = redacted && attachment.personalData;
  return {
    entrySeq: attachment.entryId ? (log.bySeq.get(attachment.entryId) ?? null) : null,
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

const phaseChanges = (log: CaseLog, transitions: PhaseTransition[]) =>
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
    entries: log.entries.map((entry) => documentEntry(log, entry, options.redacted)),
    evidence: log.attachments.map((attachment) => documentEvidence(log, attachment, options.redacted)),
    phaseHistory: phaseChanges(log, log.transitions),
  };
}

const within = (at: string, from: string | null, to: string) => (from === null || at >= from) && at <= to;

export function composeBriefingDocument(session: Session, args: ComposeBriefingArgs): BriefingDocument {
  const store = session.db;
  const log = readCaseLog(session, args.caseId);
  const generatedAt = now();
  const previous = lastExport(store, args.caseId, 'briefing');
  const to = args.to ?? generatedAt;
  const from = args.from === undefined ? (previous?.at ?? null) : args.from;
  if (from !== null && from > to) throw new OrdelogError('INVALID_INPUT', { detail: '(veld: from)' });
  const redact = args.redacted;
  const inPeriod = log.entries.filter((entry) => within(entry.occurredAt, from, to));

  const keyEntries = inPeriod
    .filter((entry) => entry.type === 'signaal' || entry.type === 'waarneming')
    .sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : b.seq - a.seq));
  const periodEntryIds = new Set(inPeriod.map((entry) => entry.id));
  const evidence = log.attachments.filter(
    (attachment) => (attachment.entryId !== null && periodEntryIds.has(attachment.entryId)) || within(attachment.addedAt, from, to),
  );

  const transitions = log.transitions;
  const lastTransition = transitions.at(-1);
  const interventionNames = new Map(listInterventions(store).map((item) => [item.id, item]));
  const legalBases = new Map(listLegalBases(store).map((basis) => [basis.id, `${basis.citation} — ${basis.name}`]));
  const roleNames = new Map(listCaseRoles(store).map((role) => [role.id, role.name]));
  const people = new Map(listPeople(store).map((person) => [person.id, person]));
  const organisations = new Map(listOrganisations(store).map((organisation) => [organisation.id, organisation.name]));
  const tasks = listTasks(store, args.caseId);
  const decisions = listDecisions(store, args.caseId);
  const uses = listInterventionUses(store, args.caseId);

  const owner = (roleId: string | null, personId: string | null) => {
    const names = [roleId ? roleNames.get(roleId) : undefined, personId ? people.get(personId)?.name : undefined].filter(
      (name): name is string => Boolean(name),
    );
    if (names.length === 0) return null;
    return names.length === 2 ? `${names[0]} (${names[1]})` : (names[0] ?? null);
  };

  return {
    kind: 'briefing',
    locale: args.locale,
    case: log.caseInfo,
    redacted: redact,
    generatedAt,
    generatedByName: session.user.displayName,
    fingerprint: fingerprintOf(log.entries),
    number: (previous?.number ?? 0) + 1,
    audience: args.audience,
    period: { from, to },
    summary: args.summary,
    risks: args.risks,
    requestedDecisions: args.requestedDecisions,
    changes: {
      previous: previous ? { number: previous.number, at: previous.at } : null,
      entries: inPeriod.length,
      signals: inPeriod.filter((entry) => entry.type === 'signaal').length,
      decisions: decisions.filter((decision) => within(decision.decidedAt, from, to)).length,
      phaseChanges: transitions.filter((transition) => within(transition.at, from, to)).length,
      tasksOpened: tasks.filter((task) => within(task.createdAt, from, to)).length,
      tasksDone: tasks.filter((task) => task.status === 'gereed' && within(task.updatedAt, from, to)).length,
      attachments: log.attachments.filter((attachment) => within(attachment.addedAt, from, to)).length,
    },
    keyEntries: keyEntries.slice(0, briefingLimits.keyEntries).map((entry) => documentEntry(log, entry, redact)),
    keyEntriesOmitted: Math.max(0, keyEntries.length - briefingLimits.keyEntries),
    evidence: evidence.map((attachment) => documentEvidence(log, attachment, redact)),
    phase: {
      current: log.caseInfo.phaseName,
      since: lastTransition?.at ?? null,
      reason: lastTransition?.reason ?? null,
      history: phaseChanges(log, transitions),
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
    decisions: decisions.map((decision) => ({
      number: decision.number,
      text: decision.text,
      decidedAt: decision.decidedAt,
      decidedBy: decision.decidedBy,
      legalBasis: decision.legalBasisId ? (legalBases.get(decision.legalBasisId) ?? decision.legalBasisId) : null,
      necessity: decision.necessity,
      proportionality: decision.proportionality,
      subsidiarity: decision.subsidiarity,
      inPeriod: within(decision.decidedAt, from, to),
      deadlines: decision.deadlines.map((deadline) => ({
        label: deadline.label,
        dueAt: deadline.dueAt,
        met: deadline.met,
        overdue: !deadline.met && deadline.dueAt !== null && deadline.dueAt < generatedAt,
      })),
    })),
    openActions: tasks
      .filter((task) => task.status === 'open' || task.status === 'bezig')
      .map((task) => ({
        text: task.text,
        owner: owner(task.ownerRoleId, task.ownerPersonId),
        dueAt: task.dueAt,
        status: task.status,
        overdue: task.dueAt !== null && task.dueAt < generatedAt,
      })),
    roles: listRoleAssignments(store, args.caseId)
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
    timeline: inPeriod.slice(-briefingLimits.timeline).map((entry) => documentEntry(log, entry, redact)),
    timelineOmitted: Math.max(0, inPeriod.length - briefingLimits.timeline),
  };
}
