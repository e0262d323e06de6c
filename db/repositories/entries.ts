import type { EntryType } from '../../shared/domain';
import type { Entry, EntryPage } from '../../shared/views';
import { appendChainedEntries, appendChainedEntry, type NewEntry } from '../chain';
import type { OpenedDatabase } from '../open';
import { statement } from '../statements';
import { caseScopedMatch } from './search';

/** The entry's columns as the views name them; `c` is the entry's case, joined on its key. */
const entryColumns = `e.id, c.id AS caseId, e.seq, e.type, e.text, e.occurred_at AS occurredAt,
  e.recorded_at AS recordedAt, e.author_id AS authorId, e.author_name AS authorName, e.source,
  e.source_reliability AS sourceReliability, e.information_credibility AS informationCredibility,
  e.corrects_entry_id AS correctsEntryId,
  (SELECT json_group_array(x.id) FROM (SELECT id FROM log_entries WHERE corrects_entry_id = e.id ORDER BY seq) x)
    AS correctedByIds,
  e.personal_data AS personalData, e.phase_id AS phaseId, e.location, lower(hex(e.hash)) AS hash`;

const fromEntries = 'log_entries e JOIN cases c ON c.key = e.case_key';

type EntryRow = Omit<Entry, 'correctedByIds' | 'personalData'> & { correctedByIds: string; personalData: number };

const toEntry = (row: EntryRow): Entry => ({
  ...row,
  correctedByIds: JSON.parse(row.correctedByIds) as string[],
  personalData: row.personalData === 1,
});

/** The case's integer key in this vault (migration 0008), or undefined for an unknown case. */
export function caseKeyOf(store: OpenedDatabase, caseId: string): number | undefined {
  return statement(store.sqlite, 'SELECT key FROM cases WHERE id = ?').pluck().get(caseId) as number | undefined;
}

/** Appends an entry and returns it as the views show it: just written, nothing corrects it yet. */
export function insertEntry(store: OpenedDatabase, entry: NewEntry): Entry {
  const stored = appendChainedEntry(store.sqlite, entry);
  return {
    id: stored.id,
    caseId: stored.caseId,
    seq: stored.seq,
    type: stored.type,
    text: stored.text,
    occurredAt: stored.occurredAt,
    recordedAt: stored.recordedAt,
    authorId: stored.authorId,
    authorName: stored.authorName,
    source: stored.source,
    sourceReliability: stored.sourceReliability,
    informationCredibility: stored.informationCredibility,
    correctsEntryId: stored.correctsEntryId,
    correctedByIds: [],
    personalData: stored.personalData,
    phaseId: stored.phaseId,
    location: stored.location ?? null,
    hash: stored.hash,
  };
}

/** Appends entries in order without reading them back (an import). */
export function insertEntries(store: OpenedDatabase, entries: Iterable<NewEntry>): void {
  appendChainedEntries(store.sqlite, entries);
}

export function findEntry(store: OpenedDatabase, id: string): Entry | undefined {
  const row = statement(store.sqlite, `SELECT ${entryColumns} FROM ${fromEntries} WHERE e.id = ?`).get(id) as
    | EntryRow
    | undefined;
  return row && toEntry(row);
}

/** Every entry of a case in log order, with the fields only an export needs. */
export function entriesOfCase(store: OpenedDatabase, caseId: string): (Entry & { prevHash: string })[] {
  const rows = statement(
    store.sqlite,
    `SELECT ${entryColumns}, lower(hex(e.prev_hash)) AS prevHash FROM ${fromEntries}
     WHERE e.case_key = (SELECT key FROM cases WHERE id = ?) ORDER BY e.seq`,
  ).all(caseId) as (EntryRow & { prevHash: string })[];
  return rows.map((row) => ({ ...toEntry(row), prevHash: row.prevHash }));
}

export interface EntryFilter {
  caseId: string;
  types?: readonly EntryType[];
  authorName?: string;
  phaseId?: string;
  /** An FTS5 query made by `toFtsQuery`. */
  match?: string;
  /** The entry's number in its case. */
  seq?: number;
}

export interface TimelinePosition {
  occurredAt: string;
  seq: number;
}

export const encodeCursor = (entry: TimelinePosition): string => `${entry.occurredAt}_${entry.seq}`;

export function decodeCursor(cursor: string): TimelinePosition {
  const split = cursor.lastIndexOf('_');
  return { occurredAt: cursor.slice(0, split), seq: Number(cursor.slice(split + 1)) };
}

function filterClause(caseKey: number, filter: EntryFilter): { sql: string; params: unknown[] } {
  const clauses = ['e.case_key = ?'];
  const params: unknown[] = [caseKey];
  if (filter.types && filter.types.length > 0) {
    clauses.push(`e.type IN (${filter.types.map(() => '?').join(', ')})`);
    params.push(...filter.types);
  }
  if (filter.authorName !== undefined) {
    clauses.push('e.author_name = ?');
    params.push(filter.authorName);
  }
  if (filter.phaseId !== undefined) {
    clauses.push('e.phase_id = ?');
    params.push(filter.phaseId);
  }
  if (filter.match !== undefined) {
    // The case is part of the match, so the search index never walks another case's hits.
    clauses.push('e.n IN (SELECT rowid FROM entry_search WHERE entry_search MATCH ?)');
    params.push(caseScopedMatch(caseKey, filter.match));
  }
  if (filter.seq !== undefined) {
    clauses.push('e.seq = ?');
    params.push(filter.seq);
  }
  return { sql: clauses.join(' AND '), params };
}

/**
 * One page of a case's timeline in (occurred_at, seq) order, by keyset: `after` gives the entries following a
 * position, `before` the ones preceding it, neither the start of the timeline. Served by the
 * (case_key, occurred_at, seq) index, so a page costs the same at entry 10 and at entry 100,000. The SQL varies
 * only with which filters are set, so its few shapes are prepared once each.
 */
export function listEntryPage(
  store: OpenedDatabase,
  filter: EntryFilter,
  page: { after?: TimelinePosition; before?: TimelinePosition; limit: number },
): EntryPage {
  const caseKey = caseKeyOf(store, filter.caseId);
  if (caseKey === undefined) return { entries: [], previousCursor: null, nextCursor: null };
  const where = filterClause(caseKey, filter);
  const backwards = page.before !== undefined;
  const position = page.before ?? page.after;
  const keyset = position ? ` AND (e.occurred_at, e.seq) ${backwards ? '<' : '>'} (?, ?)` : '';
  const keysetParams = position ? [position.occurredAt, position.seq] : [];
  const direction = backwards ? 'DESC' : 'ASC';
  const rows = statement(
    store.sqlite,
    `SELECT ${entryColumns} FROM ${fromEntries} WHERE ${where.sql}${keyset}
     ORDER BY e.occurred_at ${direction}, e.seq ${direction} LIMIT ?`,
  ).all(...where.params, ...keysetParams, page.limit) as EntryRow[];
  const entries = (backwards ? rows.reverse() : rows).map(toEntry);
  const first = entries[0];
  const last = entries.at(-1);
  const exists = (comparison: '<' | '>', at: TimelinePosition): boolean =>
    statement(store.sqlite, `SELECT 1 FROM log_entries e WHERE ${where.sql} AND (e.occurred_at, e.seq) ${comparison} (?, ?) LIMIT 1`)
      .get(...where.params, at.occurredAt, at.seq) !== undefined;
  return {
    entries,
    previousCursor: first && exists('<', first) ? encodeCursor(first) : null,
    nextCursor: last && exists('>', last) ? encodeCursor(last) : null,
  };
}
