import type { OpenedDatabase } from '../open';
import { statement } from '../statements';
import type { HistoryEntry, SignedReplicaEntry } from '../replica/events';
import type { BundleScope } from '../../shared/sharing';

/** A shared case's record (schema `case_replicas`), with the case's id beside its key. */
export interface ReplicaRecord {
  caseKey: number;
  caseId: string;
  scope: BundleScope;
  engineName: string;
  baseKey: string;
  blockKey: Buffer;
  owner: boolean;
  applied: number;
  placed: number;
  pushedSeq: number;
  sharedAt: string;
}

const replicaColumns = `r.case_key AS caseKey, c.id AS caseId, r.scope, r.engine_name AS engineName, r.base_key AS baseKey, r.block_key AS blockKey, r.owner,
  r.applied, r.placed, r.pushed_seq AS pushedSeq, r.shared_at AS sharedAt`;

type ReplicaRow = Omit<ReplicaRecord, 'owner'> & { owner: number };
const toRecord = (row: ReplicaRow | undefined): ReplicaRecord | undefined => row && { ...row, owner: row.owner === 1 };

export function findReplicaOfCase(store: OpenedDatabase, caseId: string, scope: BundleScope): ReplicaRecord | undefined {
  return toRecord(
    statement(store.sqlite, `SELECT ${replicaColumns} FROM case_replicas r JOIN cases c ON c.key = r.case_key WHERE c.id = ? AND r.scope = ?`).get(
      caseId,
      scope,
    ) as ReplicaRow | undefined,
  );
}

/** Every shared log of a case on this vault: none, one, or (an owner) all of it and its signals apart. */
export function replicasOfCase(store: OpenedDatabase, caseId: string): ReplicaRecord[] {
  return (
    statement(store.sqlite, `SELECT ${replicaColumns} FROM case_replicas r JOIN cases c ON c.key = r.case_key WHERE c.id = ? ORDER BY r.scope`).all(
      caseId,
    ) as ReplicaRow[]
  ).map((row) => toRecord(row)!);
}

export function findReplicaByBase(store: OpenedDatabase, baseKey: string): ReplicaRecord | undefined {
  return toRecord(
    statement(store.sqlite, `SELECT ${replicaColumns} FROM case_replicas r JOIN cases c ON c.key = r.case_key WHERE r.base_key = ?`).get(baseKey) as
      | ReplicaRow
      | undefined,
  );
}

export function insertReplica(
  store: OpenedDatabase,
  row: { caseKey: number; scope: BundleScope; engineName: string; baseKey: string; blockKey: Buffer; owner: boolean; sharedAt: string },
): void {
  statement(
    store.sqlite,
    `INSERT INTO case_replicas (case_key, scope, engine_name, base_key, block_key, owner, applied, placed, pushed_seq, shared_at)
     VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, ?)`,
  ).run(row.caseKey, row.scope, row.engineName, row.baseKey, row.blockKey, row.owner ? 1 : 0, row.sharedAt);
}

export function updatePushedSeq(store: OpenedDatabase, replica: ReplicaRecord, seq: number): void {
  statement(store.sqlite, 'UPDATE case_replicas SET pushed_seq = ? WHERE case_key = ? AND scope = ? AND pushed_seq < ?').run(
    seq,
    replica.caseKey,
    replica.scope,
    seq,
  );
}

/**
 * The owner's own entries not yet handed to this shared log, in log order, as `history` nodes carry them: written
 * on this vault (unsigned, or signed on this device; a partner's entries are in the log they came through), and
 * for a signals log only the signals. With the seq each has here.
 */
