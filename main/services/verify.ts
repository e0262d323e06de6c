import type Database from 'better-sqlite3';
import { verifyChains } from '../../db/chain';
import type { VerifyReport } from '../../shared/views';
import { audit } from './mutate';
import type { Session } from './session';

function check(sqlite: Database.Database): VerifyReport {
  const integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
  const foreignKeyViolations = (sqlite.pragma('foreign_key_check') as unknown[]).length;
  const chains = verifyChains(sqlite);
  const ok = integrity.length === 1 && integrity[0] === 'ok' && foreignKeyViolations === 0 && chains.ok;
  return { ok, integrity, foreignKeyViolations, chains };
}

/**
 * Checks the vault: SQLite's own integrity check, foreign keys, and every case's hash chain. Audited with the
 * outcome, since a failed check is a security incident (BIO); the report holds ids and counts, never case text.
 */
export function verify(session: Session): VerifyReport {
  const report = check(session.db.sqlite);
  audit(session, 'vault.verify', 'vault', report.ok ? 'ok' : 'fout');
  return report;
}
