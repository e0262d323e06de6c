import { z } from 'zod';
import { idSchema, limits } from './schemas';
import { multiLineText, singleLineText } from './text-rules';

/**
 * What the phase-model settings accept: a beheerder renames, describes, reorders and adds phases, and may
 * remove a phase nothing refers to. Phase ids stay stable, so cases, entries and transitions keep their meaning.
 */

const phaseName = singleLineText(limits.name).min(1);
const phaseDescription = multiLineText(limits.notes);

export const createPhaseInput = z.strictObject({
  name: phaseName,
  description: phaseDescription.default(''),
  /** Where the new phase goes: before the phase now at this 1-based position. Left out: at the end. */
  position: z.number().int().min(1).optional(),
});

/** Fields left out stay as they are. */
export const updatePhaseInput = z.strictObject({
  phaseId: idSchema,
  name: phaseName.optional(),
  description: phaseDescription.optional(),
});

/** Every phase of the model, each once, in the new order. */
export const reorderPhasesInput = z.strictObject({
  phaseIds: z.array(idSchema).min(1).max(100),
});

export const removePhaseInput = z.strictObject({ phaseId: idSchema });

export type CreatePhaseInput = z.input<typeof createPhaseInput>;
export type UpdatePhaseInput = z.input<typeof updatePhaseInput>;
export type ReorderPhasesInput = z.input<typeof reorderPhasesInput>;
export type RemovePhaseInput = z.input<typeof removePhaseInput>;
