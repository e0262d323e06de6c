import type Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { isOrdelogError } from '../shared/errors';
import { findUserSlot, readKeySlots, type DataKey } from './keyslots';
import { openDatabase } from './open';
import { openSlot, type VaultPaths } from './vault';

/**
 * What a restore would take away: before a backup replaces the vault in a folder, the live vault is opened
 * read-only with the same passphrase and compared case by case. A case's log is a hash chain, so the entries
 * both hold are the longest common prefix of their hashes; whatever the live log has beyond it is lost.
 */

export interface CaseLoss {
  caseId: string;
  /** Case data: shown only to the person at the terminal who holds the passphrase, never logged. */
  title: string;
  liveEntries: number;
  /** 0 when the backup does not have the case at all. */
  backupEntries: number;
  entriesLost: number;
  inBackup: boolean;
}

export type LiveVaultState =
  /** No vault in the folder: nothing to lose. */
  | { state: 'absent' }
  /** Opened and compared; `losses` lists every case with entries the backup does not hold. */
  | { state: 'compared'; losses: CaseLoss[] }
  /** A vault is there but this passphrase does not open it, or it is damaged or from a newer Ordelog. */
  | { state: 'unopenable'; reason: 'passphrase' | 'damaged' | 'newer-version' };

export interface RestoreComparison {
  backupCreatedAt: string;
  live: LiveVaultState;
}

/** Whether restoring would lose anything known, or anything that could not be looked at. */
export function restoreLosesData(comparison: RestoreComparison): boolean {
  const { live } = comparison;
  return live.state === 'unopenable' || (live.state === 'compared' && live.losses.length > 0);
}

interface CaseState {
  title: string;
  entries: number;
}

function caseStates(sqlite: Database.Database): Map<string, CaseState> {
  const rows = sqlite.prepare('SELECT id, title, head_seq AS entries FROM cases ORDER BY created_at, id').all() as ({ id: string } & CaseState)[];
  return new Map(rows.map(({ id, ...state }) => [id, state]));
}

/**
 * A case's hashes in log order as hex. A backup made before migration 0008 keeps the log in its old layout (the
 * case's id on each row, hashes as hex text); it is read as it is, since a backup is only ever opened read-only.
 */
function hashesSql(sqlite: Database.Database): string {
  const columns = sqlite.pragma('table_info(log_entries)') as { name: string }[];
  return columns.some((column) => column.name === 'case_key')
    ? 'SELECT lower(hex(hash)) FROM log_entries WHERE case_key = (SELECT key FROM cases WHERE id = ?) ORDER BY seq'
    : 'SELECT hash FROM log_entries WHERE case_id = ? ORDER BY seq';
}

function commonPrefix(live: Database.Database, backup: Database.Database, caseId: string): number {
  const hashes = (sqlite: Database.Database) => sqlite.prepare(hashesSql(sqlite)).pluck().all(caseId) as string[];
  const [ours, theirs] = [hashes(live), hashes(backup)];
  let shared = 0;
  while (shared < ours.length && shared < theirs.length && ours[shared] === theirs[shared]) shared += 1;
  return shared;
}

export function compareCases(live: Database.Database, backup: Database.Database): CaseLoss[] {
  const inBackup = caseStates(backup);
  const losses: CaseLoss[] = [];
  for (const [caseId, state] of caseStates(live)) {
    const there = inBackup.get(caseId);
    const shared = there === undefined ? 0 : commonPrefix(live, backup, caseId);
    const entriesLost = state.entries - shared;
    if (there !== undefined && entriesLost <= 0) continue;
    losses.push({
      caseId,
      title: state.title,
      liveEntries: state.entries,
      backupEntries: there?.entries ?? 0,
      entriesLost: Math.max(0, entriesLost),
      inBackup: there !== undefined,
    });
  }
  return losses;
}

const sidecars = ['-wal', '-shm'];

/**
 * Opens the live database read-only with `key`. A read-only connection to a WAL database leaves an empty
 * -wal and its index behind; the ones it created are removed again, so a declined restore leaves the folder
 * as it found it.
 */
export function withLiveDatabase<T>(database: string, key: Buffer, work: (sqlite: Database.Database) => T): T {
  const existed = sidecars.filter((suffix) => existsSync(database + suffix));
  const opened = openDatabase(database, key, { readonly: true });
  try {
    return work(opened.sqlite);
  } finally {
    opened.close();
    for (const suffix of sidecars) if (!existed.includes(suffix)) rmSync(database + suffix, { force: true });
  }
}

/**
 * The live vault's data key for this user, or why there is none. A vault halfway through a key replacement
 * counts as unopenable here: only a full unlock finishes that, and the restore keeps its files as they are.
 */
export async function openLiveKey(
  paths: VaultPaths,
  userName: string,
  passphrase: string,
): Promise<{ key: DataKey } | { reason: 'passphrase' | 'damaged' | 'newer-version' }> {
  try {
    const file = readKeySlots(paths.keySlots);
    const { keys } = await openSlot(file, findUserSlot(file, userName.trim().toLowerCase()), passphrase);
    const key = keys.find((candidate) => candidate.keyId === file.currentKeyId);
    for (const other of keys) if (other !== key) other.key.fill(0);
    if (key === undefined || file.pendingKeyId !== undefined) {
      key?.key.fill(0);
      return { reason: 'damaged' };
    }
    return { key };
  } catch (error) {
    return { reason: isOrdelogError(error) && error.code === 'WRONG_PASSPHRASE' ? 'passphrase' : 'damaged' };
  }
}

/** Compares the live vault (if any) with the backup's database, open read-only as `backup`. */
export async function compareWithLive(
  paths: VaultPaths,
  backup: Database.Database,
  backupCreatedAt: string,
  userName: string,
  passphrase: string,
): Promise<{ comparison: RestoreComparison; liveKey: DataKey | null }> {
  if (!existsSync(paths.database) && !existsSync(paths.keySlots)) {
    return { comparison: { backupCreatedAt, live: { state: 'absent' } }, liveKey: null };
  }
  const opened = existsSync(paths.database) ? await openLiveKey(paths, userName, passphrase) : { reason: 'damaged' as const };
  if ('reason' in opened) return { comparison: { backupCreatedAt, live: { state: 'unopenable', reason: opened.reason } }, liveKey: null };
  try {
    const losses = withLiveDatabase(paths.database, opened.key.key, (live) => compareCases(live, backup));
    return { comparison: { backupCreatedAt, live: { state: 'compared', losses } }, liveKey: opened.key };
  } catch (error) {
    opened.key.key.fill(0);
    const reason = isOrdelogError(error) && error.code === 'VAULT_NEWER_VERSION' ? 'newer-version' : 'damaged';
    return { comparison: { backupCreatedAt, live: { state: 'unopenable', reason } }, liveKey: null };
  }
}
