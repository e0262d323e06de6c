import { asc, eq, sql } from 'drizzle-orm';
import type { InterventionUse } from '../../shared/views';
import type { OpenedDatabase } from '../open';
import { caseInterventions } from '../schema';

export type NewInterventionUse = typeof caseInterventions.$inferInsert;

const view = {
  id: caseInterventions.id,
  caseId: caseInterventions.caseId,
  interventionId: caseInterventions.interventionId,
  status: caseInterventions.status,
  reason: caseInterventions.reason,
  effect: caseInterventions.effect,
  at: caseInterventions.at,
  byName: caseInterventions.byName,
  entryId: caseInterventions.entryId,
};

export function insertInterventionUse(store: OpenedDatabase, row: NewInterventionUse): InterventionUse {
  return store.db.insert(caseInterventions).values(row).returning(view).get();
}

/** Each step (considered, applied, rejected) of each intervention in the case, in time order. */
export function listInterventionUses(store: OpenedDatabase, caseId: string): InterventionUse[] {
  return store.db
    .select(view)
    .from(caseInterventions)
    .where(eq(caseInterventions.caseId, caseId))
    .orderBy(asc(caseInterventions.at), sql`rowid`)
    .all();
}
