import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, type RenamePlan } from '../../db/atomic-file';
import { backupVault, restoreVault, verifyBackup } from '../../db/backup';
import { addUser } from '../../db/users';
import { unlockVault, unlockWithRecoveryKey, vaultPaths, type UnlockedVault } from '../../db/vault';
import { createTestVault, testPassphrase, testUserName, type TestVault } from '../helpers/vault';

const opened: TestVault[] = [];
afterEach(() => {
  for (const test of opened.splice(0)) test.cleanup();
});

async function newVault(): Promise<TestVault> {
  const test = await createTestVault();
  opened.push(test);
  return test;
}

async function codeOf(action: () => unknown): Promise<string | undefined> {
  try {
    await action();
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return undefined;
}

function vaultFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    if (name === 'ordelog.lock') continue;
    files[name] = createHash('sha256').update(readFileSync(join(dir, name))).digest('hex');
  }
  return files;
}

const setMarker = (vault: UnlockedVault, key: string, value: string) =>
  vault.database.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(key, value);
const markers = (vault: UnlockedVault) =>
  vault.database.sqlite.prepare("SELECT key FROM settings WHERE key LIKE 'test.%' ORDER BY key").pluck().all();

/** A vault with one marker in it, its backup, and then a second marker the backup does not have. */
async function vaultWithBackup() {
  const test = await newVault();
  const marker = `MARKER-${randomBytes(8).toString('hex')}`;
  setMarker(test.vault, 'test.before', marker);
  const backupFile = join(test.root, 'kluis.ordelog-backup');
  const info = backupVault(test.vault, backupFile);
  setMarker(test.vault, 'test.after', 'na de back-up');
  return { test, backupFile, info, marker };
}

