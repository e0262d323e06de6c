import Database from 'better-sqlite3';
import { randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { rolePermissions, type UserRole } from '../shared/domain';
import { OrdelogError } from '../shared/errors';
import { singleLinePattern } from '../shared/text-rules';
import { appendAudit, type AuditOrigin } from './audit';
import { fsyncDirectory, resumeRenamePlan, siblingTempPath } from './atomic-file';
import { createPrivateFile, makePrivateFolder, restrictVaultFolder } from './file-modes';
import { calibrateKdf, type KdfParams } from './kdf';
import {
  createSlot,
  createSlotWithSigningKey,
  decodeRecoveryKey,
  deriveSlotKek,
  encodeRecoveryKey,
  findRecoverySlot,
  findUserSlot,
  newDataKey,
  newKeySlotsFile,
  readKeySlots,
  slotSigningKeys,
  strongestKdf,
  unsealDataKeys,
  openSigningKey,
  unwrapPrivateKey,
  userNamePattern,
  withPendingCommitted,
  withPendingKey,
  writeKeySlots,
  type DataKey,
  type KeySlot,
  type KeySlotsFile,
  type SlotSecret,
} from './keyslots';
import { applyKey, mapDatabaseError, openDatabase, type OpenedDatabase, type OpenOptions } from './open';
import {
  inspectDatabase,
  inspectDatabaseFile,
  keepMemory,
  rollbackError,
  withMemoryResealed,
  writeMemory,
  type MemoryKeeper,
  type RollbackFinding,
} from './rollback-memory';
import { stopIfCancelled, type VaultJob } from './job';
import { attachBoxKey, attachSigner, detachBoxKey, detachSigner, deviceIdOf, registerAuthorKey } from './signatures';
import { closeReplicaOf } from './replica/handles';
import { users } from './schema';

/**
 * A vault is a directory:
 * - `ordelog.db`: the SQLCipher-encrypted database, keyed with a random 256-bit data key;
 * - `keyslots.json`: who can obtain that key (keyslots.ts), and the vault's sealed memory of its database, which
 *   refuses an older copy of `ordelog.db` put back in its place (rollback-memory.ts);
 * - `ordelog.lock`: an empty SQLite file this process holds an exclusive lock on while the vault is open.
 *   The operating system drops that lock when the process dies, so a crash never leaves a stale lock, and a
 *   second Ordelog process gets VAULT_BUSY instead of racing on the key slots (the database alone would be
 *   safe with two writers; the slots file and a rekey would not);
 * - `ordelog.renames.json`, only while a restore swaps files in (atomic-file.ts).
 */
export interface VaultPaths {
  dir: string;
  database: string;
  keySlots: string;
  lock: string;
  renamePlan: string;
}

export function vaultPaths(dir: string): VaultPaths {
  return {
    dir,
    database: join(dir, 'ordelog.db'),
    keySlots: join(dir, 'keyslots.json'),
    lock: join(dir, 'ordelog.lock'),
    renamePlan: join(dir, 'ordelog.renames.json'),
  };
}

export interface VaultUser {
  id: string;
  name: string;
  displayName: string;
  role: UserRole;
  /** `recovery`: unlocked with the recovery key; may only set a user's new passphrase. */
  kind: 'user' | 'recovery';
}

export interface UnlockedVault {
  readonly dir: string;
  readonly database: OpenedDatabase;
  readonly user: VaultUser;
  readonly timings: { kdfMs: number; openMs: number };
  readonly isLocked: boolean;
  /** Closes the database, zeroes the data key and releases the vault to other processes. Idempotent. */
  lock(): void;
}

export interface VaultOptions {
  origin?: AuditOrigin;
  migrationsFolder?: string;
}

/** The recovery actor: reads like a `lezer` for everything that only checks roles. */
export const recoveryActor: VaultUser = Object.freeze({
  id: 'recovery',
  name: 'herstel',
  displayName: 'Herstelsleutel',
  role: 'lezer',
  kind: 'recovery',
});

interface VaultSecrets {
  paths: VaultPaths;
  dataKey: DataKey;
  migrationsFolder: string | undefined;
  memory: MemoryKeeper;
}

const secretsByVault = new WeakMap<UnlockedVault, VaultSecrets>();

/** For the other vault modules (users, backup) only: the paths and the live data key of an open vault. */
export function vaultInternals(vault: UnlockedVault): VaultSecrets {
  const secrets = secretsByVault.get(vault);
  if (secrets === undefined || vault.isLocked) throw new OrdelogError('VAULT_LOCKED');
  return secrets;
}

export function parseInput<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new OrdelogError('INVALID_INPUT', { detail: result.error.issues[0]?.message });
  return result.data;
}

