import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { users } from '../../../db/schema';
import { seedCatalogues } from '../../../db/seed';
import type { UserRole } from '../../../shared/domain';
import type { Session } from '../../../main/services/session';

/**
 * A real encrypted vault database in a temp folder, migrated and seeded, with one user per role. Opened
 * directly with a random key (the vault's key slots are not under test here).
 */
export interface CaseStore {
  dir: string;
  file: string;
  key: Buffer;
  store: OpenedDatabase;
  sessions: Record<UserRole, Session>;
  reopen(): OpenedDatabase;
  dispose(): void;
}

export function openCaseStore(): CaseStore {
  const dir = mkdtempSync(join(tmpdir(), 'ordelog-'));
  const file = join(dir, 't.db');
  const key = randomBytes(32);
  const store = openDatabase(file, key, { create: true });
  seedCatalogues(store);
  const sessionOf = (role: UserRole, displayName: string): Session => {
    const user = { id: randomUUID(), name: role, displayName, role };
    store.db.insert(users).values({ ...user, createdAt: new Date().toISOString() }).run();
    return { db: store, user, origin: 'cli' };
  };
  const sessions: Record<UserRole, Session> = {
    beheerder: sessionOf('beheerder', 'Bea Beheer'),
    redacteur: sessionOf('redacteur', 'Joost de Vries'),
    lezer: sessionOf('lezer', 'Lotte Lezer'),
  };
  const opened: OpenedDatabase[] = [store];
  return {
    dir,
    file,
    key,
    store,
    sessions,
    reopen() {
      const again = openDatabase(file, key);
      opened.push(again);
      return again;
    },
    dispose() {
      for (const db of opened) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
