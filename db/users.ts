import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { rolePermissions, userRoles, type UserRole } from '../shared/domain';
import { OrdelogError } from '../shared/errors';
import { appendAudit, type AuditOrigin, type AuditResult } from './audit';
import type { KdfParams } from './kdf';
import type { VaultJob } from './job';
import {
  createSlot,
  createSlotWithSigningKey,
  encodeRecoveryKey,
  readKeySlots,
  sealDataKey,
  slotSigningKeys,
  strongestKdf,
  withSlot,
  writeKeySlots,
  type KeySlot,
  type KeySlotsFile,
} from './keyslots';
import { deleteUserOwnRows } from './repositories/drafts';
import { users } from './schema';
import { attachSigner, deviceIdOf, registerAuthorKey } from './signatures';
import {
  displayNameSchema,
  parseInput,
  passphraseSchema,
  rekeyVault,
  userNameSchema,
  vaultInternals,
  type UnlockedVault,
} from './vault';

/**
 * User management inside an unlocked vault. Roles are checked here, against the database (not the role the
 * session started with), and every attempt, allowed or refused, leaves an audit line.
 *
 * The functions that create a slot run scrypt (~0.5 s) before they change anything; everything that writes
 * happens after it, in one synchronous stretch, so nothing else can run on the vault in between.
 */

export interface UserSummary {
  id: string;
  name: string;
  displayName: string;
  role: UserRole;
  createdAt: string;
  removedAt: string | null;
  /** False only for a removed user, or for one whose creation was cut short (a new passphrase fixes that). */
  hasKeySlot: boolean;
}

export interface UserActionOptions {
  origin?: AuditOrigin;
  /** Hears the data key replacement a removal ends with (vault.ts `rekeyVault`). */
  job?: VaultJob;
}

const roleSchema = z.enum(userRoles, 'Onbekende rol.');

function audit(vault: UnlockedVault, action: string, object: string, result: AuditResult, options: UserActionOptions) {
  appendAudit(vault.database.db, { actorId: vault.user.id, action, object, result, origin: options.origin ?? 'app' });
}

function mayManageUsers(vault: UnlockedVault): boolean {
  if (vault.user.kind !== 'user') return false;
  const row = vault.database.db
    .select({ role: users.role })
    .from(users)
    .where(and(eq(users.id, vault.user.id), isNull(users.removedAt)))
    .get();
  return row !== undefined && rolePermissions[row.role].manageUsers;
}

function requireManager(vault: UnlockedVault, action: string, object: string, options: UserActionOptions): void {
  vaultInternals(vault);
  if (mayManageUsers(vault)) return;
  audit(vault, action, object, 'geweigerd', options);
  throw new OrdelogError('FORBIDDEN');
}

function activeUser(vault: UnlockedVault, userId: string) {
  const row = vault.database.db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.removedAt)))
    .get();
  if (row === undefined) throw new OrdelogError('NOT_FOUND');
  return row;
}

function activeAdminCount(vault: UnlockedVault): number {
  return vault.database.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'beheerder'), isNull(users.removedAt)))
    .all().length;
}

/** Seals the data key that is current now (the vault may have been rekeyed while scrypt ran). */
function withCurrentDataKey(vault: UnlockedVault, slot: KeySlot): KeySlot {
  return { ...slot, dataKeys: [sealDataKey(slot, vaultInternals(vault).dataKey)] };
}

export function listUsers(vault: UnlockedVault): UserSummary[] {
  const slots = readKeySlots(vaultInternals(vault).paths.keySlots).slots;
  return vault.database.db
    .select()
    .from(users)
    .where(isNull(users.externalOrganisation))
    .orderBy(asc(users.name))
    .all()
    .map(({ externalOrganisation: _external, ...row }) => ({ ...row, hasKeySlot: slots.some((slot) => slot.userId === row.id) }));
}

