/**
 * The case-log store against the raw floor (issue 16, ../shared/design/store-at-the-floor.md): the app's store
 * and services beside a plain script doing the same work with raw prepared statements on the same encrypting
 * SQLite, measured in the same run and taking turns, so the ratios hold on a noisy machine. Not part of
 * `npm test`.
 *
 *   npm run bench:store                              (ORDELOG_BENCH_SIZES=20000 npm run bench:store for a quick look)
 *     ORDELOG_BENCH_SIZES=100000,300000              entries in the measured case, one table per size
 *
 * Each size builds one vault and one floor file holding the same entries: the measured case of N entries and a
 * second, newer case of N/4 entries in which every entry holds the common and the rare search words, so a search
 * that applies the case filter after matching walks all of them. Prints a table per size (floor, store,
 * store ÷ floor, target), the growth from the first size to the last, and the load average; exits non-zero when a
 * target is missed. Both sides must end with the same chain heads and find the same number of search hits, or the
 * run stops: the ratios would compare different work.
 *
 * The floor's search carries the case inside the FTS5 index (a column holding the case key, matched together with
 * the words), the best a raw script can do, so a store that filters by case after the match, walking the newer
 * case's hits, shows up against it.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appendChainedEntries, canonicalEntryEncoding, type NewEntry } from '../../db/chain';
import { applyKey } from '../../db/open';
import { encodeCursor } from '../../db/repositories/entries';
import { toFtsQuery } from '../../db/repositories/search';
import { createVault, vaultPaths } from '../../db/vault';
import { createCase } from '../../main/services/cases';
import { appendEntry, listEntries } from '../../main/services/entries';
import { searchCase } from '../../main/services/search';
import { sessionFor, type Session } from '../../main/services/session';
import type { ManualEntryType } from '../../shared/domain';
import { snippetMarks } from '../../shared/views';
import { testKdf } from '../helpers/vault';
import { entryText, generator, percentile } from './text';
import { benchUser, type BenchCase } from './verify-child';

const sizes = (process.env.ORDELOG_BENCH_SIZES ?? '100000,300000')
  .split(',')
  .map((size) => Number(size.trim()))
  .filter((size) => Number.isInteger(size) && size > 0);
const batchSize = 1_000;
const singleAppends = 300;
const pageCursors = 200;
/** Each in more than half of the measured case's entries (ranks 1–3 of the Zipf-like text). */
const commonWords = ['station', 'oproep', 'TikTok'];
/** Each in `rareHits` entries of the measured case; none is a prefix of a vocabulary word. */
const rareWords = ['brandbom', 'kruitdamp', 'wegblokkade'];
const rareHits = 5;
/** Rounds over the three words of a class: 60 samples a class for search, 21 for the slower timeline search. */
const searchRounds = 20;
const timelineSearchRounds = 7;
const types: ManualEntryType[] = ['signaal', 'waarneming', 'overleg', 'actie', 'communicatie', 'notitie'];
const targets = { bulk: 3, single: 1.5, page: 3, search: 5, timelineSearchMs: 30, bytes: 2, verifyGrowthPerTripling: 3.2 };

/** The store's append as an import writes: in order, inside the caller's transaction when there is one. */
function storeAppend(sqlite: Database.Database, entries: NewEntry[]): void {
  appendChainedEntries(sqlite, entries);
}

interface Head {
  seq: number;
  hash: string;
}

/** A case as both sides hold it: the app's id and phase, the floor's integer key, and where its chain starts. */
/** The raw floor: one table, one index, FTS5 over it, statements prepared once. */
interface Floor {
  sqlite: Database.Database;
  file: string;
  heads: Map<number, Head>;
  insertBatch: (benchCase: BenchCase, entries: NewEntry[]) => void;
  page: Database.Statement;
  search: Database.Statement;
}

