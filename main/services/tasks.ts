import { randomUUID } from 'node:crypto';
import { findCaseRole } from '../../db/repositories/catalogue';
import { findPerson } from '../../db/repositories/directory';
import { findTask, insertTask, listTasks as listTaskRows, updateTaskRow, type TaskPatch } from '../../db/repositories/tasks';
import { OrdelogError } from '../../shared/errors';
import {
  createTaskInput,
  setTaskStatusInput,
  updateTaskInput,
  type CaseIdInput,
  type CreateTaskInput,
  type SetTaskStatusInput,
  type UpdateTaskInput,
} from '../../shared/schemas';
import type { Task } from '../../shared/views';
import { readOfCase, requireFound, requireOpenCase } from './guards';
import { invalidField } from './input';
import { actor, writeEntry } from './log';
import { mutate } from './mutate';
import { now, type Session } from './session';

function checkOwner(session: Session, owner: { ownerRoleId?: string | null; ownerPersonId?: string | null }): void {
  if (owner.ownerRoleId && !findCaseRole(session.db, owner.ownerRoleId)) throw invalidField('ownerRoleId');
  if (owner.ownerPersonId && !findPerson(session.db, owner.ownerPersonId)) throw invalidField('ownerPersonId');
}

/** An action with an owner (a role, a person or both) and an optional due time; logged in the case. */
export function createTask(session: Session, input: CreateTaskInput): Task {
  const id = randomUUID();
  return mutate(session, { action: 'task.create', schema: createTaskInput, object: () => `task:${id}` }, input, (args) => {
    const caseRow = requireOpenCase(session, args.caseId);
    checkOwner(session, args);
    const by = actor(session);
    const at = now();
    const task = insertTask(session.db, {
      id,
      caseId: caseRow.id,
      text: args.text,
      ownerRoleId: args.ownerRoleId,
      ownerPersonId: args.ownerPersonId,
      dueAt: args.dueAt,
      status: 'open',
      createdAt: at,
      createdBy: by.id,
      createdByName: by.name,
      updatedAt: at,
    });
    writeEntry(session, caseRow, { type: 'systeem_taak', text: `Actie toegevoegd aan de actielijst: ${task.text}`, occurredAt: args.at });
    return task;
  });
}

function requireTaskOfOpenCase(session: Session, taskId: string) {
  const task = requireFound(findTask(session.db, taskId));
  return { task, caseRow: requireOpenCase(session, task.caseId) };
}

/** Changes text, owner or due time; fields left out stay as they are. */
export function updateTask(session: Session, input: UpdateTaskInput): Task {
  return mutate(session, { action: 'task.update', schema: updateTaskInput, object: (a) => `task:${a.taskId}` }, input, (args) => {
    const { task, caseRow } = requireTaskOfOpenCase(session, args.taskId);
    const { taskId, at, ...fields } = args;
    const owner = {
      ownerRoleId: fields.ownerRoleId === undefined ? task.ownerRoleId : fields.ownerRoleId,
      ownerPersonId: fields.ownerPersonId === undefined ? task.ownerPersonId : fields.ownerPersonId,
    };
    if (owner.ownerRoleId === null && owner.ownerPersonId === null) throw invalidField('ownerRoleId');
    checkOwner(session, fields);
    const updated = updateTaskRow(session.db, taskId, { ...fields, updatedAt: now() } satisfies TaskPatch);
    writeEntry(session, caseRow, { type: 'systeem_taak', text: `Actie gewijzigd: ${updated.text}`, occurredAt: at });
    return updated;
  });
}

/** Every status change is logged, so the action list's history is in the log. */
export function setTaskStatus(session: Session, input: SetTaskStatusInput): Task {
  return mutate(session, { action: 'task.status', schema: setTaskStatusInput, object: (a) => `task:${a.taskId}` }, input, (args) => {
    const { task, caseRow } = requireTaskOfOpenCase(session, args.taskId);
    if (task.status === args.status) throw new OrdelogError('CONFLICT', { detail: 'De actie heeft deze status al.' });
    const updated = updateTaskRow(session.db, task.id, { status: args.status, updatedAt: now() });
    const note = args.note ? ` Toelichting: ${args.note}` : '';
    writeEntry(session, caseRow, {
      type: 'systeem_taak',
      text: `Actie "${task.text}": status van ${task.status} naar ${args.status}.${note}`,
      occurredAt: args.at,
    });
    return updated;
  });
}

export function listTasks(session: Session, input: CaseIdInput): Task[] {
  return readOfCase(session, input, listTaskRows);
}
