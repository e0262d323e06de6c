import { randomUUID } from 'node:crypto';
import { findPhase, listPhases } from '../../db/repositories/catalogue';
import {
  findCaseDetail,
  insertCase,
  listCaseSummaries,
  updateCaseRow,
  type CasePatch,
} from '../../db/repositories/cases';
import { deleteCaseDrafts } from '../../db/repositories/drafts';
import { insertPhaseTransition } from '../../db/repositories/phase-transitions';
import { deadlineSummaries } from '../../db/repositories/situation';
import { defaultInitialPhaseId } from '../../shared/catalogue/phases';
import { OrdelogError } from '../../shared/errors';
import {
  archiveCaseInput,
  caseIdInput,
  closeCaseInput,
  createCaseInput,
  listCasesInput,
  reopenCaseInput,
  updateCaseInput,
  type ArchiveCaseInput,
  type CaseIdInput,
  type CloseCaseInput,
  type CreateCaseInput,
  type ListCasesInput,
  type ReopenCaseInput,
  type UpdateCaseInput,
} from '../../shared/schemas';
import type { CaseDetail, CaseListItem } from '../../shared/views';
import { requireCase, requireFound, requireOpenCase, requireOwnCase } from './guards';
import { invalidField, parseInput } from './input';
import { actor, writeEntry } from './log';
import { mutate } from './mutate';
import { now, type Session } from './session';

const detailOf = (session: Session, caseId: string): CaseDetail => requireFound(findCaseDetail(session.db, caseId));

/** Opens a case in a phase (default "Online signaal / oproep"), logging the opening and the first phase. */
export function createCase(session: Session, input: CreateCaseInput): CaseDetail {
  const id = randomUUID();
  return mutate(session, { action: 'case.create', schema: createCaseInput, object: () => `case:${id}` }, input, (args) => {
    const phase = args.phaseId
      ? findPhase(session.db, args.phaseId)
      : (findPhase(session.db, defaultInitialPhaseId) ?? listPhases(session.db)[0]);
    if (!phase) throw invalidField('phaseId');
    const by = actor(session);
    insertCase(session.db, {
      id,
      title: args.title,
      municipality: args.municipality ?? null,
      status: 'open',
      classification: args.classification,
      contentClass: args.contentClass,
      currentPhaseId: phase.id,
      retentionCategory: args.retentionCategory,
      createdAt: now(),
      createdBy: by.id,
      createdByName: by.name,
    });
    const caseRow = requireCase(session, id);
    const openedAt = args.openedAt ?? now();
    const entry = writeEntry(session, caseRow, {
      type: 'systeem_status',
      text: `Dossier geopend in fase "${phase.name}".`,
      occurredAt: openedAt,
    });
    insertPhaseTransition(session.db, {
      id: randomUUID(),
      caseId: id,
      fromPhaseId: null,
      toPhaseId: phase.id,
      reason: 'Dossier geopend',
      at: openedAt,
      by: by.id,
      byName: by.name,
      entryId: entry.id,
    });
    return detailOf(session, id);
  });
}

/** The cases, each with its next running deadline and how many are overdue now (see `deadlineSummaries`). */
export function listCases(session: Session, input: ListCasesInput = {}): CaseListItem[] {
  const args = parseInput(listCasesInput, input);
  const deadlines = deadlineSummaries(session.db, now());
  return listCaseSummaries(session.db, { status: args.status }).map((summary) => {
    const deadline = deadlines.get(summary.id);
    return { ...summary, nextDeadline: deadline?.next ?? null, overdueDeadlines: deadline?.overdue ?? 0 };
  });
}

export function getCase(session: Session, input: CaseIdInput): CaseDetail {
  return detailOf(session, parseInput(caseIdInput, input).caseId);
}

const fieldLabels = {
  title: 'titel',
  municipality: 'gemeente',
  classification: 'rubricering',
  contentClass: 'soort inhoud',
  retentionCategory: 'bewaarcategorie',
} as const;

