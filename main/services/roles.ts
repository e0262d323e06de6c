import { randomUUID } from 'node:crypto';
import { findCaseRole, listCaseRoles as listRoleRows } from '../../db/repositories/catalogue';
import { findPerson } from '../../db/repositories/directory';
import {
  endRoleAssignment,
  findRoleAssignment,
  insertRoleAssignment,
  listHoldersFrom,
  listRoleAssignments as listAssignmentRows,
} from '../../db/repositories/role-assignments';
import { OrdelogError } from '../../shared/errors';
import {
  assignRoleInput,
  endRoleInput,
  handOverRoleInput,
  liesAhead,
  type AssignRoleInput,
  type CaseIdInput,
  type EndRoleInput,
  type HandOverRoleInput,
} from '../../shared/schemas';
import { formatDocumentDateTime } from '../../shared/time';
import type { CaseRole, RoleAssignment } from '../../shared/views';
import { readOfCase, requireFound, requireOpenCase } from './guards';
import { invalidField } from './input';
import { writeEntry } from './log';
import { mutate } from './mutate';
import { now, type Session } from './session';

export function listCaseRoles(session: Session): CaseRole[] {
  return listRoleRows(session.db);
}

/** Role changes are recorded as they happen, never planned ahead: a future time is refused. */
function requireNotFuture(at: string): void {
  if (liesAhead(at)) throw new OrdelogError('TIME_IN_FUTURE');
}

/** A span ends at or after its start: a handover or end before the current holder began is refused. */
function requireNotBeforeStart(assignment: RoleAssignment, at: string): void {
  if (at < assignment.startedAt) {
    throw new OrdelogError('BEFORE_ROLE_START', { detail: `(begin: ${formatDocumentDateTime(assignment.startedAt, 'nl')})` });
  }
}

/**
 * A person takes up a role, now or at a moment already past. A single-holder role that someone holds at that
 * moment (or later) is refused as SECOND_HOLDER unless the second holder is confirmed; the log then says so.
 */
export function assignRole(session: Session, input: AssignRoleInput): RoleAssignment {
  const id = randomUUID();
  return mutate(session, { action: 'role.assign', schema: assignRoleInput, object: () => `role-assignment:${id}` }, input, (args) => {
    const caseRow = requireOpenCase(session, args.caseId);
    const role = findCaseRole(session.db, args.roleId);
    if (!role) throw invalidField('roleId');
    const person = findPerson(session.db, args.personId);
    if (!person) throw invalidField('personId');
    const at = args.at ?? now();
    requireNotFuture(at);
    const others = role.singleHolder ? listHoldersFrom(session.db, caseRow.id, role.id, at) : [];
    if (others.length > 0 && !args.confirmSecondHolder) throw new OrdelogError('SECOND_HOLDER');
    const assignment = insertRoleAssignment(session.db, {
      id,
      caseId: caseRow.id,
      roleId: role.id,
      personId: person.id,
      startedAt: at,
      endedAt: null,
      handedOverTo: null,
    });
    const alongside = others.length > 0 ? ` Tweede rolhouder, naast ${others.map((other) => other.personName).join(', ')}.` : '';
    writeEntry(session, caseRow, { type: 'systeem_rol', text: `Rol ${role.name} toegewezen aan ${person.name}.${alongside}`, occurredAt: at });
    return assignment;
  });
}

function requireActiveAssignment(session: Session, assignmentId: string): RoleAssignment {
  const assignment = requireFound(findRoleAssignment(session.db, assignmentId));
  if (assignment.endedAt !== null) throw new OrdelogError('CONFLICT', { detail: 'Deze rol is al overgedragen of beëindigd.' });
  return assignment;
}

/**
 * A shift change: the current holder's assignment ends and the next person's starts at the same moment,
 * so who held the role when stays visible. The moment lies between the current holder's start and now.
 */
export function handOverRole(
  session: Session,
  input: HandOverRoleInput,
): { ended: RoleAssignment; started: RoleAssignment } {
  const id = randomUUID();
  return mutate(session, { action: 'role.handover', schema: handOverRoleInput, object: (a) => `role-assignment:${a.assignmentId}` }, input, (args) => {
    const current = requireActiveAssignment(session, args.assignmentId);
    const caseRow = requireOpenCase(session, current.caseId);
    const next = findPerson(session.db, args.toPersonId);
    if (!next || next.id === current.personId) throw invalidField('toPersonId');
    const role = requireFound(findCaseRole(session.db, current.roleId));
    const at = args.at ?? now();
    requireNotBeforeStart(current, at);
    requireNotFuture(at);
    const ended = endRoleAssignment(session.db, current.id, { endedAt: at, handedOverTo: next.id });
    const started = insertRoleAssignment(session.db, {
      id,
      caseId: caseRow.id,
      roleId: role.id,
      personId: next.id,
      startedAt: at,
      endedAt: null,
      handedOverTo: null,
    });
    const note = args.note ? ` Toelichting: ${args.note}` : '';
    writeEntry(session, caseRow, {
      type: 'systeem_rol',
      text: `Rol ${role.name} van ${current.personName} overgedragen aan ${next.name}.${note}`,
      occurredAt: at,
    });
    return { ended, started };
  });
}

export function endRole(session: Session, input: EndRoleInput): RoleAssignment {
  return mutate(session, { action: 'role.end', schema: endRoleInput, object: (a) => `role-assignment:${a.assignmentId}` }, input, (args) => {
    const current = requireActiveAssignment(session, args.assignmentId);
    const caseRow = requireOpenCase(session, current.caseId);
    const role = requireFound(findCaseRole(session.db, current.roleId));
    const at = args.at ?? now();
    requireNotBeforeStart(current, at);
    requireNotFuture(at);
    const ended = endRoleAssignment(session.db, current.id, { endedAt: at, handedOverTo: null });
    const note = args.note ? ` Toelichting: ${args.note}` : '';
    writeEntry(session, caseRow, {
      type: 'systeem_rol',
      text: `Rol ${role.name} van ${current.personName} beëindigd.${note}`,
      occurredAt: at,
    });
    return ended;
  });
}

export function listRoleAssignments(session: Session, input: CaseIdInput): RoleAssignment[] {
  return readOfCase(session, input, listAssignmentRows);
}
