import { and, eq, lt, sql } from 'drizzle-orm';
import type { OpenedDatabase } from '../open';
import { drafts, signalReads, userSettings } from '../schema';

export interface DraftRow {
  key: string;
  value: string;
  savedAt: string;
}

/** One user's drafts, oldest first; never another user's. */
export function listDrafts(store: OpenedDatabase, userId: string): DraftRow[] {
  return store.db
    .select({ key: drafts.key, value: drafts.value, savedAt: drafts.savedAt })
    .from(drafts)
    .where(eq(drafts.userId, userId))
    .orderBy(drafts.savedAt)
    .all();
}

export function upsertDraft(store: OpenedDatabase, userId: string, row: DraftRow): void {
  store.db
    .insert(drafts)
    .values({ userId, ...row })
    .onConflictDoUpdate({ target: [drafts.userId, drafts.key], set: { value: row.value, savedAt: row.savedAt } })
    .run();
}

export function deleteDraft(store: OpenedDatabase, userId: string, key: string): void {
  store.db.delete(drafts).where(and(eq(drafts.userId, userId), eq(drafts.key, key))).run();
}

/** Every user's drafts of one case's forms (`case/<id>/…`): the case can no longer be written to. */
export function deleteCaseDrafts(store: OpenedDatabase, caseId: string): void {
  const prefix = `case/${caseId}/`;
  // A prefix compared as text, not with LIKE, whose wildcards an id could contain.
  store.db.delete(drafts).where(sql`substr(${drafts.key}, 1, ${prefix.length}) = ${prefix}`).run();
}

/** Drafts nobody came back to since `before`: case text that should not stay in the vault (and its backups) forever. */
export function pruneDrafts(store: OpenedDatabase, before: string): void {
  store.db.delete(drafts).where(lt(drafts.savedAt, before)).run();
}

/** What belongs to one user alone (drafts, own settings, where they stand in reading signals): for a removed user. */
export function deleteUserOwnRows(store: OpenedDatabase, userId: string): void {
  store.db.delete(drafts).where(eq(drafts.userId, userId)).run();
  store.db.delete(userSettings).where(eq(userSettings.userId, userId)).run();
  store.db.delete(signalReads).where(eq(signalReads.userId, userId)).run();
}

/** One user's own settings, as stored JSON text by key. */
export function readUserSettings(store: OpenedDatabase, userId: string): Map<string, string> {
  const rows = store.db.select({ key: userSettings.key, value: userSettings.value }).from(userSettings).where(eq(userSettings.userId, userId)).all();
  return new Map(rows.map((row) => [row.key, row.value]));
}

export function writeUserSetting(store: OpenedDatabase, userId: string, key: string, value: string, at: string): void {
  store.db
    .insert(userSettings)
    .values({ userId, key, value, updatedAt: at })
    .onConflictDoUpdate({ target: [userSettings.userId, userSettings.key], set: { value, updatedAt: at } })
    .run();
}
