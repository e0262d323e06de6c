import { eq, getTableColumns } from 'drizzle-orm';
import { retentionDueAt } from '../../shared/catalogue/deadlines';
import type { CaseStatus } from '../../shared/domain';
import type { CaseDetail, CaseSummary } from '../../shared/views';
import { genesisHash } from '../chain';
import type { OpenedDatabase } from '../open';
import { cases } from '../schema';
import { statement } from '../statements';

export type CaseRow = typeof cases.$inferSelect;
export type NewCaseRow = Omit<typeof cases.$inferInsert, 'headSeq' | 'headHash'>;
export type CasePatch = Partial<Pick<CaseRow, 'title' | 'municipality' | 'status' | 'classification' | 'contentClass'
  | 'currentPhaseId' | 'retentionCategory' | 'closedAt' | 'archivedAt'>>;

export function insertCase(store: OpenedDatabase, row: NewCaseRow): void {
  // The head starts at the genesis hash; `appendChainedEntry` moves it with every entry.
  store.db.insert(cases).values({ ...row, headSeq: 0, headHash: genesisHash }).run();
}

/** Every column of `cases` under its drizzle name, for a raw statement that returns a `CaseRow`. */
const caseRowColumns = Object.entries(getTableColumns(cases))
  .map(([name, column]) => `"${column.name}" AS "${name}"`)
  .join(', ');

/** The case's row; every write checks it first, so the statement is prepared once per connection. */
export function findCaseRow(store: OpenedDatabase, id: string): CaseRow | undefined {
  return statement(store.sqlite, `SELECT ${caseRowColumns} FROM cases WHERE id = ?`).get(id) as CaseRow | undefined;
}

export function updateCaseRow(store: OpenedDatabase, id: string, patch: CasePatch): void {
  store.db.update(cases).set(patch).where(eq(cases.id, id)).run();
}

type DetailRow = Omit<CaseDetail, 'retentionDueAt'>;

/** Entry count is the head's seq (seq runs 1..n without gaps); last activity is the last entry's recording time. */
function selectDetails(store: OpenedDatabase, where: { id?: string; status?: CaseStatus }): DetailRow[] {
  return store.sqlite
    .prepare(
      `SELECT c.id, c.title, c.municipality, c.status, c.classification, c.content_class AS contentClass,
         c.current_phase_id AS phaseId, p.name AS phaseName, c.head_seq AS entryCount,
         COALESCE((SELECT e.recorded_at FROM log_entries e WHERE e.case_key = c.key AND e.seq = c.head_seq),
           c.created_at) AS lastActivityAt,
         c.created_at AS createdAt, c.retention_category AS retentionCategory, c.created_by_name AS createdByName,
         COALESCE((SELECT MIN(e.occurred_at) FROM log_entries e WHERE e.case_key = c.key), c.created_at) AS firstOccurredAt,
         c.closed_at AS closedAt, c.archived_at AS archivedAt
       FROM cases c JOIN phases p ON p.id = c.current_phase_id
       WHERE (@id IS NULL OR c.id = @id) AND (@status IS NULL OR c.status = @status)
       ORDER BY lastActivityAt DESC, c.id`,
    )
    .all({ id: where.id ?? null, status: where.status ?? null }) as DetailRow[];
}

export function listCaseSummaries(store: OpenedDatabase, filter: { status?: CaseStatus }): CaseSummary[] {
  return selectDetails(store, filter).map((row) => ({
    id: row.id,
    title: row.title,
    municipality: row.municipality,
    status: row.status,
    classification: row.classification,
    contentClass: row.contentClass,
    phaseId: row.phaseId,
    phaseName: row.phaseName,
    entryCount: row.entryCount,
    lastActivityAt: row.lastActivityAt,
    createdAt: row.createdAt,
  }));
}

export function findCaseDetail(store: OpenedDatabase, id: string): CaseDetail | undefined {
  const row = selectDetails(store, { id })[0];
  return row && { ...row, retentionDueAt: retentionDueAt(row.retentionCategory, row.closedAt) };
}
