import type Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { entryHash, genesisHash, type ChainedEntry, type NewEntry, type StoredEntry } from '../../db/chain';
import { defaultMigrationsFolder } from '../../db/open';

/**
 * The log as Ordelog wrote it before migration 0008 (the case's id on every row, hashes as hex text, the search
 * text copied into `search_documents` by a trigger): to fill databases at older schema versions, so migration
 * tests start from what a real vault of that version holds.
 */
export function appendLegacyEntry(sqlite: Database.Database, entry: NewEntry): StoredEntry {
  const head = sqlite.prepare('SELECT head_seq AS seq, head_hash AS hash FROM cases WHERE id = ?').get(entry.caseId) as {
    seq: number;
    hash: string;
  };
  const chained: ChainedEntry = { ...entry, seq: head.seq + 1, prevHash: head.hash };
  const stored: StoredEntry = { ...chained, hash: entryHash(chained) };
  const located = stored.location !== null && stored.location !== undefined;
  sqlite
    .prepare(
      `INSERT INTO log_entries (id, case_id, seq, type, text, occurred_at, recorded_at, author_id, author_name, source,
         source_reliability, information_credibility, corrects_entry_id, personal_data, phase_id,
         ${located ? 'location, ' : ''}prev_hash, hash)
       VALUES (@id, @caseId, @seq, @type, @text, @occurredAt, @recordedAt, @authorId, @authorName, @source,
         @sourceReliability, @informationCredibility, @correctsEntryId, @personalData, @phaseId,
         ${located ? '@location, ' : ''}@prevHash, @hash)`,
    )
    .run({ ...stored, location: stored.location ?? null, personalData: stored.personalData ? 1 : 0 });
  sqlite.prepare('UPDATE cases SET head_seq = ?, head_hash = ? WHERE id = ?').run(stored.seq, stored.hash, entry.caseId);
  return stored;
}

/** Every case's chain in the old layout recomputed from the genesis hash; how many entries were checked. */
export function verifyLegacyChains(sqlite: Database.Database): { ok: boolean; entriesChecked: number } {
  const hasLocation = (sqlite.pragma('table_info(log_entries)') as { name: string }[]).some((column) => column.name === 'location');
  const rows = sqlite
    .prepare(
      `SELECT id, case_id AS caseId, seq, type, text, occurred_at AS occurredAt, recorded_at AS recordedAt,
         author_id AS authorId, author_name AS authorName, source, source_reliability AS sourceReliability,
         information_credibility AS informationCredibility, corrects_entry_id AS correctsEntryId,
         personal_data AS personalData, phase_id AS phaseId, ${hasLocation ? 'location' : 'NULL AS location'},
         prev_hash AS prevHash, hash
       FROM log_entries ORDER BY case_id, seq`,
    )
    .all() as (Omit<StoredEntry, 'personalData'> & { personalData: number })[];
  let ok = true;
  let previous = { caseId: '', hash: genesisHash };
  for (const row of rows) {
    const prevHash = row.caseId === previous.caseId ? previous.hash : genesisHash;
    const entry: ChainedEntry = { ...row, personalData: row.personalData === 1 };
    if (row.prevHash !== prevHash || entryHash(entry) !== row.hash) ok = false;
    previous = { caseId: row.caseId, hash: row.hash };
  }
  return { ok, entriesChecked: rows.length };
}

interface Journal {
  entries: { idx: number; tag: string }[];
}

export const migrationsJournal = (): Journal =>
  JSON.parse(readFileSync(join(defaultMigrationsFolder(), 'meta', '_journal.json'), 'utf8')) as Journal;

/** A copy (in `into`) of the migrations folder that knows only the first `count` migrations. */
export function migrationsUpTo(into: string, count: number): string {
  const journal = migrationsJournal();
  const folder = join(into, `migrations-${count}`);
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const entries = journal.entries.slice(0, count);
  for (const entry of entries) copyFileSync(join(defaultMigrationsFolder(), `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  return folder;
}