/** Changes a case's own attributes (not its status or phase); the log gets one entry naming what changed. */
export function updateCase(session: Session, input: UpdateCaseInput): CaseDetail {
  return mutate(session, { action: 'case.update', schema: updateCaseInput, object: (a) => `case:${a.caseId}` }, input, (args) => {
    const caseRow = requireCase(session, args.caseId);
    requireOwnCase(session, caseRow);
    if (caseRow.status === 'gearchiveerd') throw new OrdelogError('CONFLICT', { detail: 'Het dossier is gearchiveerd.' });
    const { caseId, ...fields } = args;
    const patch: CasePatch = {};
    const changes: string[] = [];
    for (const key of Object.keys(fieldLabels) as (keyof typeof fieldLabels)[]) {
      const value = fields[key];
      if (value === undefined || value === caseRow[key]) continue;
      Object.assign(patch, { [key]: value });
      changes.push(`${fieldLabels[key]}: "${value ?? '—'}"`);
    }
    if (changes.length === 0) return detailOf(session, caseId);
    updateCaseRow(session.db, caseId, patch);
    writeEntry(session, caseRow, { type: 'systeem_status', text: `Dossiergegevens gewijzigd. ${changes.join('; ')}.` });
    return detailOf(session, caseId);
  });
}

/** Closing starts the retention period, so the case must have a retention category by then. */
export function closeCase(session: Session, input: CloseCaseInput): CaseDetail {
  return mutate(session, { action: 'case.close', schema: closeCaseInput, object: (a) => `case:${a.caseId}` }, input, (args) => {
    const caseRow = requireOpenCase(session, args.caseId);
    const retentionCategory = args.retentionCategory ?? caseRow.retentionCategory;
    if (!retentionCategory) throw invalidField('retentionCategory');
    const closedAt = args.at ?? now();
    updateCaseRow(session.db, caseRow.id, { status: 'gesloten', closedAt, retentionCategory });
    const reason = args.reason ? ` Reden: ${args.reason}` : '';
    writeEntry(session, caseRow, {
      type: 'systeem_status',
      text: `Dossier gesloten; bewaarcategorie "${retentionCategory}".${reason}`,
      occurredAt: closedAt,
    });
    return detailOf(session, caseRow.id);
  });
}

export function reopenCase(session: Session, input: ReopenCaseInput): CaseDetail {
  return mutate(session, { action: 'case.reopen', schema: reopenCaseInput, object: (a) => `case:${a.caseId}` }, input, (args) => {
    const caseRow = requireCase(session, args.caseId);
    requireOwnCase(session, caseRow);
    if (caseRow.status !== 'gesloten') throw new OrdelogError('CONFLICT', { detail: 'Alleen een gesloten dossier kan worden heropend.' });
    updateCaseRow(session.db, caseRow.id, { status: 'open', closedAt: null });
    writeEntry(session, caseRow, { type: 'systeem_status', text: `Dossier heropend. Reden: ${args.reason}`, occurredAt: args.at });
    return detailOf(session, caseRow.id);
  });
}

/** Archiving is final: an archived case is read-only, so what anyone had half typed for it goes too. */
export function archiveCase(session: Session, input: ArchiveCaseInput): CaseDetail {
  return mutate(session, { action: 'case.archive', schema: archiveCaseInput, object: (a) => `case:${a.caseId}` }, input, (args) => {
    const caseRow = requireCase(session, args.caseId);
    requireOwnCase(session, caseRow);
    if (caseRow.status !== 'gesloten') throw new OrdelogError('CONFLICT', { detail: 'Alleen een gesloten dossier kan worden gearchiveerd.' });
    const archivedAt = args.at ?? now();
    updateCaseRow(session.db, caseRow.id, { status: 'gearchiveerd', archivedAt });
    deleteCaseDrafts(session.db, caseRow.id);
    writeEntry(session, caseRow, { type: 'systeem_status', text: 'Dossier gearchiveerd.', occurredAt: archivedAt });
    return detailOf(session, caseRow.id);
  });
}
