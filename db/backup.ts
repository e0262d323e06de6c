import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { rolePermissions } from '../shared/domain';
import { OrdelogError, isOrdelogError } from '../shared/errors';
import { appendAudit, type AuditOrigin } from './audit';
import { fsyncDirectory, runRenamePlan, siblingTempPath, writeFileDurable, type RenamePlan } from './atomic-file';
import { findUserSlot, parseKeySlots, type DataKey, type KeySlotsFile } from './keyslots';
import { openDatabase } from './open';
import { users } from './schema';
import { acquireVaultLock, openSlot, vaultInternals, vaultPaths, type UnlockedVault, type VaultPaths } from './vault';

/**
 * One-file backups: `ORDELOG-BACKUP\n`, a JSON header line, a MAC line, then the encrypted database bytes
 * exactly as on disk. The header carries the key slots of the moment, so the backup opens with the
 * passphrases (or the recovery key) that were valid then, on any machine. SHA-256 sums catch damage before
 * anyone types a passphrase; the MAC, keyed from the data key, makes the header itself tamper-evident;
 * SQLCipher's per-page HMAC does the same for every database page.
 */

const magic = Buffer.from('ORDELOG-BACKUP\n', 'ascii');
const maxHeaderBytes = 16 * 1024 * 1024;
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

const headerSchema = z.object({
  format: z.literal('ordelog-backup'),
  version: z.literal(1),
  createdAt: z.iso.datetime(),
  schemaVersion: z.number().int().min(0),
  database: z.object({ bytes: z.number().int().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  keySlots: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), json: z.string() }),
});
type BackupHeader = z.infer<typeof headerSchema>;

interface ParsedBackup {
  header: BackupHeader;
  headerBytes: Buffer;
  mac: Buffer;
  database: Buffer;
  slots: KeySlotsFile;
}

export interface BackupInfo {
  createdAt: string;
  schemaVersion: number;
  /** Size of the backup file. */
  bytes: number;
  /** SHA-256 of the whole backup file, to note beside it (for instance in a handover). */
  sha256: string;
}

function headerMac(dataKey: DataKey, headerBytes: Buffer): Buffer {
  const key = Buffer.from(hkdfSync('sha256', dataKey.key, Buffer.alloc(0), 'ordelog backup header v1', 32));
  try {
    return createHmac('sha256', key).update(magic).update(headerBytes).digest();
  } finally {
    key.fill(0);
  }
}

function invalid(cause?: unknown): OrdelogError {
  return new OrdelogError('BACKUP_INVALID', { cause });
}

/** Errors that say something truer than "invalid backup" pass through; everything else becomes BACKUP_INVALID. */
function asBackupError(error: unknown): unknown {
  if (isOrdelogError(error) && ['VAULT_NEWER_VERSION', 'VAULT_BUSY', 'FORBIDDEN', 'BACKUP_INVALID'].includes(error.code)) {
    return error;
  }
  return invalid(error);
}

function parseBackup(bytes: Buffer): ParsedBackup {
  if (bytes.length < magic.length || !bytes.subarray(0, magic.length).equals(magic)) throw invalid();
  const headerEnd = bytes.indexOf(0x0a, magic.length);
  if (headerEnd < 0 || headerEnd - magic.length > maxHeaderBytes) throw invalid();
  const headerBytes = bytes.subarray(magic.length, headerEnd);
  const macEnd = headerEnd + 1 + 64;
  if (bytes[macEnd] !== 0x0a) throw invalid();
  const macHex = bytes.subarray(headerEnd + 1, macEnd).toString('ascii');
  if (!/^[0-9a-f]{64}$/.test(macHex)) throw invalid();
  const header = headerSchema.parse(JSON.parse(headerBytes.toString('utf8')));
  const database = bytes.subarray(macEnd + 1);
  if (database.length !== header.database.bytes || sha256(database) !== header.database.sha256) throw invalid();
  if (sha256(header.keySlots.json) !== header.keySlots.sha256) throw invalid();
  return { header, headerBytes, mac: Buffer.from(macHex, 'hex'), database, slots: parseKeySlots(header.keySlots.json) };
}

function checkMac(parsed: ParsedBackup, dataKey: DataKey): void {
  if (!timingSafeEqual(headerMac(dataKey, parsed.headerBytes), parsed.mac)) throw invalid();
}

