/**
 * Vault benchmark on 100,000 log entries: the encrypted vault against the same schema in plain SQLite,
 * measured in the same run, so the ratios hold on a noisy machine. Not part of `npm test`.
 *
 *   npm run bench                       (ORDELOG_BENCH_ENTRIES=20000 npm run bench for a quicker look)
 *
 * Prints one table and exits non-zero when a target is missed:
 *   bulk inserts ≤ 1.25× plain · timeline page p95 ≤ 10 ms · full-text search p95 ≤ 20 ms ·
 *   unlock minus KDF ≤ 100 ms.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { appendChainedEntry } from '../../db/chain';
import { defaultMigrationsFolder, knownSchemaVersion, type OpenedDatabase } from '../../db/open';
import * as schema from '../../db/schema';
import { seedCatalogues } from '../../db/seed';
import { createVault, unlockVault } from '../../db/vault';
import { createCase } from '../../main/services/cases';
import { appendEntry, listEntries } from '../../main/services/entries';
import { searchCase } from '../../main/services/search';
import { sessionFor, type Session } from '../../main/services/session';
import type { ManualEntryType } from '../../shared/domain';
import { entryText, generator, percentile, words } from './text';

const entryCount = Number(process.env.ORDELOG_BENCH_ENTRIES ?? 100_000);
const batchSize = 1_000;
const singleAppends = 500;
const queries = 200;
const passphrase = 'benchmark wachtwoordzin 2026';

const types: ManualEntryType[] = ['signaal', 'waarneming', 'overleg', 'actie', 'communicatie', 'notitie'];

/** The plain baseline: the same schema, pragmas, migrations and seed as `openDatabase`, without a key. */
function openPlain(file: string): OpenedDatabase {
  const sqlite = new Database(file);
  sqlite.pragma('mmap_size=0');
  sqlite.pragma('foreign_keys=ON');
  sqlite.pragma('secure_delete=ON');
  sqlite.pragma('journal_mode=WAL');
  sqlite.pragma('synchronous=FULL');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: defaultMigrationsFolder() });
  sqlite.pragma(`user_version=${knownSchemaVersion()}`);
  const opened = { sqlite, db, close: () => sqlite.close() };
  seedCatalogues(opened);
  return opened;
}

interface VariantResult {
  bulkMs: number;
  singleMs: number;
  pageP50: number;
  pageP95: number;
  ftsP50: number;
  ftsP95: number;
  timelineSearchP95: number;
}

