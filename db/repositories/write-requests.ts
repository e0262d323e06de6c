import { eq, lt } from 'drizzle-orm';
import type { OpenedDatabase } from '../open';
import { writeRequests } from '../schema';

export interface WriteRequestRow {
  requestId: string;
  channel: string;
  userId: string;
  result: string;
  at: string;
}

export function findWriteRequest(store: OpenedDatabase, requestId: string): WriteRequestRow | undefined {
  return store.db.select().from(writeRequests).where(eq(writeRequests.requestId, requestId)).get();
}

export function insertWriteRequest(store: OpenedDatabase, row: WriteRequestRow): void {
  store.db.insert(writeRequests).values(row).run();
}

/** Forgets answers older than `before`: a request repeated after that long is not a repeat but a new intent. */
export function pruneWriteRequests(store: OpenedDatabase, before: string): number {
  return store.db.delete(writeRequests).where(lt(writeRequests.at, before)).run().changes;
}