function openFloor(file: string, key: Buffer): Floor {
  const sqlite = new Database(file);
  applyKey(sqlite, key);
  sqlite.pragma('mmap_size=0');
  sqlite.pragma('foreign_keys=ON');
  sqlite.pragma('secure_delete=ON');
  sqlite.pragma('journal_mode=WAL');
  sqlite.pragma('synchronous=FULL');
  sqlite.exec(`
    CREATE TABLE floor_entries (
      n INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      case_key INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      type TEXT NOT NULL,
      text TEXT NOT NULL,
      occurred_at TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      author_id TEXT,
      author_name TEXT NOT NULL,
      source TEXT,
      source_reliability TEXT,
      information_credibility TEXT,
      corrects_entry_id TEXT,
      personal_data INTEGER NOT NULL,
      phase_id TEXT NOT NULL,
      location TEXT,
      hash BLOB NOT NULL
    );
    CREATE INDEX floor_entries_timeline ON floor_entries (case_key, occurred_at, seq);
    CREATE VIRTUAL TABLE floor_fts USING fts5(
      text, case_key, content = 'floor_entries', content_rowid = 'n', tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER floor_entries_fts AFTER INSERT ON floor_entries BEGIN
      INSERT INTO floor_fts (rowid, text, case_key) VALUES (new.n, new.text, new.case_key);
    END;
  `);
  const insert = sqlite.prepare(
    `INSERT INTO floor_entries (id, case_key, seq, type, text, occurred_at, recorded_at, author_id, author_name, source,
       source_reliability, information_credibility, corrects_entry_id, personal_data, phase_id, location, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const heads = new Map<number, Head>();
  const insertBatch = sqlite.transaction((benchCase: BenchCase, entries: NewEntry[]) => {
    let head = heads.get(benchCase.key) ?? benchCase.start;
    for (const entry of entries) {
      const seq = head.seq + 1;
      const hash = createHash('sha256')
        .update(canonicalEntryEncoding({ ...entry, seq, prevHash: head.hash }), 'utf8')
        .digest();
      insert.run(
        entry.id, benchCase.key, seq, entry.type, entry.text, entry.occurredAt, entry.recordedAt, entry.authorId,
        entry.authorName, entry.source, entry.sourceReliability, entry.informationCredibility, entry.correctsEntryId,
        entry.personalData ? 1 : 0, entry.phaseId, entry.location ?? null, hash,
      );
      head = { seq, hash: hash.toString('hex') };
    }
    heads.set(benchCase.key, head);
  });
  const page = sqlite.prepare(
    `SELECT n, id, case_key, seq, type, text, occurred_at, recorded_at, author_id, author_name, source,
       source_reliability, information_credibility, corrects_entry_id, personal_data, phase_id, location, hash
     FROM floor_entries WHERE case_key = ? AND (occurred_at, seq) > (?, ?) ORDER BY occurred_at, seq LIMIT 100`,
  );
  const search = sqlite.prepare(
    `SELECT e.id, e.case_key, e.occurred_at, snippet(floor_fts, 0, ?, ?, '…', 16) AS snippet
     FROM floor_fts JOIN floor_entries e ON e.n = floor_fts.rowid
     WHERE floor_fts MATCH ? ORDER BY floor_fts.rowid DESC LIMIT 50`,
  );
  return { sqlite, file, heads, insertBatch, page, search };
}


/** Runs both sides in turn, the order flipping every call, and adds each one's time to its own total. */
function alternate(turn: number, floor: () => void, store: () => void): { floorMs: number; storeMs: number } {
  const timed = (work: () => void) => {
    const started = performance.now();
    work();
    return performance.now() - started;
  };
  if (turn % 2 === 0) {
    const floorMs = timed(floor);
    return { floorMs, storeMs: timed(store) };
  }
  const storeMs = timed(store);
  return { floorMs: timed(floor), storeMs };
}

interface Pair {
  floor: number;
  store: number;
}

interface Latencies {
  floor: number[];
  store: number[];
}

const latencies = (): Latencies => ({ floor: [], store: [] });
const p95 = (samples: Latencies): Pair => ({ floor: percentile(samples.floor, 95), store: percentile(samples.store, 95) });
const p50 = (samples: Latencies): Pair => ({ floor: percentile(samples.floor, 50), store: percentile(samples.store, 50) });

interface SizeResult {
  size: number;
  bulk: Pair;
  otherBulk: Pair;
  single: Pair;
  page: { p50: Pair; p95: Pair };
  search: Record<'common' | 'rare', { p50: Pair; p95: Pair }>;
  timelineSearch: Record<'common' | 'rare' | 'commonNext', { p50: Pair; p95: Pair }>;
  bytesPerEntry: Pair;
  files: { floor: number; store: number; floorEntries: number; storeEntries: number };
  verify: Pair;
  quickVerify: Pair;
  dbstat: { name: string; bytes: number }[] | string;
  loadBefore: number[];
  loadAfter: number[];
  wallMs: number;
}

/** The measured case's entry i: Zipf-like text, one in a `size / rareHits` stretch also holding a rare word. */
function measuredEntries(size: number) {
  const next = generator(42);
  const start = Date.parse('2026-06-01T08:00:00Z');
  const rareAt = new Map<number, string>();
  for (let hit = 0; hit < rareHits; hit += 1) {
    rareWords.forEach((word, index) => rareAt.set(Math.floor(((hit + 0.5) * size) / rareHits) + index, word));
  }
  return (i: number, benchCase: BenchCase, author: Session['user']): NewEntry => {
    const occurredAt = new Date(start + i * 15_000).toISOString();
    const rare = rareAt.get(i);
    return {
      id: randomUUID(),
      caseId: benchCase.id,
      type: types[i % types.length] as ManualEntryType,
      text: rare ? `${entryText(next)} ${rare}` : entryText(next),
      occurredAt,
      recordedAt: occurredAt,
      authorId: author.id,
      authorName: author.displayName,
      source: i % 3 === 0 ? 'TikTok' : null,
      sourceReliability: null,
      informationCredibility: null,
      correctsEntryId: null,
      personalData: i % 20 === 0,
      phaseId: benchCase.phaseId,
      location: i % 10 === 0 ? 'Stationsplein' : null,
    };
  };
}

/** The second case's entry i: every one holds all the common and all the rare words. */
function otherEntries() {
  const next = generator(7);
  const start = Date.parse('2026-07-01T08:00:00Z');
  const words = [...commonWords, ...rareWords].join(' ');
  return (i: number, benchCase: BenchCase, author: Session['user']): NewEntry => {
    const occurredAt = new Date(start + i * 15_000).toISOString();
    return {
      id: randomUUID(),
      caseId: benchCase.id,
      type: types[i % types.length] as ManualEntryType,
      text: `${entryText(next)} ${words}`,
      occurredAt,
      recordedAt: occurredAt,
      authorId: author.id,
      authorName: author.displayName,
      source: null,
      sourceReliability: null,
      informationCredibility: null,
      correctsEntryId: null,
      personalData: false,
      phaseId: benchCase.phaseId,
      location: null,
    };
  };
}

/** Appends `count` entries to one case on both sides, a transaction of 1,000 each, the sides taking turns. */
function appendBoth(
  session: Session,
  floor: Floor,
  benchCase: BenchCase,
  count: number,
  entryAt: (i: number, benchCase: BenchCase, author: Session['user']) => NewEntry,
  onEntry: (i: number, entry: NewEntry) => void = () => {},
): Pair {
  const total = { floor: 0, store: 0 };
  for (let done = 0; done < count; done += batchSize) {
    const batch: NewEntry[] = [];
    for (let i = done; i < Math.min(count, done + batchSize); i += 1) {
      const entry = entryAt(i, benchCase, session.user);
      batch.push(entry);
      onEntry(i, entry);
    }
    const took = alternate(
      done / batchSize,
      () => floor.insertBatch(benchCase, batch),
      () => session.db.sqlite.transaction(() => storeAppend(session.db.sqlite, batch))(),
    );
    total.floor += took.floorMs;
    total.store += took.storeMs;
  }
  return total;
}

/** The case's last entry as the services show it: where the floor's copy of its chain starts. */
function verifyInFreshProcess(dir: string, floorFile: string, floorKey: Buffer, cases: BenchCase[]): { full: Pair; quick: Pair } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./verify-child.ts', import.meta.url)), dir, floorFile], {
    encoding: 'utf8',
    env: { ...process.env, ORDELOG_BENCH_FLOOR_KEY: floorKey.toString('hex'), ORDELOG_BENCH_CASES: JSON.stringify(cases) },
  });
  if (child.status !== 0) throw new Error(`verify in a fresh process failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as { full: Pair; quick: Pair };
}

function headOf(session: Session, caseId: string): Head {
  const page = listEntries(session, { caseId, limit: 500 });
  const last = page.entries.at(-1);
  if (!last || page.nextCursor !== null) throw new Error('a new case should hold a few system entries');
  return { seq: last.seq, hash: last.hash };
}

/** Both sides must have built the same chains, or the ratios compare different work. */
function assertSameChain(session: Session, floor: Floor, benchCase: BenchCase): void {
  const floorHead = floor.heads.get(benchCase.key);
  const entry = floorHead && listEntries(session, { caseId: benchCase.id, seq: floorHead.seq }).entries[0];
  if (!floorHead || entry?.hash !== floorHead.hash) throw new Error('the floor and the store chained different entries');
}

function fileSize(sqlite: Database.Database, file: string): number {
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return statSync(file).size;
}

function spaceByObject(sqlite: Database.Database): { name: string; bytes: number }[] | string {
  try {
    return sqlite
      .prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 12')
      .all() as { name: string; bytes: number }[];
  } catch (error) {
    return `dbstat is not available in this SQLite build (${(error as Error).message})`;
  }
}

async function runSize(size: number): Promise<SizeResult> {
  const started = performance.now();
  const loadBefore = loadavg();
  const root = mkdtempSync(join(tmpdir(), 'ordelog-store-bench-'));
  try {
    const dir = join(root, 'vault');
    const { vault } = await createVault(dir, {
      userName: benchUser.name,
      displayName: 'Benchmark',
      passphrase: benchUser.passphrase,
      kdf: testKdf,
    });
    const session = sessionFor(vault, 'cli');
    const floorKey = randomBytes(32);
    const floor = openFloor(join(root, 'floor.db'), floorKey);
    try {
      const newCase = (key: number, title: string): BenchCase => {
        const created = createCase(session, { title });
        return { id: created.id, key, phaseId: created.phaseId, start: headOf(session, created.id) };
      };
      const measured = newCase(1, 'Benchmark: oproep via TikTok');
      const other = newCase(2, 'Benchmark: vuurwerk bij het station');
      const otherSize = Math.max(1, Math.floor(size / 4));

      // 1. Bulk appends, as an import writes; the second case goes in after the measured one, so it is newer.
      const cursors: { occurredAt: string; seq: number }[] = [];
      const cursorEvery = Math.max(1, Math.floor(size / pageCursors));
      const bulk = appendBoth(session, floor, measured, size, measuredEntries(size), (i, entry) => {
        if (i % cursorEvery === 0 && cursors.length < pageCursors) {
          cursors.push({ occurredAt: entry.occurredAt, seq: measured.start.seq + i + 1 });
        }
      });
      const otherBulk = appendBoth(session, floor, other, otherSize, otherEntries());
      assertSameChain(session, floor, measured);
      assertSameChain(session, floor, other);

      // 3. Timeline pages by keyset.
      const pages = latencies();
      cursors.forEach((cursor, turn) => {
        const took = alternate(
          turn,
          () => floor.page.all(measured.key, cursor.occurredAt, cursor.seq),
          () => listEntries(session, { caseId: measured.id, after: encodeCursor(cursor), limit: 100 }),
        );
        pages.floor.push(took.floorMs);
        pages.store.push(took.storeMs);
      });

      // 4. Search within the case, and the timeline's search box, common and rare words.
      const searchOne = (words: string[], rounds: number, store: (query: string) => unknown, checkCounts: boolean, before?: (query: string) => void) => {
        const samples = latencies();
        for (let round = 0; round < rounds; round += 1) {
          words.forEach((word, index) => {
            const match = toFtsQuery(word);
            let floorHits = 0;
            let storeHits = 0;
            before?.(word);
            const took = alternate(
              round * words.length + index,
              () => {
                floorHits = floor.search.all(snippetMarks.start, snippetMarks.end, `case_key : "${measured.key}" AND text : (${match})`).length;
              },
              () => {
                const result = store(word);
                storeHits = Array.isArray(result) ? result.length : 0;
              },
            );
            if (checkCounts && floorHits !== storeHits) {
              throw new Error(`search for "${word}": the floor found ${floorHits}, the store ${storeHits}`);
            }
            samples.floor.push(took.floorMs);
            samples.store.push(took.storeMs);
          });
        }
        return { p50: p50(samples), p95: p95(samples) };
      };
      const searchStore = (query: string) => searchCase(session, { caseId: measured.id, query, limit: 50 });
      // The timeline keeps the hits of its latest few searches for the next page: the first page is measured with
      // them forgotten (four other searches in between, not timed), the next page as a user scrolling on gets it.
      const timelineFirst = (query: string) => listEntries(session, { caseId: measured.id, query, limit: 100 });
      const forget = () => ['vergeten', 'onbekend', 'nergens', 'niemand'].forEach((other) => timelineFirst(other));
      let nextCursor: string | null = null;
      const firstPageBefore = () => forget();
      const nextPageBefore = (query: string) => {
        forget();
        nextCursor = timelineFirst(query).nextCursor;
      };
      const timelineNext = (query: string) =>
        nextCursor === null ? [] : listEntries(session, { caseId: measured.id, query, after: nextCursor, limit: 100 });
      const search = {
        common: searchOne(commonWords, searchRounds, searchStore, true),
        rare: searchOne(rareWords, searchRounds, searchStore, true),
      };
      const timelineSearch = {
        common: searchOne(commonWords, timelineSearchRounds, timelineFirst, false, firstPageBefore),
        rare: searchOne(rareWords, timelineSearchRounds, timelineFirst, false, firstPageBefore),
        commonNext: searchOne(commonWords, timelineSearchRounds, timelineNext, false, nextPageBefore),
      };

      // 5. Bytes per entry, both files checkpointed, each divided by the entries it holds.
      const floorEntries = size + otherSize;
      const storeEntries = (floor.heads.get(measured.key)?.seq ?? 0) + (floor.heads.get(other.key)?.seq ?? 0);
      const files = {
        floor: fileSize(floor.sqlite, floor.file),
        store: fileSize(session.db.sqlite, vaultPaths(dir).database),
        floorEntries,
        storeEntries,
      };
      const bytesPerEntry = { floor: files.floor / floorEntries, store: files.store / storeEntries };
      const dbstat = spaceByObject(session.db.sqlite);

      // 2. Single appends, last so they leave the other measures' log as it was: the audited service against
      // the store's own append in its own transaction (one commit, one fsync under synchronous=FULL).
      const next = generator(99);
      const single = { floor: 0, store: 0 };
      for (let turn = 0; turn < singleAppends; turn += 1) {
        const serviceText = entryText(next);
        const at = new Date().toISOString();
        const entry: NewEntry = {
          id: randomUUID(),
          caseId: measured.id,
          type: 'waarneming',
          text: entryText(next),
          occurredAt: at,
          recordedAt: at,
          authorId: session.user.id,
          authorName: session.user.displayName,
          source: null,
          sourceReliability: null,
          informationCredibility: null,
          correctsEntryId: null,
          personalData: false,
          phaseId: measured.phaseId,
          location: null,
        };
        const took = alternate(
          turn,
          () => storeAppend(session.db.sqlite, [entry]),
          () => appendEntry(session, { caseId: measured.id, type: 'waarneming', text: serviceText }),
        );
        single.floor += took.floorMs;
        single.store += took.storeMs;
      }

      // 6. Verify, full and quick, in a fresh process each time, as `ordelog-admin verify` runs: measured in this
      // process after minutes of appends and queries, the same pass grew 3.5–4.5× from 100k to 300k entries for
      // floor and store alike, while a fresh process reads 19 µs an entry at both sizes.
      floor.sqlite.close();
      vault.lock();
      const verified = verifyInFreshProcess(dir, join(root, 'floor.db'), floorKey, [measured, other]);

      return {
        size,
        bulk: { floor: bulk.floor, store: bulk.store },
        otherBulk,
        single,
        page: { p50: p50(pages), p95: p95(pages) },
        search,
        timelineSearch,
        bytesPerEntry,
        files,
        verify: verified.full,
        quickVerify: verified.quick,
        dbstat,
        loadBefore,
        loadAfter: loadavg(),
        wallMs: performance.now() - started,
      };
    } finally {
      if (floor.sqlite.open) floor.sqlite.close();
      vault.lock();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const ms = (value: number): string =>
  value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)} ms`;
const ratio = (pair: Pair): number => pair.store / pair.floor;
const times = (value: number): string => `${value.toFixed(2)}×`;
const load = (values: number[]): string => values.map((value) => value.toFixed(2)).join(' / ');
const mb = (bytes: number): string => `${(bytes / 1_000_000).toFixed(1)} MB`;

interface Row {
  measure: string;
  floor: string;
  store: string;
  ratio: string;
  target: string;
  ok: boolean | null;
}

function ratioRow(measure: string, pair: Pair, format: (value: number) => string, target: number | null): Row {
  return {
    measure,
    floor: format(pair.floor),
    store: format(pair.store),
    ratio: times(ratio(pair)),
    target: target === null ? '' : `≤ ${target}×`,
    ok: target === null ? null : ratio(pair) <= target,
  };
}

function printTable(title: string, rows: Row[]): boolean {
  console.log(`\n${title}\n`);
  console.log('| measure | floor | store | store ÷ floor | target | |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) {
    console.log(`| ${row.measure} | ${row.floor} | ${row.store} | ${row.ratio} | ${row.target} | ${row.ok === null ? '' : row.ok ? 'ok' : 'MISSED'} |`);
  }
  return rows.every((row) => row.ok !== false);
}

function sizeRows(result: SizeResult): Row[] {
  const n = result.size;
  const otherSize = Math.max(1, Math.floor(n / 4));
  const p5095 = (latency: { p50: Pair; p95: Pair }) => ({
    floor: `${ms(latency.p50.floor)} / ${ms(latency.p95.floor)}`,
    store: `${ms(latency.p50.store)} / ${ms(latency.p95.store)}`,
  });
  const latencyRow = (measure: string, latency: { p50: Pair; p95: Pair }, target: number | null): Row => ({
    ...ratioRow(measure, latency.p95, ms, target),
    ...p5095(latency),
  });
  const timelineAbsolute = (word: 'common' | 'rare' | 'commonNext'): Row => ({
    measure: `  timeline search box, ${word === 'commonNext' ? 'common words, next page' : `${word} words`}, p95 absolute (issue 12's target, shown, not checked here)`,
    floor: '',
    store: ms(result.timelineSearch[word].p95.store),
    ratio: '',
    target: `≤ ${targets.timelineSearchMs} ms`,
    ok: null,
  });
  return [
    ratioRow(`1. append ${n} entries, chained and searchable (appendChainedEntries, 1,000 a transaction)`, result.bulk, ms, targets.bulk),
    ratioRow(`  append the second case's ${otherSize} entries (not a target)`, result.otherBulk, ms, null),
    ratioRow(
      `2. single audited append ×${singleAppends}: appendEntry vs the store's append in its own transaction (floor column)`,
      result.single,
      (total) => `${ms(total / singleAppends)} each`,
      targets.single,
    ),
    latencyRow(`3. timeline page of 100, p50 / p95 (${pageCursors} cursors)`, result.page, targets.page),
    latencyRow(`4. searchCase top 50, common words, p50 / p95 (${searchRounds * commonWords.length} queries)`, result.search.common, targets.search),
    latencyRow(`4. searchCase top 50, rare words, p50 / p95 (${searchRounds * rareWords.length} queries)`, result.search.rare, targets.search),
    latencyRow(
      `4. timeline search box (listEntries query, 100), first page, common words, p50 / p95 (${timelineSearchRounds * commonWords.length} queries; floor: the search query)`,
      result.timelineSearch.common,
      null,
    ),
    timelineAbsolute('common'),
    latencyRow(
      `4. timeline search box, next page, common words, p50 / p95 (${timelineSearchRounds * commonWords.length} queries)`,
      result.timelineSearch.commonNext,
      null,
    ),
    timelineAbsolute('commonNext'),
    latencyRow(
      `4. timeline search box, first page, rare words, p50 / p95 (${timelineSearchRounds * rareWords.length} queries)`,
      result.timelineSearch.rare,
      null,
    ),
    timelineAbsolute('rare'),
    {
      ...ratioRow('5. bytes per entry on disk (both cases, after a TRUNCATE checkpoint)', result.bytesPerEntry, (value) => `${value.toFixed(0)} B`, targets.bytes),
      floor: `${result.bytesPerEntry.floor.toFixed(0)} B (${mb(result.files.floor)} / ${result.files.floorEntries})`,
      store: `${result.bytesPerEntry.store.toFixed(0)} B (${mb(result.files.store)} / ${result.files.storeEntries})`,
    },
    ratioRow('6. full verify (floor: chains recomputed + integrity_check)', result.verify, ms, null),
    ratioRow('6. quick verify, chains only (floor: chains recomputed)', result.quickVerify, ms, null),
  ];
}

