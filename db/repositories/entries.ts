import type { EntryType } from '../../shared/domain';
import type { Entry, EntryPage } from '../../shared/views';
import { appendChainedEntries, appendChainedEntry, type ChainProgress, type NewEntry } from '../chain';
import type { OpenedDatabase } from '../open';
import { statement } from '../statements';
import { caseScopedMatch, type EntryMatch } from './search';

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
export function insertEntries(store: OpenedDatabase, entries: readonly NewEntry[], progress?: ChainProgress): void {
  appendChainedEntries(store.sqlite, entries, progress);
}

export function findEntry(store: OpenedDatabase, id: string): Entry | undefined {
  const row = statement(store.sqlite, `SELECT ${entryColumns} FROM ${fromEntries} WHERE e.id = ?`).get(id) as
    | EntryRow
    | undefined;
  return row && toEntry(row);
}

/** An entry's author signature as an export writes it (db/signatures.ts): null on an unsigned entry. */
export interface SignatureColumns {
  device: string | null;
  /** Base64 of the author's Ed25519 public key. */
  authorKey: string | null;
  /** Base64 of the signature. */
  signature: string | null;
}

const signatureColumns = 'e.device, e.author_key AS authorKey, e.signature';
type SignatureRow = { device: string | null; authorKey: Buffer | null; signature: Buffer | null };

const signatureOf = (row: SignatureRow): SignatureColumns => ({
  device: row.device,
  authorKey: row.authorKey?.toString('base64') ?? null,
  signature: row.signature?.toString('base64') ?? null,
});

/** Every entry of a case in log order, with the fields only an export needs. */
export function entriesOfCase(store: OpenedDatabase, caseId: string): (Entry & SignatureColumns & { prevHash: string })[] {
  const rows = statement(
    store.sqlite,
    `SELECT ${entryColumns}, ${signatureColumns}, lower(hex(e.prev_hash)) AS prevHash FROM ${fromEntries}
     WHERE e.case_key = (SELECT key FROM cases WHERE id = ?) ORDER BY e.seq`,
  ).all(caseId) as (EntryRow & SignatureRow & { prevHash: string })[];
  return rows.map((row) => ({ ...toEntry(row), ...signatureOf(row), prevHash: row.prevHash }));
}

/** An entry as a full-log export reads it: with its chain link and the numbers of what it corrects and what corrects it. */
export type LoggedEntry = Omit<Entry, 'correctedByIds'> &
  SignatureColumns & { prevHash: string; correctsSeq: number | null; correctedBySeqs: number[] };

/**
 * The next `limit` entries of a case after `afterSeq`, up to and including `toSeq`, in log order: one keyset step
 * on (case_key, seq). An export reads the log in such steps up to the head it read at its start, and counts as
 * correcting entries only those within that head, so what it lists agrees with the fingerprint it prints.
 */
export function entriesOfCaseAfter(
  store: OpenedDatabase,
  caseKey: number,
  range: { afterSeq: number; toSeq: number },
  limit: number,
): LoggedEntry[] {
  const rows = statement(
    store.sqlite,
    `SELECT e.id, c.id AS caseId, e.seq, e.type, e.text, e.occurred_at AS occurredAt, e.recorded_at AS recordedAt,
       e.author_id AS authorId, e.author_name AS authorName, e.source, e.source_reliability AS sourceReliability,
       e.information_credibility AS informationCredibility, e.corrects_entry_id AS correctsEntryId,
       e.personal_data AS personalData, e.phase_id AS phaseId, e.location, ${signatureColumns}, lower(hex(e.hash)) AS hash,
       lower(hex(e.prev_hash)) AS prevHash,
       (SELECT seq FROM log_entries WHERE id = e.corrects_entry_id) AS correctsSeq,
       (SELECT json_group_array(x.seq) FROM
         (SELECT seq FROM log_entries WHERE corrects_entry_id = e.id AND +seq <= ? ORDER BY seq) x)
         AS correctedBySeqs
     FROM log_entries e INDEXED BY log_entries_case_seq JOIN cases c ON c.key = e.case_key
     WHERE e.case_key = ? AND e.seq > ? AND e.seq <= ? ORDER BY e.seq LIMIT ?`,
  ).all(range.toSeq, caseKey, range.afterSeq, range.toSeq, limit) as (Omit<LoggedEntry, 'personalData' | 'correctedBySeqs' | keyof SignatureColumns> &
    SignatureRow & {
      personalData: number;
      correctedBySeqs: string;
    })[];
  return rows.map((row) => ({
    ...row,
    ...signatureOf(row),
    personalData: row.personalData === 1,
    correctedBySeqs: JSON.parse(row.correctedBySeqs) as number[],
  }));
}

