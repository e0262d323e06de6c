import { randomUUID } from 'node:crypto';
import { findLegalBasis, listLegalBases as listLegalBasisRows } from '../../db/repositories/catalogue';
import {
  findDecision,
  insertCouncilMeeting,
  insertDecision,
  listDecisions as listDecisionRows,
  nextDecisionNumber,
} from '../../db/repositories/decisions';
import { findEntry } from '../../db/repositories/entries';
import type { CaseRow } from '../../db/repositories/cases';
import { insertTask } from '../../db/repositories/tasks';
import { formatDocumentDateTime } from '../../shared/time';
import { dutyToInformOf } from '../../shared/catalogue/legal-bases';
import type { DecisionMaker } from '../../shared/domain';
import { OrdelogError } from '../../shared/errors';
import {
  recordDecisionInput,
  setCouncilMeetingInput,
  type CaseIdInput,
  type RecordDecisionInput,
  type SetCouncilMeetingInput,
} from '../../shared/schemas';
import type { Decision, LegalBasis } from '../../shared/views';
import { readOfCase, requireFound, requireOpenCase } from './guards';
import { invalidField } from './input';
import { actor, writeEntry } from './log';
import { mutate } from './mutate';
import { now, type Session } from './session';

export function listLegalBases(session: Session): LegalBasis[] {
  return listLegalBasisRows(session.db);
}

const needsRatification = (basis: LegalBasis | null | undefined): boolean =>
  basis?.deadlineRules.some((rule) => rule.kind === 'council-ratification') ?? false;

const hourMs = 3_600_000;

// The log is kept in Dutch; who decided is named in words, not as a code.
const decisionMakerNames: Record<DecisionMaker, string> = {
  burgemeester: 'de burgemeester',
  driehoek: 'de lokale driehoek',
  ovj: 'de officier van justitie',
  raad: 'de gemeenteraad',
  politie: 'de politie',
  overig: 'een andere partij',
};

/**
 * Adds a decision to the case's decision list with the next number. Its deadlines (ratification by the
 * council, a maximum duration, a retention limit) follow from its legal basis and are derived when read.
 * A basis that needs ratification takes the council meeting's date or an explicit "not known yet", which is
 * logged as an open risk; a basis with a duty to inform puts one task per recipient on the action list.
 */
export function recordDecision(session: Session, input: RecordDecisionInput): Decision {
  const id = randomUUID();
  return mutate(session, { action: 'decision.record', schema: recordDecisionInput, object: () => `decision:${id}` }, input, (args) => {
    const caseRow = requireOpenCase(session, args.caseId);
    const basis = args.legalBasisId === null ? null : findLegalBasis(session.db, args.legalBasisId);
    if (basis === undefined) throw invalidField('legalBasisId');
    const meetingUnknown = needsRatification(basis) && args.councilMeetingAt === null;
    if (meetingUnknown && !args.councilMeetingUnknown) {
      throw invalidField('councilMeetingAt', {
        nl: 'vul de datum van de eerstvolgende raadsvergadering in, of leg vast dat die nog niet bekend is',
        en: "fill in the date of the council's next meeting, or record that it is not known yet",
      });
    }
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
      text: `Besluit ${number}${basisText}, genomen door ${decisionMakerNames[args.decidedBy]}: ${args.text}`,
      occurredAt: decidedAt,
    });
    const by = actor(session);
    const decision = insertDecision(
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
    if (meetingUnknown) {
      writeEntry(session, caseRow, {
        type: 'systeem_besluit',
        text: `Besluit ${number}: de datum van de eerstvolgende raadsvergadering is nog niet bekend; de bekrachtiging door de raad staat open.`,
        occurredAt: decidedAt,
      });
    }
    addDutiesToInform(session, caseRow, decision);
    return decision;
  });
}

/** One open task per recipient the law names, due soon after the decision, each logged like any new task. */
function addDutiesToInform(session: Session, caseRow: CaseRow, decision: Decision): void {
  const duty = dutyToInformOf(decision.legalBasisId);
  if (!duty) return;
  const by = actor(session);
  const createdAt = now();
  const dueAt = new Date(Date.parse(decision.decidedAt) + duty.withinHours * hourMs).toISOString();
  for (const recipient of duty.recipients) {
    const task = insertTask(session.db, {
      id: randomUUID(),
      caseId: caseRow.id,
      text: `Besluit ${decision.number} zo spoedig mogelijk ter kennis brengen van ${recipient} (${duty.citation}).`,
      ownerRoleId: duty.ownerRoleId,
      ownerPersonId: null,
      dueAt,
      status: 'open',
      createdAt,
      createdBy: by.id,
      createdByName: by.name,
      updatedAt: createdAt,
    });
    writeEntry(session, caseRow, { type: 'systeem_taak', text: `Actie toegevoegd aan de actielijst: ${task.text}`, occurredAt: decision.decidedAt });
  }
}

/**
 * Completes a decision's council meeting date after the fact (or moves it when the meeting moves). The decision
 * row stays as recorded; the date is an appended addition and a system entry says who set it when.
 */
export function setCouncilMeeting(session: Session, input: SetCouncilMeetingInput): Decision {
  return mutate(
    session,
    { action: 'decision.councilMeeting', schema: setCouncilMeetingInput, object: (a) => `decision:${a.decisionId}` },
    input,
    (args) => {
      const decision = requireFound(findDecision(session.db, args.decisionId));
      const caseRow = requireOpenCase(session, decision.caseId);
      const basis = decision.legalBasisId === null ? null : findLegalBasis(session.db, decision.legalBasisId);
      if (!needsRatification(basis)) {
        throw invalidField('decisionId', { nl: 'dit besluit vraagt geen bekrachtiging door de raad', en: 'this decision needs no ratification by the council' });
      }
      if (decision.councilMeetingAt === args.councilMeetingAt) {
        throw new OrdelogError('CONFLICT', { detail: 'Deze datum staat al bij het besluit.' });
      }
      const at = args.at ?? now();
      const date = formatDocumentDateTime(args.councilMeetingAt, 'nl');
      const text =
        decision.councilMeetingAt === null
          ? `Besluit ${decision.number}: de raadsvergadering is op ${date}.`
          : `Besluit ${decision.number}: de datum van de raadsvergadering is gewijzigd in ${date} (was ${formatDocumentDateTime(decision.councilMeetingAt, 'nl')}).`;
      const entry = writeEntry(session, caseRow, { type: 'systeem_besluit', text, occurredAt: at });
      const by = actor(session);
      return insertCouncilMeeting(session.db, {
        id: randomUUID(),
        decisionId: decision.id,
        councilMeetingAt: args.councilMeetingAt,
        at,
        recordedAt: now(),
        by: by.id,
        byName: by.name,
        entryId: entry.id,
      });
    },
  );
}

export function listDecisions(session: Session, input: CaseIdInput): Decision[] {
  return readOfCase(session, input, listDecisionRows);
}
