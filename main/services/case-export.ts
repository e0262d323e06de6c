import { listAttachmentContents } from '../../db/repositories/attachments';
import { listExportRecords } from '../../db/repositories/exports';
import { listCaseRoles, listInterventions, listLegalBases, listPhases } from '../../db/repositories/catalogue';
import { listDecisions } from '../../db/repositories/decisions';
import { listOrganisations, listPeople } from '../../db/repositories/directory';
import { entriesOfCase } from '../../db/repositories/entries';
import { listInterventionUses } from '../../db/repositories/intervention-uses';
import { listPhaseTransitions } from '../../db/repositories/phase-transitions';
import { listRoleAssignments } from '../../db/repositories/role-assignments';
import { signalsOfCase } from '../../db/repositories/signals';
import { listTasks } from '../../db/repositories/tasks';
import { caseFormatName, caseFormatVersion, type CaseFile } from '../../shared/case-format';
import { caseIdInput, type CaseIdInput } from '../../shared/schemas';
import { requireCase } from './guards';
import { parseInput } from './input';
import { auditedRead } from './mutate';
import { now, type Session } from './session';

const nonNull = <T>(value: T | null): value is T => value !== null;

/**
 * Everything the vault holds for a case, as a case file (docs/case-format.md): the log with its hash chain,
 * phases, roles, tasks, decisions, interventions, signals, attachments (base64) and briefing exports, plus the
 * directory entries and catalogue items it refers to. Any role may export; each export is audited.
 */
export function exportCase(session: Session, input: CaseIdInput): CaseFile {
  const { caseId } = parseInput(caseIdInput, input);
  return auditedRead(session, 'case.export', `case:${caseId}`, () => {
    const store = session.db;
    const caseRow = requireCase(session, caseId);
    const entries = entriesOfCase(store, caseId);
    const seqOf = new Map(entries.map((entry) => [entry.id, entry.seq]));
    const entrySeq = (id: string | null) => (id === null ? null : (seqOf.get(id) ?? null));
    const transitions = listPhaseTransitions(store, caseId);
    const assignments = listRoleAssignments(store, caseId);
    const tasks = listTasks(store, caseId);
    const decisions = listDecisions(store, caseId);
    const numberOf = new Map(decisions.map((decision) => [decision.id, decision.number]));
    const uses = listInterventionUses(store, caseId);

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

    return {
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
      entries: entries.map((entry) => ({
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
        corrects: entrySeq(entry.correctsEntryId),
        personalData: entry.personalData,
        phase: entry.phaseId,
        location: entry.location,
        prevHash: entry.prevHash,
        hash: entry.hash,
      })),
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
      signals: signalsOfCase(store, caseId).map((signal) => ({
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
      attachments: listAttachmentContents(store, caseId).map((attachment) => ({
        fileName: attachment.fileName,
        mediaType: attachment.mediaType,
        personalData: attachment.personalData,
        entry: entrySeq(attachment.entryId),
        addedAt: attachment.addedAt,
        addedBy: attachment.addedByName,
        sha256: attachment.sha256,
        data: Buffer.from(attachment.bytes.buffer, attachment.bytes.byteOffset, attachment.bytes.byteLength).toString('base64'),
      })),
      briefingExports: listExportRecords(store, caseId).map((record) => ({
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
  });
}
