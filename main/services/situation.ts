import { findCaseDetail } from '../../db/repositories/cases';
import {
  currentHolders,
  decisionDeadlines,
  markSignalsRead as markSignalsReadRow,
  recentPlaces,
  taskDeadlines,
  unreadSignals,
} from '../../db/repositories/situation';
import { caseIdInput, type CaseIdInput } from '../../shared/schemas';
import type { Situation, SituationDeadline } from '../../shared/views';
import { requireCase, requireFound } from './guards';
import { parseInput } from './input';
import { mutate } from './mutate';
import { now, type Session } from './session';

/** How many running deadlines the bar gets besides every overdue one: enough to show the next one after a minute. */
const upcomingDeadlines = 5;
/** "The last hours" of the overview's places: a night shift's worth. */
export const placesHours = 6;
const placesShown = 5;
const hourMs = 3_600_000;

/** Earliest first; a ratification without a council date has none and comes last. */
const byDueAt = (a: SituationDeadline, b: SituationDeadline): number =>
  a.dueAt === b.dueAt ? 0 : a.dueAt === null ? 1 : b.dueAt === null ? -1 : a.dueAt < b.dueAt ? -1 : 1;

/**
 * A case at a glance for the signed-in user: phase, who holds which role now and their phone, the deadlines that
 * are overdue and the next that run (open tasks and decisions' deadlines; none once the case is closed, when its
 * tasks can no longer be done), signals unread by this user, and the places named most in the last hours.
 */
export function getSituation(session: Session, input: CaseIdInput): Situation {
  const { caseId } = parseInput(caseIdInput, input);
  const detail = requireFound(findCaseDetail(session.db, caseId));
  const at = now();
  // A closed case's tasks can no longer be done in the app, and its decisions' deadlines no longer drive work.
  const all = detail.status === 'open' ? [...taskDeadlines(session.db, caseId, at, upcomingDeadlines), ...decisionDeadlines(session.db, caseId, at)] : [];
  const overdue = all.filter((deadline) => deadline.dueAt !== null && deadline.dueAt < at).sort(byDueAt);
  const running = all.filter((deadline) => deadline.dueAt !== null && deadline.dueAt >= at).sort(byDueAt);
  const undated = all.filter((deadline) => deadline.dueAt === null);
  const signals = unreadSignals(session.db, caseId, session.user.id);
  return {
    caseId,
    at,
    phaseId: detail.phaseId,
    phaseName: detail.phaseName,
    holders: currentHolders(session.db, caseId),
    deadlines: [...overdue, ...running.slice(0, upcomingDeadlines), ...undated],
    unreadSignals: signals.count,
    signalsReadAt: signals.readAt,
    places: recentPlaces(session.db, caseId, new Date(Date.parse(at) - placesHours * hourMs).toISOString(), placesShown),
    placesHours,
  };
}

/**
 * The user opened the case's signals. Any role may: where a user stands in their reading is their own, not a
 * record of the case, and a reader needs to know what is new as much as an editor does. Audited like any write.
 */
export function markSignalsRead(session: Session, input: CaseIdInput): { readAt: string } {
  return mutate(
    session,
    { action: 'signals.read', schema: caseIdInput, object: (a) => `case:${a.caseId}`, anyRole: true },
    input,
    (args) => {
      requireCase(session, args.caseId);
      return { readAt: markSignalsReadRow(session.db, session.user.id, args.caseId, now()) };
    },
  );
}
