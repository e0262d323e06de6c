import type { OrdelogDb } from './open';
import { statement } from './statements';

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

/** Appends an audit line; every write adds one, so the statement is prepared once per connection. */
export function appendAudit(db: OrdelogDb, line: AuditLine, at: Date = new Date()): void {
  statement(db.$client, 'INSERT INTO audit_lines (at, actor_id, action, object, result, origin) VALUES (?, ?, ?, ?, ?, ?)').run(
    at.toISOString(),
    line.actorId,
    line.action,
    line.object,
    line.result,
    line.origin,
  );
}
