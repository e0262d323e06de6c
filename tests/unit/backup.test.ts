import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, type RenamePlan } from '../../db/atomic-file';
import { backupVault, restoreVault, verifyBackup } from '../../db/backup';
import { addUser, changePassphrase } from '../../db/users';
import { unlockVault, unlockWithRecoveryKey, vaultPaths, type UnlockedVault } from '../../db/vault';
import { createCase } from '../../main/services/cases';
import { appendEntry } from '../../main/services/entries';
import { sessionFor } from '../../main/services/session';
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
  const info = await backupVault(test.vault, backupFile);
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
    const info = await backupVault(test.vault, join(test.root, 'groot.ordelog-backup'));
    console.info(`backup: ${(info.bytes / 1e6).toFixed(1)} MB written and verified in ${Math.round(performance.now() - started)} ms`);
  });
});

describe('restore', () => {
  it('brings the vault back to the moment of the backup, and keeps the replaced vault as a backup beside it', async () => {
    const { test, backupFile } = await vaultWithBackup();
    test.vault.lock();
    const result = await restoreVault(test.dir, backupFile, testUserName, testPassphrase);
    expect(result).toMatchObject({ restored: true, comparison: { live: { state: 'compared', losses: [] } }, replaced: { kind: 'backup' } });
    const kept = result.restored ? result.replaced?.path : undefined;
    expect(readdirSync(test.dir).sort()).toEqual(['keyslots.json', 'ordelog.db', 'ordelog.lock', basename(kept ?? '')]);
    expect(basename(kept ?? '')).toMatch(/^replaced-\d{8}T\d{9}Z\.ordelog-backup$/);
    const vault = await unlockVault(test.dir, testUserName, testPassphrase);
    expect(markers(vault)).toEqual(['test.before']);
    const actions = vault.database.sqlite.prepare('SELECT action FROM audit_lines ORDER BY id').pluck().all();
    expect(actions.slice(-2)).toEqual(['vault.restore', 'vault.unlock']);
    expect(vault.database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    vault.lock();
    (await unlockWithRecoveryKey(test.dir, test.recoveryKey)).lock();

    // The kept file is a backup like any other: restoring it brings back what the first restore replaced.
    await verifyBackup(kept!, testUserName, testPassphrase);
    expect(await restoreVault(test.dir, kept!, testUserName, testPassphrase)).toMatchObject({ restored: true });
    const back = await unlockVault(test.dir, testUserName, testPassphrase);
    expect(markers(back)).toEqual(['test.after', 'test.before']);
    back.lock();
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

  it('refuses a wrong passphrase or an unknown user as WRONG_PASSPHRASE, not as a damaged backup', async () => {
    const { test, backupFile } = await vaultWithBackup();
    test.vault.lock();
    const live = vaultFiles(test.dir);
    expect(await codeOf(() => restoreVault(test.dir, backupFile, testUserName, 'verkeerde wachtwoordzin'))).toBe('WRONG_PASSPHRASE');
    expect(await codeOf(() => restoreVault(test.dir, backupFile, 'onbekend', testPassphrase))).toBe('WRONG_PASSPHRASE');
    expect(await codeOf(() => verifyBackup(backupFile, testUserName, 'verkeerde wachtwoordzin'))).toBe('WRONG_PASSPHRASE');
    expect(vaultFiles(test.dir)).toEqual(live);
  });

  it('waits for the vault to be locked (VAULT_BUSY) and is for a beheerder only', async () => {
    const test = await newVault();
    await addUser(test.vault, { name: 'lezer', displayName: 'Lezer', role: 'lezer', passphrase: 'alleen maar lezen' });
    const backupFile = join(test.root, 'kluis.ordelog-backup');
    await backupVault(test.vault, backupFile);
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

describe('restore over a newer vault', () => {
  async function caseVault() {
    const test = await newVault();
    const session = sessionFor(test.vault, 'cli');
    const kept = createCase(session, { title: 'Oproep station' });
    appendEntry(session, { caseId: kept.id, type: 'waarneming', text: 'Eerste waarneming' });
    const backupFile = join(test.root, 'oud.ordelog-backup');
    await backupVault(test.vault, backupFile);
    return { test, session, kept, backupFile };
  }

  it('says which cases and entries an older backup would lose, and changes nothing unless confirmed', async () => {
    const { test, session, kept, backupFile } = await caseVault();
    for (const text of ['Tweede waarneming', 'Derde waarneming']) appendEntry(session, { caseId: kept.id, type: 'waarneming', text });
    const added = createCase(session, { title: 'Nieuwe zaak na de back-up' });
    test.vault.lock();
    const live = vaultFiles(test.dir);

    const declined = await restoreVault(test.dir, backupFile, testUserName, testPassphrase);
    expect(declined.restored).toBe(false);
    expect(declined.comparison.live).toEqual({
      state: 'compared',
      losses: [
        { caseId: kept.id, title: 'Oproep station', liveEntries: 4, backupEntries: 2, entriesLost: 2, inBackup: true },
        { caseId: added.id, title: 'Nieuwe zaak na de back-up', liveEntries: 1, backupEntries: 0, entriesLost: 1, inBackup: false },
      ],
    });
    expect(vaultFiles(test.dir)).toEqual(live);

    const asked: unknown[] = [];
    const refused = await restoreVault(test.dir, backupFile, testUserName, testPassphrase, { confirm: (comparison) => (asked.push(comparison), false) });
    expect(refused.restored).toBe(false);
    expect(asked).toEqual([declined.comparison]);
    expect(vaultFiles(test.dir)).toEqual(live);

    const done = await restoreVault(test.dir, backupFile, testUserName, testPassphrase, { confirm: () => true });
    expect(done).toMatchObject({ restored: true, replaced: { kind: 'backup' } });
    const restored = await unlockVault(test.dir, testUserName, testPassphrase);
    expect(restored.database.sqlite.prepare('SELECT count(*) FROM log_entries').pluck().get()).toBe(2);
    restored.lock();

    // The replaced vault, kept as a backup, holds every entry the restore took away.
    const back = await restoreVault(test.dir, done.restored ? done.replaced!.path : '', testUserName, testPassphrase);
    expect(back).toMatchObject({ restored: true, comparison: { live: { state: 'compared', losses: [] } } });
    const again = await unlockVault(test.dir, testUserName, testPassphrase);
    expect(again.database.sqlite.prepare('SELECT count(*) FROM log_entries').pluck().get()).toBe(5);
    again.lock();
  });

  it('counts entries of a log that went another way after the backup as lost, even at the same length', async () => {
    const { test, session, kept, backupFile: before } = await caseVault();
    appendEntry(session, { caseId: kept.id, type: 'waarneming', text: 'Zo ging het eerst' });
    const first = join(test.root, 'eerst.ordelog-backup');
    await backupVault(test.vault, first);
    test.vault.lock();
    await restoreVault(test.dir, before, testUserName, testPassphrase, { confirm: () => true });
    const vault = await unlockVault(test.dir, testUserName, testPassphrase);
    appendEntry(sessionFor(vault, 'cli'), { caseId: kept.id, type: 'waarneming', text: 'Zo ging het daarna' });
    vault.lock();

    const result = await restoreVault(test.dir, first, testUserName, testPassphrase);
    expect(result).toMatchObject({
      restored: false,
      comparison: { live: { state: 'compared', losses: [{ caseId: kept.id, liveEntries: 3, backupEntries: 3, entriesLost: 1 }] } },
    });
  });

  it('keeps a live vault it cannot open (another passphrase, or damaged) as its own folder, after confirmation', async () => {
    const { test, backupFile } = await caseVault();
    await changePassphrase(test.vault, test.vault.user.id, 'een nieuwe wachtwoordzin na de back-up');
    test.vault.lock();
    const live = vaultFiles(test.dir);

    const declined = await restoreVault(test.dir, backupFile, testUserName, testPassphrase);
    expect(declined).toMatchObject({ restored: false, comparison: { live: { state: 'unopenable', reason: 'passphrase' } } });
    expect(vaultFiles(test.dir)).toEqual(live);

    const done = await restoreVault(test.dir, backupFile, testUserName, testPassphrase, { confirm: () => true });
    expect(done).toMatchObject({ restored: true, replaced: { kind: 'folder' } });
    const folder = done.restored ? done.replaced!.path : '';
    expect(vaultFiles(folder)).toEqual(live);
    // The kept folder is the old vault, openable with the passphrase that holds for it.
    (await unlockVault(folder, testUserName, 'een nieuwe wachtwoordzin na de back-up')).lock();

    writeFileSync(join(test.dir, 'ordelog.db'), randomBytes(8192));
    const damaged = await restoreVault(test.dir, backupFile, testUserName, testPassphrase);
    expect(damaged.comparison.live).toEqual({ state: 'unopenable', reason: 'damaged' });
  });
});
