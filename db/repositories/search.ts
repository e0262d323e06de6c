import type { SearchHit } from '../../shared/views';
import { snippetMarks } from '../../shared/views';
import type { OpenedDatabase } from '../open';
import { statement } from '../statements';

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

/**
 * Confines an FTS query made by `toFtsQuery` to one case's entries in `entry_search`: the case key is a column
 * of that index, so the case filter is part of the match and a word that fills another case costs nothing here.
 * The words are confined to the text column, so a search for "7" never matches case 7's key.
 */
export const caseScopedMatch = (caseKey: number, match: string): string => `case_key : "${caseKey}" AND text : (${match})`;

const entryTextMatch = (match: string): string => `text : (${match})`;

/**
 * The newest matching entries, tasks and decisions first, as a log is read. Each index is walked backwards by
 * rowid and stops after `limit` hits; ordering by relevance (bm25) would score every match, which on a
 * 100,000-entry case and a common word took 60 ms against about 5. The log's entries come from their own index
 * (`entry_search`, within the case), tasks and decisions from the shared documents.
 */
export function searchDocuments(
  store: OpenedDatabase,
  input: { caseId: string | null; query: string; limit: number },
): SearchHit[] {
  const match = toFtsQuery(input.query);
  if (match === null) return [];
  let entryMatch = entryTextMatch(match);
  if (input.caseId !== null) {
    const caseKey = statement(store.sqlite, 'SELECT key FROM cases WHERE id = ?').pluck().get(input.caseId) as number | undefined;
    if (caseKey === undefined) return [];
    entryMatch = caseScopedMatch(caseKey, match);
  }
  return statement(
    store.sqlite,
    `SELECT kind, id, caseId, caseTitle, snippet, at FROM (
       SELECT * FROM (
         SELECT 'entry' AS kind, e.id, c.id AS caseId, c.title AS caseTitle,
           snippet(entry_search, 0, @start, @end, '…', 16) AS snippet, e.occurred_at AS at
         FROM entry_search
         JOIN log_entries e ON e.n = entry_search.rowid
         JOIN cases c ON c.key = e.case_key
         WHERE entry_search MATCH @entryMatch
         ORDER BY entry_search.rowid DESC
         LIMIT @limit)
       UNION ALL
       SELECT * FROM (
         SELECT d.kind, d.object_id AS id, d.case_id AS caseId, c.title AS caseTitle,
           snippet(search_index, 0, @start, @end, '…', 16) AS snippet,
           CASE d.kind
             WHEN 'task' THEN (SELECT created_at FROM tasks WHERE id = d.object_id)
             ELSE (SELECT decided_at FROM decisions WHERE id = d.object_id)
           END AS at
         FROM search_index
         JOIN search_documents d ON d.id = search_index.rowid
         JOIN cases c ON c.id = d.case_id
         WHERE search_index MATCH @match AND (@caseId IS NULL OR d.case_id = @caseId)
         ORDER BY search_index.rowid DESC
         LIMIT @limit))
     ORDER BY at DESC
     LIMIT @limit`,
  ).all({ match, entryMatch, caseId: input.caseId, limit: input.limit, ...snippetMarks }) as SearchHit[];
}
