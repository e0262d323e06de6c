import { randomUUID } from 'node:crypto';
import { insertAttachment } from '../../db/repositories/attachments';
import { insertExportRecord } from '../../db/repositories/exports';
import { findCaseDetail, insertCase } from '../../db/repositories/cases';
import { findPhase, listPhases } from '../../db/repositories/catalogue';
import { insertDecision } from '../../db/repositories/decisions';
import { insertEntries } from '../../db/repositories/entries';
import { insertInterventionUse } from '../../db/repositories/intervention-uses';
import { insertPhaseTransition } from '../../db/repositories/phase-transitions';
import { insertRoleAssignment } from '../../db/repositories/role-assignments';
import { insertSignal } from '../../db/repositories/signals';
import { insertTask } from '../../db/repositories/tasks';
import type { ChainProgress, NewEntry } from '../../db/chain';
import type { OpenedDatabase } from '../../db/open';
import { caseFileSchema, type CaseFile } from '../../shared/case-format';
import { defaultInitialPhaseId } from '../../shared/catalogue/phases';
import type { CaseDetail } from '../../shared/views';
import { checkedFile, sha256Hex } from './attachments';
import { catalogueResolver, importCatalogue, importDirectory, optionalRef, orInvalid } from './case-import-references';
import { requireFound } from './guards';
import { invalidField } from './input';
import { actor } from './log';
import { mutate } from './mutate';
import { now, type Session } from './session';

const utc = (iso: string): string => new Date(iso).toISOString();
const utcOrNull = (iso: string | null | undefined): string | null => optionalRef(iso, utc);

/**
 * Imports a case file (docs/case-format.md) as a new case: new ids, the hash chain computed afresh in this
 * vault, times and names as the file gives them. All or nothing: one transaction, and any invalid field
 * rejects the whole file with INVALID_INPUT naming that field (e.g. `entries.3.occurredAt`).
 */
export function importCase(session: Session, file: unknown, options: { progress?: ChainProgress } = {}): CaseDetail {
  const caseId = randomUUID();
  return mutate(session, { action: 'case.import', schema: caseFileSchema, object: () => `case:${caseId}` }, file, (parsed) => {
    importInto(session, caseId, parsed, options.progress);
    return requireFound(findCaseDetail(session.db, caseId));
  });
}