function runVariant(session: Session): VariantResult {
  const { id: caseId, phaseId } = createCase(session, { title: 'Benchmark: oproep via TikTok' });
  const next = generator(42);
  const start = Date.parse('2026-06-01T08:00:00Z');
  const cursors: string[] = [];

  const bulkStarted = performance.now();
  for (let done = 0; done < entryCount; done += batchSize) {
    session.db.sqlite.transaction(() => {
      for (let i = done; i < Math.min(entryCount, done + batchSize); i += 1) {
        const occurredAt = new Date(start + i * 15_000).toISOString();
        const stored = appendChainedEntry(session.db.sqlite, {
          id: randomUUID(),
          caseId,
          type: types[i % types.length] as ManualEntryType,
          text: entryText(next),
          occurredAt,
          recordedAt: occurredAt,
          authorId: session.user.id,
          authorName: session.user.displayName,
          source: i % 3 === 0 ? 'TikTok' : null,
          sourceReliability: null,
          informationCredibility: null,
          correctsEntryId: null,
          personalData: false,
          phaseId,
        });
        if (i % Math.max(1, Math.floor(entryCount / queries)) === 0) cursors.push(`${stored.occurredAt}_${stored.seq}`);
      }
    })();
  }
  const bulkMs = performance.now() - bulkStarted;

  // The app's own path: validated, chained, audited, one durable transaction each.
  const singleStarted = performance.now();
  for (let i = 0; i < singleAppends; i += 1) {
    appendEntry(session, { caseId, type: 'waarneming', text: entryText(next) });
  }
  const singleMs = performance.now() - singleStarted;

  const page: number[] = [];
  for (const after of cursors.slice(0, queries)) {
    const t = performance.now();
    listEntries(session, { caseId, after, limit: 100 });
    page.push(performance.now() - t);
  }
  const fts: number[] = [];
  const timelineSearch: number[] = [];
  for (let i = 0; i < queries; i += 1) {
    const word = words[i % words.length] as string;
    const query = word === 'geëscaleerd' ? 'geescaleerd' : word;
    let t = performance.now();
    searchCase(session, { caseId, query, limit: 50 });
    fts.push(performance.now() - t);
    t = performance.now();
    listEntries(session, { caseId, query, limit: 100 });
    timelineSearch.push(performance.now() - t);
  }
  return {
    bulkMs,
    singleMs,
    pageP50: percentile(page, 50),
    pageP95: percentile(page, 95),
    ftsP50: percentile(fts, 50),
    ftsP95: percentile(fts, 95),
    timelineSearchP95: percentile(timelineSearch, 95),
  };
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'ordelog-bench-'));
  try {
    const vaultDir = join(root, 'vault');
    // The app's default KDF parameters (OWASP minimum, N=2^17), so the unlock split is the real one.
    const { vault } = await createVault(vaultDir, {
      userName: 'bench',
      displayName: 'Benchmark',
      passphrase,
      kdf: { N: 2 ** 17, r: 8, p: 1 },
    });
    const encrypted = runVariant(sessionFor(vault, 'cli'));
    vault.lock();

    const plainDb = openPlain(join(root, 'plain.db'));
    const userId = randomUUID();
    plainDb.db.insert(schema.users).values({ id: userId, name: 'bench', displayName: 'Benchmark', role: 'beheerder', createdAt: new Date().toISOString() }).run();
    const plain = runVariant({ db: plainDb, user: { id: userId, name: 'bench', displayName: 'Benchmark', role: 'beheerder' }, origin: 'cli' });
    plainDb.close();

    const unlocks: { kdfMs: number; restMs: number }[] = [];
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      const unlocked = await unlockVault(vaultDir, 'bench', passphrase);
      const wall = performance.now() - started;
      unlocks.push({ kdfMs: unlocked.timings.kdfMs, restMs: wall - unlocked.timings.kdfMs });
      unlocked.lock();
    }
    const kdfMs = percentile(unlocks.map((u) => u.kdfMs), 50);
    const restMs = percentile(unlocks.map((u) => u.restMs), 50);
    const restMax = Math.max(...unlocks.map((u) => u.restMs));

    const fmt = (n: number) => n.toFixed(n < 10 ? 2 : 0);
    const rows: [string, string, string, string, boolean][] = [
      [`bulk insert ${entryCount} entries (batches of ${batchSize})`, `${fmt(encrypted.bulkMs)} ms`, `${fmt(plain.bulkMs)} ms`, `${(encrypted.bulkMs / plain.bulkMs).toFixed(2)}× (≤ 1.25×)`, encrypted.bulkMs / plain.bulkMs <= 1.25],
      [`single appends ×${singleAppends} (validated, audited, fsync each)`, `${fmt(encrypted.singleMs / singleAppends)} ms each`, `${fmt(plain.singleMs / singleAppends)} ms each`, `${(encrypted.singleMs / plain.singleMs).toFixed(2)}×`, true],
      ['timeline page of 100, p50 / p95', `${fmt(encrypted.pageP50)} / ${fmt(encrypted.pageP95)} ms`, `${fmt(plain.pageP50)} / ${fmt(plain.pageP95)} ms`, `p95 ${(encrypted.pageP95 / plain.pageP95).toFixed(2)}× (p95 ≤ 10 ms)`, encrypted.pageP95 <= 10],
      ['full-text search, top 50, p50 / p95', `${fmt(encrypted.ftsP50)} / ${fmt(encrypted.ftsP95)} ms`, `${fmt(plain.ftsP50)} / ${fmt(plain.ftsP95)} ms`, `p95 ${(encrypted.ftsP95 / plain.ftsP95).toFixed(2)}× (p95 ≤ 20 ms)`, encrypted.ftsP95 <= 20],
      ['timeline filtered by search text, p95', `${fmt(encrypted.timelineSearchP95)} ms`, `${fmt(plain.timelineSearchP95)} ms`, `${(encrypted.timelineSearchP95 / plain.timelineSearchP95).toFixed(2)}×`, true],
      ['unlock: KDF (scrypt N=2^17 r=8 p=1), median', `${fmt(kdfMs)} ms`, '', '', true],
      ['unlock minus KDF, median / max of 5', `${fmt(restMs)} / ${fmt(restMax)} ms`, '', '(≤ 100 ms)', restMax <= 100],
    ];
    console.log(`Ordelog vault benchmark, ${entryCount} entries, Node ${process.version}\n`);
    console.log(['measure', 'encrypted', 'plain', 'ratio (target)', ''].join(' | '));
    for (const [name, enc, pl, ratio, ok] of rows) console.log([name, enc, pl, ratio, ok ? 'ok' : 'MISSED'].join(' | '));
    if (rows.some((row) => !row[4])) process.exitCode = 1;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
