import type { Decision, LegalBasis } from '../../../shared/views';

type Deadline = Decision['deadlines'][number];

/** How urgent a derived deadline is: shown with words and an icon as well as colour. */
export type DeadlineState = 'met' | 'unknown' | 'overdue' | 'near' | 'ok';

const hourMs = 3_600_000;

/** How long before a deadline it turns amber: a 12-hour measure is close sooner than a council meeting. */
const nearMs: Record<Deadline['kind'], number> = {
  'council-ratification': 72 * hourMs,
  'maximum-duration': 3 * hourMs,
  'retention-limit': 72 * hourMs,
};

export function deadlineState(deadline: Deadline, now: number): DeadlineState {
  if (deadline.met) return 'met';
  if (deadline.dueAt === null) return 'unknown';
  const left = Date.parse(deadline.dueAt) - now;
  if (left < 0) return 'overdue';
  return left <= nearMs[deadline.kind] ? 'near' : 'ok';
}

/** The number a rule carries (hours, days), for a label in the UI's language; the view's label is Dutch only. */
export function deadlineAmount(deadline: Deadline, basis: LegalBasis | undefined): number | null {
  const rule = basis?.deadlineRules.find((item) => item.kind === deadline.kind);
  if (!rule) return null;
  if (rule.kind === 'maximum-duration') return rule.hours;
  if (rule.kind === 'retention-limit') return rule.days;
  return null;
}