export async function addUser(
  vault: UnlockedVault,
  input: { name: string; displayName: string; role: UserRole; passphrase: string; kdf?: KdfParams },
  options: UserActionOptions = {},
): Promise<UserSummary> {
  requireManager(vault, 'user.add', 'user', options);
  const name = parseInput(userNameSchema, input.name);
  const displayName = parseInput(displayNameSchema, input.displayName);
  const role = parseInput(roleSchema, input.role);
  const passphrase = parseInput(passphraseSchema, input.passphrase);
  const nameTaken = () => vault.database.db.select().from(users).where(eq(users.name, name)).get() !== undefined;
  if (nameTaken()) throw new OrdelogError('CONFLICT');
  const id = randomUUID();
  const kdf = input.kdf ?? strongestKdf(readKeySlots(vaultInternals(vault).paths.keySlots));
  const slot = await createSlot({ kind: 'user', userId: id, userName: name, secret: passphrase, kdf, dataKeys: [] });

  const { paths } = vaultInternals(vault);
  if (nameTaken()) throw new OrdelogError('CONFLICT');
  const createdAt = new Date().toISOString();
  // The user row first: a crash before the slot is written leaves a user without a slot (harmless; a new
  // passphrase creates one), never a slot that holds the data key for someone the database does not know.
  vault.database.sqlite.transaction(() => {
    vault.database.db.insert(users).values({ id, name, displayName, role, createdAt }).run();
    registerAuthorKey(vault.database.sqlite, id, slot.signing!.publicKey, createdAt);
    audit(vault, 'user.add', `user:${id}`, 'ok', options);
  })();
  writeKeySlots(paths.keySlots, withSlot(readKeySlots(paths.keySlots), withCurrentDataKey(vault, slot)));
  return { id, name, displayName, role, createdAt, removedAt: null, hasKeySlot: true };
}

/**
 * Marks the user removed, drops their slot and replaces the data key, so the key they may have kept no
 * longer opens the database. Removing oneself is allowed (if another beheerder remains) and locks the vault.
 */
export function removeUser(vault: UnlockedVault, userId: string, options: UserActionOptions = {}): void {
  const object = `user:${userId}`;
  // From here to the end the removal runs without a pause, so a cancel is heard here or not at all.
  if (options.job?.signal.aborted) throw new OrdelogError('CANCELLED');
  requireManager(vault, 'user.remove', object, options);
  const row = activeUser(vault, userId);
  if (row.role === 'beheerder' && activeAdminCount(vault) <= 1) {
    audit(vault, 'user.remove', object, 'geweigerd', options);
    throw new OrdelogError('LAST_ADMIN');
  }
  vault.database.sqlite.transaction(() => {
    vault.database.db.update(users).set({ removedAt: new Date().toISOString() }).where(eq(users.id, userId)).run();
    // Their drafts hold case text nobody can open or throw away any more.
    deleteUserOwnRows(vault.database, userId);
    audit(vault, 'user.remove', object, 'ok', options);
  })();
  const slots = readKeySlots(vaultInternals(vault).paths.keySlots).slots;
  const dropSlotIds = slots.filter((slot) => slot.kind === 'user' && slot.userId === userId).map((slot) => slot.id);
  rekeyVault(vault, { dropSlotIds, origin: options.origin, job: options.job });
  if (userId === vault.user.id) vault.lock();
}

/**
 * Sets a new passphrase: one's own, or anyone's for a beheerder or the recovery actor (who needs no old
 * passphrase, which is the point). The slot gets a fresh key pair and a fresh signing key (nobody else has the
 * old one's passphrase); it keeps the signing keys of the slot it replaces as retired, so the entries signed with
 * them still verify. The other slots are untouched.
 */