/** Entries that happened from `from` (or the start) up to and including `to`, on the timeline's index. */
export interface Period {
  from: string | null;
  to: string;
}

const periodClause = (period: Period) => ({
  sql: `e.occurred_at <= ?${period.from === null ? '' : ' AND e.occurred_at >= ?'}`,
  params: period.from === null ? [period.to] : [period.to, period.from],
});

/**
 * How many of a case's entries happened in the period, of the given types or of all. A period that holds the
 * whole log (a first briefing) is answered from the counts kept as the log is written; any other from the
 * timeline's index, at the cost of the entries in the period.
 */
export function countEntriesInPeriod(store: OpenedDatabase, caseId: string, period: Period, types?: readonly EntryType[]): number {
  if (period.from === null) {
    const latest = statement(store.sqlite, 'SELECT max(occurred_at) FROM log_entries WHERE case_key = (SELECT key FROM cases WHERE id = ?)')
      .pluck()
      .get(caseId) as string | null;
    if (latest === null || latest <= period.to) {
      const counts = statement(
        store.sqlite,
        'SELECT type, sum(n) AS n FROM entry_counts WHERE case_key = (SELECT key FROM cases WHERE id = ?) GROUP BY type',
      ).all(caseId) as { type: EntryType; n: number }[];
      return counts.filter((row) => !types || types.includes(row.type)).reduce((sum, row) => sum + row.n, 0);
    }
  }
  const range = periodClause(period);
  const typed = types ? ` AND e.type IN (${types.map(() => '?').join(', ')})` : '';
  return statement(
    store.sqlite,
    `SELECT count(*) FROM log_entries e WHERE e.case_key = (SELECT key FROM cases WHERE id = ?) AND ${range.sql}${typed}`,
  )
    .pluck()
    .get(caseId, ...range.params, ...(types ?? [])) as number;
}

/**
 * A case's entries in the period, read as far as `limit`: of the given types, in `order` — `latest` by time of
 * happening, newest first; `lastRecorded` the last ones in log order (seq), returned in log order.
 */
export function entriesInPeriod(
  store: OpenedDatabase,
  caseId: string,
  period: Period,
  options: { types?: readonly EntryType[]; order: 'latest' | 'lastRecorded'; limit: number },
): Entry[] {
  const range = periodClause(period);
  const typed = options.types ? ` AND e.type IN (${options.types.map(() => '?').join(', ')})` : '';
  const order = options.order === 'latest' ? 'e.occurred_at DESC, e.seq DESC' : 'e.seq DESC';
  // The last ones in log order walk (case_key, seq) back from the end and stop at `limit`; left to itself the
  // planner took the period's range on the time index and sorted all of it (1 s for a whole 100,000-entry log).
  const from = options.order === 'latest' ? fromEntries : fromEntries.replace('log_entries e', 'log_entries e INDEXED BY log_entries_case_seq');
  const rows = statement(
    store.sqlite,
    `SELECT ${entryColumns} FROM ${from}
     WHERE e.case_key = (SELECT key FROM cases WHERE id = ?) AND ${range.sql}${typed}
     ORDER BY ${order} LIMIT ?`,
  ).all(caseId, ...range.params, ...(options.types ?? []), options.limit) as EntryRow[];
  const entries = rows.map(toEntry);
  return options.order === 'lastRecorded' ? entries.reverse() : entries;
}

/** The last entry of a case's log by seq: its number and hash. */
export function lastEntryOf(store: OpenedDatabase, caseId: string): { seq: number; hash: string } | undefined {
  return statement(
    store.sqlite,
    'SELECT seq, lower(hex(hash)) AS hash FROM log_entries WHERE case_key = (SELECT key FROM cases WHERE id = ?) ORDER BY seq DESC LIMIT 1',
  ).get(caseId) as { seq: number; hash: string } | undefined;
}

/** The numbers in their case of the entries with these ids (the ones that exist). */
export function seqsOf(store: OpenedDatabase, ids: readonly string[]): Map<string, number> {
  const seqOf = statement(store.sqlite, 'SELECT seq FROM log_entries WHERE id = ?').pluck();
  const found = new Map<string, number>();
  for (const id of new Set(ids)) {
    const seq = seqOf.get(id) as number | undefined;
    if (seq !== undefined) found.set(id, seq);
  }
  return found;
}

