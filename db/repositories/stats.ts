import { caseStatuses, entryTypes, interventionUseStatuses, taskStatuses, type EntryType } from '../../shared/domain';
import type { Stats } from '../../shared/views';
import type { OpenedDatabase } from '../open';
import { statement } from '../statements';

function countBy<K extends string>(rows: { key: K; n: number }[], keys: readonly K[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const row of rows) counts[row.key] = row.n;
  return counts;
}

/**
 * Counts for one case, or for the whole vault when `caseId` is null. Overdue: open or busy tasks past due. The
 * log's counts come from `entry_counts`, which a trigger keeps as entries are written, so they cost the same at
 * 10 entries and at 300,000. Each query has a form for one case (`case_id = ?`, served by an index) and one for
 * the vault; an `(@caseId IS NULL OR case_id = @caseId)` would keep the index from being used.
 */
export function collectStats(store: OpenedDatabase, caseId: string | null, nowIso: string): Stats {
  const scoped = (table: string, where = ''): string =>
    caseId === null ? `FROM ${table}${where ? ` WHERE ${where}` : ''}` : `FROM ${table} WHERE case_id = @caseId${where ? ` AND ${where}` : ''}`;
  const all = <T>(sql: string): T[] => statement(store.sqlite, sql).all({ caseId, now: nowIso }) as T[];
  const one = <T>(sql: string): T => all<T>(sql)[0] as T;

  const entryRows = all<{ type: EntryType; personal: number; n: number }>(
    caseId === null
      ? 'SELECT type, personal_data AS personal, sum(n) AS n FROM entry_counts GROUP BY type, personal_data'
      : 'SELECT type, personal_data AS personal, n FROM entry_counts WHERE case_key = (SELECT key FROM cases WHERE id = @caseId)',
  );
  const entriesByType = countBy<EntryType>([], entryTypes);
  let personalDataEntries = 0;
  for (const row of entryRows) {
    entriesByType[row.type] += row.n;
    if (row.personal === 1) personalDataEntries += row.n;
  }

  const attachments = one<{ n: number; bytes: number; personal: number }>(
    `SELECT count(*) AS n, coalesce(sum(size), 0) AS bytes, coalesce(sum(personal_data), 0) AS personal ${scoped('attachments')}`,
  );
  return {
    cases: countBy(
      all(`SELECT status AS key, count(*) AS n FROM cases${caseId === null ? '' : ' WHERE id = @caseId'} GROUP BY status`),
      caseStatuses,
    ),
    entries: entryRows.reduce((sum, row) => sum + row.n, 0),
    entriesByType,
    personalDataEntries,
    tasks: countBy(all(`SELECT status AS key, count(*) AS n ${scoped('tasks')} GROUP BY status`), taskStatuses),
    overdueTasks: one<{ n: number }>(
      `SELECT count(*) AS n ${scoped('tasks', "status IN ('open', 'bezig') AND due_at IS NOT NULL AND due_at < @now")}`,
    ).n,
    decisions: one<{ n: number }>(`SELECT count(*) AS n ${scoped('decisions')}`).n,
    interventionUses: countBy(
      all(`SELECT status AS key, count(*) AS n ${scoped('case_interventions')} GROUP BY status`),
      interventionUseStatuses,
    ),
    attachments: attachments.n,
    attachmentBytes: attachments.bytes,
    personalDataAttachments: attachments.personal,
  };
}
