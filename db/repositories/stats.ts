import { caseStatuses, entryTypes, interventionUseStatuses, taskStatuses } from '../../shared/domain';
import type { Stats } from '../../shared/views';
import type { OpenedDatabase } from '../open';

function countBy<K extends string>(
  store: OpenedDatabase,
  keys: readonly K[],
  sql: string,
  params: Record<string, unknown>,
): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const row of store.sqlite.prepare(sql).all(params) as { key: K; n: number }[]) counts[row.key] = row.n;
  return counts;
}

/** Counts for one case, or for the whole vault when `caseId` is null. Overdue: open or busy tasks past due. */
export function collectStats(store: OpenedDatabase, caseId: string | null, nowIso: string): Stats {
  const params = { caseId };
  const scope = '(@caseId IS NULL OR case_id = @caseId)';
  const single = <T>(sql: string, extra: Record<string, unknown> = {}): T =>
    store.sqlite.prepare(sql).get({ ...params, ...extra }) as T;
  const attachments = single<{ n: number; bytes: number; personal: number }>(
    `SELECT count(*) AS n, coalesce(sum(size), 0) AS bytes, coalesce(sum(personal_data), 0) AS personal
     FROM attachments WHERE ${scope}`,
  );
  return {
    cases: countBy(store, caseStatuses, 'SELECT status AS key, count(*) AS n FROM cases WHERE (@caseId IS NULL OR id = @caseId) GROUP BY status', params),
    entries: single<{ n: number }>(`SELECT count(*) AS n FROM log_entries WHERE ${scope}`).n,
    entriesByType: countBy(store, entryTypes, `SELECT type AS key, count(*) AS n FROM log_entries WHERE ${scope} GROUP BY type`, params),
    personalDataEntries: single<{ n: number }>(`SELECT count(*) AS n FROM log_entries WHERE ${scope} AND personal_data = 1`).n,
    tasks: countBy(store, taskStatuses, `SELECT status AS key, count(*) AS n FROM tasks WHERE ${scope} GROUP BY status`, params),
    overdueTasks: single<{ n: number }>(
      `SELECT count(*) AS n FROM tasks WHERE ${scope} AND status IN ('open', 'bezig') AND due_at IS NOT NULL AND due_at < @now`,
      { now: nowIso },
    ).n,
    decisions: single<{ n: number }>(`SELECT count(*) AS n FROM decisions WHERE ${scope}`).n,
    interventionUses: countBy(
      store,
      interventionUseStatuses,
      `SELECT status AS key, count(*) AS n FROM case_interventions WHERE ${scope} GROUP BY status`,
      params,
    ),
    attachments: attachments.n,
    attachmentBytes: attachments.bytes,
    personalDataAttachments: attachments.personal,
  };
}