export interface EntryFilter {
  caseId: string;
  types?: readonly EntryType[];
  authorName?: string;
  phaseId?: string;
  /** Search words, as `entryMatch` gives them. */
  match?: EntryMatch;
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

/** The filters other than the search words, on `e`. */
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
  if (filter.seq !== undefined) {
    clauses.push('e.seq = ?');
    params.push(filter.seq);
  }
  return { sql: clauses.join(' AND '), params };
}

type Direction = 'after' | 'before';

/** Where one walk of the timeline reads its rows: `positions` in timeline order, `rows` as the views show them. */
interface TimelineSource {
  /** How many entries the source holds in all, when it knows without reading them (a search); else null. */
  total(): number | null;
  /** Up to `limit` matching positions strictly past `from` (or from the end) in `direction`. */
  positions(direction: Direction, from: TimelinePosition | undefined, limit: number): (TimelinePosition & { n: number })[];
  rows(ns: readonly number[]): EntryRow[];
}

const keysetClause = (direction: Direction, from: TimelinePosition | undefined) => ({
  sql: from ? ` AND (e.occurred_at, e.seq) ${direction === 'before' ? '<' : '>'} (?, ?)` : '',
  params: from ? [from.occurredAt, from.seq] : [],
  order: direction === 'before' ? 'DESC' : 'ASC',
});

function rowsByN(store: OpenedDatabase, ns: readonly number[]): EntryRow[] {
  const byN = statement(store.sqlite, `SELECT ${entryColumns} FROM ${fromEntries} WHERE e.n = ?`);
  return ns.map((n) => byN.get(n) as EntryRow);
}

/** The timeline without search words: the (case_key, occurred_at, seq) index, read as far as the page goes. */
function indexSource(store: OpenedDatabase, where: { sql: string; params: unknown[] }): TimelineSource {
  return {
    total: () => null,
    positions(direction, from, limit) {
      const keyset = keysetClause(direction, from);
      return statement(
        store.sqlite,
        `SELECT e.n, e.occurred_at AS occurredAt, e.seq FROM log_entries e WHERE ${where.sql}${keyset.sql}
         ORDER BY e.occurred_at ${keyset.order}, e.seq ${keyset.order} LIMIT ?`,
      ).all(...where.params, ...keyset.params, limit) as (TimelinePosition & { n: number })[];
    },
    rows: (ns) => rowsByN(store, ns),
  };
}

/** Below this many hits a search word is selective: its hits are read from the search index and sorted. */
const selectiveHits = 2_000;
/** Index rows read per step at least when a common word's hits are picked out along the timeline. */
const walkStep = 256;
/** At most: a word in 2 % of the entries reads its page of 200 in one step of 8,192 rows (about 5 ms) instead of 40. */
const longestWalkStep = 8_192;
/** Searches whose hit counts (and, for prefix words, hits) are kept per connection, for the next page. */
const rememberedSearches = 4;

/** Which rowids of the vault's log match a search: asked along a walk of the timeline. */
interface Hits {
  has(n: number): boolean;
}

/**
 * The hits of a prefix search, gathered at once as one JSON array built inside SQLite: at 240,000 hits (a word in
 * 80 % of a 300,000-entry case) that took 95–130 ms with JSON.parse 10–18 ms, against 100–260 ms for reading them
 * as rows and 20–40 ms more to put them in a Set. The bits are set in about a millisecond.
 */
function gatheredHits(store: OpenedDatabase, scopedMatch: string): Hits & { size: number } {
  const json = statement(store.sqlite, 'SELECT json_group_array(rowid) FROM entry_search WHERE entry_search MATCH ?').pluck().get(scopedMatch) as string;
  const rowids = JSON.parse(json) as number[];
  let max = 0;
  for (const n of rowids) max = Math.max(max, n);
  const bits = new Uint32Array((max >>> 5) + 1);
  for (const n of rowids) bits[n >>> 5] = (bits[n >>> 5] ?? 0) | (1 << (n & 31));
  return { size: rowids.length, has: (n) => n <= max && ((bits[n >>> 5] ?? 0) & (1 << (n & 31))) !== 0 };
}

/** Rowids read per first look from an end of a lazy search's hits; each further look reads four times as many. */
const firstHitsRead = 1_024;

/**
 * The hits of a search in exact terms, read lazily from both ends of the index's hit list: FTS5 reads such a list
 * row by row from its start or its end, but a rowid range in the middle costs as much as reading up to it. The
 * timeline's order follows the rowid's closely (an entry is numbered as it is recorded; one recorded late sits a
 * little earlier on the timeline), so a walk from the end of the timeline asks about the newest rowids first and
 * a page costs a look at about its own number of hits. A rowid between what both ends have read makes the nearer
 * end read on, four times as far as before, so a walk deep into the timeline costs at most a little more than
 * reading every hit once.
 */