describe('backup', () => {
  it('writes one verified file that holds no plaintext', async () => {
    const { test, backupFile, info, marker } = await vaultWithBackup();
    const bytes = readFileSync(backupFile);
    expect(info.bytes).toBe(bytes.length);
    expect(info.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(bytes.subarray(0, 15).toString()).toBe('ORDELOG-BACKUP\n');
    for (const text of [marker, 'Beheerder Test', 'CREATE TABLE']) expect(bytes.includes(text)).toBe(false);
    expect(readdirSync(test.root).sort()).toEqual(['kluis.ordelog-backup', 'vault']);
    const audit = test.vault.database.sqlite.prepare("SELECT result FROM audit_lines WHERE action = 'vault.backup'").pluck().all();
    expect(audit).toEqual(['ok']);
    expect(await verifyBackup(backupFile, testUserName, testPassphrase)).toEqual(info);
  });

  it('is refused to the recovery actor', async () => {
    const test = await newVault();
    test.vault.lock();
    const vault = await unlockWithRecoveryKey(test.dir, test.recoveryKey);
    try {
      expect(await codeOf(() => backupVault(vault, join(test.root, 'b')))).toBe('FORBIDDEN');
    } finally {
      vault.lock();
    }
  });

  it('measures a backup of a 5 MB vault', async () => {
    const test = await newVault();
    const insert = test.vault.database.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    test.vault.database.sqlite.transaction(() => {
      for (let i = 0; i < 20_000; i += 1) insert.run(`bulk.${i}`, 'x'.repeat(200));
    })();
    const started = performance.now();
    const info = backupVault(test.vault, join(test.root, 'groot.ordelog-backup'));
    console.info(`backup: ${(info.bytes / 1e6).toFixed(1)} MB written and verified in ${Math.round(performance.now() - started)} ms`);
  });
});

describe('restore', () => {
  it('brings the vault back to the moment of the backup', async () => {
    const { test, backupFile } = await vaultWithBackup();
    test.vault.lock();
    await restoreVault(test.dir, backupFile, testUserName, testPassphrase);
    expect(readdirSync(test.dir).sort()).toEqual(['keyslots.json', 'ordelog.db', 'ordelog.lock']);
    const vault = await unlockVault(test.dir, testUserName, testPassphrase);
    expect(markers(vault)).toEqual(['test.before']);
    const actions = vault.database.sqlite.prepare('SELECT action FROM audit_lines ORDER BY id').pluck().all();
    expect(actions.slice(-2)).toEqual(['vault.restore', 'vault.unlock']);
    expect(vault.database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    vault.lock();
    (await unlockWithRecoveryKey(test.dir, test.recoveryKey)).lock();
  });

  it('sets up a vault in an empty folder (a new machine)', async () => {
    const { test, backupFile } = await vaultWithBackup();
    const elsewhere = join(test.root, 'nieuwe-pc');
    await restoreVault(elsewhere, backupFile, testUserName, testPassphrase);
    const vault = await unlockVault(elsewhere, testUserName, testPassphrase);
    expect(markers(vault)).toEqual(['test.before']);
    vault.lock();
  });

  it('refuses a damaged or altered backup, leaving the live vault byte for byte as it was', async () => {
    const { test, backupFile } = await vaultWithBackup();
    test.vault.lock();
    const live = vaultFiles(test.dir);
    const original = readFileSync(backupFile);
    const headerEnd = original.indexOf(0x0a, 15);
    const variants: Record<string, Buffer> = {
      'a flipped database byte': Buffer.from(original),
      'a flipped last byte': Buffer.from(original),
      'an edited header': Buffer.from(original.toString('latin1').replace(/"createdAt":"\d/, '"createdAt":"1'), 'latin1'),
      'a truncated file': original.subarray(0, original.length - 4096),
      'no magic': Buffer.concat([Buffer.from('X'), original.subarray(1)]),
    };
    variants['a flipped database byte']![headerEnd + 66 + 5000]! ^= 0x01;
    variants['a flipped last byte']![original.length - 1]! ^= 0x80;
    for (const [what, bytes] of Object.entries(variants)) {
      const file = join(test.root, `kapot-${what.replaceAll(' ', '-')}`);
      writeFileSync(file, bytes);
      expect(await codeOf(() => verifyBackup(file, testUserName, testPassphrase)), what).toBe('BACKUP_INVALID');
      expect(await codeOf(() => restoreVault(test.dir, file, testUserName, testPassphrase)), what).toBe('BACKUP_INVALID');
      expect(vaultFiles(test.dir), what).toEqual(live);
    }
  });

  it('refuses a wrong passphrase or an unknown user as BACKUP_INVALID', async () => {
    const { test, backupFile } = await vaultWithBackup();
    test.vault.lock();
    const live = vaultFiles(test.dir);
    expect(await codeOf(() => restoreVault(test.dir, backupFile, testUserName, 'verkeerde wachtwoordzin'))).toBe('BACKUP_INVALID');
    expect(await codeOf(() => restoreVault(test.dir, backupFile, 'onbekend', testPassphrase))).toBe('BACKUP_INVALID');
    expect(await codeOf(() => verifyBackup(backupFile, testUserName, 'verkeerde wachtwoordzin'))).toBe('BACKUP_INVALID');
    expect(vaultFiles(test.dir)).toEqual(live);
  });

  it('waits for the vault to be locked (VAULT_BUSY) and is for a beheerder only', async () => {
    const test = await newVault();
    await addUser(test.vault, { name: 'lezer', displayName: 'Lezer', role: 'lezer', passphrase: 'alleen maar lezen' });
    const backupFile = join(test.root, 'kluis.ordelog-backup');
    backupVault(test.vault, backupFile);
    const open = vaultFiles(test.dir);
    expect(await codeOf(() => restoreVault(test.dir, backupFile, testUserName, testPassphrase))).toBe('VAULT_BUSY');
    expect(vaultFiles(test.dir)).toEqual(open);
    test.vault.lock();
    const locked = vaultFiles(test.dir);
    expect(await codeOf(() => restoreVault(test.dir, backupFile, 'lezer', 'alleen maar lezen'))).toBe('FORBIDDEN');
    expect(vaultFiles(test.dir)).toEqual(locked);
    expect(readdirSync(test.dir).sort()).toEqual(['keyslots.json', 'ordelog.db', 'ordelog.lock']);
  });

  it('is finished by the next unlock when it stopped in the middle of the swap', async () => {
    const { test, backupFile } = await vaultWithBackup();
    test.vault.lock();
    // The verified files a restore prepares, beside the live ones (made here by restoring elsewhere).
    const staged = join(test.root, 'staged');
    mkdirSync(staged);
    await restoreVault(staged, backupFile, testUserName, testPassphrase);
    const paths = vaultPaths(test.dir);
    const at = (name: string) => join(test.dir, name);
    copyFileSync(join(staged, 'ordelog.db'), at('.ordelog.db.restore-1'));
    copyFileSync(join(staged, 'keyslots.json'), at('.keyslots.json.restore-1'));
    const plan: RenamePlan = {
      renames: [
        { from: paths.database, to: at('ordelog.db.before-restore-1') },
        { from: paths.keySlots, to: at('keyslots.json.before-restore-1') },
        { from: at('.ordelog.db.restore-1'), to: paths.database },
        { from: at('.keyslots.json.restore-1'), to: paths.keySlots },
      ],
      removeAfter: [at('ordelog.db.before-restore-1'), at('keyslots.json.before-restore-1')],
    };
    writeFileAtomic(paths.renamePlan, JSON.stringify(plan));
    for (const { from, to } of plan.renames.slice(0, 2)) renameSync(from, to);
    expect(existsSync(paths.database)).toBe(false);

    const vault = await unlockVault(test.dir, testUserName, testPassphrase);
    expect(markers(vault)).toEqual(['test.before']);
    vault.lock();
    expect(readdirSync(test.dir).sort()).toEqual(['keyslots.json', 'ordelog.db', 'ordelog.lock']);
    expect(statSync(paths.database).size).toBeGreaterThan(0);
  });
});
