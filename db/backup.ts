import Database from 'better-sqlite3';
import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdtempSync, openSync, readFileSync, renameSync, rmdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { rolePermissions } from '../shared/domain';
import { OrdelogError, isOrdelogError } from '../shared/errors';
import { appendAudit, type AuditOrigin } from './audit';
import { fsyncDirectory, resumeRenamePlan, runRenamePlan, siblingTempPath, writeFileDurable, type RenamePlan } from './atomic-file';
import { makePrivateFolder, restrictVaultFolder } from './file-modes';
import { step, stopIfCancelled, unwatchedVaultJob, type VaultJob } from './job';
import { findUserSlot, parseKeySlots, type DataKey, type KeySlotsFile } from './keyslots';
import { applyKey, openDatabase, type OpenedDatabase } from './open';
import { compareWithLive, restoreLosesData, type RestoreComparison } from './restore-check';
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

/** Removes a folder made for files that never came; one that holds something is left for a person to look at. */
function removeEmptyFolder(path: string): void {
  try {
    rmdirSync(path);
  } catch {
    // Not empty or already gone: the error the caller is about to report matters more.
  }
}

function invalid(cause?: unknown): OrdelogError {
  return new OrdelogError('BACKUP_INVALID', { cause });
}

/** Errors that say something truer than "invalid backup" pass through; everything else becomes BACKUP_INVALID. */
function asBackupError(error: unknown): unknown {
  const truer = ['WRONG_PASSPHRASE', 'VAULT_NEWER_VERSION', 'VAULT_BUSY', 'FORBIDDEN', 'BACKUP_INVALID', 'CANCELLED'];
  if (isOrdelogError(error) && truer.includes(error.code)) {
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

/**
 * The backup's data key, from the backup's own slots. A wrong passphrase (or a name the backup does not know)
 * is WRONG_PASSPHRASE, as at unlock: the backup is not damaged, and a script must be able to tell the two apart.
 */
async function unlockBackup(parsed: ParsedBackup, userName: string, passphrase: string): Promise<{ dataKey: DataKey; userId: string }> {
  const { slot, keys } = await openSlot(parsed.slots, findUserSlot(parsed.slots, userName.trim().toLowerCase()), passphrase).catch((error: unknown) => {
    throw isOrdelogError(error) && error.code === 'WRONG_PASSPHRASE'
      ? new OrdelogError('WRONG_PASSPHRASE', { detail: '(van de back-up: de wachtwoordzin die gold toen de back-up werd gemaakt)' })
      : error;
  });
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

/** The backup file's bytes for a database (checkpointed, so the file alone holds everything) and its slots. */
function encodeBackup(dataKey: DataKey, database: Buffer, slotsJson: string, schemaVersion: number): { bytes: Buffer; createdAt: string } {
  const header: BackupHeader = {
    format: 'ordelog-backup',
    version: 1,
    createdAt: new Date().toISOString(),
    schemaVersion,
    database: { bytes: database.length, sha256: sha256(database) },
    keySlots: { sha256: sha256(slotsJson), json: slotsJson },
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const mac = headerMac(dataKey, headerBytes).toString('hex');
  return { bytes: Buffer.concat([magic, headerBytes, Buffer.from(`\n${mac}\n`, 'ascii'), database]), createdAt: header.createdAt };
}

/** Written in steps of this size, each a chance to report and to stop. */
const stepBytes = 4 * 1024 * 1024;

/** `writeFileDurable` in steps: a new file (never an existing one), every byte on disk before it returns. */
async function writeFileInSteps(file: string, data: Buffer, job: VaultJob): Promise<void> {
  const fd = openSync(file, 'wx', 0o600);
  try {
    let written = 0;
    while (written < data.length) {
      await step(job, 'writing', written, data.length);
      const end = Math.min(data.length, written + stepBytes);
      while (written < end) written += writeSync(fd, data, written, end - written);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  job.progress('writing', data.length, data.length);
}

/**
 * Writes backup bytes beside `outFile`, reads them back, extracts the database, opens it with the key and
 * integrity-checks it, and only then renames the file into place: a failed or cancelled backup never replaces a
 * good one, and leaves no file behind. A cancel is heard at every step up to the rename.
 */
async function writeVerifiedBackup(outFile: string, backup: Buffer, dataKey: DataKey, migrationsFolder: string | undefined, job: VaultJob): Promise<Buffer> {
  const temp = siblingTempPath(outFile, 'backup');
  try {
    await writeFileInSteps(temp, backup, job);
    await step(job, 'checking', 0, 2);
    const written = readFileSync(temp);
    const parsed = parseBackup(written);
    checkMac(parsed, dataKey);
    await step(job, 'checking', 1, 2);
    verifyBackupBytes(parsed, dataKey, siblingTempPath(outFile, 'verify'), migrationsFolder);
    await step(job, 'checking', 2, 2);
    renameSync(temp, outFile);
    fsyncDirectory(dirname(outFile));
    return written;
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Writes a verified backup of an unlocked vault to `outFile` (mode 0600). `job` hears the writing and checking
 * and may cancel: then there is no backup file and `outFile`, if it existed, is as it was.
 */
export async function backupVault(vault: UnlockedVault, outFile: string, options: { origin?: AuditOrigin; job?: VaultJob } = {}): Promise<BackupInfo> {
  const job = options.job ?? unwatchedVaultJob;
  const { paths, dataKey, migrationsFolder } = vaultInternals(vault);
  const actor = { actorId: vault.user.id, action: 'vault.backup', object: 'vault', origin: options.origin ?? 'app' } as const;
  if (vault.user.kind !== 'user') {
    appendAudit(vault.database.db, { ...actor, result: 'geweigerd' });
    throw new OrdelogError('FORBIDDEN');
  }
  stopIfCancelled(job);
  const [checkpoint] = vault.database.sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  if (checkpoint !== undefined && checkpoint.busy !== 0) throw new OrdelogError('VAULT_BUSY');
  // Everything from the checkpoint to the copy runs synchronously: no write can slip in between.
  job.progress('copying', 0, 1);
  const database = readFileSync(paths.database);
  const slotsJson = readFileSync(paths.keySlots, 'utf8');
  const schemaVersion = vault.database.sqlite.pragma('user_version', { simple: true }) as number;
  const { bytes, createdAt } = encodeBackup(dataKey, database, slotsJson, schemaVersion);
  job.progress('copying', 1, 1);
  try {
    const written = await writeVerifiedBackup(outFile, bytes, dataKey, migrationsFolder, job);
    appendAudit(vault.database.db, { ...actor, result: 'ok' });
    return { createdAt, schemaVersion, bytes: written.length, sha256: sha256(written) };
  } catch (error) {
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

/** Where the vault a restore replaced was kept. */
export type ReplacedVault =
  /** A one-file backup of it, in the vault folder; restore it like any other backup. */
  | { kind: 'backup'; path: string }
  /** Its files as they were (it could not be opened to make a backup of it), in a folder that is itself a vault. */
  | { kind: 'folder'; path: string };

export type RestoreResult =
  | { restored: true; info: BackupInfo; comparison: RestoreComparison; replaced: ReplacedVault | null }
  | { restored: false; comparison: RestoreComparison };

export interface RestoreOptions {
  origin?: AuditOrigin;
  migrationsFolder?: string;
  /**
   * Asked before anything is replaced when the live vault holds cases or entries the backup lacks, or cannot
   * be opened with this passphrase; a restore goes ahead only on `true`. Without it such a restore is declined.
   */
  confirm?: (comparison: RestoreComparison) => boolean | Promise<boolean>;
  /** Hears each step and may cancel it, up to the swap: then nothing in `dir` has changed. */
  job?: VaultJob;
}

/**
 * Replaces the vault in `dir` (or creates it there) with a backup. Only a beheerder in the backup may do so.
 * The backup is checked, extracted beside the live files, migrated if it is older, given an audit line and
 * integrity-checked. Then it is compared with the live vault: if that holds anything the backup lacks (or
 * cannot be opened), `confirm` decides. The live vault is kept, as a verified one-file backup
 * `replaced-<time>.ordelog-backup` in the folder, or, when it could not be opened, as its own files in a
 * folder `replaced-<time>`. Only then is the backup swapped in, by a rename plan that a crash cannot leave
 * half done (the next unlock finishes it). The vault must be locked.
 */
export async function restoreVault(
  dir: string,
  backupFile: string,
  userName: string,
  passphrase: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const job = options.job ?? unwatchedVaultJob;
  job.progress('reading', 0, 1);
  const { parsed, bytes } = readBackup(backupFile);
  let unlocked: { dataKey: DataKey; userId: string };
  try {
    await step(job, 'reading', 1, 1);
    unlocked = await unlockBackup(parsed, userName, passphrase);
  } catch (error) {
    throw asBackupError(error);
  }
  const { dataKey, userId } = unlocked;
  makePrivateFolder(dir);
  const paths = vaultPaths(dir);
  let lockHandle: ReturnType<typeof acquireVaultLock> | undefined;
  let liveKey: DataKey | null = null;
  let keptBackup: string | undefined;
  let keptFolder: string | undefined;
  const tempDatabase = siblingTempPath(paths.database, 'restore');
  const tempSlots = siblingTempPath(paths.keySlots, 'restore');
  try {
    lockHandle = acquireVaultLock(paths);
    restrictVaultFolder(dir);
    // A restore a crash interrupted is finished first: its plan names the files this one is about to move.
    resumeRenamePlan(paths.renamePlan);
    await writeFileInSteps(tempDatabase, parsed.database, job);
    await step(job, 'checking', 0, 3);
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
    await step(job, 'checking', 1, 3);
    checkDatabaseCopy(tempDatabase, dataKey, options.migrationsFolder);
    await step(job, 'checking', 2, 3);
    const compared = await withBackupCopy(tempDatabase, dataKey, options.migrationsFolder, (backup) =>
      compareWithLive(paths, backup, parsed.header.createdAt, userName, passphrase),
    );
    await step(job, 'checking', 3, 3);
    liveKey = compared.liveKey;
    const { comparison } = compared;
    if (restoreLosesData(comparison) && !(await (options.confirm ?? (() => false))(comparison))) {
      removeDatabaseFiles(tempDatabase);
      return { restored: false, comparison };
    }
    const time = fileTimestamp(new Date());
    let replaced: ReplacedVault | null = null;
    if (liveKey !== null) {
      keptBackup = join(dir, `replaced-${time}.ordelog-backup`);
      await keepLiveAsBackup(paths, liveKey, keptBackup, options.migrationsFolder, job);
      replaced = { kind: 'backup', path: keptBackup };
    } else if (comparison.live.state === 'unopenable') {
      keptFolder = join(dir, `replaced-${time}`);
      makePrivateFolder(keptFolder);
      replaced = { kind: 'folder', path: keptFolder };
    }
    writeFileDurable(tempSlots, parsed.header.keySlots.json);
    // The last moment a cancel is heard: the swap below is quick, and a crash in it is finished by the next unlock.
    stopIfCancelled(job);
    const plan = swapPlan(paths, tempDatabase, tempSlots, time, replaced?.kind === 'folder' ? replaced.path : null);
    // From here the plan owns the files: a swap cut short is finished by the next unlock, and what was kept
    // of the replaced vault must stay whatever happens.
    keptBackup = undefined;
    keptFolder = undefined;
    runRenamePlan(paths.renamePlan, plan);
    return { restored: true, info: infoOf(parsed, bytes), comparison, replaced };
  } catch (error) {
    removeDatabaseFiles(tempDatabase);
    rmSync(tempSlots, { force: true });
    if (keptBackup !== undefined) rmSync(keptBackup, { force: true });
    if (keptFolder !== undefined) removeEmptyFolder(keptFolder);
    throw asBackupError(error);
  } finally {
    dataKey.key.fill(0);
    liveKey?.key.fill(0);
    lockHandle?.close();
  }
}

/** Runs `work` on a read-only connection to the extracted backup; its -wal and index go with it. */
async function withBackupCopy<T>(file: string, dataKey: DataKey, migrationsFolder: string | undefined, work: (sqlite: OpenedDatabase['sqlite']) => Promise<T>): Promise<T> {
  const opened = openDatabase(file, dataKey.key, { readonly: true, migrationsFolder });
  try {
    return await work(opened.sqlite);
  } finally {
    opened.close();
    // The next name of this file is the vault's own: an old -wal left beside it would be replayed into it.
    for (const suffix of sidecarSuffixes) rmSync(file + suffix, { force: true });
  }
}

/**
 * Writes the live vault as a verified one-file backup. Its WAL is checkpointed into the database file first
 * (what any unlock would do; the content stays the same), so the file alone holds everything.
 */
async function keepLiveAsBackup(paths: VaultPaths, liveKey: DataKey, outFile: string, migrationsFolder: string | undefined, job: VaultJob): Promise<void> {
  const live = new Database(paths.database, { fileMustExist: true });
  let schemaVersion: number;
  try {
    applyKey(live, liveKey.key);
    const [checkpoint] = live.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (checkpoint !== undefined && checkpoint.busy !== 0) throw new OrdelogError('VAULT_BUSY');
    schemaVersion = live.pragma('user_version', { simple: true }) as number;
  } finally {
    live.close();
  }
  const { bytes } = encodeBackup(liveKey, readFileSync(paths.database), readFileSync(paths.keySlots, 'utf8'), schemaVersion);
  await writeVerifiedBackup(outFile, bytes, liveKey, migrationsFolder, job);
}

/**
 * The old database's -wal (and -shm, -journal) move with it: left beside the restored file, SQLite would
 * replay the old WAL into it. With `keepIn` the old files move into that folder and stay; otherwise they are
 * kept under `*.before-restore-<time>` names while the swap runs and removed once it is complete (a verified
 * backup of them was written first).
 */
function swapPlan(paths: VaultPaths, tempDatabase: string, tempSlots: string, time: string, keepIn: string | null): RenamePlan {
  const aside = (file: string, suffix = '') =>
    keepIn === null ? `${file}.before-restore-${time}${suffix}` : join(keepIn, `${basename(file)}${suffix}`);
  const moves = [...sidecarSuffixes, '']
    .map((suffix) => ({ from: paths.database + suffix, to: aside(paths.database, suffix) }))
    .concat({ from: paths.keySlots, to: aside(paths.keySlots) })
    .filter(({ from }) => existsSync(from));
  return {
    renames: [...moves, { from: tempDatabase, to: paths.database }, { from: tempSlots, to: paths.keySlots }],
    removeAfter: keepIn === null ? moves.map(({ to }) => to) : [],
  };
}
