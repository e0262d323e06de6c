import { findPhase } from '../../db/repositories/catalogue';
import { findEntry } from '../../db/repositories/entries';
import { insertSignal, listSignalRows } from '../../db/repositories/signals';
import {
  listSignalsInput,
  platformNames,
  recordSignalInput,
  type ListSignalsInput,
  type RecordedSignal,
  type RecordSignalInput,
  type SignalListItem,
} from '../../shared/signals';
import type { Entry } from '../../shared/views';
import { requireCase, requireOpenCase } from './guards';
import { invalidField, parseInput } from './input';
import { actor, writeEntry } from './log';
import { mutate } from './mutate';
import { now, type Session } from './session';

/**
 * Records a signal: an entry of type `signaal` whose text is the summary, its source the platform, its
 * grading the admiralty code, and the facts of the post beside it, in one transaction. The entry happened
 * when the post was placed (or, when that is unknown, when it was seen). A handle is personal data, so it
 * marks the entry. A closed channel needs a legal ground (the schema refuses it otherwise, path `legalGround`).
 * Attachments (screenshots) follow with `attachments.add` and the returned `entry.id`.
 */
export function recordSignal(session: Session, input: RecordSignalInput): RecordedSignal {
  return mutate(session, { action: 'signal.record', schema: recordSignalInput, object: (a) => `case:${a.caseId}` }, input, (args) => {
    const caseRow = requireOpenCase(session, args.caseId);
    if (args.phaseId !== null && !findPhase(session.db, args.phaseId)) throw invalidField('phaseId');
    const seenAt = args.seenAt ?? now();
    const entry = writeEntry(session, caseRow, {
      type: 'signaal',
      text: args.text,
      occurredAt: args.postedAt ?? seenAt,
      source: platformNames[args.platform],
      sourceReliability: args.sourceReliability,
      informationCredibility: args.informationCredibility,
      personalData: args.personalData || args.accountHandle !== null,
      location: args.location,
    });
    const by = actor(session);
    const signal = insertSignal(session.db, {
      entryId: entry.id,
      caseId: caseRow.id,
      platform: args.platform,
      url: args.url,
      accountHandle: args.accountHandle,
      channel: args.channel,
      legalGround: args.legalGround,
      postedAt: args.postedAt,
      seenAt,
      reach: args.reach,
      contentClass: args.contentClass,
      phaseId: args.phaseId,
      capturedBy: by.id,
      capturedByName: by.name,
    });
    return { entry, signal };
  });
}

/** A case's signals, newest seen first, filtered by platform, channel and content class. */
export function listSignals(session: Session, input: ListSignalsInput): SignalListItem[] {
  const args = parseInput(listSignalsInput, input);
  requireCase(session, args.caseId);
  return listSignalRows(session.db, args).map(({ attachmentCount, ...signal }) => ({
    entry: findEntry(session.db, signal.entryId) as Entry,
    signal,
    attachmentCount,
  }));
}
