/**
 * What migration 0008 (the store close to the floor) does to a vault of the previous version: a database at
 * schema 0007 holding one case of N entries written the way that version wrote them (hex hashes, the case's id on
 * every row, each text copied into the search documents), then opened by this version. Prints the time the
 * migration takes (VACUUM included), the file size before and after, and checks that every hash survived and every
 * chain verifies. Not part of `npm test`.
 *
 *   npm run bench:migration                         (ORDELOG_BENCH_ENTRIES=20000 for a quick look)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyChains } from '../../db/chain';
import { openDatabase } from '../../db/open';
import { appendLegacyEntry, migrationsJournal, migrationsUpTo } from '../helpers/legacy-log';
import { entryText, generator } from './text';

const entries = Number(process.env.ORDELOG_BENCH_ENTRIES ?? 100_000);
const at = '2026-06-01T08:00:00.000Z';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const fileSize = (file: string) => statSync(file).size;

function main(): void {
  const root = mkdtempSync(join(tmpdir(), 'ordelog-migration-'));
  try {
    const file = join(root, 'vault.db');
    const key = randomBytes(32);
    const before = migrationsJournal().entries.findIndex((entry) => entry.tag === '0008_store_at_the_floor');
    const old = openDatabase(file, key, { create: true, seed: false, migrationsFolder: migrationsUpTo(root, before) });
    old.sqlite.prepare("INSERT INTO users (id, name, display_name, role, created_at) VALUES ('u1', 'joost', 'Joost', 'redacteur', ?)").run(at);
    old.sqlite.prepare("INSERT INTO phases (id, ordinal, name, description) VALUES ('online-signaal', 2, 'Online signaal', '')").run();
    old.sqlite
      .prepare(
        `INSERT INTO cases (id, title, status, classification, content_class, current_phase_id, created_at, created_by_name,
           head_seq, head_hash) VALUES ('c1', 'Station', 'open', 'vertrouwelijk', 'ongewenst', 'online-signaal', ?, 'Joost', 0, ?)`,
      )
      .run(at, '0'.repeat(64));
    const next = generator(7);
    const start = Date.parse(at);
    old.sqlite.transaction(() => {
      for (let i = 0; i < entries; i += 1) {
        const occurredAt = new Date(start + i * 15_000).toISOString();
        appendLegacyEntry(old.sqlite, {
          id: randomUUID(), caseId: 'c1', type: 'waarneming', text: entryText(next), occurredAt, recordedAt: occurredAt,
          authorId: 'u1', authorName: 'Joost', source: i % 3 === 0 ? 'TikTok' : null, sourceReliability: null,
          informationCredibility: null, correctsEntryId: null, personalData: false, phaseId: 'online-signaal',
          location: i % 20 === 0 ? 'Stationsplein' : null,
        });
      }
    })();
    const headBefore = old.sqlite.prepare("SELECT head_hash FROM cases WHERE id = 'c1'").pluck().get() as string;
    old.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    const sizeBefore = fileSize(file);

    const load = loadavg();
    const started = performance.now();
    const migrated = openDatabase(file, key, { seed: false });
    const migrateMs = performance.now() - started;
    try {
      migrated.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      const sizeAfter = fileSize(file);
      const chains = verifyChains(migrated.sqlite);
      const headAfter = migrated.sqlite.prepare("SELECT head_hash FROM cases WHERE id = 'c1'").pluck().get() as string;
      if (!chains.ok || chains.entriesChecked !== entries || headAfter !== headBefore) {
        throw new Error('the migrated log does not verify as it did');
      }
      console.log(`Migration 0008 on a vault of ${entries} entries (Node ${process.version}, load ${load.map((n) => n.toFixed(2)).join(' / ')})`);
      console.log(`| migration, VACUUM included | ${(migrateMs / 1000).toFixed(1)} s |`);
      console.log(`| file before → after | ${mb(sizeBefore)} → ${mb(sizeAfter)} (${((sizeAfter / sizeBefore) * 100).toFixed(0)} %) |`);
      console.log(`| bytes per entry before → after | ${(sizeBefore / entries).toFixed(0)} B → ${(sizeAfter / entries).toFixed(0)} B |`);
      console.log(`| chains after | ok, ${chains.entriesChecked} entries, head hash unchanged |`);
    } finally {
      migrated.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main();