/** The backup's data key, from the backup's own slots. */
async function unlockBackup(parsed: ParsedBackup, userName: string, passphrase: string): Promise<{ dataKey: DataKey; userId: string }> {
  const { slot, keys } = await openSlot(parsed.slots, findUserSlot(parsed.slots, userName.trim().toLowerCase()), passphrase);
  const dataKey = keys.find((key) => key.keyId === parsed.slots.currentKeyId);
  for (const key of keys) if (key !== dataKey) key.key.fill(0);
  if (dataKey === undefined || slot.userId === null) throw invalid();
  try {
    checkMac(parsed, dataKey);
  } catch (error) {
    dataKey.key.fill(0);
    throw error;
  }
  return { dataKey, userId: slot.userId };
}

const sidecarSuffixes = ['-wal', '-shm', '-journal'];

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', ...sidecarSuffixes]) rmSync(file + suffix, { force: true });
}

/** Opens a copy read-only with the key and runs the full integrity check. */
function checkDatabaseCopy(file: string, dataKey: DataKey, migrationsFolder: string | undefined): void {
  const opened = openDatabase(file, dataKey.key, { readonly: true, migrationsFolder });
  try {
    if (opened.sqlite.pragma('integrity_check', { simple: true }) !== 'ok') throw invalid();
  } finally {
    opened.close();
  }
}

/** Extracts the database from a backup file on disk into `extractTo` and checks it; removes the extract. */
function verifyBackupBytes(parsed: ParsedBackup, dataKey: DataKey, extractTo: string, migrationsFolder?: string): void {
  try {
    writeFileDurable(extractTo, parsed.database);
    checkDatabaseCopy(extractTo, dataKey, migrationsFolder);
  } finally {
    removeDatabaseFiles(extractTo);
  }
}

/**
 * Writes a verified backup of an unlocked vault to `outFile`: the new file is written beside the target,
 * read back, its database extracted, opened with the key and integrity-checked, and only then renamed into
 * place. A failed backup never replaces an earlier good one.
 */
