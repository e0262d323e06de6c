import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { EntryType, InformationCredibility, SourceReliability } from '../shared/domain';
import { OrdelogError } from '../shared/errors';
import type { ChainBreakReason, ChainVerification } from '../shared/views';

/**
 * The hash chain over each case's log. An entry's hash is SHA-256 (lowercase hex) over the UTF-8 bytes of
 *
 *   JSON.stringify(["ordelog-entry/1", id, caseId, seq, type, text, occurredAt, recordedAt, authorId,
 *                   authorName, source, sourceReliability, informationCredibility, correctsEntryId,
 *                   personalData, phaseId, prevHash])
 *
 * a JSON array in that fixed order, with strings, the integer `seq`, the boolean `personalData` and `null` for
 * absent values. For these value types ECMAScript's JSON.stringify output is exactly the RFC 8785 (JCS)
 * canonical form, so any JCS implementation reproduces it. `prevHash` is the hash of the previous entry of the
 * same case by `seq`; the first entry's is 64 zeros. docs/case-format.md repeats this for outside verifiers.
 *
 * An entry with a location is hashed as
 *
 *   ["ordelog-entry/2", id, caseId, seq, type, text, occurredAt, recordedAt, authorId, authorName, source,
 *    sourceReliability, informationCredibility, correctsEntryId, personalData, phaseId, location, prevHash]
 *
 * The location came after entries were already chained in vaults, exports and printed fingerprints. Adding it to
 * the one encoding would change the hash of every existing entry (a `null` more in the array) and break every
 * chain and fingerprint made before; a side table beside the log would leave the location outside the chain, so
 * it could be changed unnoticed. A second tag, used only when a location is present, keeps each old entry's
 * bytes and hash exactly as they were and still covers the location of every new entry; the tag says which
 * array follows, so the two can never be read as one another.
 */

export const genesisHash = '0'.repeat(64);
const encodingTag = 'ordelog-entry/1';
const locatedEncodingTag = 'ordelog-entry/2';

export interface ChainedEntry {
  id: string;
  caseId: string;
  seq: number;
  type: EntryType;
  text: string;
  occurredAt: string;
  recordedAt: string;
  authorId: string | null;
  authorName: string;
  source: string | null;
  sourceReliability: SourceReliability | null;
  informationCredibility: InformationCredibility | null;
  correctsEntryId: string | null;
  personalData: boolean;
  phaseId: string;
  /** Absent or null: the entry has no place, and is hashed in the `ordelog-entry/1` encoding. */
  location?: string | null | undefined;
  prevHash: string;
}

export type StoredEntry = ChainedEntry & { hash: string };
export type NewEntry = Omit<ChainedEntry, 'seq' | 'prevHash'>;

export function canonicalEntryEncoding(entry: ChainedEntry): string {
  const common = [
    entry.id,
    entry.caseId,
    entry.seq,
    entry.type,
    entry.text,
    entry.occurredAt,
    entry.recordedAt,
    entry.authorId,
    entry.authorName,
    entry.source,
    entry.sourceReliability,
    entry.informationCredibility,
    entry.correctsEntryId,
    entry.personalData,
    entry.phaseId,
  ];
  return entry.location === null || entry.location === undefined
    ? JSON.stringify([encodingTag, ...common, entry.prevHash])
    : JSON.stringify([locatedEncodingTag, ...common, entry.location, entry.prevHash]);
}

export function entryHash(entry: ChainedEntry): string {
  return createHash('sha256').update(canonicalEntryEncoding(entry), 'utf8').digest('hex');
}

/**
 * Appends an entry to its case's chain: reads the case's head, hashes, inserts the entry and moves the head,
 * all in one IMMEDIATE transaction (a savepoint when the caller already holds one), so two writers can never
 * chain onto the same head.
 */
export function appendChainedEntry(sqlite: Database.Database, entry: NewEntry): StoredEntry {
  return sqlite
    .transaction((): StoredEntry => {
      const head = sqlite
        .prepare('SELECT head_seq AS seq, head_hash AS hash FROM cases WHERE id = ?')
        .get(entry.caseId) as { seq: number; hash: string } | undefined;
      if (!head) throw new OrdelogError('NOT_FOUND');
      const chained: ChainedEntry = { ...entry, seq: head.seq + 1, prevHash: head.hash };
      const stored: StoredEntry = { ...chained, hash: entryHash(chained) };
      // Without a place the row gets exactly the columns entries always had, as it would before migration 0007.
      const located = stored.location !== null && stored.location !== undefined;
      sqlite
        .prepare(
          `INSERT INTO log_entries (id, case_id, seq, type, text, occurred_at, recorded_at, author_id, author_name,
             source, source_reliability, information_credibility, corrects_entry_id, personal_data, phase_id,
             ${located ? 'location, ' : ''}prev_hash, hash)
           VALUES (@id, @caseId, @seq, @type, @text, @occurredAt, @recordedAt, @authorId, @authorName,
             @source, @sourceReliability, @informationCredibility, @correctsEntryId, @personalData, @phaseId,
             ${located ? '@location, ' : ''}@prevHash, @hash)`,
        )
        .run({ ...stored, location: stored.location ?? null, personalData: stored.personalData ? 1 : 0 });
      sqlite.prepare('UPDATE cases SET head_seq = ?, head_hash = ? WHERE id = ?').run(stored.seq, stored.hash, entry.caseId);
      return stored;
    })
    .immediate();
}

