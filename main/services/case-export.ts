import { createHash } from 'node:crypto';
import { findAttachmentContent, listAttachmentContents, listAttachments } from '../../db/repositories/attachments';
import { listExportRecords } from '../../db/repositories/exports';
import { listCaseRoles, listInterventions, listLegalBases, listPhases } from '../../db/repositories/catalogue';
import { listDecisions } from '../../db/repositories/decisions';
import { listOrganisations, listPeople } from '../../db/repositories/directory';
import { caseKeyOf, entriesOfCase, entriesOfCaseAfter, seqsOf, type SignatureColumns } from '../../db/repositories/entries';
import { listInterventionUses } from '../../db/repositories/intervention-uses';
import { listPhaseTransitions } from '../../db/repositories/phase-transitions';
import { listRoleAssignments } from '../../db/repositories/role-assignments';
import { signalsOfCase } from '../../db/repositories/signals';
import { listTasks } from '../../db/repositories/tasks';
import { caseFormatName, caseFormatVersion, type CaseFile } from '../../shared/case-format';
import { OrdelogError } from '../../shared/errors';
import { caseIdInput, type CaseIdInput } from '../../shared/schemas';
import type { Attachment, Entry } from '../../shared/views';
import { requireCase } from './guards';
import { parseInput } from './input';
import { checkpoint, type JobContext } from './jobs';
import { audit, auditedRead } from './mutate';
import { keepsAttachment, redactEntry, redactPerson, redactSignal } from './redaction';
import { now, type Session } from './session';

const nonNull = <T>(value: T | null): value is T => value !== null;

type EntrySeq = (id: string | null) => number | null;

