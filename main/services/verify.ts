import type Database from 'better-sqlite3';
import { verifyChains, type ChainProgress } from '../../db/chain';
import type { VerifyReport } from '../../shared/views';
import { audit } from './mutate';
import type { Session } from './session';

export interface VerifyOptions {
  /**
   * Only the hash chains, in one streaming pass: linear in the log's length. The full check adds SQLite's
   * integrity check, which reads every page and index and grows faster than the log (0.3 s at 10k entries,
   * seconds at 300k), and the foreign key check.
   */
  quick?: boolean;
  /** Hears the entries checked against the log's length as the chains are recomputed. */
  progress?: ChainProgress;
}

/**
 * SQLite's integrity check looks every index entry up in its table; with the default 2 MB page cache most of those
 * lookups decrypt a page again, and the check grew 4× for 3× the log. A larger cache for the check's duration
 * keeps the b-trees' upper pages in memory (1.7 s → 0.5 s at 100,000 entries); it goes back after.
 */
const verifyCacheKiB = 64 * 1024;

function integrityCheck(sqlite: Database.Database): string[] {
  const cache = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma(`cache_size=-${verifyCacheKiB}`);
  try {
    return (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
  } finally {
    sqlite.pragma(`cache_size=${cache}`);
  }
}

function check(sqlite: Database.Database, options: VerifyOptions): VerifyReport {
  const integrity = options.quick ? ['ok'] : integrityCheck(sqlite);
  const foreignKeyViolations = options.quick ? 0 : (sqlite.pragma('foreign_key_check') as unknown[]).length;
  const chains = verifyChains(sqlite, options.progress);
  const ok = integrity.length === 1 && integrity[0] === 'ok' && foreignKeyViolations === 0 && chains.ok;
  return { ok, integrity, foreignKeyViolations, chains };
}

/**
 * Checks the vault: SQLite's own integrity check, foreign keys, and every case's hash chain (or, quick, the
 * chains alone). Audited with the outcome, since a failed check is a security incident (BIO); the report holds
 * ids and counts, never case text.
 */
export function verify(session: Session, options: VerifyOptions = {}): VerifyReport {
  const report = check(session.db.sqlite, options);
  audit(session, options.quick ? 'vault.verify-quick' : 'vault.verify', 'vault', report.ok ? 'ok' : 'fout');
  return report;
}
