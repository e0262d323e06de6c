import { retentionCategories, type RetentionCategory } from '../domain';
import type { DeadlineRule } from './legal-bases';

export interface Deadline {
  kind: DeadlineRule['kind'];
  /** Dutch, shown as is. */
  label: string;
  /** ISO 8601 (UTC); null when the date it depends on (the next council meeting) is not known yet. */
  dueAt: string | null;
  /** Only a ratification can be met (by a later council decision); a time limit is compared with the clock. */
  met: boolean;
}

export interface DecisionTimes {
  decidedAt: string;
  councilMeetingAt: string | null;
  /** A later decision by the council follows this one. */
  ratified: boolean;
}

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

const addMs = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();

/**
 * Whether a deadline is over once its time has passed, with nothing left to do: a maximum duration ends the
 * measure by itself. A ratification or a retention limit past its time is a duty missed, and stays overdue.
 */
export function hasLapsed(deadline: { kind: string; dueAt: string | null }, nowMs: number): boolean {
  return deadline.kind === 'maximum-duration' && deadline.dueAt !== null && Date.parse(deadline.dueAt) < nowMs;
}

export function deriveDeadlines(rules: readonly DeadlineRule[], decision: DecisionTimes): Deadline[] {
  return rules.map((rule): Deadline => {
    switch (rule.kind) {
      case 'council-ratification':
        return {
          kind: rule.kind,
          label: 'Bekrachtiging door de raad in de eerstvolgende vergadering',
          dueAt: decision.councilMeetingAt,
          met: decision.ratified,
        };
      case 'maximum-duration':
        return {
          kind: rule.kind,
          label: `Vervalt uiterlijk ${rule.hours} uur na het besluit`,
          dueAt: addMs(decision.decidedAt, rule.hours * hourMs),
          met: false,
        };
      case 'retention-limit':
        return {
          kind: rule.kind,
          label: `Beelden uiterlijk ${rule.days} dagen na het besluit vernietigen`,
          dueAt: addMs(decision.decidedAt, rule.days * dayMs),
          met: false,
        };
    }
  });
}

/**
 * When a closed case is due for destruction, or null when it is kept permanently (transfer to the archive)
 * or still open. Calendar years and days are counted in UTC, which is exact enough for a retention period.
 */
export function retentionDueAt(category: RetentionCategory | null, closedAt: string | null): string | null {
  if (!category || !closedAt) return null;
  const period = retentionCategories[category];
  const due = new Date(closedAt);
  if (period.years !== null) due.setUTCFullYear(due.getUTCFullYear() + period.years);
  else if (period.days !== null) due.setUTCDate(due.getUTCDate() + period.days);
  else return null;
  return due.toISOString();
}