export const userNameSchema = z
  .string()
  .regex(userNamePattern, 'Gebruikersnaam: 1 tot 64 tekens, alleen kleine letters, cijfers, punt, koppelteken (-) of laag streepje (_).');
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'Volledige naam ontbreekt.')
  .max(100, 'Volledige naam: maximaal 100 tekens.')
  .regex(singleLinePattern, 'Volledige naam: één regel zonder tab, regelovergang of ander stuurteken.');
export const passphraseSchema = z
  .string()
  .min(12, 'Wachtwoordzin: minimaal 12 tekens.')
  .max(1024, 'Wachtwoordzin: maximaal 1024 tekens.');

/**
 * For `verify`: the signing keys each user's key slot binds (keyslots.ts `slotSigningKeys`), by user id, read
 * from the key slots beside the database; undefined for a database with none beside it (a copy being checked).
 */
export function slotSigningKeysBeside(sqlite: Database.Database): Map<string, Set<string>> | undefined {
  const file = vaultPaths(dirname(sqlite.name)).keySlots;
  if (!existsSync(file)) return undefined;
  const slots = readKeySlots(file).slots.filter((slot) => slot.kind === 'user' && slot.userId !== null);
  return new Map(slots.map((slot) => [slot.userId!, new Set(slotSigningKeys(slot))]));
}

/** The X25519 public key (base64) of a user's key slot, read from the key slots beside the database: their invitation's key. */
export function slotBoxKeyBeside(sqlite: Database.Database, userId: string): string | undefined {
  const file = vaultPaths(dirname(sqlite.name)).keySlots;
  if (!existsSync(file)) return undefined;
  return readKeySlots(file).slots.find((slot) => slot.kind === 'user' && slot.userId === userId)?.publicKey;
}

/** Throws VAULT_BUSY while another connection (this process or another) holds the vault. */
export function acquireVaultLock(paths: VaultPaths): Database.Database {
  let handle: Database.Database | undefined;
  try {
    createPrivateFile(paths.lock);
    handle = new Database(paths.lock, { timeout: 0 });
    handle.pragma('locking_mode=EXCLUSIVE');
    // In exclusive locking mode the lock taken by this transaction is kept after it ends.
    handle.exec('BEGIN EXCLUSIVE; COMMIT');
    return handle;
  } catch (error) {
    handle?.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new OrdelogError('VAULT_BUSY', { cause: error });
    throw error;
  }
}

function makeVault(
  paths: VaultPaths,
  database: OpenedDatabase,
  user: VaultUser,
  dataKey: DataKey,
  lockHandle: Database.Database,
  timings: UnlockedVault['timings'],
  options: VaultOptions,
): UnlockedVault {
  let locked = false;
  const memory = keepMemory(database, () => {
    const secrets = secretsByVault.get(vault);
    if (secrets !== undefined) writeMemory(secrets.paths.keySlots, database.sqlite, secrets.dataKey);
  });
  const vault: UnlockedVault = {
    dir: paths.dir,
    database,
    user,
    timings,
    get isLocked() {
      return locked;
    },
    lock() {
      if (locked) return;
      try {
        memory.writeNow();
      } catch {
        // A lock always happens; the memory then stays as it was last written, behind the database, never ahead.
      }
      memory.stop();
      locked = true;
      const secrets = secretsByVault.get(vault);
      secretsByVault.delete(vault);
      detachSigner(database);
      detachBoxKey(database);
      void closeReplicaOf(database);
      try {
        database.close();
      } finally {
        secrets?.dataKey.key.fill(0);
        lockHandle.close();
      }
    },
  };
  secretsByVault.set(vault, { paths, dataKey, migrationsFolder: options.migrationsFolder, memory });
  return vault;
}

