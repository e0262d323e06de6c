import { and, eq } from 'drizzle-orm';
import type { OpenedDatabase } from '../open';
import { drafts, userSettings } from '../schema';

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