function importInto(session: Session, caseId: string, file: CaseFile, progress?: ChainProgress): void {
  // A redacted file has lost text on purpose; reading it in would make a case that looks whole but is not.
  if (file.redacted) throw invalidField('redacted');
  const store = session.db;
  const stamp = now();
  const importer = actor(session);
  /** Who did something: the name from the file (no local user), or the importing user when the file is silent. */
  const who = (name: string | undefined) => (name === undefined ? importer : { id: null, name });

  importCatalogue(store, file.catalogue);
  const catalogue = catalogueResolver(store);
  const directory = importDirectory(store, file, stamp);

  const casePhaseId = currentPhaseId(store, file, catalogue);
  const status = file.case.status ?? 'open';
  const creator = who(file.case.createdBy);
  insertCase(store, {
    id: caseId,
    title: file.case.title,
    municipality: file.case.municipality ?? null,
    status,
    classification: file.case.classification ?? 'vertrouwelijk',
    contentClass: file.case.contentClass ?? 'onbekend',
    currentPhaseId: casePhaseId,
    retentionCategory: file.case.retentionCategory ?? null,
    createdAt: utcOrNull(file.case.createdAt) ?? stamp,
    createdBy: creator.id,
    createdByName: creator.name,
    closedAt: utcOrNull(file.case.closedAt) ?? (status === 'open' ? null : stamp),
    archivedAt: utcOrNull(file.case.archivedAt) ?? (status === 'gearchiveerd' ? stamp : null),
  });

  const entryIds: string[] = [];
  const entries = file.entries.map((entry, index): NewEntry => {
    const path = `entries.${index}`;
    if (entry.seq !== undefined && entry.seq !== index + 1) throw invalidField(`${path}.seq`);
    const corrects = entry.corrects ?? null;
    if (corrects !== null && corrects > index) throw invalidField(`${path}.corrects`);
    const author = who(entry.recordedBy);
    const id = randomUUID();
    entryIds.push(id);
    return {
      id,
      caseId,
      type: entry.type,
      text: entry.text,
      occurredAt: utc(entry.occurredAt),
      recordedAt: utcOrNull(entry.recordedAt) ?? stamp,
      authorId: author.id,
      authorName: author.name,
      source: entry.source ?? null,
      sourceReliability: entry.sourceReliability ?? null,
      informationCredibility: entry.informationCredibility ?? null,
      correctsEntryId: corrects === null ? null : entryIds[corrects - 1]!,
      personalData: entry.personalData ?? false,
      phaseId: entry.phase === undefined ? casePhaseId : catalogue.phase(entry.phase, `${path}.phase`),
      location: entry.location ?? null,
    };
  });
  // Chained in one pass, the case's head read and moved once, nothing read back.
  insertEntries(store, entries, progress);
  const entryRef = (seq: number | null | undefined, path: string): string | null =>
    optionalRef(seq, (position) => orInvalid(entryIds[position - 1], path));

  file.phaseTransitions?.forEach((transition, index) => {
    const path = `phaseTransitions.${index}`;
    const by = who(transition.by);
    insertPhaseTransition(store, {
      id: randomUUID(),
      caseId,
      fromPhaseId: transition.from === null ? null : catalogue.phase(transition.from, `${path}.from`),
      toPhaseId: catalogue.phase(transition.to, `${path}.to`),
      reason: transition.reason,
      at: utc(transition.at),
      by: by.id,
      byName: by.name,
      entryId: entryRef(transition.entry, `${path}.entry`),
    });
  });

  file.roleAssignments?.forEach((assignment, index) => {
    const path = `roleAssignments.${index}`;
    insertRoleAssignment(store, {
      id: randomUUID(),
      caseId,
      roleId: catalogue.role(assignment.role, `${path}.role`),
      personId: directory.person(assignment.person, `${path}.person`),
      startedAt: utc(assignment.startedAt),
      endedAt: utcOrNull(assignment.endedAt),
      handedOverTo: optionalRef(assignment.handedOverTo, (id) => directory.person(id, `${path}.handedOverTo`)),
    });
  });

  file.tasks?.forEach((task, index) => {
    const path = `tasks.${index}`;
    const creatorOfTask = who(task.createdBy);
    const createdAt = utcOrNull(task.createdAt) ?? stamp;
    insertTask(store, {
      id: randomUUID(),
      caseId,
      text: task.text,
      ownerRoleId: optionalRef(task.ownerRole, (id) => catalogue.role(id, `${path}.ownerRole`)),
      ownerPersonId: optionalRef(task.ownerPerson, (id) => directory.person(id, `${path}.ownerPerson`)),
      dueAt: utcOrNull(task.dueAt),
      status: task.status ?? 'open',
      createdAt,
      createdBy: creatorOfTask.id,
      createdByName: creatorOfTask.name,
      updatedAt: utcOrNull(task.updatedAt) ?? createdAt,
    });
  });

  importDecisions(store, caseId, file.decisions ?? [], { catalogue, entryRef, who, stamp });

  file.interventionUses?.forEach((use, index) => {
    const path = `interventionUses.${index}`;
    const by = who(use.by);
    insertInterventionUse(store, {
      id: randomUUID(),
      caseId,
      interventionId: catalogue.intervention(use.intervention, `${path}.intervention`),
      status: use.status,
      reason: use.reason ?? '',
      effect: use.effect ?? '',
      at: utc(use.at),
      by: by.id,
      byName: by.name,
      entryId: entryRef(use.entry, `${path}.entry`),
    });
  });

  importSignals(store, caseId, file, { catalogue, entryRef, who });

  file.attachments?.forEach((attachment, index) => {
    const path = `attachments.${index}`;
    const bytes = Buffer.from(attachment.data, 'base64');
    const sha256 = sha256Hex(bytes);
    if (attachment.sha256 !== undefined && attachment.sha256 !== sha256) throw invalidField(`${path}.sha256`);
    // The same content check as a file added by hand: a case file must not bring in what the app refuses.
    const { mediaType } = checkedFile(bytes, attachment.fileName, attachment.mediaType, `(${path}) `);
    const by = who(attachment.addedBy);
    insertAttachment(store, {
      id: randomUUID(),
      caseId,
      entryId: entryRef(attachment.entry, `${path}.entry`),
      fileName: attachment.fileName,
      mediaType,
      size: bytes.byteLength,
      sha256,
      personalData: attachment.personalData ?? false,
      bytes,
      addedAt: utcOrNull(attachment.addedAt) ?? stamp,
      addedBy: by.id,
      addedByName: by.name,
    });
  });

  file.briefingExports?.forEach((briefing, index) => {
    const by = who(briefing.by);
    insertExportRecord(store, {
      id: randomUUID(),
      caseId,
      kind: briefing.kind ?? 'briefing',
      number: briefing.number ?? index + 1,
      at: utc(briefing.at),
      by: by.id,
      byName: by.name,
      audience: briefing.audience ?? null,
      periodFrom: utcOrNull(briefing.periodFrom),
      periodTo: utcOrNull(briefing.periodTo),
      fingerprint: briefing.fingerprint,
      classification: briefing.classification,
      redacted: briefing.redacted,
      pageCount: briefing.pageCount,
      sha256: briefing.sha256 ?? null,
      size: briefing.size ?? null,
      entryId: entryRef(briefing.entry, `briefingExports.${index}.entry`),
    });
  });
}