export function backupVault(vault: UnlockedVault, outFile: string, options: { origin?: AuditOrigin } = {}): BackupInfo {
  const { paths, dataKey, migrationsFolder } = vaultInternals(vault);
  const actor = { actorId: vault.user.id, action: 'vault.backup', object: 'vault', origin: options.origin ?? 'app' } as const;
  if (vault.user.kind !== 'user') {
    appendAudit(vault.database.db, { ...actor, result: 'geweigerd' });
    throw new OrdelogError('FORBIDDEN');
  }
  const [checkpoint] = vault.database.sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  if (checkpoint !== undefined && checkpoint.busy !== 0) throw new OrdelogError('VAULT_BUSY');
  // Everything from the checkpoint to the copy runs synchronously: no write can slip in between.
  const database = readFileSync(paths.database);
  const slotsJson = readFileSync(paths.keySlots, 'utf8');
  const header: BackupHeader = {
    format: 'ordelog-backup',
    version: 1,
    createdAt: new Date().toISOString(),
    schemaVersion: vault.database.sqlite.pragma('user_version', { simple: true }) as number,
    database: { bytes: database.length, sha256: sha256(database) },
    keySlots: { sha256: sha256(slotsJson), json: slotsJson },
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const mac = headerMac(dataKey, headerBytes).toString('hex');
  const backup = Buffer.concat([magic, headerBytes, Buffer.from(`\n${mac}\n`, 'ascii'), database]);

  const temp = siblingTempPath(outFile, 'backup');
  try {
    writeFileDurable(temp, backup);
    const written = readFileSync(temp);
    const parsed = parseBackup(written);
    checkMac(parsed, dataKey);
    verifyBackupBytes(parsed, dataKey, siblingTempPath(outFile, 'verify'), migrationsFolder);
    renameSync(temp, outFile);
    fsyncDirectory(dirname(outFile));
    appendAudit(vault.database.db, { ...actor, result: 'ok' });
    return { createdAt: header.createdAt, schemaVersion: header.schemaVersion, bytes: written.length, sha256: sha256(written) };
  } catch (error) {
    rmSync(temp, { force: true });
    try {
      appendAudit(vault.database.db, { ...actor, result: 'fout' });
    } catch {
      // The failed backup is what the caller must hear about, even when the vault cannot take the audit line.
    }
    throw asBackupError(error);
  }
}

function readBackup(file: string): { parsed: ParsedBackup; bytes: Buffer } {
  try {
    const bytes = readFileSync(file);
    return { parsed: parseBackup(bytes), bytes };
  } catch (error) {
    throw asBackupError(error);
  }
}

const infoOf = (parsed: ParsedBackup, bytes: Buffer): BackupInfo => ({
  createdAt: parsed.header.createdAt,
  schemaVersion: parsed.header.schemaVersion,
  bytes: bytes.length,
  sha256: sha256(bytes),
});

/** Checks a backup file completely (hashes, passphrase, MAC, database integrity) without touching any vault. */
export async function verifyBackup(file: string, userName: string, passphrase: string): Promise<BackupInfo> {
  const { parsed, bytes } = readBackup(file);
  const scratch = mkdtempSync(join(tmpdir(), 'ordelog-verify-'));
  let dataKey: DataKey | undefined;
  try {
    dataKey = (await unlockBackup(parsed, userName, passphrase)).dataKey;
    verifyBackupBytes(parsed, dataKey, join(scratch, 'ordelog.db'));
    return infoOf(parsed, bytes);
  } catch (error) {
    throw asBackupError(error);
  } finally {
    dataKey?.key.fill(0);
    rmSync(scratch, { recursive: true, force: true });
  }
}

const fileTimestamp = (date: Date) => date.toISOString().replace(/[-:.]/g, '');

/**
 * Replaces the vault in `dir` (or creates it there) with a backup. Only a beheerder in the backup may do so.
 * The backup is checked, extracted beside the live files, migrated if it is older, given an audit line,
 * integrity-checked, and only then swapped in by a rename plan that a crash cannot leave half done (the next
 * unlock finishes it). Until then the live vault is not touched; the replaced files are kept as
 * `*.before-restore-<time>` while the swap runs and removed once it succeeded. The vault must be locked.
 */
export async function restoreVault(
  dir: string,
  backupFile: string,
  userName: string,
  passphrase: string,
  options: { origin?: AuditOrigin; migrationsFolder?: string } = {},
): Promise<BackupInfo> {
  const { parsed, bytes } = readBackup(backupFile);
  let unlocked: { dataKey: DataKey; userId: string };
  try {
    unlocked = await unlockBackup(parsed, userName, passphrase);
  } catch (error) {
    throw asBackupError(error);
  }
  const { dataKey, userId } = unlocked;
  mkdirSync(dir, { recursive: true });
  const paths = vaultPaths(dir);
  let lockHandle: ReturnType<typeof acquireVaultLock> | undefined;
  const tempDatabase = siblingTempPath(paths.database, 'restore');
  const tempSlots = siblingTempPath(paths.keySlots, 'restore');
  try {
    lockHandle = acquireVaultLock(paths);
    writeFileDurable(tempDatabase, parsed.database);
    const restored = openDatabase(tempDatabase, dataKey.key, { migrationsFolder: options.migrationsFolder });
    try {
      const user = restored.db
        .select({ role: users.role })
        .from(users)
        .where(and(eq(users.id, userId), isNull(users.removedAt)))
        .get();
      if (user === undefined) throw invalid();
      if (!rolePermissions[user.role].manageUsers) throw new OrdelogError('FORBIDDEN');
      appendAudit(restored.db, { actorId: userId, action: 'vault.restore', object: 'vault', result: 'ok', origin: options.origin ?? 'app' });
    } finally {
      restored.close();
    }
    checkDatabaseCopy(tempDatabase, dataKey, options.migrationsFolder);
    // A read-only connection leaves an empty -wal and its index behind; they must not outlive the name.
    for (const suffix of sidecarSuffixes) rmSync(tempDatabase + suffix, { force: true });
    writeFileDurable(tempSlots, parsed.header.keySlots.json);
    runRenamePlan(paths.renamePlan, swapPlan(paths, tempDatabase, tempSlots, fileTimestamp(new Date())));
    return infoOf(parsed, bytes);
  } catch (error) {
    removeDatabaseFiles(tempDatabase);
    rmSync(tempSlots, { force: true });
    throw asBackupError(error);
  } finally {
    dataKey.key.fill(0);
    lockHandle?.close();
  }
}

/**
 * The old database's -wal (and -shm, -journal) move with it: left beside the restored file, SQLite would
 * replay the old WAL into it.
 */
function swapPlan(paths: VaultPaths, tempDatabase: string, tempSlots: string, time: string): RenamePlan {
  const moves = [...sidecarSuffixes, '']
    .map((suffix) => ({ from: paths.database + suffix, to: `${paths.database}.before-restore-${time}${suffix}` }))
    .concat({ from: paths.keySlots, to: `${paths.keySlots}.before-restore-${time}` })
    .filter(({ from }) => existsSync(from));
  return {
    renames: [...moves, { from: tempDatabase, to: paths.database }, { from: tempSlots, to: paths.keySlots }],
    removeAfter: moves.map(({ to }) => to),
  };
}