/** An entry as the case file writes it; `corrects` is the number of the entry it corrects. */
function fileEntry(entry: Omit<Entry, 'correctedByIds'> & SignatureColumns & { prevHash: string }, corrects: number | null): CaseFile['entries'][number] {
  return {
    seq: entry.seq,
    id: entry.id,
    type: entry.type,
    occurredAt: entry.occurredAt,
    recordedAt: entry.recordedAt,
    recordedBy: entry.authorName,
    authorId: entry.authorId,
    text: entry.text,
    source: entry.source,
    sourceReliability: entry.sourceReliability,
    informationCredibility: entry.informationCredibility,
    corrects,
    personalData: entry.personalData,
    phase: entry.phaseId,
    location: entry.location,
    device: entry.device,
    authorKey: entry.authorKey,
    signature: entry.signature,
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

function fileAttachment(attachment: Attachment, bytes: Uint8Array, entrySeq: EntrySeq): NonNullable<CaseFile['attachments']>[number] {
  return {
    fileName: attachment.fileName,
    mediaType: attachment.mediaType,
    personalData: attachment.personalData,
    entry: entrySeq(attachment.entryId),
    addedAt: attachment.addedAt,
    addedBy: attachment.addedByName,
    sha256: attachment.sha256,
    data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
  };
}

/**
 * The case file but for its entries and the attachments' bytes, with every key in the order the file writes
 * them (`entries` and `attachments` empty, in their places), and the attachments to fill in. `resolveSeqs` turns
 * the entry ids the file refers to into their numbers.
 */
function caseFileFrame(
  session: Session,
  caseId: string,
  resolveSeqs: (ids: ReadonlyArray<string | null>) => EntrySeq,
): { frame: CaseFile; attachmentRows: Attachment[]; entrySeq: EntrySeq } {
  const store = session.db;
  const caseRow = requireCase(session, caseId);
  const transitions = listPhaseTransitions(store, caseId);
  const assignments = listRoleAssignments(store, caseId);
  const tasks = listTasks(store, caseId);
  const decisions = listDecisions(store, caseId);
  const numberOf = new Map(decisions.map((decision) => [decision.id, decision.number]));
  const uses = listInterventionUses(store, caseId);
  const signals = signalsOfCase(store, caseId);
  const attachmentRows = listAttachments(store, caseId);
  const exportRecords = listExportRecords(store, caseId);
  const entrySeq = resolveSeqs([
    ...transitions.map((transition) => transition.entryId),
    ...decisions.flatMap((decision) => [...decision.entryIds, decision.entryId]),
    ...uses.map((use) => use.entryId),
    ...signals.map((signal) => signal.entryId),
    ...attachmentRows.map((attachment) => attachment.entryId),
    ...exportRecords.map((record) => record.entryId),
  ]);

  const personIds = new Set([
    ...assignments.flatMap((assignment) => [assignment.personId, assignment.handedOverTo].filter(nonNull)),
    ...tasks.map((task) => task.ownerPersonId).filter(nonNull),
  ]);
  const people = listPeople(store, { ids: [...personIds] });
  const organisations = listOrganisations(store, { ids: people.map((person) => person.organisationId).filter(nonNull) });
  const roleIds = new Set([...assignments.map((a) => a.roleId), ...tasks.map((task) => task.ownerRoleId).filter(nonNull)]);
  const interventions = listInterventions(store, { ids: [...new Set(uses.map((use) => use.interventionId))] });
  const legalBasisIds = new Set([
    ...decisions.map((decision) => decision.legalBasisId),
    ...interventions.map((intervention) => intervention.legalBasisId),
  ]);

  const frame: CaseFile = {
    format: caseFormatName,
    version: caseFormatVersion,
    exportedAt: now(),
    exportedBy: session.user.displayName,
    case: {
      id: caseRow.id,
      title: caseRow.title,
      municipality: caseRow.municipality,
      status: caseRow.status,
      classification: caseRow.classification,
      contentClass: caseRow.contentClass,
      phase: caseRow.currentPhaseId,
      retentionCategory: caseRow.retentionCategory,
      createdAt: caseRow.createdAt,
      createdBy: caseRow.createdByName,
      closedAt: caseRow.closedAt,
      archivedAt: caseRow.archivedAt,
    },
    catalogue: {
      // The whole phase model: the case's history refers to phases and the phases give it its meaning.
      phases: listPhases(store),
      roles: listCaseRoles(store).filter((role) => roleIds.has(role.id)),
      legalBases: listLegalBases(store).filter((basis) => legalBasisIds.has(basis.id)),
      interventions: interventions.map((intervention) => ({
        id: intervention.id,
        ordinal: intervention.ordinal,
        name: intervention.name,
        description: intervention.description,
        type: intervention.type,
        phases: intervention.phaseIds,
        decidedBy: intervention.decidedBy,
        legalBasis: intervention.legalBasisId,
        caveats: intervention.caveats,
      })),
    },
    organisations,
    people: people.map((person) => ({
      id: person.id,
      name: person.name,
      organisation: person.organisationId,
      function: person.function,
      contact: person.contact,
      phone: person.phone,
      notes: person.notes,
    })),
    entries: [] as CaseFile['entries'],
    phaseTransitions: transitions.map((transition) => ({
      from: transition.fromPhaseId,
      to: transition.toPhaseId,
      reason: transition.reason,
      at: transition.at,
      by: transition.byName,
      entry: entrySeq(transition.entryId),
    })),
    roleAssignments: assignments.map((assignment) => ({
      role: assignment.roleId,
      person: assignment.personId,
      startedAt: assignment.startedAt,
      endedAt: assignment.endedAt,
      handedOverTo: assignment.handedOverTo,
    })),
    tasks: tasks.map((task) => ({
      text: task.text,
      ownerRole: task.ownerRoleId,
      ownerPerson: task.ownerPersonId,
      dueAt: task.dueAt,
      status: task.status,
      createdAt: task.createdAt,
      createdBy: task.createdByName,
      updatedAt: task.updatedAt,
    })),
    decisions: decisions.map((decision) => ({
      number: decision.number,
      text: decision.text,
      decidedBy: decision.decidedBy,
      legalBasis: decision.legalBasisId,
      necessity: decision.necessity,
      proportionality: decision.proportionality,
      subsidiarity: decision.subsidiarity,
      decidedAt: decision.decidedAt,
      councilMeetingAt: decision.councilMeetingAt,
      follows: decision.followsDecisionId === null ? null : (numberOf.get(decision.followsDecisionId) ?? null),
      basedOn: decision.entryIds.map(entrySeq).filter(nonNull),
      entry: entrySeq(decision.entryId),
      recordedAt: decision.recordedAt,
      recordedBy: decision.recordedByName,
    })),
    interventionUses: uses.map((use) => ({
      intervention: use.interventionId,
      status: use.status,
      reason: use.reason,
      effect: use.effect,
      at: use.at,
      by: use.byName,
      entry: entrySeq(use.entryId),
    })),
    signals: signals.map((signal) => ({
      entry: entrySeq(signal.entryId)!,
      platform: signal.platform,
      url: signal.url,
      accountHandle: signal.accountHandle,
      channel: signal.channel,
      legalGround: signal.legalGround,
      postedAt: signal.postedAt,
      seenAt: signal.seenAt,
      reach: signal.reach,
      contentClass: signal.contentClass,
      phase: signal.phaseId,
      capturedBy: signal.capturedByName,
    })),
    attachments: [] as NonNullable<CaseFile['attachments']>,
    briefingExports: exportRecords.map((record) => ({
      kind: record.kind,
      number: record.number,
      at: record.at,
      by: record.byName,
      audience: record.audience,
      periodFrom: record.periodFrom,
      periodTo: record.periodTo,
      fingerprint: record.fingerprint,
      classification: record.classification,
      redacted: record.redacted,
      pageCount: record.pageCount,
      sha256: record.sha256,
      size: record.size,
      entry: entrySeq(record.entryId),
    })),
  };
  return { frame, attachmentRows, entrySeq };
}

/**
 * Everything the vault holds for a case, as a case file (docs/case-format.md): the log with its hash chain,
 * phases, roles, tasks, decisions, interventions, signals, attachments (base64) and briefing exports, plus the
 * directory entries and catalogue items it refers to. Any role may export; each export is audited.
 */
export function exportCase(session: Session, input: CaseIdInput): CaseFile {
  const { caseId } = parseInput(caseIdInput, input);
  return auditedRead(session, 'case.export', `case:${caseId}`, () => {
    const store = session.db;
    const entries = entriesOfCase(store, caseId);
    const seqOf = new Map(entries.map((entry) => [entry.id, entry.seq]));
    const entrySeq: EntrySeq = (id) => (id === null ? null : (seqOf.get(id) ?? null));
    const { frame, attachmentRows } = caseFileFrame(session, caseId, () => entrySeq);
    frame.entries = entries.map((entry) => fileEntry(entry, entrySeq(entry.correctsEntryId)));
    const contents = new Map(listAttachmentContents(store, caseId).map((attachment) => [attachment.id, attachment.bytes]));
    frame.attachments = attachmentRows.map((attachment) => fileAttachment(attachment, contents.get(attachment.id)!, entrySeq));
    return frame;
  });
}

/** Entries read per step of a streamed export. */
const entryBatch = 200;
/** How long a stretch of work runs before it yields to other calls and timers. */
const sliceMs = 25;

/** `JSON.stringify(value, null, 2)` of a value nested `depth` levels deep: every line after the first indented. */
const nested = (value: unknown, depth: number) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);

/**
 * The case file of `exportCase` (redacted as `redactCaseFile` does when asked) as the bytes of
 * `JSON.stringify(file, null, 2) + '\n'`, built in slices: the entries are read in steps of the (case_key, seq)
 * index up to `headSeq`, the log's head read when the export began, and each attachment's bytes only when its
 * turn comes. Between slices the job reports its progress, yields, and stops if cancelled; a cancelled export
 * audits nothing, since nothing left the vault.
 */
export async function caseFileJson(
  session: Session,
  caseId: string,
  options: { redacted: boolean; headSeq: number },
  job: JobContext,
): Promise<{ bytes: Buffer; sha256: string }> {
  const store = session.db;
  const caseKey = caseKeyOf(store, caseId);
  if (caseKey === undefined) throw new OrdelogError('NOT_FOUND');
  const { frame, attachmentRows, entrySeq } = caseFileFrame(session, caseId, (ids) => {
    const seqs = seqsOf(store, ids.filter((id): id is string => id !== null));
    return (id) => (id === null ? null : (seqs.get(id) ?? null));
  });
  const { redacted, headSeq } = options;
  const total = headSeq + attachmentRows.length;
  const chunks: Buffer[] = [];
  let text = '';
  let done = 0;
  let lastYield = performance.now();
  const write = (part: string) => {
    text += part;
    if (text.length > 1 << 20) flush();
  };
  // Hashed as it is built, so the file's SHA-256 is no separate pass over tens of megabytes.
  const hash = createHash('sha256');
  const flush = () => {
    const chunk = Buffer.from(text, 'utf8');
    hash.update(chunk);
    chunks.push(chunk);
    text = '';
  };
  // Every slice of the thread's time, and every thousand entries at least, so a fast machine still shows progress.
  let lastReported = 0;
  const pace = async () => {
    if (performance.now() - lastYield < sliceMs && done - lastReported < 1_000) return;
    await checkpoint(job, 'writing', done, total);
    lastYield = performance.now();
    lastReported = done;
  };
  /** An array two spaces in, item by item, as JSON.stringify would write it. */
  async function array<T>(items: Iterable<T> | AsyncIterable<T>): Promise<void> {
    let first = true;
    for await (const item of items) {
      write(`${first ? '[\n' : ',\n'}    ${nested(item, 2)}`);
      first = false;
      await pace();
    }
    write(first ? '[]' : '\n  ]');
  }

  const personalSeqs = new Set<number>();
  function* entries() {
    for (let after = 0; after < headSeq; ) {
      const batch = entriesOfCaseAfter(store, caseKey!, { afterSeq: after, toSeq: headSeq }, entryBatch);
      if (batch.length === 0) return;
      for (const entry of batch) {
        const item = fileEntry(entry, entry.correctsSeq);
        if (redacted && item.personalData) personalSeqs.add(item.seq ?? 0);
        done += 1;
        yield redacted ? redactEntry(item) : item;
      }
      after = batch.at(-1)!.seq;
    }
  }
  function* attachments() {
    for (const attachment of attachmentRows) {
      done += 1;
      if (redacted && !keepsAttachment(fileAttachment(attachment, new Uint8Array(0), entrySeq))) continue;
      const content = findAttachmentContent(store, attachment.id);
      if (content) yield fileAttachment(attachment, content.bytes, entrySeq);
    }
  }

  const file: Record<string, unknown> = redacted ? { ...frame, redacted: true, people: frame.people?.map(redactPerson) } : { ...frame };
  const keys = Object.keys(file).filter((key) => file[key] !== undefined);
  write('{\n');
  for (const [index, key] of keys.entries()) {
    write(`  ${JSON.stringify(key)}: `);
    if (key === 'entries') await array(entries());
    else if (key === 'attachments') await array(attachments());
    else if (key === 'signals' && redacted) await array(frame.signals!.map((signal) => redactSignal(signal, personalSeqs)));
    else if (Array.isArray(file[key])) await array(file[key] as unknown[]);
    else write(nested(file[key], 1));
    write(index < keys.length - 1 ? ',\n' : '\n');
  }
  write('}\n');
  flush();
  audit(session, 'case.export', `case:${caseId}`, 'ok');
  return { bytes: Buffer.concat(chunks), sha256: hash.digest('hex') };
}