function growthRows(first: SizeResult, last: SizeResult): Row[] {
  const sizeRatio = last.size / first.size;
  const verifyTarget = (targets.verifyGrowthPerTripling / 3) * sizeRatio;
  const growth = (measure: string, pick: (result: SizeResult) => Pair, target: number | null = null): Row => {
    const from = pick(first);
    const to = pick(last);
    const storeGrowth = to.store / from.store;
    return {
      measure,
      floor: times(to.floor / from.floor),
      store: times(storeGrowth),
      ratio: `${times(ratio(from))} → ${times(ratio(to))}`,
      target: target === null ? '' : `store ≤ ${target.toFixed(2)}×`,
      ok: target === null ? null : storeGrowth <= target,
    };
  };
  return [
    growth('1. append N entries', (result) => result.bulk),
    growth('2. single audited append', (result) => result.single),
    growth('3. timeline page p95', (result) => result.page.p95),
    growth('4. searchCase common p95', (result) => result.search.common.p95),
    growth('4. searchCase rare p95', (result) => result.search.rare.p95),
    growth('4. timeline search common p95', (result) => result.timelineSearch.common.p95),
    growth('4. timeline search rare p95', (result) => result.timelineSearch.rare.p95),
    growth('4. timeline search next page p95', (result) => result.timelineSearch.commonNext.p95),
    growth('5. bytes per entry', (result) => result.bytesPerEntry),
    // SQLite's integrity check looks each index entry up in its table, O(n log n): it grows as much for the floor.
    growth('6. full verify (integrity check included)', (result) => result.verify),
    growth('6. quick verify', (result) => result.quickVerify, verifyTarget),
  ];
}