function lazyHits(store: OpenedDatabase, caseKey: number, scopedMatch: string): Hits {
  // The case's first and last rowid, by the (case_key, seq) index: within a case rowids follow seq (appended).
  const end = (order: 'ASC' | 'DESC') =>
    (statement(store.sqlite, `SELECT n FROM log_entries WHERE case_key = ? ORDER BY seq ${order} LIMIT 1`).pluck().get(caseKey) as number | undefined) ?? 0;
  const bounds = { low: end('ASC'), high: end('DESC') };
  const newest = statement(store.sqlite, 'SELECT rowid FROM entry_search WHERE entry_search MATCH ? ORDER BY rowid DESC LIMIT ?').pluck();
  const oldest = statement(store.sqlite, 'SELECT rowid FROM entry_search WHERE entry_search MATCH ? ORDER BY rowid ASC LIMIT ?').pluck();
  const found = new Set<number>();
  // Every rowid at or above `top` and at or below `bottom` is known; `all` once one end has read every hit.
  const ends = { top: Infinity, bottom: -Infinity, topRead: 0, bottomRead: 0, all: false };
  const read = (fromTop: boolean): void => {
    const wanted = Math.max(firstHitsRead, (fromTop ? ends.topRead : ends.bottomRead) * 4);
    const rowids = (fromTop ? newest : oldest).all(scopedMatch, wanted) as number[];
    for (const n of rowids) found.add(n);
    if (rowids.length < wanted) ends.all = true;
    if (fromTop) {
      ends.topRead = wanted;
      ends.top = rowids.at(-1) ?? -Infinity;
    } else {
      ends.bottomRead = wanted;
      ends.bottom = rowids.at(-1) ?? Infinity;
    }
  };
  return {
    has(n) {
      while (!ends.all && n < ends.top && n > ends.bottom) read(bounds.high - n <= n - bounds.low);
      return found.has(n);
    },
  };
}

interface RememberedSearch {
  headSeq: number;
  /** A prefix search's hits, gathered once; null for a search in exact terms, read lazily per page. */
  hits: (Hits & { size: number }) | null;
  /** The number of hits under each combination of filters asked for so far (`''`: the case alone). */
  totals: Map<string, number>;
}

const searchHits = new WeakMap<OpenedDatabase, Map<string, RememberedSearch>>();

/**
 * What is kept of the few latest searches until the case's log grows: how many hits they have under the filters
 * asked for (the total the search box shows), and for a search with prefix words its hits. FTS5 gathers a prefix
 * word's whole posting list on every ask (40–100 ms for a common word in 300,000 entries on a loaded machine),
 * so those hits are read once and the next page does not ask again. Kept in memory with the open vault (rowids,
 * counts and the words searched), never written.
 */
function rememberedSearch(store: OpenedDatabase, caseKey: number, scopedMatch: string, lazy: boolean): RememberedSearch {
  let remembered = searchHits.get(store);
  if (!remembered) {
    remembered = new Map();
    searchHits.set(store, remembered);
  }
  const headSeq = statement(store.sqlite, 'SELECT head_seq FROM cases WHERE key = ?').pluck().get(caseKey) as number;
  const known = remembered.get(scopedMatch);
  remembered.delete(scopedMatch);
  const search: RememberedSearch = known && known.headSeq === headSeq ? known : { headSeq, hits: null, totals: new Map() };
  if (!lazy && search.hits === null) {
    search.hits = gatheredHits(store, scopedMatch);
    search.totals.set('', search.hits.size);
  }
  remembered.set(scopedMatch, search);
  while (remembered.size > rememberedSearches) remembered.delete(remembered.keys().next().value as string);
  return search;
}

/**
 * The timeline filtered by search words, by one of two plans chosen on the number of hits in the case:
 * - a selective word (a name, a rare term, nothing at all): its hits come from the search index, within the case,
 *   and are sorted by time; the cost follows the hits, not the log.
 * - a common word: the timeline index is walked in steps sized to the word's share of the case, keeping the rows
 *   among the hits, until the page is full; a page usually takes one step. The hits of exact terms are read
 *   lazily from the end the walk is near; a prefix word's are gathered (see `rememberedSearch`).
 * Either way the case is part of the match, so another case full of the word costs nothing.
 */
