import { deriveDeadlines, hasLapsed } from '../../shared/catalogue/deadlines';
import { deadlineRulesSchema, type DeadlineRule } from '../../shared/catalogue/legal-bases';
import type { PlaceCount, RoleHolder, SituationDeadline } from '../../shared/views';
import { excerpt } from '../../shared/visible-text';
import type { OpenedDatabase } from '../open';
import { councilMeetingAtSql, ratifiedSql } from './decisions';

/**
 * What a case looks like at a glance, read with indexed queries only: open tasks by (case, due time) through the
 * partial index `tasks_open_due`, decisions per case, current role holders per case, signals per case, and the
 * log by (case, occurred_at). The case list asks the same of every open case at once, in a fixed number of
 * queries however many cases there are.
 */

/** How much of a task's text a deadline carries: the bar and the case list show a line, not the task. */
const taskExcerptLength = 80;

/** The filter of the partial index `tasks_open_due`, written the same way so the planner can use the index. */
const openTaskDue = "t.status IN ('open', 'bezig') AND t.due_at IS NOT NULL";

interface TaskRow {
  caseId: string;
  id: string;
  text: string;
  dueAt: string;
}

const taskDeadline = (row: TaskRow): SituationDeadline => ({
  kind: 'task',
  dueAt: row.dueAt,
  text: excerpt(row.text, taskExcerptLength),
  taskId: row.id,
  decisionId: null,
  decisionNumber: null,
  amount: null,
});

const taskColumns = `t.case_id AS caseId, t.id, substr(t.text, 1, ${taskExcerptLength + 1}) AS text, t.due_at AS dueAt`;

/** Every open task of the case due before `now`, earliest first, and the `upcoming` next ones due from `now`. */
export function taskDeadlines(store: OpenedDatabase, caseId: string, now: string, upcoming: number): SituationDeadline[] {
  const overdue = store.sqlite
    .prepare(`SELECT ${taskColumns} FROM tasks t WHERE t.case_id = ? AND ${openTaskDue} AND t.due_at < ? ORDER BY t.due_at`)
    .all(caseId, now) as TaskRow[];
  const next = store.sqlite
    .prepare(`SELECT ${taskColumns} FROM tasks t WHERE t.case_id = ? AND ${openTaskDue} AND t.due_at >= ? ORDER BY t.due_at LIMIT ?`)
    .all(caseId, now, upcoming) as TaskRow[];
  return [...overdue, ...next].map(taskDeadline);
}

interface DecisionDeadlineRow {
  caseId: string;
  id: string;
  number: number;
  decidedAt: string;
  councilMeetingAt: string | null;
  ratified: number;
  deadlineRules: string;
}

const amountOf = (rule: DeadlineRule): number | null =>
  rule.kind === 'maximum-duration' ? rule.hours : rule.kind === 'retention-limit' ? rule.days : null;

/**
 * The deadlines of decisions not met yet at `now` (a ratification is met by the council's later decision; a
 * maximum duration that has passed ended the measure).
 */
function openDecisionDeadlines(rows: readonly DecisionDeadlineRow[], now: string): (SituationDeadline & { caseId: string })[] {
  const nowMs = Date.parse(now);
  return rows.flatMap((row) => {
    const rules = deadlineRulesSchema.parse(JSON.parse(row.deadlineRules));
    const deadlines = deriveDeadlines(rules, {
      decidedAt: row.decidedAt,
      councilMeetingAt: row.councilMeetingAt,
      ratified: row.ratified === 1,
    });
    return deadlines.flatMap((deadline, index) =>
      deadline.met || hasLapsed(deadline, nowMs)
        ? []
        : [
            {
              caseId: row.caseId,
              kind: deadline.kind,
              dueAt: deadline.dueAt,
              text: '',
              taskId: null,
              decisionId: row.id,
              decisionNumber: row.number,
              amount: amountOf(rules[index]!),
            },
          ],
    );
  });
}

/** Decisions whose legal basis sets deadlines; a decision without a basis or with a basis without rules has none. */
const decisionDeadlineColumns = `d.case_id AS caseId, d.id, d.number, d.decided_at AS decidedAt,
  ${councilMeetingAtSql} AS councilMeetingAt, ${ratifiedSql} AS ratified, lb.deadline_rules AS deadlineRules`;

export function decisionDeadlines(store: OpenedDatabase, caseId: string, now: string): SituationDeadline[] {
  const rows = store.sqlite
    .prepare(
      `SELECT ${decisionDeadlineColumns} FROM decisions d JOIN legal_bases lb ON lb.id = d.legal_basis_id
       WHERE d.case_id = ? AND lb.deadline_rules <> '[]' ORDER BY d.number`,
    )
    .all(caseId) as DecisionDeadlineRow[];
  return openDecisionDeadlines(rows, now).map(({ caseId: _caseId, ...deadline }) => deadline);
}

/** Who holds a role now, in the catalogue's role order, with the phone number the directory has for them. */
export function currentHolders(store: OpenedDatabase, caseId: string): RoleHolder[] {
  return store.sqlite
    .prepare(
      `SELECT ra.role_id AS roleId, r.name AS roleName, ra.person_id AS personId, p.name AS personName, p.phone,
         ra.started_at AS since
       FROM role_assignments ra JOIN case_roles r ON r.id = ra.role_id JOIN people p ON p.id = ra.person_id
       WHERE ra.case_id = ? AND ra.ended_at IS NULL
       ORDER BY r.ordinal, ra.started_at, ra.rowid`,
    )
    .all(caseId) as RoleHolder[];
}