async function main(): Promise<void> {
  if (sizes.length === 0) throw new Error('ORDELOG_BENCH_SIZES holds no entry counts');
  const started = performance.now();
  console.log(`Ordelog store against the raw floor, sizes ${sizes.join(', ')}, Node ${process.version}, load ${load(loadavg())}`);
  const results: SizeResult[] = [];
  let allMet = true;
  for (const size of sizes) {
    const result = await runSize(size);
    results.push(result);
    allMet = printTable(
      `${size} entries in the measured case, + ${Math.floor(size / 4)} in a newer case full of the search words ` +
        `(${ms(result.wallMs)}; load before ${load(result.loadBefore)}, after ${load(result.loadAfter)})`,
      sizeRows(result),
    ) && allMet;
    if (typeof result.dbstat === 'string') console.log(`\n${result.dbstat}`);
    else {
      console.log(`\nThe vault's largest tables and indexes (dbstat), at ${size}:`);
      for (const object of result.dbstat) console.log(`  ${object.name.padEnd(36)} ${mb(object.bytes).padStart(10)}`);
    }
  }
  const first = results[0];
  const last = results.at(-1);
  if (first && last && last.size > first.size) {
    allMet = printTable(
      `Growth ${last.size} ÷ ${first.size} (${(last.size / first.size).toFixed(1)}× the entries)`,
      growthRows(first, last),
    ) && allMet;
  } else console.log('\nGrowth: needs two sizes (ORDELOG_BENCH_SIZES=100000,300000).');
  console.log(`\nload average ${load(loadavg())} (1 / 5 / 15 min), total ${ms(performance.now() - started)}`);
  if (!allMet) process.exitCode = 1;
}

await main();
