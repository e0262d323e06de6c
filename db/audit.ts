import type { OrdelogDb } from './open';
import { auditLines } from './schema';

export type AuditOrigin = 'app' | 'cli' | 'browser-host' | 'system';
export type AuditResult = 'ok' | 'geweigerd' | 'fout';

export interface AuditLine {
  actorId: string | null;
  action: string;
  /** The object acted on by id or kind (e.g. `case:01J…`, `user:beheer`): never case text or personal data. */
  object: string;
  result: AuditResult;
  origin: AuditOrigin;
}

export function appendAudit(db: OrdelogDb, line: AuditLine, at: Date = new Date()): void {
  db.insert(auditLines).values({ ...line, at: at.toISOString() }).run();
}
