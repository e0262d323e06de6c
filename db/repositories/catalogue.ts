import { asc, eq, inArray } from 'drizzle-orm';
import type { DeadlineRule } from '../../shared/catalogue/legal-bases';
import { deadlineRulesSchema } from '../../shared/catalogue/legal-bases';
import type { CaseRole, Intervention, LegalBasis, Phase } from '../../shared/views';
import type { OpenedDatabase } from '../open';
import { caseRoles, interventionPhases, interventions, legalBases, phases } from '../schema';

/**
 * The vault's catalogues: phases, case roles, legal bases, interventions. Inserts never overwrite, so a
 * municipality's own changes survive seeding and imports.
 */

export function listPhases(store: OpenedDatabase): Phase[] {
  return store.db.select().from(phases).orderBy(asc(phases.ordinal), asc(phases.id)).all();
}

export function findPhase(store: OpenedDatabase, id: string): Phase | undefined {
  return store.db.select().from(phases).where(eq(phases.id, id)).get();
}

export function insertPhaseIfMissing(store: OpenedDatabase, phase: Phase): void {
  store.db.insert(phases).values(phase).onConflictDoNothing().run();
}

export function listCaseRoles(store: OpenedDatabase): CaseRole[] {
  return store.db.select().from(caseRoles).orderBy(asc(caseRoles.ordinal), asc(caseRoles.id)).all();
}

export function findCaseRole(store: OpenedDatabase, id: string): CaseRole | undefined {
  return store.db.select().from(caseRoles).where(eq(caseRoles.id, id)).get();
}

export function insertCaseRoleIfMissing(store: OpenedDatabase, role: CaseRole): void {
  store.db.insert(caseRoles).values(role).onConflictDoNothing().run();
}

const toLegalBasis = (row: typeof legalBases.$inferSelect): LegalBasis => ({
  ...row,
  deadlineRules: deadlineRulesSchema.parse(JSON.parse(row.deadlineRules)),
});

export function listLegalBases(store: OpenedDatabase): LegalBasis[] {
  return store.db.select().from(legalBases).orderBy(asc(legalBases.ordinal), asc(legalBases.id)).all().map(toLegalBasis);
}

export function findLegalBasis(store: OpenedDatabase, id: string): LegalBasis | undefined {
  const row = store.db.select().from(legalBases).where(eq(legalBases.id, id)).get();
  return row && toLegalBasis(row);
}

export function insertLegalBasisIfMissing(store: OpenedDatabase, basis: LegalBasis & { deadlineRules: DeadlineRule[] }): void {
  store.db
    .insert(legalBases)
    .values({ ...basis, deadlineRules: JSON.stringify(basis.deadlineRules) })
    .onConflictDoNothing()
    .run();
}

export function listInterventions(store: OpenedDatabase, filter: { ids?: string[] } = {}): Intervention[] {
  const rows = store.db
    .select()
    .from(interventions)
    .where(filter.ids ? inArray(interventions.id, filter.ids) : undefined)
    .orderBy(asc(interventions.ordinal), asc(interventions.id))
    .all();
  const links = store.db
    .select({ interventionId: interventionPhases.interventionId, phaseId: interventionPhases.phaseId })
    .from(interventionPhases)
    .innerJoin(phases, eq(phases.id, interventionPhases.phaseId))
    .where(filter.ids ? inArray(interventionPhases.interventionId, filter.ids) : undefined)
    .orderBy(asc(phases.ordinal))
    .all();
  const phasesOf = new Map<string, string[]>();
  for (const link of links) phasesOf.set(link.interventionId, [...(phasesOf.get(link.interventionId) ?? []), link.phaseId]);
  return rows.map((row) => ({ ...row, phaseIds: phasesOf.get(row.id) ?? [] }));
}

export function findIntervention(store: OpenedDatabase, id: string): Intervention | undefined {
  return listInterventions(store, { ids: [id] })[0];
}

export function insertInterventionIfMissing(store: OpenedDatabase, intervention: Intervention): void {
  const { phaseIds, ...row } = intervention;
  const inserted = store.db.insert(interventions).values(row).onConflictDoNothing().run();
  if (inserted.changes === 0) return;
  for (const phaseId of phaseIds) store.db.insert(interventionPhases).values({ interventionId: row.id, phaseId }).run();
}
