import type { SearchHit } from '../../shared/views';
import { snippetMarks } from '../../shared/views';
import type { OpenedDatabase } from '../open';

const maxTerms = 16;
const maxTermLength = 64;

/**
 * Turns what a user typed into an FTS5 query that can never be FTS syntax: the text is cut into runs of
 * letters, digits and combining marks (what the unicode61 tokenizer indexes), each run becomes a quoted
 * prefix phrase (`"term"*`), and the phrases are ANDed. Quotes, `*`, `-`, `NEAR(`, `AND`/`OR`, column
 * filters and SQL quotes either fall away as separators or end up inside a quoted term. Returns null when
 * nothing searchable is left.
 */
export function toFtsQuery(text: string): string | null {
  const terms = (text.match(/[\p{L}\p{N}\p{M}]+/gu) ?? [])
    .slice(0, maxTerms)
    .map((term) => `"${term.slice(0, maxTermLength).replaceAll('"', '""')}"*`);
  return terms.length > 0 ? terms.join(' ') : null;
}

/** SQL for the ids of a case's entries matching an FTS query (bind: query, caseId). */
export const matchingEntryIdsSql = `SELECT d.object_id FROM search_index
  JOIN search_documents d ON d.id = search_index.rowid
  WHERE search_index MATCH ? AND d.kind = 'entry' AND d.case_id = ?`;

/**
 * The newest matching documents first, as a log is read. Ordering by relevance (bm25) would score every
 * match: on a 100,000-entry case a common word matches most entries and ranking took 60 ms, while walking the
 * index backwards stops after `limit` hits (about 5 ms).
 */
export function searchDocuments(
  store: OpenedDatabase,
  input: { caseId: string | null; query: string; limit: number },
): SearchHit[] {
  const match = toFtsQuery(input.query);
  if (match === null) return [];
  return store.sqlite
    .prepare(
      `SELECT d.kind, d.object_id AS id, d.case_id AS caseId, c.title AS caseTitle,
         snippet(search_index, 0, @start, @end, '…', 16) AS snippet,
         CASE d.kind
           WHEN 'entry' THEN (SELECT occurred_at FROM log_entries WHERE id = d.object_id)
           WHEN 'task' THEN (SELECT created_at FROM tasks WHERE id = d.object_id)
           ELSE (SELECT decided_at FROM decisions WHERE id = d.object_id)
         END AS at
       FROM search_index
       JOIN search_documents d ON d.id = search_index.rowid
       JOIN cases c ON c.id = d.case_id
       WHERE search_index MATCH @match AND (@caseId IS NULL OR d.case_id = @caseId)
       ORDER BY search_index.rowid DESC
       LIMIT @limit`,
    )
    .all({ match, caseId: input.caseId, limit: input.limit, ...snippetMarks }) as SearchHit[];
}
