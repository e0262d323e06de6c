import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { ContentClass } from '../../shared/domain';
import type { Platform, Signal, SignalChannel } from '../../shared/signals';
import type { OpenedDatabase } from '../open';
import { attachments, logEntries, signals } from '../schema';

export type NewSignal = typeof signals.$inferInsert;

const view = {
  entryId: signals.entryId,
  caseId: signals.caseId,
  platform: signals.platform,
  url: signals.url,
  accountHandle: signals.accountHandle,
  channel: signals.channel,
  legalGround: signals.legalGround,
  postedAt: signals.postedAt,
  seenAt: signals.seenAt,
  reach: signals.reach,
  contentClass: signals.contentClass,
  phaseId: signals.phaseId,
  capturedByName: signals.capturedByName,
};

export function insertSignal(store: OpenedDatabase, row: NewSignal): Signal {
  return store.db.insert(signals).values(row).returning(view).get();
}

export interface SignalFilter {
  caseId: string;
  platform?: Platform | undefined;
  channel?: SignalChannel | undefined;
  contentClass?: ContentClass | undefined;
}

/** A case's signals, newest seen first, each with how many attachments its entry has. */
export function listSignalRows(store: OpenedDatabase, filter: SignalFilter): (Signal & { attachmentCount: number })[] {
  const conditions: SQL[] = [eq(signals.caseId, filter.caseId)];
  if (filter.platform !== undefined) conditions.push(eq(signals.platform, filter.platform));
  if (filter.channel !== undefined) conditions.push(eq(signals.channel, filter.channel));
  if (filter.contentClass !== undefined) conditions.push(eq(signals.contentClass, filter.contentClass));
  return store.db
    .select({
      ...view,
      attachmentCount: sql<number>`(SELECT count(*) FROM ${attachments} WHERE ${attachments.entryId} = ${signals.entryId})`,
    })
    .from(signals)
    .innerJoin(logEntries, eq(logEntries.id, signals.entryId))
    .where(and(...conditions))
    .orderBy(desc(signals.seenAt), desc(logEntries.seq))
    .all();
}

/** The signal an entry records, if it records one. */
export function findSignal(store: OpenedDatabase, entryId: string): Signal | undefined {
  return store.db.select(view).from(signals).where(eq(signals.entryId, entryId)).get();
}

/** Every signal of a case in log order, for a case export. */
export function signalsOfCase(store: OpenedDatabase, caseId: string): Signal[] {
  return store.db
    .select(view)
    .from(signals)
    .innerJoin(logEntries, eq(logEntries.id, signals.entryId))
    .where(eq(signals.caseId, caseId))
    .orderBy(logEntries.seq)
    .all();
}