/** The file's current phase, else where its last transition went, else the phase a new case starts in. */
function currentPhaseId(store: OpenedDatabase, file: CaseFile, catalogue: ReturnType<typeof catalogueResolver>): string {
  if (file.case.phase !== undefined) return catalogue.phase(file.case.phase, 'case.phase');
  const transitions = file.phaseTransitions ?? [];
  const last = transitions.at(-1);
  if (last) return catalogue.phase(last.to, `phaseTransitions.${transitions.length - 1}.to`);
  return (findPhase(store, defaultInitialPhaseId) ?? orInvalid(listPhases(store)[0], 'case.phase')).id;
}

/**
 * A signal belongs to one entry of type `signaal`; a closed channel needs its legal ground, as when recorded
 * by hand. The entry is imported as the file gives it (its personal-data mark is part of its hash).
 */
function importSignals(
  store: OpenedDatabase,
  caseId: string,
  file: CaseFile,
  context: {
    catalogue: ReturnType<typeof catalogueResolver>;
    entryRef: (seq: number | null | undefined, path: string) => string | null;
    who: (name: string | undefined) => { id: string | null; name: string };
  },
): void {
  const taken = new Set<number>();
  file.signals?.forEach((signal, index) => {
    const path = `signals.${index}`;
    if (file.entries[signal.entry - 1]?.type !== 'signaal' || taken.has(signal.entry)) throw invalidField(`${path}.entry`);
    taken.add(signal.entry);
    const legalGround = signal.legalGround?.trim() ? signal.legalGround : null;
    if (signal.channel === 'besloten' && legalGround === null) throw invalidField(`${path}.legalGround`);
    const by = context.who(signal.capturedBy);
    insertSignal(store, {
      entryId: context.entryRef(signal.entry, `${path}.entry`)!,
      caseId,
      platform: signal.platform,
      url: signal.url ?? null,
      accountHandle: signal.accountHandle?.trim() ? signal.accountHandle : null,
      channel: signal.channel,
      legalGround,
      postedAt: utcOrNull(signal.postedAt),
      seenAt: utc(signal.seenAt),
      reach: signal.reach ?? null,
      contentClass: signal.contentClass ?? 'onbekend',
      phaseId: optionalRef(signal.phase, (id) => context.catalogue.phase(id, `${path}.phase`)),
      capturedBy: by.id,
      capturedByName: by.name,
    });
  });
}

/** Numbers are kept (or given in file order); `follows` must name a decision earlier in the file. */
function importDecisions(
  store: OpenedDatabase,
  caseId: string,
  decisions: NonNullable<CaseFile['decisions']>,
  context: {
    catalogue: ReturnType<typeof catalogueResolver>;
    entryRef: (seq: number | null | undefined, path: string) => string | null;
    who: (name: string | undefined) => { id: string | null; name: string };
    stamp: string;
  },
): void {
  const idByNumber = new Map<number, string>();
  let nextNumber = 1;
  decisions.forEach((decision, index) => {
    const path = `decisions.${index}`;
    const number = decision.number ?? nextNumber;
    if (idByNumber.has(number)) throw invalidField(`${path}.number`);
    nextNumber = Math.max(nextNumber, number + 1);
    const id = randomUUID();
    const by = context.who(decision.recordedBy);
    insertDecision(
      store,
      {
        id,
        caseId,
        number,
        text: decision.text,
        decidedBy: decision.decidedBy,
        legalBasisId: context.catalogue.legalBasis(decision.legalBasis, `${path}.legalBasis`),
        necessity: decision.necessity ?? '',
        proportionality: decision.proportionality ?? '',
        subsidiarity: decision.subsidiarity ?? '',
        decidedAt: utc(decision.decidedAt),
        councilMeetingAt: utcOrNull(decision.councilMeetingAt),
        followsDecisionId: optionalRef(decision.follows, (number) => orInvalid(idByNumber.get(number), `${path}.follows`)),
        entryId: context.entryRef(decision.entry, `${path}.entry`),
        recordedAt: utcOrNull(decision.recordedAt) ?? context.stamp,
        recordedBy: by.id,
        recordedByName: by.name,
      },
      (decision.basedOn ?? []).map((seq, seqIndex) => context.entryRef(seq, `${path}.basedOn.${seqIndex}`)!),
    );
    idByNumber.set(number, id);
  });
}
