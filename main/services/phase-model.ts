import { eq, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { findPhase, listPhases } from '../../db/repositories/catalogue';
import { cases, interventionPhases, logEntries, phases, phaseTransitions } from '../../db/schema';
import { rolePermissions } from '../../shared/domain';
import { OrdelogError } from '../../shared/errors';
import {
  createPhaseInput,
  removePhaseInput,
  reorderPhasesInput,
  updatePhaseInput,
  type CreatePhaseInput,
  type RemovePhaseInput,
  type ReorderPhasesInput,
  type UpdatePhaseInput,
} from '../../shared/phase-model-schemas';
import type { Phase } from '../../shared/views';
import { requireFound } from './guards';
import { invalidField } from './input';
import { audit, mutate, type WriteSpec } from './mutate';
import type { Session } from './session';

/**
 * The vault's phase model, edited by a beheerder: rename, describe, reorder, add, and remove a phase that
 * nothing refers to. Ids never change, so history written under an old name still points at its phase.
 * Each change returns the whole model, in order.
 */

/** Like `mutate`, but only for a role that may manage settings; a refusal is audited as `geweigerd`. */
function manage<S extends z.ZodType, T>(session: Session, spec: WriteSpec<S>, input: unknown, work: (args: z.output<S>) => T): T {
  if (!rolePermissions[session.user.role].manageSettings) {
    const parsed = spec.schema.safeParse(input);
    audit(session, spec.action, parsed.success ? spec.object(parsed.data) : 'phase-model', 'geweigerd');
    throw new OrdelogError('FORBIDDEN');
  }
  return mutate(session, spec, input, work);
}

function writeOrder(session: Session, ordered: readonly Phase[]): Phase[] {
  ordered.forEach((phase, index) => {
    if (phase.ordinal !== index + 1) session.db.db.update(phases).set({ ordinal: index + 1 }).where(eq(phases.id, phase.id)).run();
  });
  return listPhases(session.db);
}

/** A readable, stable id like the catalogue's own (`nafase`), unique in this vault. */
function newPhaseId(session: Session, name: string): string {
  const base =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'fase';
  let id = base;
  for (let n = 2; findPhase(session.db, id); n += 1) id = `${base}-${n}`;
  return id;
}

export function createPhase(session: Session, input: CreatePhaseInput): Phase[] {
  return manage(session, { action: 'phase.create', schema: createPhaseInput, object: () => 'phase-model' }, input, (args) => {
    const id = newPhaseId(session, args.name);
    const current = listPhases(session.db);
    const at = Math.min(args.position ?? current.length + 1, current.length + 1) - 1;
    const phase: Phase = { id, ordinal: current.length + 1, name: args.name, description: args.description };
    session.db.db.insert(phases).values(phase).run();
    return writeOrder(session, [...current.slice(0, at), phase, ...current.slice(at)]);
  });
}

export function updatePhase(session: Session, input: UpdatePhaseInput): Phase[] {
  return manage(session, { action: 'phase.update', schema: updatePhaseInput, object: (a) => `phase:${a.phaseId}` }, input, (args) => {
    requireFound(findPhase(session.db, args.phaseId));
    const { phaseId, ...fields } = args;
    if (fields.name !== undefined || fields.description !== undefined) {
      session.db.db.update(phases).set(fields).where(eq(phases.id, phaseId)).run();
    }
    return listPhases(session.db);
  });
}

export function reorderPhases(session: Session, input: ReorderPhasesInput): Phase[] {
  return manage(session, { action: 'phase.reorder', schema: reorderPhasesInput, object: () => 'phase-model' }, input, (args) => {
    const current = listPhases(session.db);
    const byId = new Map(current.map((phase) => [phase.id, phase]));
    const ordered = args.phaseIds.map((id, index) => {
      const phase = byId.get(id);
      if (!phase) throw invalidField(`phaseIds.${index}`);
      byId.delete(id);
      return phase;
    });
    // Each phase exactly once: a missing one would fall out of the model's order.
    if (byId.size > 0 || ordered.length !== current.length) throw invalidField('phaseIds');
    return writeOrder(session, ordered);
  });
}

/** Whether a case, an entry, a logged transition or an intervention refers to the phase. */
function phaseInUse(session: Session, phaseId: string): boolean {
  const { db } = session.db;
  const exists = (count: number | undefined) => (count ?? 0) > 0;
  const count = sql<number>`count(*)`;
  return (
    exists(db.select({ n: count }).from(cases).where(eq(cases.currentPhaseId, phaseId)).get()?.n) ||
    exists(db.select({ n: count }).from(logEntries).where(eq(logEntries.phaseId, phaseId)).get()?.n) ||
    exists(
      db
        .select({ n: count })
        .from(phaseTransitions)
        .where(or(eq(phaseTransitions.fromPhaseId, phaseId), eq(phaseTransitions.toPhaseId, phaseId)))
        .get()?.n,
    ) ||
    exists(db.select({ n: count }).from(interventionPhases).where(eq(interventionPhases.phaseId, phaseId)).get()?.n)
  );
}

/** Only a phase nothing refers to can go: history must keep pointing at the phase it happened in. */
export function removePhase(session: Session, input: RemovePhaseInput): Phase[] {
  return manage(session, { action: 'phase.remove', schema: removePhaseInput, object: (a) => `phase:${a.phaseId}` }, input, (args) => {
    requireFound(findPhase(session.db, args.phaseId));
    if (phaseInUse(session, args.phaseId)) throw new OrdelogError('CONFLICT', { detail: 'De fase is in gebruik.' });
    if (listPhases(session.db).length === 1) throw new OrdelogError('CONFLICT', { detail: 'Het fasemodel moet minstens één fase houden.' });
    session.db.db.delete(phases).where(eq(phases.id, args.phaseId)).run();
    return writeOrder(session, listPhases(session.db));
  });
}
