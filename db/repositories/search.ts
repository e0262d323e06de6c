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
  const terms = searchWords(text).map((word) => `${phrase(word)}*`);
  return terms.length > 0 ? terms.join(' ') : null;
}

/** What a user typed, cut into the runs the unicode61 tokenizer indexes (at most 16, each at most 64 long). */
const searchWords = (text: string): string[] =>
  (text.match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).slice(0, maxTerms).map((word) => word.slice(0, maxTermLength));

const phrase = (term: string): string => `"${term.replaceAll('"', '""')}"`;

/**
 * Search words for the log's own index (`entry_search`), in the form FTS5 reads lazily where it can. A prefix
 * phrase (`"station"*`) makes FTS5 gather the whole merged list of every word it covers before the first row
 * comes out, even for `LIMIT 50`: 6–12 ms for a word in most of 100,000 entries, whatever is asked. The same
 * words as exact terms (`"station" OR "stations" OR "stationsplein"`) are read row by row from either end, so
 * the newest 50 hits cost well under a millisecond. `lazy` says every word could be given that way.
 */
export interface EntryMatch {
  /** The words ANDed, as FTS5 syntax confined to no column (see `caseScopedMatch`, `entryTextMatch`). */
  query: string;
  lazy: boolean;
}

/** A word covering more index terms than this stays a prefix phrase: an OR of hundreds of terms reads no faster. */
const maxExpansion = 16;
/** Words the tokenizer folds exactly as JavaScript lowercases them. */
const plainWord = /^[a-z0-9]+$/;

interface Expansions {
  /** The log's highest row number when these were read: a new entry may bring new terms. */
  generation: number;
  terms: Map<string, string[] | null>;
}

const expansionsOf = new WeakMap<OpenedDatabase, Expansions>();
const vocabularies = new WeakSet<OpenedDatabase>();

/**
 * The index terms that begin with `word`, or null when the word is not plain ASCII (unicode61 folds other
 * letters by its own tables, which this code does not repeat) or begins too many. Read from an fts5vocab table
 * over the index, made per connection in the in-memory temp schema (it holds no data, only a view of the index),
 * and kept until the log grows.
 */
function termsOf(store: OpenedDatabase, word: string): string[] | null {
  const folded = word.toLowerCase();
  if (!plainWord.test(folded)) return null;
  const generation = statement(store.sqlite, 'SELECT coalesce(max(n), 0) FROM log_entries').pluck().get() as number;
  let known = expansionsOf.get(store);
  if (!known || known.generation !== generation) {
    known = { generation, terms: new Map() };
    expansionsOf.set(store, known);
  }
  const cached = known.terms.get(folded);
  if (cached !== undefined) return cached;
  if (!vocabularies.has(store)) {
    store.sqlite.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.entry_search_terms USING fts5vocab(main, entry_search, row)`);
    vocabularies.add(store);
  }
  // Every term beginning with the word, and nothing else: the word with its last character raised is the first
  // string past them in the index's byte order.
  const past = `${folded.slice(0, -1)}${String.fromCharCode(folded.charCodeAt(folded.length - 1) + 1)}`;
  const terms = statement(store.sqlite, 'SELECT term FROM temp.entry_search_terms WHERE term >= ? AND term < ? LIMIT ?')
    .pluck()
    .all(folded, past, maxExpansion + 1) as string[];
  const expansion = terms.length > maxExpansion ? null : terms;
  if (known.terms.size >= 256) known.terms.clear();
  known.terms.set(folded, expansion);
  return expansion;
}

/** What a user typed as search words for the log's index, or null when nothing searchable is left. */
export function entryMatch(store: OpenedDatabase, text: string): EntryMatch | null {
  const words = searchWords(text);
  if (words.length === 0) return null;
  let lazy = true;
  const parts = words.map((word) => {
    const terms = termsOf(store, word);
    if (terms === null) {
      lazy = false;
      return `${phrase(word)}*`;
    }
    // A word no term begins with stays in as itself: the query then matches nothing, and says so at once.
    if (terms.length <= 1) return phrase(terms[0] ?? word.toLowerCase());
    return `(${terms.map(phrase).join(' OR ')})`;
  });
  return { query: parts.join(' AND '), lazy };
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
  const words = entryMatch(store, input.query);
  if (match === null || words === null) return [];
  let entryWords = entryTextMatch(words.query);
  if (input.caseId !== null) {
    const caseKey = statement(store.sqlite, 'SELECT key FROM cases WHERE id = ?').pluck().get(input.caseId) as number | undefined;
    if (caseKey === undefined) return [];
    entryWords = caseScopedMatch(caseKey, words.query);
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
  ).all({ match, entryMatch: entryWords, caseId: input.caseId, limit: input.limit, ...snippetMarks }) as SearchHit[];
}