interface EntryRow extends Omit<StoredEntry, 'personalData'> {
  personalData: number;
}

const entryColumns = `id, case_id AS caseId, seq, type, text, occurred_at AS occurredAt, recorded_at AS recordedAt,
  author_id AS authorId, author_name AS authorName, source, source_reliability AS sourceReliability,
  information_credibility AS informationCredibility, corrects_entry_id AS correctsEntryId,
  personal_data AS personalData, phase_id AS phaseId, prev_hash AS prevHash, hash`;

/**
 * The columns a chain is checked over. A database from before migration 0007 (a read-only copy, a backup) has no
 * `location` column, and every entry in it is an entry without a place.
 */
function chainColumns(sqlite: Database.Database): string {
  const columns = sqlite.pragma('table_info(log_entries)') as { name: string }[];
  return columns.some((column) => column.name === 'location') ? `${entryColumns}, location` : entryColumns;
}

/**
 * Recomputes every case's chain: consecutive seq from 1, each prev_hash equal to the previous hash, each hash
 * equal to the recomputed one, and the case's recorded head equal to its last entry. Reports the first break.
 * Someone holding the key can rewrite a whole chain consistently; the chain proves that nothing changed behind
 * the application's back, and an exported fingerprint (briefing exports) anchors it outside the vault.
 */
export function verifyChains(sqlite: Database.Database): ChainVerification {
  const caseRows = sqlite.prepare('SELECT id, head_seq AS headSeq, head_hash AS headHash FROM cases ORDER BY id').all() as {
    id: string;
    headSeq: number;
    headHash: string;
  }[];
  const entriesOf = sqlite.prepare(`SELECT ${chainColumns(sqlite)} FROM log_entries WHERE case_id = ? ORDER BY seq`);
  let entriesChecked = 0;
  let firstBroken: ChainVerification['firstBroken'];
  const brokenAt = (caseId: string, seq: number, entryId: string | null, reason: ChainBreakReason) => {
    firstBroken ??= { caseId, seq, entryId, reason };
  };

  for (const caseRow of caseRows) {
    let previous: { seq: number; hash: string; id: string | null } = { seq: 0, hash: genesisHash, id: null };
    let broken = false;
    for (const row of entriesOf.iterate(caseRow.id) as IterableIterator<EntryRow>) {
      entriesChecked += 1;
      if (broken) continue;
      const entry: StoredEntry = { ...row, personalData: row.personalData === 1 };
      if (entry.seq !== previous.seq + 1) brokenAt(caseRow.id, previous.seq + 1, null, 'seq-gap');
      else if (entry.prevHash !== previous.hash) brokenAt(caseRow.id, entry.seq, entry.id, 'prev-hash-mismatch');
      else if (entryHash(entry) !== entry.hash) brokenAt(caseRow.id, entry.seq, entry.id, 'hash-mismatch');
      else {
        previous = { seq: entry.seq, hash: entry.hash, id: entry.id };
        continue;
      }
      broken = true;
    }
    if (!broken && (caseRow.headSeq !== previous.seq || caseRow.headHash !== previous.hash)) {
      brokenAt(caseRow.id, caseRow.headSeq, caseRow.headSeq === previous.seq ? previous.id : null, 'head-mismatch');
    }
  }
  return firstBroken
    ? { ok: false, casesChecked: caseRows.length, entriesChecked, firstBroken }
    : { ok: true, casesChecked: caseRows.length, entriesChecked };
}

/**
 * The head hash of a case's chain after its first `entries` entries, recomputed link by link from the start;
 * null when the chain is shorter or broken within them. Checks a fingerprint printed on an export.
 */
export function chainHeadAt(sqlite: Database.Database, caseId: string, entries: number): string | null {
  let previous = { seq: 0, hash: genesisHash };
  const rows = sqlite.prepare(`SELECT ${chainColumns(sqlite)} FROM log_entries WHERE case_id = ? AND seq <= ? ORDER BY seq`);
  for (const row of rows.iterate(caseId, entries) as IterableIterator<EntryRow>) {
    const entry: StoredEntry = { ...row, personalData: row.personalData === 1 };
    if (entry.seq !== previous.seq + 1 || entry.prevHash !== previous.hash || entryHash(entry) !== entry.hash) return null;
    previous = { seq: entry.seq, hash: entry.hash };
  }
  return previous.seq === entries ? previous.hash : null;
}
