import type { OpenedDatabase } from '../../db/open';
import { findCaseRow, type CaseRow } from '../../db/repositories/cases';
import { isPartnerCase } from '../../db/repositories/replicas';
import { OrdelogError } from '../../shared/errors';
import { caseIdInput, type CaseIdInput } from '../../shared/schemas';
import { parseInput } from './input';
import type { Session } from './session';

export function requireCase(session: Session, caseId: string): CaseRow {
  const found = findCaseRow(session.db, caseId);
  if (!found) throw new OrdelogError('NOT_FOUND');
  return found;
}

/**
 * Only an open case takes new entries, tasks and decisions; a closed one is reopened first. A case received from
 * a partner takes log entries only (`partnerMay`): its tasks, decisions, roles and phase are the owner's.
 */
export function requireOpenCase(session: Session, caseId: string, options: { partnerMay?: boolean } = {}): CaseRow {
  const found = requireCase(session, caseId);
  if (found.status !== 'open') throw new OrdelogError('CONFLICT', { detail: 'Het dossier is niet open.' });
  if (!options.partnerMay) requireOwnCase(session, found);
  return found;
}

/** PARTNER_CASE for a case this vault received from a partner: what only the owner records. */
export function requireOwnCase(session: Session, caseRow: CaseRow): void {
  if (caseRow.key !== null && isPartnerCase(session.db, caseRow.key)) throw new OrdelogError('PARTNER_CASE');
}

export function requireFound<T>(value: T | undefined): T {
  if (value === undefined) throw new OrdelogError('NOT_FOUND');
  return value;
}

/** Parses `{ caseId }`, checks that the case exists, and reads what it holds. */
export function readOfCase<T>(session: Session, input: CaseIdInput, read: (store: OpenedDatabase, caseId: string) => T): T {
  const { caseId } = parseInput(caseIdInput, input);
  requireCase(session, caseId);
  return read(session.db, caseId);
}
