import { randomUUID } from 'node:crypto';
import { findIntervention, listInterventions as listInterventionRows } from '../../db/repositories/catalogue';
import { insertInterventionUse, listInterventionUses as listUseRows } from '../../db/repositories/intervention-uses';
import {
  listInterventionsInput,
  recordInterventionUseInput,
  type CaseIdInput,
  type ListInterventionsInput,
  type RecordInterventionUseInput,
} from '../../shared/schemas';
import type { Intervention, InterventionUse } from '../../shared/views';
import { readOfCase, requireOpenCase } from './guards';
import { invalidField, parseInput } from './input';
import { actor, writeEntry } from './log';
import { mutate } from './mutate';
import { now, type Session } from './session';

/** The catalogue, optionally only what fits a phase or is of one type. */
export function listInterventions(session: Session, input: ListInterventionsInput = {}): Intervention[] {
  const args = parseInput(listInterventionsInput, input);
  return listInterventionRows(session.db).filter(
    (item) =>
      (args.phaseId === undefined || item.phaseIds.includes(args.phaseId)) &&
      (args.type === undefined || item.type === args.type),
  );
}

/**
 * Logs a step in the use of an intervention: considered, applied or rejected, with why and what it did.
 * Considering and rejecting are logged as carefully as applying: the log shows what was weighed.
 */
export function recordInterventionUse(session: Session, input: RecordInterventionUseInput): InterventionUse {
  const id = randomUUID();
  return mutate(session, { action: 'intervention.use', schema: recordInterventionUseInput, object: () => `intervention-use:${id}` }, input, (args) => {
    const caseRow = requireOpenCase(session, args.caseId);
    const intervention = findIntervention(session.db, args.interventionId);
    if (!intervention) throw invalidField('interventionId');
    const at = args.at ?? now();
    const details = [args.reason && `Reden: ${args.reason}`, args.effect && `Effect: ${args.effect}`].filter(Boolean);
    const entry = writeEntry(session, caseRow, {
      type: 'systeem_interventie',
      text: [`Interventie "${intervention.name}" ${args.status}.`, ...details].join(' '),
      occurredAt: at,
    });
    const by = actor(session);
    return insertInterventionUse(session.db, {
      id,
      caseId: caseRow.id,
      interventionId: intervention.id,
      status: args.status,
      reason: args.reason,
      effect: args.effect,
      at,
      by: by.id,
      byName: by.name,
      entryId: entry.id,
    });
  });
}

export function listInterventionUses(session: Session, input: CaseIdInput): InterventionUse[] {
  return readOfCase(session, input, listUseRows);
}
