import { decodeCursor, findEntry, listEntryPage } from '../../db/repositories/entries';
import { entryMatch } from '../../db/repositories/search';
import { manualEntryTypes, type ManualEntryType } from '../../shared/domain';
import { OrdelogError } from '../../shared/errors';
import {
  appendEntryInput,
  correctEntryInput,
  entryIdInput,
  listEntriesInput,
  type AppendEntryInput,
  type CorrectEntryInput,
  type EntryIdInput,
  type ListEntriesInput,
} from '../../shared/schemas';
import type { Entry, EntryPage } from '../../shared/views';
import { requireCase, requireFound, requireOpenCase } from './guards';
import { parseInput } from './input';
import { writeEntry } from './log';
import { mutate } from './mutate';
import type { Session } from './session';

export function appendEntry(session: Session, input: AppendEntryInput): Entry {
  return mutate(session, { action: 'entry.append', schema: appendEntryInput, object: (a) => `case:${a.caseId}` }, input, (args) => {
    const { caseId, ...fields } = args;
    return writeEntry(session, requireOpenCase(session, caseId, { partnerMay: true }), fields);
  });
}

const isManual = (type: string): type is ManualEntryType => (manualEntryTypes as readonly string[]).includes(type);

/**
 * A correction is a new entry pointing at the one it corrects; the original stays as it was. It keeps the
 * original's type and copies every field the correction does not give. System entries are not corrected.
 */
export function correctEntry(session: Session, input: CorrectEntryInput): Entry {
  return mutate(session, { action: 'entry.correct', schema: correctEntryInput, object: (a) => `entry:${a.entryId}` }, input, (args) => {
    const original = requireFound(findEntry(session.db, args.entryId));
    if (!isManual(original.type)) throw new OrdelogError('CONFLICT', { detail: 'Systeemregels worden niet gecorrigeerd.' });
    const caseRow = requireOpenCase(session, original.caseId, { partnerMay: true });
    return writeEntry(session, caseRow, {
      type: original.type,
      text: args.text,
      occurredAt: args.occurredAt ?? original.occurredAt,
      source: args.source === undefined ? original.source : args.source,
      sourceReliability: args.sourceReliability === undefined ? original.sourceReliability : args.sourceReliability,
      informationCredibility:
        args.informationCredibility === undefined ? original.informationCredibility : args.informationCredibility,
      personalData: args.personalData ?? original.personalData,
      location: args.location === undefined ? original.location : args.location,
      correctsEntryId: original.id,
    });
  });
}

export function getEntry(session: Session, input: EntryIdInput): Entry {
  return requireFound(findEntry(session.db, parseInput(entryIdInput, input).entryId));
}

/**
 * A page of a case's timeline in the order things happened (occurredAt, then seq), filtered by type, author
 * name, phase at recording, search text and number. Text without searchable characters filters nothing.
 */
export function listEntries(session: Session, input: ListEntriesInput): EntryPage {
  const args = parseInput(listEntriesInput, input);
  requireCase(session, args.caseId);
  return listEntryPage(
    session.db,
    {
      caseId: args.caseId,
      types: args.types,
      authorName: args.authorName,
      phaseId: args.phaseId,
      match: args.query === undefined ? undefined : (entryMatch(session.db, args.query) ?? undefined),
      seq: args.seq,
    },
    {
      after: args.after === undefined ? undefined : decodeCursor(args.after),
      before: args.before === undefined ? undefined : decodeCursor(args.before),
      limit: args.limit,
    },
  );
}