/**
 * Signals of the case recorded after the user last looked, leaving out what the user captured themselves: one
 * does not need to be told of what one just wrote. A signal imported without a local author counts for everyone.
 */
export function unreadSignals(store: OpenedDatabase, caseId: string, userId: string): { count: number; readAt: string | null } {
  const readAt =
    (store.sqlite.prepare('SELECT read_at FROM signal_reads WHERE user_id = ? AND case_id = ?').pluck().get(userId, caseId) as
      | string
      | undefined) ?? null;
  const count = store.sqlite
    .prepare(
      `SELECT count(*) FROM signals s JOIN log_entries e ON e.id = s.entry_id
       WHERE s.case_id = @caseId AND (s.captured_by IS NULL OR s.captured_by <> @userId)
         AND (@readAt IS NULL OR e.recorded_at > @readAt)`,
    )
    .pluck()
    .get({ caseId, userId, readAt }) as number;
  return { count, readAt };
}

/** Moves the user's last look at the case's signals to `at`; never back, should two screens race. */
export function markSignalsRead(store: OpenedDatabase, userId: string, caseId: string, at: string): string {
  return store.sqlite
    .prepare(
      `INSERT INTO signal_reads (user_id, case_id, read_at) VALUES (?, ?, ?)
       ON CONFLICT (user_id, case_id) DO UPDATE SET read_at = max(read_at, excluded.read_at)
       RETURNING read_at`,
    )
    .pluck()
    .get(userId, caseId, at) as string;
}

/**
 * The places named most by entries that happened from `since`, most named first (then the most recently named).
 * Spellings that differ only in case are one place, shown as last written. An entry that was corrected counts
 * no more: its correction, with the place it gives, counts instead.
 */
export function recentPlaces(store: OpenedDatabase, caseId: string, since: string, limit: number): PlaceCount[] {
  return store.sqlite
    .prepare(
      `SELECT location, count(*) AS count, max(occurred_at) AS lastAt FROM (
         SELECT e.location, e.occurred_at FROM log_entries e
         WHERE e.case_key = (SELECT key FROM cases WHERE id = ?) AND e.occurred_at >= ? AND e.location IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM log_entries c WHERE c.corrects_entry_id = e.id))
       GROUP BY location COLLATE NOCASE
       ORDER BY count DESC, lastAt DESC
       LIMIT ?`,
    )
    .all(caseId, since, limit)
    .map((row) => {
      const { location, count } = row as PlaceCount;
      return { location, count };
    });
}

export interface CaseDeadlineSummary {
  next: SituationDeadline | null;
  overdue: number;
}

/**
 * For every open case at once: its next running deadline and how many are overdue at `now`. A closed case has
 * none: its tasks can no longer be done in the app. Three queries, whatever the number of cases.
 */
export function deadlineSummaries(store: OpenedDatabase, now: string): Map<string, CaseDeadlineSummary> {
  const summaries = new Map<string, CaseDeadlineSummary>();
  const summaryOf = (caseId: string): CaseDeadlineSummary => {
    let summary = summaries.get(caseId);
    if (!summary) {
      summary = { next: null, overdue: 0 };
      summaries.set(caseId, summary);
    }
    return summary;
  };
  const consider = (caseId: string, deadline: SituationDeadline): void => {
    const summary = summaryOf(caseId);
    if (deadline.dueAt === null) return;
    if (deadline.dueAt < now) summary.overdue += 1;
    else if (summary.next === null || deadline.dueAt < (summary.next.dueAt ?? '')) summary.next = deadline;
  };

  const overdueTasks = store.sqlite
    .prepare(
      `SELECT t.case_id AS caseId, count(*) AS overdue FROM cases c JOIN tasks t ON t.case_id = c.id
       WHERE c.status = 'open' AND ${openTaskDue} AND t.due_at < ? GROUP BY t.case_id`,
    )
    .all(now) as { caseId: string; overdue: number }[];
  for (const row of overdueTasks) summaryOf(row.caseId).overdue += row.overdue;

  const nextTasks = store.sqlite
    .prepare(
      `SELECT caseId, id, text, dueAt FROM (
         SELECT ${taskColumns}, row_number() OVER (PARTITION BY t.case_id ORDER BY t.due_at, t.rowid) AS rank
         FROM cases c JOIN tasks t ON t.case_id = c.id
         WHERE c.status = 'open' AND ${openTaskDue} AND t.due_at >= ?)
       WHERE rank = 1`,
    )
    .all(now) as TaskRow[];
  for (const row of nextTasks) consider(row.caseId, taskDeadline(row));

  const decisionRows = store.sqlite
    .prepare(
      `SELECT ${decisionDeadlineColumns} FROM cases c JOIN decisions d ON d.case_id = c.id
         JOIN legal_bases lb ON lb.id = d.legal_basis_id
       WHERE c.status = 'open' AND lb.deadline_rules <> '[]'`,
    )
    .all() as DecisionDeadlineRow[];
  for (const { caseId, ...deadline } of openDecisionDeadlines(decisionRows, now)) consider(caseId, deadline);
  return summaries;
}
