import { asc, eq, sql } from 'drizzle-orm';
import type { PhaseTransition } from '../../shared/views';
import type { OpenedDatabase } from '../open';
import { phaseTransitions } from '../schema';

export type NewPhaseTransition = typeof phaseTransitions.$inferInsert;

const view = {
  id: phaseTransitions.id,
  caseId: phaseTransitions.caseId,
  fromPhaseId: phaseTransitions.fromPhaseId,
  toPhaseId: phaseTransitions.toPhaseId,
  reason: phaseTransitions.reason,
  at: phaseTransitions.at,
  byName: phaseTransitions.byName,
  entryId: phaseTransitions.entryId,
};

export function insertPhaseTransition(store: OpenedDatabase, row: NewPhaseTransition): PhaseTransition {
  return store.db.insert(phaseTransitions).values(row).returning(view).get();
}

export function listPhaseTransitions(store: OpenedDatabase, caseId: string): PhaseTransition[] {
  return store.db
    .select(view)
    .from(phaseTransitions)
    .where(eq(phaseTransitions.caseId, caseId))
    .orderBy(asc(phaseTransitions.at), sql`rowid`)
    .all();
}