/** Creates the directory if needed; refuses a directory that already holds a vault (VAULT_EXISTS). */
export async function createVault(
  dir: string,
  input: { userName: string; displayName: string; passphrase: string; kdf?: KdfParams } & VaultOptions,
): Promise<{ vault: UnlockedVault; recoveryKey: string }> {
  const userName = parseInput(userNameSchema, input.userName);
  const displayName = parseInput(displayNameSchema, input.displayName);
  const passphrase = parseInput(passphraseSchema, input.passphrase);
  makePrivateFolder(dir);
  const paths = vaultPaths(dir);
  const lockHandle = acquireVaultLock(paths);
  const dataKey = newDataKey();
  const tempDatabase = siblingTempPath(paths.database, 'creating');
  let wroteSlots = false;
  let signingKey: Buffer | null = null;
  let vault: UnlockedVault;
  let recoveryKey: string;
  try {
    resumeRenamePlan(paths.renamePlan);
    if (existsSync(paths.database) || existsSync(paths.keySlots)) throw new OrdelogError('VAULT_EXISTS');
    const kdf = input.kdf ?? (await calibrateKdf());
    const userId = randomUUID();
    const kdfStarted = performance.now();
    const created = await createSlotWithSigningKey({ kind: 'user', userId, userName, secret: passphrase, kdf, dataKeys: [dataKey] });
    const userSlot = created.slot;
    signingKey = created.signingKey;
    const kdfMs = performance.now() - kdfStarted;
    const recoverySecret = randomBytes(32);
    const recoverySlot = await createSlot({
      kind: 'recovery',
      userId: null,
      userName: null,
      secret: recoverySecret,
      kdf,
      dataKeys: [dataKey],
    });
    recoveryKey = encodeRecoveryKey(recoverySecret);
    recoverySecret.fill(0);

    // Built under a temporary name, so a crash mid-way leaves no half-made vault under the real name.
    const building = openDatabase(tempDatabase, dataKey.key, { create: true, migrationsFolder: input.migrationsFolder });
    try {
      building.sqlite.transaction(() => {
        const createdAt = new Date().toISOString();
        building.db.insert(users).values({ id: userId, name: userName, displayName, role: 'beheerder', createdAt }).run();
        registerAuthorKey(building.sqlite, userId, userSlot.signing!.publicKey, createdAt);
        appendAudit(building.db, {
          actorId: userId,
          action: 'vault.create',
          object: 'vault',
          result: 'ok',
          origin: input.origin ?? 'app',
        });
      })();
    } finally {
      building.close();
    }
    writeKeySlots(paths.keySlots, newKeySlotsFile(dataKey.keyId, [userSlot, recoverySlot]));
    wroteSlots = true;
    renameSync(tempDatabase, paths.database);
    fsyncDirectory(dir);

    const openStarted = performance.now();
    const database = openDatabase(paths.database, dataKey.key, { migrationsFolder: input.migrationsFolder });
    const openMs = performance.now() - openStarted;
    const user: VaultUser = { id: userId, name: userName, displayName, role: 'beheerder', kind: 'user' };
    vault = makeVault(paths, database, user, dataKey, lockHandle, { kdfMs, openMs }, input);
    attachSigner(database, { userId, device: deviceIdOf(database.sqlite), publicKey: userSlot.signing!.publicKey, privateKey: signingKey! });
    attachBoxKey(database, userId, created.boxKey);
  } catch (error) {
    signingKey?.fill(0);
    dataKey.key.fill(0);
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(tempDatabase + suffix, { force: true });
    if (wroteSlots && !existsSync(paths.database)) rmSync(paths.keySlots, { force: true });
    lockHandle.close();
    throw error;
  }
  try {
    rememberFromNowOn(vault);
    return { vault, recoveryKey };
  } catch (error) {
    vault.lock();
    throw error;
  }
}

/** The database has been checked against the memory (or is new): the memory follows it from here. */
function rememberFromNowOn(vault: UnlockedVault): void {
  const { memory } = vaultInternals(vault);
  memory.arm();
  memory.writeNow();
}

/** Unlocks with a user's passphrase. An unknown name costs the same KDF time and gives the same error. */
export async function unlockVault(
  dir: string,
  userName: string,
  passphrase: string,
  options: VaultOptions = {},
): Promise<UnlockedVault> {
  const name = userName.trim().toLowerCase();
  return unlockWith(dir, (file) => findUserSlot(file, name), passphrase, activeUserOf, options);
}

