import { randomUUID } from 'node:crypto';
import type { CaseRow } from '../../db/repositories/cases';
import type { NewEntry } from '../../db/chain';
import { insertEntry } from '../../db/repositories/entries';
import { signEntry, signerFor } from '../../db/signatures';
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
  return insertEntry(session.db, signer ? signEntry(entry, signer) : entry);
}

/** The session's user as stored with a record: id for the link, name as it is now. */
export const actor = (session: Session) => ({ id: session.user.id, name: session.user.displayName });