export async function changePassphrase(
  vault: UnlockedVault,
  userId: string,
  newPassphrase: string,
  options: UserActionOptions & { kdf?: KdfParams } = {},
): Promise<void> {
  const object = `user:${userId}`;
  const own = vault.user.kind === 'user' && vault.user.id === userId;
  vaultInternals(vault);
  if (!own && vault.user.kind !== 'recovery' && !mayManageUsers(vault)) {
    audit(vault, 'user.passphrase', object, 'geweigerd', options);
    throw new OrdelogError('FORBIDDEN');
  }
  const passphrase = parseInput(passphraseSchema, newPassphrase);
  const row = activeUser(vault, userId);
  const kdf = options.kdf ?? strongestKdf(readKeySlots(vaultInternals(vault).paths.keySlots));
  const retiredSigningKeys = (file: KeySlotsFile) => {
    const previous = file.slots.find((candidate) => candidate.kind === 'user' && candidate.userId === userId);
    return previous ? slotSigningKeys(previous) : [];
  };
  const retired = retiredSigningKeys(readKeySlots(vaultInternals(vault).paths.keySlots));
  const { slot, signingKey } = await createSlotWithSigningKey({
    kind: 'user',
    userId,
    userName: row.name,
    secret: passphrase,
    kdf,
    dataKeys: [],
    retiredSigningKeys: retired,
  });
  let adopted = false;
  try {
    const { paths } = vaultInternals(vault);
    activeUser(vault, userId);
    const file = readKeySlots(paths.keySlots);
    // A key the old slot bound while scrypt ran would be lost from the retired list: refuse rather than guess.
    if (retiredSigningKeys(file).some((key) => !retired.includes(key))) throw new OrdelogError('CONFLICT');
    registerAuthorKey(vault.database.sqlite, userId, slot.signing!.publicKey, new Date().toISOString());
    writeKeySlots(paths.keySlots, withSlot(file, withCurrentDataKey(vault, slot)));
    if (own) {
      attachSigner(vault.database, { userId, device: deviceIdOf(vault.database.sqlite), publicKey: slot.signing!.publicKey, privateKey: signingKey! });
      adopted = true;
    }
  } finally {
    if (!adopted) signingKey?.fill(0);
  }
  audit(vault, own ? 'user.passphrase.change' : 'user.passphrase.reset', object, 'ok', options);
}

export function setUserRole(vault: UnlockedVault, userId: string, role: UserRole, options: UserActionOptions = {}): void {
  const object = `user:${userId}`;
  requireManager(vault, 'user.role', object, options);
  const newRole = parseInput(roleSchema, role);
  const row = activeUser(vault, userId);
  if (row.role === 'beheerder' && newRole !== 'beheerder' && activeAdminCount(vault) <= 1) {
    audit(vault, 'user.role', object, 'geweigerd', options);
    throw new OrdelogError('LAST_ADMIN');
  }
  vault.database.sqlite.transaction(() => {
    vault.database.db.update(users).set({ role: newRole }).where(eq(users.id, userId)).run();
    audit(vault, 'user.role', object, 'ok', options);
  })();
  if (userId === vault.user.id) vault.user.role = newRole;
}

/** Replaces the recovery slot; the old recovery key stops working. Returns the new key, to show once. */
export async function resetRecoveryKey(vault: UnlockedVault, options: UserActionOptions = {}): Promise<string> {
  requireManager(vault, 'recovery.reset', 'recovery', options);
  const secret = randomBytes(32);
  try {
    const kdf = strongestKdf(readKeySlots(vaultInternals(vault).paths.keySlots));
    const slot = await createSlot({ kind: 'recovery', userId: null, userName: null, secret, kdf, dataKeys: [] });
    const { paths } = vaultInternals(vault);
    writeKeySlots(paths.keySlots, withSlot(readKeySlots(paths.keySlots), withCurrentDataKey(vault, slot)));
    audit(vault, 'recovery.reset', 'recovery', 'ok', options);
    return encodeRecoveryKey(secret);
  } finally {
    secret.fill(0);
  }
}