export function unpushedEntries(store: OpenedDatabase, replica: ReplicaRecord, device: string): (HistoryEntry & { seq: number })[] {
  const rows = statement(
    store.sqlite,
    `SELECT e.id, ? AS caseId, e.seq, e.type, e.text, e.occurred_at AS occurredAt, e.recorded_at AS recordedAt,
       e.author_id AS authorId, e.author_name AS authorName, e.source, e.source_reliability AS sourceReliability,
       e.information_credibility AS informationCredibility, e.corrects_entry_id AS correctsEntryId,
       e.personal_data AS personalData, e.phase_id AS phaseId, e.location, e.device, e.author_key AS authorKey,
       e.signature, lower(hex(e.hash)) AS hash
     FROM log_entries e WHERE e.case_key = ? AND e.seq > ? AND (e.device IS NULL OR e.device = ?)
       AND (? = 'alles' OR e.type = 'signaal') ORDER BY e.seq`,
  ).all(replica.caseId, replica.caseKey, replica.pushedSeq, device, replica.scope) as (Omit<HistoryEntry, 'personalData' | 'authorKey' | 'signature'> & {
    seq: number;
    personalData: number;
    authorKey: Buffer | null;
    signature: Buffer | null;
  })[];
  return rows.map((row) => ({
    ...row,
    personalData: row.personalData === 1,
    authorKey: row.authorKey === null ? null : row.authorKey.toString('base64'),
    signature: row.signature === null ? null : row.signature.toString('base64'),
  }));
}

/** Entries written here in a received case and not yet seen back from the engine. */
export function pendingLocalEntries(store: OpenedDatabase, caseKey: number): SignedReplicaEntry[] {
  return (statement(store.sqlite, 'SELECT entry FROM provisional_entries WHERE case_key = ? AND position IS NULL ORDER BY rowid').pluck().all(caseKey) as string[]).map(
    (text) => JSON.parse(text) as SignedReplicaEntry,
  );
}

export function insertLocalProvisional(store: OpenedDatabase, caseKey: number, entry: SignedReplicaEntry): void {
  statement(store.sqlite, 'INSERT INTO provisional_entries (entry_id, case_key, position, entry) VALUES (?, ?, NULL, ?)').run(
    entry.id,
    caseKey,
    JSON.stringify(entry),
  );
}

/** The provisional entries of a case, in merged order (those not yet handed over last). */
export function provisionalEntriesOf(store: OpenedDatabase, caseKey: number): SignedReplicaEntry[] {
  return (
    statement(store.sqlite, 'SELECT entry FROM provisional_entries WHERE case_key = ? ORDER BY position IS NULL, position, rowid').pluck().all(caseKey) as string[]
  ).map((text) => JSON.parse(text) as SignedReplicaEntry);
}

export function replicaAuthorKeys(store: OpenedDatabase, caseKey: number): Set<string> {
  return new Set(statement(store.sqlite, 'SELECT author_key FROM replica_authors WHERE case_key = ?').pluck().all(caseKey) as string[]);
}

export interface ReplicaAuthorRow {
  authorKey: string;
  name: string;
  organisation: string;
  owner: boolean;
}

export function replicaAuthorsOf(store: OpenedDatabase, caseKey: number): ReplicaAuthorRow[] {
  return (
    statement(store.sqlite, 'SELECT author_key AS authorKey, name, organisation, owner FROM replica_authors WHERE case_key = ? ORDER BY owner DESC, organisation, name').all(
      caseKey,
    ) as (Omit<ReplicaAuthorRow, 'owner'> & { owner: number })[]
  ).map((row) => ({ ...row, owner: row.owner === 1 }));
}

export function refusalsOf(store: OpenedDatabase, caseKey: number): { position: number; writer: string; reason: string }[] {
  return statement(store.sqlite, 'SELECT position, writer, reason FROM replica_refusals WHERE case_key = ? ORDER BY scope, position').all(caseKey) as {
    position: number;
    writer: string;
    reason: string;
  }[];
}

/** Whether the case was received from a partner (shared, and not owned here). */
export function isPartnerCase(store: OpenedDatabase, caseKey: number): boolean {
  return statement(store.sqlite, 'SELECT 1 FROM case_replicas WHERE case_key = ? AND owner = 0').get(caseKey) !== undefined;
}

/** Whether only the signals of the case were shared with this vault. */
export function isSignalsOnlyPartnerCase(store: OpenedDatabase, caseKey: number): boolean {
  return statement(store.sqlite, "SELECT 1 FROM case_replicas WHERE case_key = ? AND owner = 0 AND scope = 'signalen'").get(caseKey) !== undefined;
}
