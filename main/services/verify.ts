import type Database from 'better-sqlite3';
import { verifyChains, type ChainProgress } from '../../db/chain';
import { checkStructure, type StructureReport } from '../../db/structure';
import { slotSigningKeysBeside } from '../../db/vault';
import type { VerifyReport } from '../../shared/views';
import { audit } from './mutate';
import type { Session } from './session';

export interface VerifyOptions {
  /**
   * Only the hash chains and each case's head signature, in one streaming pass: linear in the log's length. The
   * full check adds SQLite's integrity check, which reads every page and index and grows faster than the log
   * (0.3 s at 10k entries, seconds at 300k), and the foreign key check, and names the forged entry of a case
   * whose head signature fails by checking its entries' signatures.
   */
  quick?: boolean;
  /** Hears the entries checked against the log's length as the chains are recomputed. */
  progress?: ChainProgress;
}

/**
 * Every pass of a full check reads the whole file, and on an encrypted vault each page read is a decryption and
 * a MAC check. With the default 2 MB page cache the chain pass, the integrity check (which also looks every index
 * entry up in its table) and the foreign key check each decrypted the file again: 2.4 s at 100,000 entries. A
 * cache as large as the file for the check's duration decrypts each page once, in the chain pass that streams
 * through the log first; the checks after it read memory. The cache is capped, so a very large vault still gets
 * a bounded cache (and a slower check), and goes back to its size after.
 */
const maxVerifyCacheKiB = 256 * 1024;

function withWholeFileCache<T>(sqlite: Database.Database, work: () => T): T {
  const cache = sqlite.pragma('cache_size', { simple: true }) as number;
  const pageCount = sqlite.pragma('page_count', { simple: true }) as number;
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  const fileKiB = Math.ceil((pageCount * pageSize) / 1024) + 1024;
  sqlite.pragma(`cache_size=-${Math.min(fileKiB, maxVerifyCacheKiB)}`);
  try {
    return work();
  } finally {
    sqlite.pragma(`cache_size=${cache}`);
  }
}


const reportOf = (structure: StructureReport, chains: VerifyReport['chains']): VerifyReport => ({
  ok: structure.integrity.length === 1 && structure.integrity[0] === 'ok' && structure.foreignKeyViolations === 0 && chains.ok,
  ...structure,
  chains,
});

function check(sqlite: Database.Database, options: VerifyOptions): VerifyReport {
  if (options.quick) {
    return reportOf({ integrity: ['ok'], foreignKeyViolations: 0 }, verifyChains(sqlite, options.progress, { slotKeys: slotSigningKeysBeside(sqlite), quick: true }));
  }
  return withWholeFileCache(sqlite, () => {
    const chains = verifyChains(sqlite, options.progress, { slotKeys: slotSigningKeysBeside(sqlite) });
    return reportOf(checkStructure(sqlite), chains);
  });
}

/**
 * Checks the vault: SQLite's own integrity check, foreign keys, and every case's hash chain (or, quick, the
 * chains alone). Audited with the outcome, since a failed check is a security incident (BIO); the report holds
 * ids and counts, never case text.
 */
export function verify(session: Session, options: VerifyOptions = {}): VerifyReport {
  return audited(session, options, check(session.db.sqlite, options));
}

function audited(session: Session, options: VerifyOptions, report: VerifyReport): VerifyReport {
  audit(session, options.quick ? 'vault.verify-quick' : 'vault.verify', 'vault', report.ok ? 'ok' : 'fout');
  return report;
}

/**
 * The full check on two cores: `structureElsewhere` runs SQLite's checks on a connection of its own in another
 * thread (its own reads and decryption), while this thread recomputes the chains. The two passes took about the
 * same time one after the other (1.1 s and 0.9 s at 125,000 entries); side by side the check takes the longer.
 */
export async function verifyOnTwoThreads(
  session: Session,
  options: Omit<VerifyOptions, 'quick'>,
  structureElsewhere: () => Promise<StructureReport>,
): Promise<VerifyReport> {
  const structure = structureElsewhere();
  // A failure over there is heard after the chain pass, however early it came.
  structure.catch(() => undefined);
  const chains = verifyChains(session.db.sqlite, options.progress, { slotKeys: slotSigningKeysBeside(session.db.sqlite) });
  return audited(session, options, reportOf(await structure, chains));
}
