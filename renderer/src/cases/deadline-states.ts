import { hasLapsed } from '../../../shared/catalogue/deadlines';
import type { SituationDeadline } from '../../../shared/views';

/**
 * Where a deadline stands at `now`, said in words as well as colour: a task past its time is late ("te laat"), a
 * decision's deadline past its time has expired ("verlopen"), a ratification without a council date is an open risk.
 */
export type DeadlineState = 'late' | 'expired' | 'next' | 'risk';

export function deadlineStateAt(deadline: SituationDeadline, now: number): DeadlineState {
  if (deadline.dueAt === null) return 'risk';
  if (Date.parse(deadline.dueAt) >= now) return 'next';
  return deadline.kind === 'task' ? 'late' : 'expired';
}

export const isOverdue = (state: DeadlineState): boolean => state === 'late' || state === 'expired';

/**
 * The deadlines that still ask something at `now`, each with its state: a maximum duration that passed while the
 * screen was open ended its measure and goes. The one late or expired most recently comes first of the overdue,
 * so a task that just went late is not hidden behind a duty missed days ago.
 */
export function deadlineStatesAt(deadlines: readonly SituationDeadline[], now: number): { deadline: SituationDeadline; state: DeadlineState }[] {
  const states = deadlines.filter((deadline) => !hasLapsed(deadline, now)).map((deadline) => ({ deadline, state: deadlineStateAt(deadline, now) }));
  const overdue = states.filter(({ state }) => isOverdue(state)).sort((a, b) => Date.parse(b.deadline.dueAt ?? '') - Date.parse(a.deadline.dueAt ?? ''));
  return [...overdue, ...states.filter(({ state }) => !isOverdue(state))];
}