/** Unlocks as the recovery actor, who may then only set a new passphrase for a user (users.ts). */
export async function unlockWithRecoveryKey(
  dir: string,
  recoveryKey: string,
  options: VaultOptions = {},
): Promise<UnlockedVault> {
  const secret = decodeRecoveryKey(recoveryKey);
  try {
    return await unlockWith(dir, findRecoverySlot, secret, () => recoveryActor, options);
  } finally {
    secret.fill(0);
  }
}

/** Who accepts an older database: a beheerder with their passphrase, or the holder of the recovery key. */
export type RollbackAcceptor = { userName: string; passphrase: string } | { recoveryKey: string };

export interface RollbackAcceptance {
  /** What the database was behind in; empty when it was not (then nothing was accepted or asked). */
  findings: RollbackFinding[];
  accepted: boolean;
}

/**
 * The way past a refused unlock for a beheerder who knowingly keeps an older database (VAULT_ROLLED_BACK, or a
 * memory that is damaged or missing): unlocks without that refusal, lets `confirm` see what the database is
 * behind in, and on `true` writes an audit line and a fresh memory of the database as it is. A role that may not
 * manage users is refused (audited); on `false` nothing is written.
 */
export async function acceptRollback(
  dir: string,
  acceptor: RollbackAcceptor,
  options: VaultOptions & { confirm: (findings: RollbackFinding[]) => boolean | Promise<boolean> },
): Promise<RollbackAcceptance> {
  const outcome: RollbackAcceptance = { findings: [], accepted: false };
  let declined = false;
  const decide: RollbackDecision = async (vault, findings) => {
    outcome.findings = findings;
    const line = { actorId: vault.user.id, action: 'vault.rollback.accept', object: 'vault', origin: options.origin ?? 'app' } as const;
    if (vault.user.kind !== 'recovery' && !rolePermissions[vault.user.role].manageUsers) {
      appendAudit(vault.database.db, { ...line, result: 'geweigerd' });
      throw new OrdelogError('FORBIDDEN');
    }
    if (findings.length === 0) return true;
    if (!(await options.confirm(findings))) {
      declined = true;
      return false;
    }
    appendAudit(vault.database.db, { ...line, result: 'ok' });
    outcome.accepted = true;
    return true;
  };
  try {
    let vault: UnlockedVault;
    if ('recoveryKey' in acceptor) {
      const secret = decodeRecoveryKey(acceptor.recoveryKey);
      try {
        vault = await unlockWith(dir, findRecoverySlot, secret, () => recoveryActor, options, decide);
      } finally {
        secret.fill(0);
      }
    } else {
      const name = acceptor.userName.trim().toLowerCase();
      vault = await unlockWith(dir, (file) => findUserSlot(file, name), acceptor.passphrase, activeUserOf, options, decide);
    }
    vault.lock();
    return outcome;
  } catch (error) {
    if (declined) return outcome;
    throw error;
  }
}

/**
 * The recovery actor on a vault this process already holds open (the app: a second unlock would meet its own
 * lock, VAULT_BUSY). The key must open the recovery slot, exactly as for `unlockWithRecoveryKey`, and is audited
 * the same way; `work` then acts as that actor on the same database and key, and the actor is gone when it ends.
 */
export async function withRecoveryActor<T>(
  vault: UnlockedVault,
  recoveryKey: string,
  work: (recovery: UnlockedVault) => Promise<T>,
  options: VaultOptions = {},
): Promise<T> {
  const secrets = vaultInternals(vault);
  const secret = decodeRecoveryKey(recoveryKey);
  try {
    const file = readKeySlots(secrets.paths.keySlots);
    const { keys } = await openSlot(file, findRecoverySlot(file), secret);
    for (const key of keys) key.key.fill(0);
  } finally {
    secret.fill(0);
  }
  let ended = false;
  const recovery: UnlockedVault = {
    dir: vault.dir,
    database: vault.database,
    user: recoveryActor,
    timings: vault.timings,
    get isLocked() {
      return ended || vault.isLocked;
    },
    lock() {
      ended = true;
      secretsByVault.delete(recovery);
    },
  };
  // The same secrets object, not a copy: a rekey meanwhile replaces the data key for both.
  secretsByVault.set(recovery, vaultInternals(vault));
  try {
    appendAudit(vault.database.db, {
      actorId: recoveryActor.id,
      action: 'vault.unlock.recovery',
      object: 'vault',
      result: 'ok',
      origin: options.origin ?? 'app',
    });
    return await work(recovery);
  } finally {
    recovery.lock();
  }
}

