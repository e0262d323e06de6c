import { asc, eq, sql } from 'drizzle-orm';
import type { Task } from '../../shared/views';
import type { OpenedDatabase } from '../open';
import { tasks } from '../schema';

export type NewTask = typeof tasks.$inferInsert;
export type TaskPatch = Partial<Pick<Task, 'text' | 'ownerRoleId' | 'ownerPersonId' | 'dueAt' | 'status'>> & {
  updatedAt: string;
};

const view = {
  id: tasks.id,
  caseId: tasks.caseId,
  text: tasks.text,
  ownerRoleId: tasks.ownerRoleId,
  ownerPersonId: tasks.ownerPersonId,
  dueAt: tasks.dueAt,
  status: tasks.status,
  createdAt: tasks.createdAt,
  createdByName: tasks.createdByName,
  updatedAt: tasks.updatedAt,
};

export function insertTask(store: OpenedDatabase, row: NewTask): Task {
  return store.db.insert(tasks).values(row).returning(view).get();
}

export function findTask(store: OpenedDatabase, id: string): Task | undefined {
  return store.db.select(view).from(tasks).where(eq(tasks.id, id)).get();
}

export function updateTaskRow(store: OpenedDatabase, id: string, patch: TaskPatch): Task {
  return store.db.update(tasks).set(patch).where(eq(tasks.id, id)).returning(view).get();
}

export function listTasks(store: OpenedDatabase, caseId: string): Task[] {
  return store.db
    .select(view)
    .from(tasks)
    .where(eq(tasks.caseId, caseId))
    .orderBy(asc(tasks.createdAt), sql`rowid`)
    .all();
}