function searchSource(store: OpenedDatabase, caseKey: number, where: { sql: string; params: unknown[] }, match: EntryMatch): TimelineSource {
  const scopedMatch = caseScopedMatch(caseKey, match.query);
  const search = rememberedSearch(store, caseKey, scopedMatch, match.lazy);
  const counted = (key: string, count: () => number): number => {
    let value = search.totals.get(key);
    if (value === undefined) {
      value = count();
      search.totals.set(key, value);
    }
    return value;
  };
  const inCase = counted('', () => statement(store.sqlite, 'SELECT count(*) FROM entry_search WHERE entry_search MATCH ?').pluck().get(scopedMatch) as number);
  // With no filter beside the case the case's hits are the total; other filters are counted once per search.
  const total = (): number =>
    where.params.length === 1
      ? inCase
      : counted(JSON.stringify(where), () =>
          statement(
            store.sqlite,
            `SELECT count(*) FROM (SELECT rowid AS n FROM entry_search WHERE entry_search MATCH ?) m
             CROSS JOIN log_entries e ON e.n = m.n WHERE ${where.sql}`,
          )
            .pluck()
            .get(scopedMatch, ...where.params) as number,
        );
  if (inCase < selectiveHits) {
    return {
      total,
      positions(direction, from, limit) {
        const keyset = keysetClause(direction, from);
        return statement(
          store.sqlite,
          `SELECT e.n, e.occurred_at AS occurredAt, e.seq
           FROM (SELECT rowid AS n FROM entry_search WHERE entry_search MATCH ?) m CROSS JOIN log_entries e ON e.n = m.n
           WHERE ${where.sql}${keyset.sql}
           ORDER BY e.occurred_at ${keyset.order}, e.seq ${keyset.order} LIMIT ?`,
        ).all(scopedMatch, ...where.params, ...keyset.params, limit) as (TimelinePosition & { n: number })[];
      },
      rows: (ns) => rowsByN(store, ns),
    };
  }
  const index = indexSource(store, where);
  const hits = search.hits ?? lazyHits(store, caseKey, scopedMatch);
  // Steps sized to the share of the case's entries that match, so a page takes about one step whether the word is
  // in 80 % of the entries or in 2 %. Other filters make the share smaller; the steps stay the same size then.
  const share = inCase / Math.max(1, search.headSeq);
  return {
    total,
    positions(direction, from, limit) {
      const stepRows = Math.min(longestWalkStep, Math.max(walkStep, Math.ceil((limit * 1.25) / share)));
      const found: (TimelinePosition & { n: number })[] = [];
      let at = from;
      while (found.length < limit) {
        const step = index.positions(direction, at, stepRows);
        for (const position of step) {
          if (hits.has(position.n)) found.push(position);
          if (found.length === limit) break;
        }
        if (step.length < stepRows) break;
        at = step.at(-1);
      }
      return found;
    },
    rows: index.rows,
  };
}

/**
 * One page of a case's timeline in (occurred_at, seq) order, by keyset: `after` gives the entries following a
 * position, `before` the ones preceding it, neither the start of the timeline. Served by the
 * (case_key, occurred_at, seq) index, so a page costs the same at entry 10 and at entry 100,000; with search
 * words, by the plan `searchSource` picks. The SQL varies only with which filters are set, so its few shapes are
 * prepared once each.
 */
export function listEntryPage(
  store: OpenedDatabase,
  filter: EntryFilter,
  page: { after?: TimelinePosition; before?: TimelinePosition; limit: number },
): EntryPage {
  const caseKey = caseKeyOf(store, filter.caseId);
  if (caseKey === undefined) return { entries: [], previousCursor: null, nextCursor: null, total: null };
  const where = filterClause(caseKey, filter);
  const source = filter.match === undefined ? indexSource(store, where) : searchSource(store, caseKey, where, filter.match);
  const direction: Direction = page.before !== undefined ? 'before' : 'after';
  // One more than the page tells whether there is more in the direction read.
  const read = source.positions(direction, page.before ?? page.after, page.limit + 1);
  const more = read.length > page.limit;
  const positions = read.slice(0, page.limit);
  if (direction === 'before') positions.reverse();
  const entries = source.rows(positions.map((position) => position.n)).map(toEntry);
  const first = positions[0];
  const last = positions.at(-1);
  const exists = (toward: Direction, at: TimelinePosition) => source.positions(toward, at, 1).length > 0;
  return {
    entries,
    previousCursor: first && (direction === 'before' ? more : exists('before', first)) ? encodeCursor(first) : null,
    nextCursor: last && (direction === 'after' ? more : exists('after', last)) ? encodeCursor(last) : null,
    total: source.total(),
  };
}