/** Throws WRONG_PASSPHRASE unless `passphrase` opens the signed-in user's own slot: who asks is who is signed in. */
export async function confirmPassphrase(vault: UnlockedVault, passphrase: string): Promise<void> {
  const file = readKeySlots(vaultInternals(vault).paths.keySlots);
  const slot = vault.user.kind === 'user' ? findUserSlot(file, vault.user.name) : undefined;
  const { keys } = await openSlot(file, slot, passphrase);
  for (const key of keys) key.key.fill(0);
}

function activeUserOf(database: OpenedDatabase, slot: KeySlot): VaultUser {
  const row = database.db.select().from(users).where(eq(users.id, slot.userId ?? '')).get();
  if (row === undefined || row.name !== slot.userName) {
    throw new OrdelogError('VAULT_DAMAGED', { detail: '(sleutelbestand en database horen niet bij elkaar)' });
  }
  if (row.removedAt !== null) throw new OrdelogError('WRONG_PASSPHRASE');
  return { id: row.id, name: row.name, displayName: row.displayName, role: row.role, kind: 'user' };
}

/**
 * For `acceptRollback`: whether an unlock goes ahead on a database behind the vault's memory (or on any database,
 * when `findings` is empty). Without it such an unlock is refused before anything is written.
 */
type RollbackDecision = (vault: UnlockedVault, findings: RollbackFinding[]) => Promise<boolean>;

async function unlockWith(
  dir: string,
  findSlot: (file: KeySlotsFile) => KeySlot | undefined,
  secret: SlotSecret,
  resolveUser: (database: OpenedDatabase, slot: KeySlot) => VaultUser,
  options: VaultOptions,
  decide?: RollbackDecision,
): Promise<UnlockedVault> {
  const paths = vaultPaths(dir);
  if (!existsSync(paths.database) && !existsSync(paths.renamePlan)) throw new OrdelogError('VAULT_NOT_FOUND');
  const lockHandle = acquireVaultLock(paths);
  let keys: DataKey[] = [];
  let signingKey: Buffer | null = null;
  let database: OpenedDatabase | undefined;
  let vault: UnlockedVault;
  let resumedRekey: boolean;
  let slot: KeySlot;
  let boxKey: KeyObject | null = null;
  let findings: RollbackFinding[] | undefined;
  const judge = (found: RollbackFinding[]) => {
    if (found.length > 0 && decide === undefined) throw rollbackError(found);
    return found;
  };
  try {
    restrictVaultFolder(dir);
    resumeRenamePlan(paths.renamePlan);
    if (!existsSync(paths.database)) throw new OrdelogError('VAULT_NOT_FOUND');
    const file = readKeySlots(paths.keySlots);
    const kdfStarted = performance.now();
    const unlocked = await openSlotForSigning(file, findSlot(file), secret);
    signingKey = unlocked.signing?.privateKey ?? null;
    if (unlocked.slot.kind === 'user') boxKey = unlocked.boxKey;
    keys = unlocked.keys;
    const kdfMs = performance.now() - kdfStarted;
    const openStarted = performance.now();
    // Checked before the file is opened for writing, so an older copy is neither migrated nor written to. A key
    // replacement a crash interrupted is finished first: until then only it knows which key opens the file.
    // SQLite would treat an empty file as a new database and migrate it: that is damage, not a vault.
    const size = statSync(paths.database).size;
    if (size === 0 || size % 512 !== 0) throw new OrdelogError('VAULT_DAMAGED');
    const current = keys.find((key) => key.keyId === file.currentKeyId);
    if (file.pendingKeyId === undefined && current !== undefined) {
      findings = judge(inspectDatabaseFile(paths.database, file, current, options.migrationsFolder));
    }
    const opened = openResolvingRekey(paths, file, keys, { migrationsFolder: options.migrationsFolder });
    database = opened.database;
    resumedRekey = opened.resumedRekey;
    findings ??= judge(inspectDatabase(database.sqlite, readKeySlots(paths.keySlots), opened.dataKey));
    const openMs = performance.now() - openStarted;
    slot = unlocked.slot;
    const user = resolveUser(database, unlocked.slot);
    for (const key of keys) if (key !== opened.dataKey) key.key.fill(0);
    vault = makeVault(paths, database, user, opened.dataKey, lockHandle, { kdfMs, openMs }, options);
  } catch (error) {
    database?.close();
    for (const key of keys) key.key.fill(0);
    signingKey?.fill(0);
    lockHandle.close();
    throw mapDatabaseError(error);
  }
  try {
    if (decide !== undefined && !(await decide(vault, findings))) throw new OrdelogError('CANCELLED');
    if (signingKey !== null) {
      const key = signingKey;
      signingKey = null;
      adoptSigningKey(vault, slot, key);
    }
    if (boxKey !== null) attachBoxKey(vault.database, vault.user.id, boxKey);
    if (resumedRekey) {
      appendAudit(vault.database.db, { actorId: null, action: 'vault.rekey.resume', object: 'vault', result: 'ok', origin: 'system' });
    }
    dropSlotsOfRemovedUsers(vault);
    appendAudit(vault.database.db, {
      actorId: vault.user.id,
      action: vault.user.kind === 'recovery' ? 'vault.unlock.recovery' : 'vault.unlock',
      object: 'vault',
      result: 'ok',
      origin: options.origin ?? 'app',
    });
    rememberFromNowOn(vault);
    return vault;
  } catch (error) {
    vault.lock();
    throw error;
  }
}

