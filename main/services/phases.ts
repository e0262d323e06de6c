import { randomUUID } from 'node:crypto';
import { findPhase, listPhases as listPhaseRows } from '../../db/repositories/catalogue';
import { updateCaseRow } from '../../db/repositories/cases';
import { listPhaseTransitions as listTransitionRows, insertPhaseTransition } from '../../db/repositories/phase-transitions';
import { OrdelogError } from '../../shared/errors';
import { changePhaseInput, type CaseIdInput, type ChangePhaseInput } from '../../shared/schemas';
import type { Phase, PhaseTransition } from '../../shared/views';
import { readOfCase, requireFound, requireOpenCase } from './guards';
import { invalidField } from './input';
import { actor, writeEntry } from './log';
import { mutate } from './mutate';
import { now, type Session } from './session';

export function listPhases(session: Session): Phase[] {
  return listPhaseRows(session.db);
}

/** Moves a case to another phase, up or down; the change, its reason and who made it are logged. */
export function changePhase(session: Session, input: ChangePhaseInput): PhaseTransition {
  return mutate(session, { action: 'case.phase', schema: changePhaseInput, object: (a) => `case:${a.caseId}` }, input, (args) => {
    const caseRow = requireOpenCase(session, args.caseId);
    const to = findPhase(session.db, args.phaseId);
    if (!to) throw invalidField('phaseId');
    if (to.id === caseRow.currentPhaseId) throw new OrdelogError('CONFLICT', { detail: 'Het dossier staat al in deze fase.' });
    const from = requireFound(findPhase(session.db, caseRow.currentPhaseId));
    const at = args.at ?? now();
    updateCaseRow(session.db, caseRow.id, { currentPhaseId: to.id });
    // The entry opens the new phase, so it is recorded in it.
    const entry = writeEntry(session, { ...caseRow, currentPhaseId: to.id }, {
      type: 'systeem_fase',
      text: `Fase gewijzigd van "${from.name}" naar "${to.name}". Reden: ${args.reason}`,
      occurredAt: at,
    });
    const by = actor(session);
    return insertPhaseTransition(session.db, {
      id: randomUUID(),
      caseId: caseRow.id,
      fromPhaseId: from.id,
      toPhaseId: to.id,
      reason: args.reason,
      at,
      by: by.id,
      byName: by.name,
      entryId: entry.id,
    });
  });
}

export function listPhaseTransitions(session: Session, input: CaseIdInput): PhaseTransition[] {
  return readOfCase(session, input, listTransitionRows);
}
