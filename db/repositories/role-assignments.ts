import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { RoleAssignment } from '../../shared/views';
import type { OpenedDatabase } from '../open';
import { people, roleAssignments } from '../schema';

export type NewRoleAssignment = typeof roleAssignments.$inferInsert;

const view = {
  id: roleAssignments.id,
  caseId: roleAssignments.caseId,
  roleId: roleAssignments.roleId,
  personId: roleAssignments.personId,
  personName: people.name,
  startedAt: roleAssignments.startedAt,
  endedAt: roleAssignments.endedAt,
  handedOverTo: roleAssignments.handedOverTo,
};

function select(store: OpenedDatabase) {
  return store.db.select(view).from(roleAssignments).innerJoin(people, eq(people.id, roleAssignments.personId));
}

export function insertRoleAssignment(store: OpenedDatabase, row: NewRoleAssignment): RoleAssignment {
  store.db.insert(roleAssignments).values(row).run();
  return findRoleAssignment(store, row.id) as RoleAssignment;
}

export function findRoleAssignment(store: OpenedDatabase, id: string): RoleAssignment | undefined {
  return select(store).where(eq(roleAssignments.id, id)).get();
}

export function endRoleAssignment(
  store: OpenedDatabase,
  id: string,
  end: { endedAt: string; handedOverTo: string | null },
): RoleAssignment {
  store.db.update(roleAssignments).set(end).where(eq(roleAssignments.id, id)).run();
  return findRoleAssignment(store, id) as RoleAssignment;
}

/** Who held which role when, in the order the roles were taken up. */
export function listRoleAssignments(store: OpenedDatabase, caseId: string): RoleAssignment[] {
  return select(store)
    .where(eq(roleAssignments.caseId, caseId))
    .orderBy(asc(roleAssignments.startedAt), sql`${roleAssignments}.rowid`)
    .all();
}

/**
 * The holders of a role in a case whose span still runs at `from` or starts after it: everyone a new,
 * open-ended assignment starting at `from` would hold the role together with. Spans are half-open, so a
 * holder who handed over at `from` does not count.
 */
export function listHoldersFrom(store: OpenedDatabase, caseId: string, roleId: string, from: string): RoleAssignment[] {
  return select(store)
    .where(
      and(
        eq(roleAssignments.caseId, caseId),
        eq(roleAssignments.roleId, roleId),
        or(isNull(roleAssignments.endedAt), gt(roleAssignments.endedAt, from)),
      ),
    )
    .orderBy(asc(roleAssignments.startedAt))
    .all();
}