/**
 * The signed-in user signs from now on: their key is registered (again, harmlessly, on every unlock: a crash may
 * have come between the slot and the registry), a slot that just got its first signing key is written, and the
 * key is held with the open database until the vault locks.
 */
function adoptSigningKey(vault: UnlockedVault, slot: KeySlot, privateKey: Buffer): void {
  const { sqlite } = vault.database;
  const { paths } = vaultInternals(vault);
  const signing = slot.signing!;
  let device: string;
  try {
    device = deviceIdOf(sqlite);
  } catch (error) {
    privateKey.fill(0);
    throw error;
  }
  attachSigner(vault.database, { userId: vault.user.id, device, publicKey: signing.publicKey, privateKey });
  registerAuthorKey(sqlite, vault.user.id, signing.publicKey, new Date().toISOString());
  // Read again: opening may have finished a key replacement and rewritten the file meanwhile.
  const file = readKeySlots(paths.keySlots);
  const current = file.slots.find((candidate) => candidate.id === slot.id);
  if (current !== undefined && current.signing === undefined) {
    writeKeySlots(paths.keySlots, { ...file, slots: file.slots.map((candidate) => (candidate === current ? { ...current, signing } : candidate)) });
  }
}

/**
 * Passphrase (or recovery key) → the data keys the slot holds. An unknown user name (no slot) runs the same
 * derivation on a decoy and fails the same way as a wrong passphrase: no user enumeration, by error or by time.
 */
export async function openSlot(
  file: KeySlotsFile,
  slot: KeySlot | undefined,
  secret: SlotSecret,
): Promise<{ slot: KeySlot; keys: DataKey[] }> {
  const opened = await openSlotForSigning(file, slot, secret);
  opened.signing?.privateKey.fill(0);
  return { slot: opened.slot, keys: opened.keys };
}

/**
 * `openSlot`, and for a user slot the signing key too (keyslots.ts `openSigningKey`): SIGNING_KEY_REPLACED when
 * it does not open with the passphrase that opened the slot; a new one when the slot has none yet, in the
 * returned `slot`, which the caller then writes.
 */
async function openSlotForSigning(
  file: KeySlotsFile,
  slot: KeySlot | undefined,
  secret: SlotSecret,
): Promise<{ slot: KeySlot; keys: DataKey[]; signing: { privateKey: Buffer } | null; boxKey: KeyObject }> {
  const kek = await deriveSlotKek(slot ?? decoySlot(file), secret);
  try {
    const privateKey = slot === undefined ? null : unwrapPrivateKey(slot, kek);
    if (slot === undefined || privateKey === null) throw new OrdelogError('WRONG_PASSPHRASE');
    const signing = openSigningKey(slot, kek);
    try {
      return { slot: signing?.slot ?? slot, keys: unsealDataKeys(slot, privateKey), signing, boxKey: privateKey };
    } catch (error) {
      signing?.privateKey.fill(0);
      throw error;
    }
  } finally {
    kek.fill(0);
  }
}

