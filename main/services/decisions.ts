import { randomUUID } from 'node:crypto';
import { findLegalBasis, listLegalBases as listLegalBasisRows } from '../../db/repositories/catalogue';
import {
  findDecision,
  insertDecision,
  listDecisions as listDecisionRows,
  nextDecisionNumber,
} from '../../db/repositories/decisions';
import { findEntry } from '../../db/repositories/entries';
import {
  recordDecisionInput,
  type CaseIdInput,
  type RecordDecisionInput,
} from '../../shared/schemas';
import type { Decision, LegalBasis } from '../../shared/views';
import { readOfCase, requireOpenCase } from './guards';
import { invalidField } from './input';
import { actor, writeEntry } from './log';
import { mutate } from './mutate';
import { now, type Session } from './session';

export function listLegalBases(session: Session): LegalBasis[] {
  return listLegalBasisRows(session.db);
}

/**
 * Adds a decision to the case's decision list with the next number. Its deadlines (ratification by the
 * council, a maximum duration, a retention limit) follow from its legal basis and are derived when read.
 */
export function recordDecision(session: Session, input: RecordDecisionInput): Decision {
  const id = randomUUID();
  return mutate(session, { action: 'decision.record', schema: recordDecisionInput, object: () => `decision:${id}` }, input, (args) => {
    const caseRow = requireOpenCase(session, args.caseId);
    const basis = args.legalBasisId === null ? null : findLegalBasis(session.db, args.legalBasisId);
    if (basis === undefined) throw invalidField('legalBasisId');
    if (args.followsDecisionId !== null && findDecision(session.db, args.followsDecisionId)?.caseId !== caseRow.id) {
      throw invalidField('followsDecisionId');
    }
    args.entryIds.forEach((entryId, index) => {
      if (findEntry(session.db, entryId)?.caseId !== caseRow.id) throw invalidField(`entryIds.${index}`);
    });
    const number = nextDecisionNumber(session.db, caseRow.id);
    const decidedAt = args.decidedAt ?? now();
    const basisText = basis ? ` (${basis.citation})` : '';
    const entry = writeEntry(session, caseRow, {
      type: 'systeem_besluit',
      text: `Besluit ${number}${basisText} door ${args.decidedBy}: ${args.text}`,
      occurredAt: decidedAt,
    });
    const by = actor(session);
    return insertDecision(
      session.db,
      {
        id,
        caseId: caseRow.id,
        number,
        text: args.text,
        decidedBy: args.decidedBy,
        legalBasisId: basis?.id ?? null,
        necessity: args.necessity,
        proportionality: args.proportionality,
        subsidiarity: args.subsidiarity,
        decidedAt,
        councilMeetingAt: args.councilMeetingAt,
        followsDecisionId: args.followsDecisionId,
        entryId: entry.id,
        recordedAt: now(),
        recordedBy: by.id,
        recordedByName: by.name,
      },
      args.entryIds,
    );
  });
}

export function listDecisions(session: Session, input: CaseIdInput): Decision[] {
  return readOfCase(session, input, listDecisionRows);
}
