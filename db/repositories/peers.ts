import type { OpenedDatabase } from '../open';
import { peers } from '../schema';
import { statement } from '../statements';
import { asc, eq } from 'drizzle-orm';

export type PeerRow = typeof peers.$inferSelect;

export function insertPeer(store: OpenedDatabase, row: PeerRow): PeerRow {
  store.db.insert(peers).values(row).run();
  return row;
}

export function listPeerRows(store: OpenedDatabase): PeerRow[] {
  return store.db.select().from(peers).orderBy(asc(peers.organisation), asc(peers.name)).all();
}

export function findPeerBySigningKey(store: OpenedDatabase, signingKey: string): PeerRow | undefined {
  return store.db.select().from(peers).where(eq(peers.signingKey, signingKey)).get();
}

export function findPeer(store: OpenedDatabase, id: string): PeerRow | undefined {
  return store.db.select().from(peers).where(eq(peers.id, id)).get();
}

export function markPeerAccepted(
  store: OpenedDatabase,
  id: string,
  accepted: { at: string; by: string; boxKey: string | null; userId: string | null },
): void {
  store.db
    .update(peers)
    .set({ acceptedAt: accepted.at, acceptedBy: accepted.by, boxKey: accepted.boxKey, userId: accepted.userId })
    .where(eq(peers.id, id))
    .run();
}

/** The organisation this vault speaks for in invitations and bundles (`settings`, key `organisation.name`). */
export function readOrganisationName(store: OpenedDatabase): string {
  const value = statement(store.sqlite, `SELECT value FROM settings WHERE key = 'organisation.name'`).pluck().get() as string | undefined;
  return value === undefined ? 'Ordelog' : (JSON.parse(value) as string);
}