/** Stands in for an unknown user name, so it takes as long as a real slot's derivation. */
function decoySlot(file: KeySlotsFile): Pick<KeySlot, 'kdf'> {
  return { kdf: { algorithm: 'scrypt', ...strongestKdf(file), salt: randomBytes(32).toString('base64') } };
}

/**
 * A removal sets `removed_at` first and then drops the slot with a rekey; if the process died in between,
 * the next unlock (by anyone: the decision was made) finishes the job.
 */
function dropSlotsOfRemovedUsers(vault: UnlockedVault): void {
  const active = new Set(
    vault.database.db.select({ id: users.id }).from(users).where(isNull(users.removedAt)).all().map((row) => row.id),
  );
  const file = readKeySlots(vaultInternals(vault).paths.keySlots);
  const stale = file.slots.filter((slot) => slot.kind === 'user' && !active.has(slot.userId ?? ''));
  if (stale.length > 0) rekeyVault(vault, { dropSlotIds: stale.map((slot) => slot.id), origin: 'system' });
}

/**
 * Whether the key decrypts the file. Read-write on purpose: with the old key SQLite rolls back the hot
 * journal an interrupted rekey left. Once the rekey has committed there is no journal, and the old key just
 * fails to read page 1.
 */
function keyOpensDatabase(file: string, key: Buffer): boolean {
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    applyKey(sqlite, key);
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch {
    return false;
  } finally {
    sqlite.close();
  }
}

/**
 * Opens the database, finishing a data key replacement a crash interrupted (the slot file then holds a
 * current and a pending key). The current key is tried first: while the rekey had not committed, its
 * rollback journal holds pages under the current key and only that key can replay it. If the current key
 * opens the database, the replacement is carried out again (a removed user's key must not keep working); if
 * only the pending key does, the rekey had committed and the slot file just needs to forget the old key,
 * before WAL mode lets anything be written under the new one.
 */
function openResolvingRekey(
  paths: VaultPaths,
  file: KeySlotsFile,
  keys: DataKey[],
  options: OpenOptions,
): { database: OpenedDatabase; dataKey: DataKey; resumedRekey: boolean } {
  const current = keys.find((key) => key.keyId === file.currentKeyId);
  const pending = keys.find((key) => key.keyId === file.pendingKeyId);
  if (current === undefined) throw new OrdelogError('VAULT_DAMAGED', { detail: '(sleutelbestand)' });
  if (pending === undefined) {
    return { database: openDatabase(paths.database, current.key, options), dataKey: current, resumedRekey: false };
  }
  if (keyOpensDatabase(paths.database, current.key)) {
    const database = openDatabase(paths.database, current.key, options);
    try {
      applyPendingKey(paths, database, file, current, pending, () => undefined);
    } catch (error) {
      database.close();
      throw error;
    }
    return { database, dataKey: pending, resumedRekey: true };
  }
  if (keyOpensDatabase(paths.database, pending.key)) {
    writeKeySlots(paths.keySlots, withMemoryResealed(withPendingCommitted(file), file, current, pending));
    return { database: openDatabase(paths.database, pending.key, options), dataKey: pending, resumedRekey: true };
  }
  throw new OrdelogError('VAULT_DAMAGED');
}

/** The SQLCipher salt: the first 16 bytes of the file, in clear. */
function readDatabaseSalt(file: string): Buffer {
  const salt = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    if (readSync(fd, salt, 0, 16, 0) !== 16) throw new OrdelogError('VAULT_DAMAGED');
  } finally {
    closeSync(fd);
  }
  return salt;
}

/** Opens a second, read-only connection with the key and reads every page (each page's HMAC is checked). */
function verifyDatabaseKey(file: string, key: Buffer): void {
  const check = openDatabase(file, key, { readonly: true });
  try {
    if (check.sqlite.pragma('quick_check', { simple: true }) !== 'ok') throw new OrdelogError('VAULT_DAMAGED');
  } finally {
    check.close();
  }
}

