import type { z } from 'zod';
import { appendAudit, type AuditResult } from '../../db/audit';
import { mapDatabaseError } from '../../db/open';
import { noteCommittedWrite } from '../../db/rollback-memory';
import { findWriteRequest, insertWriteRequest } from '../../db/repositories/write-requests';
import { rolePermissions } from '../../shared/domain';
import { OrdelogError } from '../../shared/errors';
import { invalidInput } from './input';
import { now, type Session } from './session';

export interface WriteSpec<S extends z.ZodType> {
  /** `case.create`, `entry.append`, …: what the audit line says was attempted. */
  action: string;
  schema: S;
  /** The audit object for valid input (`case:<id>`); never text or personal data. */
  object: (input: z.output<S>) => string;
  /** Any role may: the write keeps the user's own place (what they have read), not a record of the case. */
  anyRole?: true;
}

export function audit(session: Session, action: string, object: string, result: AuditResult): void {
  appendAudit(session.db.db, { actorId: session.user.id, action, object, result, origin: session.origin });
}

/**
 * Every write goes through here: the role must allow writing (else FORBIDDEN, audited as `geweigerd`), the
 * input must parse (else INVALID_INPUT), and the work runs in one IMMEDIATE transaction together with its
 * `ok` audit line. A write that fails is rolled back and audited as `fout` afterwards. A write that carries a
 * request id already carried out is not done again: it answers what the first one answered, with no new audit
 * line, because the id and that answer were committed together with the first write. After the commit the
 * vault's rollback memory is told (db/rollback-memory.ts).
 */
export function mutate<S extends z.ZodType, T>(
  session: Session,
  spec: WriteSpec<S>,
  input: unknown,
  work: (args: z.output<S>) => T,
): T {
  const parsed = spec.schema.safeParse(input);
  const object = parsed.success ? spec.object(parsed.data) : spec.action.split('.')[0] ?? spec.action;
  if (!spec.anyRole) requireWriter(session, spec.action, object);
  try {
    if (!parsed.success) throw invalidInput(parsed.error, input);
    const args = parsed.data;
    const answer = session.db.sqlite
      .transaction(() => {
        const earlier = earlierAnswer(session);
        if (earlier) return earlier.value as T;
        const result = work(args);
        audit(session, spec.action, object, 'ok');
        rememberAnswer(session, result);
        return result;
      })
      .immediate();
    // The vault's memory of its database (outside the file) follows shortly, on a timer: not on this write's time.
    noteCommittedWrite(session.db);
    return answer;
  } catch (error) {
    const mapped = mapDatabaseError(error);
    auditFailure(session, spec.action, object);
    throw mapped;
  }
}

/**
 * The same promise for a write that cannot be one transaction (user management: a key derivation runs before
 * anything is written, and the key slots are a file beside the database): a request carried out before answers
 * what it answered then. The id is recorded the moment the work is done, in the same turn of the event loop, so
 * no other request comes in between; only a crash in that instant would let a retry do the work again.
 */
export async function writeOnce<T>(session: Session, work: () => Promise<T>): Promise<T> {
  const earlier = earlierAnswer(session);
  if (earlier) return earlier.value as T;
  const result = await work();
  rememberAnswer(session, result);
  return result;
}

/**
 * What this session's request answered when it was carried out before, if it was. An id met again for another
 * channel or another user is not a repeat but a misuse, and is refused.
 */
export function earlierAnswer(session: Session): { value: unknown } | undefined {
  if (!session.request) return undefined;
  const row = findWriteRequest(session.db, session.request.id);
  if (!row) return undefined;
  if (row.channel !== session.request.channel || row.userId !== session.user.id) {
    throw new OrdelogError('CONFLICT', { detail: 'Dit verzoek-ID is al voor een andere handeling gebruikt.' });
  }
  return { value: JSON.parse(row.result) as unknown };
}

function rememberAnswer(session: Session, result: unknown): void {
  if (!session.request) return;
  insertWriteRequest(session.db, {
    requestId: session.request.id,
    channel: session.request.channel,
    userId: session.user.id,
    result: JSON.stringify(result ?? null),
    at: now(),
  });
}

/**
 * FORBIDDEN unless the user's role may write, audited as `geweigerd`. Call it before opening a transaction
 * of your own: a refusal audited inside a transaction that then rolls back would leave no trace.
 */
export function requireWriter(session: Session, action: string, object: string): void {
  if (rolePermissions[session.user.role].write) return;
  audit(session, action, object, 'geweigerd');
  throw new OrdelogError('FORBIDDEN');
}

/** Reads that let case data leave the vault (exports) are audited too, though any role may do them. */
export function auditedRead<T>(session: Session, action: string, object: string, work: () => T): T {
  try {
    const result = work();
    audit(session, action, object, 'ok');
    return result;
  } catch (error) {
    auditFailure(session, action, object);
    throw mapDatabaseError(error);
  }
}

function auditFailure(session: Session, action: string, object: string): void {
  try {
    audit(session, action, object, 'fout');
  } catch {
    // The vault may be what failed (damaged, locked); the caller must still get the original error.
  }
}
