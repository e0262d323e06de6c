import { randomUUID } from 'node:crypto';
import type { CaseRow } from '../../db/repositories/cases';
import type { NewEntry } from '../../db/chain';
import { insertEntry } from '../../db/repositories/entries';
import { signEntry, signerFor } from '../../db/signatures';
import { insertLocalProvisional, replicasOfCase } from '../../db/repositories/replicas';
import { OrdelogError } from '../../shared/errors';
import { caseIsSyncing, syncCase } from './sharing/replicas';
import type { EntryType, InformationCredibility, SourceReliability } from '../../shared/domain';
import type { Entry } from '../../shared/views';
import { now, type Session } from './session';

export interface EntryFields {
  type: EntryType;
  text: string;
  occurredAt?: string | undefined;
  source?: string | null | undefined;
  sourceReliability?: SourceReliability | null | undefined;
  informationCredibility?: InformationCredibility | null | undefined;
  correctsEntryId?: string | null | undefined;
  personalData?: boolean | undefined;
  location?: string | null | undefined;
}

/**
 * Appends an entry recorded now by the session's user, in the case's current phase. Manual entries and the
 * system entries that log phase changes, handovers, task changes and decisions all go through here, so each is
 * signed with the user's key (db/signatures.ts) when the session has it: every signed-in user does; the recovery
 * actor has none and writes no entries of its own.
 */
export function writeEntry(session: Session, caseRow: CaseRow, fields: EntryFields): Entry {
  const recordedAt = now();
  const entry: NewEntry = {
    id: randomUUID(),
    caseId: caseRow.id,
    type: fields.type,
    text: fields.text,
    occurredAt: fields.occurredAt ?? recordedAt,
    recordedAt,
    authorId: session.user.id,
    authorName: session.user.displayName,
    source: fields.source ?? null,
    sourceReliability: fields.sourceReliability ?? null,
    informationCredibility: fields.informationCredibility ?? null,
    correctsEntryId: fields.correctsEntryId ?? null,
    personalData: fields.personalData ?? false,
    phaseId: caseRow.currentPhaseId,
    location: fields.location ?? null,
  };
  const signer = signerFor(session.db, session.user.id);
  const replicas = caseRow.key === null ? [] : replicasOfCase(session.db, caseRow.id);
  const replica = replicas[0];
  if (!replica) return insertEntry(session.db, signer ? signEntry(entry, signer) : entry);
  if (caseIsSyncing(caseRow.id)) throw new OrdelogError('CASE_SYNCING');
  scheduleSync(session, caseRow.id);
  if (replica.owner) return insertEntry(session.db, signer ? signEntry(entry, signer) : entry);
  if (!signer) throw new OrdelogError('SIGNING_KEY_MISSING');
  if (replica.scope === 'signalen' && entry.type !== 'signaal') throw new OrdelogError('SIGNALS_ONLY_CASE');
  const signed = signEntry(entry, signer);
  insertLocalProvisional(session.db, replica.caseKey, { ...signed, location: signed.location ?? null });
  return provisionalView(signed);
}

/** An entry written in a received case, as the views show it until the owner has placed it: no number, no hash yet. */
function provisionalView(entry: NewEntry): Entry {
  return {
    id: entry.id,
    caseId: entry.caseId,
    seq: 0,
    type: entry.type,
    text: entry.text,
    occurredAt: entry.occurredAt,
    recordedAt: entry.recordedAt,
    authorId: entry.authorId,
    authorName: entry.authorName,
    source: entry.source,
    sourceReliability: entry.sourceReliability,
    informationCredibility: entry.informationCredibility,
    correctsEntryId: entry.correctsEntryId,
    correctedByIds: [],
    personalData: entry.personalData,
    phaseId: entry.phaseId,
    location: entry.location ?? null,
    hash: '',
  };
}

const pendingSyncs = new Map<string, ReturnType<typeof setTimeout>>();
const syncDelayMs = 200;

/**
 * Hands a shared case's new entries to the engine shortly after the write commits (a timer runs after the
 * transaction), a burst of writes at once. A round that fails (the vault locked meanwhile) leaves the entries
 * pending; the next round, or the next bundle, takes them.
 */
function scheduleSync(session: Session, caseId: string): void {
  if (pendingSyncs.has(caseId)) return;
  const timer = setTimeout(() => {
    pendingSyncs.delete(caseId);
    syncCase(session, caseId).catch(() => undefined);
  }, syncDelayMs);
  timer.unref?.();
  pendingSyncs.set(caseId, timer);
}

/** The session's user as stored with a record: id for the link, name as it is now. */
export const actor = (session: Session) => ({ id: session.user.id, name: session.user.displayName });
