import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendChainedEntry } from '../../db/chain';
import { openDatabase } from '../../db/open';
import { compareCases } from '../../db/restore-check';
import { appendLegacyEntry, migrationsJournal, migrationsUpTo } from '../helpers/legacy-log';

/**
 * A backup made before migration 0008 keeps the log in the old layout (the case's id on each row, hex hashes),
 * and is only ever opened read-only. Restoring it over a vault already moved to the new layout must still say,
 * case by case, which entries the live vault has that the backup lacks.
 */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ordelog-restore-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const at = '2026-03-01T10:00:00.000Z';
const entry = (id: string, caseId: string, text: string) => ({
  id, caseId, type: 'waarneming' as const, text, occurredAt: at, recordedAt: at, authorId: 'u1', authorName: 'Joost',
  source: null, sourceReliability: null, informationCredibility: null, correctsEntryId: null, personalData: false,
  phaseId: 'online-signaal',
});

describe('a backup from before the store moved', () => {
  it('is compared with the live vault entry by entry, across the two layouts', () => {
    const key = randomBytes(32);
    const backupFile = join(dir, 'backup.db');
    const liveFile = join(dir, 'live.db');
    const before = migrationsJournal().entries.findIndex((item) => item.tag === '0008_store_at_the_floor');
    const old = openDatabase(backupFile, key, { create: true, seed: false, migrationsFolder: migrationsUpTo(dir, before) });
    old.sqlite.prepare("INSERT INTO users (id, name, display_name, role, created_at) VALUES ('u1', 'joost', 'Joost', 'redacteur', ?)").run(at);
    old.sqlite.prepare("INSERT INTO phases (id, ordinal, name, description) VALUES ('online-signaal', 2, 'Online signaal', '')").run();
    const insertCase = old.sqlite.prepare(
      `INSERT INTO cases (id, title, status, classification, content_class, current_phase_id, created_at, created_by_name,
         head_seq, head_hash) VALUES (?, ?, 'open', 'vertrouwelijk', 'ongewenst', 'online-signaal', ?, 'Joost', 0, ?)`,
    );
    insertCase.run('c1', 'Station', at, '0'.repeat(64));
    insertCase.run('c2', 'Plein', at, '0'.repeat(64));
    for (let i = 0; i < 3; i += 1) {
      appendLegacyEntry(old.sqlite, entry(`a${i}`, 'c1', `Station ${i}`));
      appendLegacyEntry(old.sqlite, entry(`b${i}`, 'c2', `Plein ${i}`));
    }
    old.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    copyFileSync(backupFile, liveFile);

    // The live vault moves to the new layout at its next unlock, and the night goes on in one case.
    const live = openDatabase(liveFile, key, { seed: false });
    appendChainedEntry(live.sqlite, entry('a3', 'c1', 'Station 3'));
    appendChainedEntry(live.sqlite, entry('a4', 'c1', 'Station 4'));
    const backup = openDatabase(backupFile, key, { readonly: true });
    try {
      expect(compareCases(live.sqlite, backup.sqlite)).toEqual([
        { caseId: 'c1', title: 'Station', liveEntries: 5, backupEntries: 3, entriesLost: 2, inBackup: true },
      ]);
    } finally {
      backup.close();
      live.close();
    }
  });
});
