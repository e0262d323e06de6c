/**
 * Verification for tests/bench/store.bench.ts in a fresh process, as `ordelog-admin verify` runs: the vault's
 * `verify` (full, then quick) and the floor's chain recompute (with and without SQLite's integrity check), taking
 * turns. Prints one JSON line: `{ "full": { floor, store }, "quick": { floor, store } }` in milliseconds.
 *
 *   verify-child <vault dir> <floor file>     with ORDELOG_BENCH_FLOOR_KEY (hex) and ORDELOG_BENCH_CASES (JSON)
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { canonicalEntryEncoding, type NewEntry } from '../../db/chain';
import { applyKey } from '../../db/open';
import { unlockVault } from '../../db/vault';
import { sessionFor } from '../../main/services/session';
import { verify } from '../../main/services/verify';

export interface BenchCase {
  id: string;
  key: number;
  phaseId: string;
  start: { seq: number; hash: string };
}

export const benchUser = { name: 'bench', passphrase: 'benchmark wachtwoordzin 2026' };

/** The floor's verify: every chain recomputed in one pass, and (full) SQLite's integrity check. */
export function verifyFloor(sqlite: Database.Database, cases: BenchCase[], full: boolean): void {
  const byKey = new Map(cases.map((benchCase) => [benchCase.key, benchCase]));
  const heads = new Map(cases.map((benchCase) => [benchCase.key, benchCase.start]));
  const rows = sqlite.prepare(
    `SELECT id, case_key AS caseKey, seq, type, text, occurred_at AS occurredAt, recorded_at AS recordedAt,
       author_id AS authorId, author_name AS authorName, source, source_reliability AS sourceReliability,
       information_credibility AS informationCredibility, corrects_entry_id AS correctsEntryId,
       personal_data AS personalData, phase_id AS phaseId, location, hash
     FROM floor_entries ORDER BY n`,
  );
  type FloorRow = Omit<NewEntry, 'caseId' | 'personalData'> & { caseKey: number; seq: number; personalData: number; hash: Buffer };
  for (const row of rows.iterate() as IterableIterator<FloorRow>) {
    const benchCase = byKey.get(row.caseKey);
    const previous = heads.get(row.caseKey);
    if (!benchCase || !previous || row.seq !== previous.seq + 1) throw new Error(`floor chain broken at ${row.seq}`);
    const hash = createHash('sha256')
      .update(canonicalEntryEncoding({ ...row, caseId: benchCase.id, personalData: row.personalData === 1, prevHash: previous.hash }), 'utf8')
      .digest();
    if (!hash.equals(row.hash)) throw new Error(`floor chain broken at ${row.seq}`);
    heads.set(row.caseKey, { seq: row.seq, hash: hash.toString('hex') });
  }
  if (full) {
    const integrity = sqlite.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`floor integrity check: ${String(integrity)}`);
  }
}

function timed(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

async function main(dir: string, floorFile: string): Promise<void> {
  const cases = JSON.parse(process.env.ORDELOG_BENCH_CASES ?? '[]') as BenchCase[];
  const floor = new Database(floorFile, { fileMustExist: true });
  applyKey(floor, Buffer.from(process.env.ORDELOG_BENCH_FLOOR_KEY ?? '', 'hex'));
  floor.pragma('mmap_size=0');
  const vault = await unlockVault(dir, benchUser.name, benchUser.passphrase);
  const session = sessionFor(vault, 'cli');
  try {
    const store = (quick: boolean) => () => {
      if (!verify(session, { quick }).ok) throw new Error('verify found a problem in the benchmark vault');
    };
    const full = { floor: timed(() => verifyFloor(floor, cases, true)), store: timed(store(false)) };
    const quickStore = timed(store(true));
    const quick = { floor: timed(() => verifyFloor(floor, cases, false)), store: quickStore };
    process.stdout.write(`${JSON.stringify({ full, quick })}\n`);
  } finally {
    vault.lock();
    floor.close();
  }
}

const [dir, floorFile] = process.argv.slice(2);
if (dir !== undefined && floorFile !== undefined) await main(dir, floorFile);