export type RekeyStep = 'slots-pending' | 'journal-delete' | 'rekeyed' | 'verified' | 'slots-committed' | 'done';

/**
 * Steps 2–6 of a data key replacement (step 1, `slots-pending`, wrote the slot file with both keys). The
 * vault's memory moves from the current key to the pending one with the slot file's last write.
 * The rekey runs in rollback-journal mode: this SQLite3MultipleCiphers version can corrupt a database
 * rekeyed in WAL mode. The rekey keeps the file's salt: by default it draws a new one, and after a crash
 * during the commit, page 1 would carry the new salt while the journal can only be read with the old
 * key and the old salt; neither key would open the file again. Passing the salt explicitly (`x'key‖salt'`)
 * makes every crash point recoverable, which tests/fault/crash.test.ts checks by killing a rekey.
 */
function applyPendingKey(
  paths: VaultPaths,
  database: OpenedDatabase,
  file: KeySlotsFile,
  current: DataKey,
  pending: DataKey,
  progress: (step: RekeyStep) => void,
): void {
  const { sqlite } = database;
  const [checkpoint] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  if (checkpoint !== undefined && checkpoint.busy !== 0) throw new OrdelogError('VAULT_BUSY');
  if (sqlite.pragma('journal_mode=DELETE', { simple: true }) !== 'delete') throw new OrdelogError('VAULT_BUSY');
  progress('journal-delete');
  const salt = readDatabaseSalt(paths.database);
  sqlite.pragma(`rekey="x'${pending.key.toString('hex')}${salt.toString('hex')}'"`);
  progress('rekeyed');
  verifyDatabaseKey(paths.database, pending.key);
  progress('verified');
  writeKeySlots(paths.keySlots, withMemoryResealed(withPendingCommitted(file), file, current, pending));
  progress('slots-committed');
  sqlite.pragma('journal_mode=WAL');
  progress('done');
}

const rekeySteps: readonly RekeyStep[] = ['slots-pending', 'journal-delete', 'rekeyed', 'verified', 'slots-committed', 'done'];

/**
 * Replaces the data key (after a user's removal): a new key is sealed to every remaining slot, the database
 * is re-encrypted in place, and the old key stops opening it. Any failure after the slot file was written
 * locks the vault: the next unlock finishes the replacement, exactly as after a crash.
 * `onProgress` reports each completed step (tests use it to stop at a step); `job` hears them as steps done of
 * all, and can cancel only before the first: once the slot file holds the new key, the replacement is finished
 * (a removed user's key must stop working), so a cancel after that is not heard.
 */
export function rekeyVault(
  vault: UnlockedVault,
  options: { dropSlotIds?: readonly string[]; origin?: AuditOrigin; onProgress?: (step: RekeyStep) => void; job?: VaultJob } = {},
): void {
  const { job } = options;
  if (job) stopIfCancelled(job);
  const secrets = vaultInternals(vault);
  const file = readKeySlots(secrets.paths.keySlots);
  if (file.pendingKeyId !== undefined || file.currentKeyId !== secrets.dataKey.keyId) throw new OrdelogError('INTERNAL');
  const pending = newDataKey();
  const next = withPendingKey(file, pending, options.dropSlotIds ?? []);
  const progress = (step: RekeyStep) => {
    job?.progress('writing', rekeySteps.indexOf(step) + 1, rekeySteps.length);
    options.onProgress?.(step);
  };
  job?.progress('writing', 0, rekeySteps.length);
  try {
    writeKeySlots(secrets.paths.keySlots, next);
  } catch (error) {
    pending.key.fill(0);
    throw error;
  }
  try {
    progress('slots-pending');
    applyPendingKey(secrets.paths, vault.database, next, secrets.dataKey, pending, progress);
  } catch (error) {
    pending.key.fill(0);
    vault.lock();
    throw error;
  }
  secrets.dataKey.key.fill(0);
  secrets.dataKey = pending;
  appendAudit(vault.database.db, {
    actorId: vault.user.id,
    action: 'vault.rekey',
    object: 'vault',
    result: 'ok',
    origin: options.origin ?? 'app',
  });
}
