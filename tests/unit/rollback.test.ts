import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backupVault, restoreVault } from '../../db/backup';
import { readKeySlots } from '../../db/keyslots';
import { applyKey } from '../../db/open';
import { memoryDelayMs, openMemory, type RollbackMemory } from '../../db/rollback-memory';
import { addUser } from '../../db/users';
import {
  acceptRollback,
  rekeyVault,
  unlockVault,
  unlockWithRecoveryKey,
  vaultInternals,
  vaultPaths,
  type UnlockedVault,
} from '../../db/vault';
import { createAppController } from '../../main/app/controller';
import { writeIdleLockMinutes } from '../../main/app/idle-lock-setting';
import { fileVaultBackend } from '../../main/app/vault-backend';
import { runCli } from '../../main/cli/main';
import { createDispatcher } from '../../main/ipc/dispatcher';
import { createCase } from '../../main/services/cases';
import { appendEntry } from '../../main/services/entries';
import { sessionFor } from '../../main/services/session';
import { errorMessages } from '../../shared/errors';
import { createTestVault, testKdf, testPassphrase, testUserName, type TestVault } from '../helpers/vault';

/*
 * The vault's memory of its database (db/rollback-memory.ts): an older copy of ordelog.db put back in place of
 * the live one is refused at every unlock, before anything is written; the ways a beheerder legitimately goes
 * back (restoring a backup, accepting an older database on purpose) keep working.
 */

const made: TestVault[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const test of made.splice(0)) test.cleanup();
});

async function vault(): Promise<TestVault> {
  const test = await createTestVault();
  made.push(test);
  return test;
}

const unlock = (test: TestVault) => unlockVault(test.dir, testUserName, testPassphrase);

/** Every file of the vault, by content: a refused unlock must leave each exactly as it was. */
function fingerprint(dir: string): Record<string, string> {
  const paths = vaultPaths(dir);
  const result: Record<string, string> = {};
  for (const file of [paths.database, `${paths.database}-wal`, `${paths.database}-shm`, `${paths.database}-journal`, paths.keySlots]) {
    if (existsSync(file)) result[file] = createHash('sha256').update(readFileSync(file)).digest('hex');
  }
  return result;
}

const databaseFiles = (dir: string) => ['', '-wal'].map((suffix) => vaultPaths(dir).database + suffix);

/** A copy of the database as it is now (the vault must be locked); `putBack` puts exactly that in place again. */
function copyDatabase(test: TestVault, name: string): { putBack(): void } {
  const copies = databaseFiles(test.dir).map((file, i) => ({ file, copy: join(test.root, `${name}-${i}`), existed: existsSync(file) }));
  for (const { file, copy, existed } of copies) if (existed) copyFileSync(file, copy);
  return {
    putBack() {
      for (const { file, copy, existed } of copies) {
        if (existed) copyFileSync(copy, file);
        else rmSync(file, { force: true });
      }
    },
  };
}

async function refusal(attempt: Promise<UnlockedVault>): Promise<{ code: string; message: string }> {
  try {
    (await attempt).lock();
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as Error).message };
  }
  throw new Error('the unlock went ahead');
}

const headSeq = (opened: UnlockedVault, caseId: string) =>
  opened.database.sqlite.prepare('SELECT head_seq FROM cases WHERE id = ?').pluck().get(caseId) as number;

function memoryOf(opened: UnlockedVault): RollbackMemory | null {
  const { paths, dataKey } = vaultInternals(opened);
  const sealed = readKeySlots(paths.keySlots).memory;
  return sealed === undefined ? null : openMemory(sealed, dataKey);
}

/** A connection of its own with the data key, as someone holding the key could make (the tamper tests' way). */
function rawConnection(dir: string, key: Buffer): Database.Database {
  const raw = new Database(vaultPaths(dir).database, { fileMustExist: true });
  applyKey(raw, key);
  return raw;
}

describe('an older database put back', () => {
  it('is refused at unlock with VAULT_ROLLED_BACK, naming the case and its entry numbers, and nothing is written', async () => {
    const test = await vault();
    const session = sessionFor(test.vault, 'app');
    const caseId = createCase(session, { title: 'Oproep station' }).id;
    appendEntry(session, { caseId, type: 'waarneming', text: 'Eerste waarneming' });
    const seqAtCopy = headSeq(test.vault, caseId);
    test.vault.lock();
    const older = copyDatabase(test, 'a');

    const later = await unlock(test);
    appendEntry(sessionFor(later, 'app'), { caseId, type: 'waarneming', text: 'Tweede waarneming' });
    appendEntry(sessionFor(later, 'app'), { caseId, type: 'waarneming', text: 'Derde waarneming' });
    later.lock();
    older.putBack();
    const before = fingerprint(test.dir);

    const refused = await refusal(unlock(test));
    expect(refused.code).toBe('VAULT_ROLLED_BACK');
    expect(refused.message).toContain(errorMessages.VAULT_ROLLED_BACK.nl);
    expect(refused.message).toContain(`dossier ${caseId} heeft logregels tot en met ${seqAtCopy}, de kluis zag er tot en met ${seqAtCopy + 2}`);
    expect(refused.message).not.toContain('Oproep station');
    expect(fingerprint(test.dir)).toEqual(before);

    // The recovery key's unlock is refused the same way, and a second attempt finds the same files.
    expect((await refusal(unlockWithRecoveryKey(test.dir, test.recoveryKey))).code).toBe('VAULT_ROLLED_BACK');
    expect(fingerprint(test.dir)).toEqual(before);
  });

  it('is refused when only the counter shows it (a setting changed, no entry)', async () => {
    const test = await vault();
    createCase(sessionFor(test.vault, 'app'), { title: 'Zaak' });
    test.vault.lock();
    const older = copyDatabase(test, 'a');
    const later = await unlock(test);
    writeIdleLockMinutes(later.database.db, 30, new Date());
    later.lock();
    older.putBack();
    const refused = await refusal(unlock(test));
    expect(refused.code).toBe('VAULT_ROLLED_BACK');
    expect(refused.message).toMatch(/de database is versie \d+, de kluis zag versie \d+/);
  });

  it('is refused when a log was rewritten to the same length (another entry at a remembered number)', async () => {
    const test = await vault();
    const session = sessionFor(test.vault, 'app');
    const caseId = createCase(session, { title: 'Zaak' }).id;
    appendEntry(session, { caseId, type: 'waarneming', text: 'Wat er echt gebeurde' });
    const seq = headSeq(test.vault, caseId);
    const key = Buffer.from(vaultInternals(test.vault).dataKey.key);
    test.vault.lock();
    const raw = rawConnection(test.dir, key);
    try {
      raw.exec('DROP TRIGGER log_entries_no_update');
      raw
        .prepare("UPDATE log_entries SET text = 'Er was niets aan de hand', hash = randomblob(32) WHERE case_key = (SELECT key FROM cases WHERE id = ?) AND seq = ?")
        .run(caseId, seq);
    } finally {
      raw.close();
    }
    const refused = await refusal(unlock(test));
    expect(refused.code).toBe('VAULT_ROLLED_BACK');
    expect(refused.message).toContain(`dossier ${caseId}: logregel ${seq} is een andere dan de kluis zag`);
  });

  it('is refused when a case the vault saw is gone', async () => {
    const test = await vault();
    const caseId = createCase(sessionFor(test.vault, 'app'), { title: 'Zaak' }).id;
    const key = Buffer.from(vaultInternals(test.vault).dataKey.key);
    test.vault.lock();
    const raw = rawConnection(test.dir, key);
    try {
      raw.pragma('foreign_keys=OFF');
      raw.prepare('DELETE FROM cases WHERE id = ?').run(caseId);
    } finally {
      raw.close();
    }
    const refused = await refusal(unlock(test));
    expect(refused.code).toBe('VAULT_ROLLED_BACK');
    expect(refused.message).toContain(`dossier ${caseId} ontbreekt`);
  });

  it('reaches the unlock screen as its own code with the Dutch message (the renderer shows errorMessages by code)', async () => {
    const test = await vault();
    test.vault.lock();
    const older = copyDatabase(test, 'a');
    (await unlock(test)).lock();
    older.putBack();
    const controller = createAppController({ vaultDir: test.dir, appVersion: 'test', origin: 'app', vaults: fileVaultBackend() });
    const trusted = { origin: 'app://ordelog', isMainFrame: true };
    const dispatch = createDispatcher(controller, { trustedOrigins: [trusted.origin] });
    const result = await dispatch('vault.unlock', { userName: testUserName, passphrase: testPassphrase }, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'VAULT_ROLLED_BACK' } });
    expect(result.ok === false && result.error.message.startsWith(errorMessages.VAULT_ROLLED_BACK.nl)).toBe(true);
    expect(errorMessages.VAULT_ROLLED_BACK.en).toContain('older copy');
  });
});

describe('the memory itself', () => {
  it('follows a committed write on a timer, not on the write, and is written at lock', async () => {
    const test = await vault();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const caseId = createCase(sessionFor(test.vault, 'app'), { title: 'Zaak' }).id;
    expect(memoryOf(test.vault)!.cases[caseId]).toBeUndefined();
    vi.advanceTimersByTime(memoryDelayMs);
    const first = memoryOf(test.vault)!;
    expect(first.cases[caseId]).toBeDefined();
    appendEntry(sessionFor(test.vault, 'app'), { caseId, type: 'waarneming', text: 'Regel' });
    const { paths, dataKey } = vaultInternals(test.vault);
    const key = { keyId: dataKey.keyId, key: Buffer.from(dataKey.key) };
    test.vault.lock();
    const atLock = openMemory(readKeySlots(paths.keySlots).memory!, key)!;
    expect(atLock.generation).toBeGreaterThan(first.generation);
    expect(atLock.cases[caseId]!.seq).toBe(first.cases[caseId]!.seq + 1);
  });

  it('is never ahead of its database: a lock inside a transaction that then rolls back leaves the vault openable', async () => {
    const test = await vault();
    createCase(sessionFor(test.vault, 'app'), { title: 'Zaak' });
    test.vault.database.sqlite.exec('BEGIN IMMEDIATE');
    test.vault.lock();
    const opened = await unlock(test);
    expect(opened.isLocked).toBe(false);
    opened.lock();
  });

  it('that was changed in the key slot file refuses the unlock as damage, and nothing is written', async () => {
    const test = await vault();
    test.vault.lock();
    const file = vaultPaths(test.dir).keySlots;
    const slots = JSON.parse(readFileSync(file, 'utf8')) as { memory: { ciphertext: string } };
    const bytes = Buffer.from(slots.memory.ciphertext, 'base64');
    bytes[0]! ^= 1;
    slots.memory.ciphertext = bytes.toString('base64');
    writeFileSync(file, JSON.stringify(slots));
    const before = fingerprint(test.dir);
    const refused = await refusal(unlock(test));
    expect(refused.code).toBe('VAULT_DAMAGED');
    expect(refused.message).toContain('het geheugen van de kluis in het sleutelbestand is gewijzigd');
    expect(fingerprint(test.dir)).toEqual(before);
  });

  it('that was removed from the key slot file of a vault that had one refuses the unlock as damage', async () => {
    const test = await vault();
    test.vault.lock();
    const file = vaultPaths(test.dir).keySlots;
    const { memory: _removed, ...rest } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify(rest));
    const refused = await refusal(unlock(test));
    expect(refused.code).toBe('VAULT_DAMAGED');
    expect(refused.message).toContain('het geheugen van de kluis ontbreekt');
  });

  it('is given to a vault made before it existed, at its first unlock', async () => {
    const test = await vault();
    const caseId = createCase(sessionFor(test.vault, 'app'), { title: 'Zaak' }).id;
    const key = Buffer.from(vaultInternals(test.vault).dataKey.key);
    test.vault.lock();
    const file = vaultPaths(test.dir).keySlots;
    const { memory: _none, ...older } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify(older));
    const raw = rawConnection(test.dir, key);
    try {
      raw.prepare("DELETE FROM settings WHERE key = 'rollback.generation'").run();
    } finally {
      raw.close();
    }
    expect(readKeySlots(file).memory).toBeUndefined();
    const opened = await unlock(test);
    expect(memoryOf(opened)).toMatchObject({ generation: 1, cases: { [caseId]: { seq: expect.any(Number) } } });
    opened.lock();
  });

  it('moves to the new data key with a key replacement, also one a crash interrupted', async () => {
    const test = await vault();
    const caseId = createCase(sessionFor(test.vault, 'app'), { title: 'Zaak' }).id;
    test.vault.lock();
    const first = await unlock(test);
    const oldKeyId = vaultInternals(first).dataKey.keyId;
    const remembered = memoryOf(first)!;
    expect(remembered.cases[caseId]).toBeDefined();
    rekeyVault(first);
    expect(vaultInternals(first).dataKey.keyId).not.toBe(oldKeyId);
    expect(memoryOf(first)).toEqual(remembered);
    first.lock();
    const again = await unlock(test);
    expect(memoryOf(again)!.cases[caseId]).toBeDefined();
    expect(() =>
      rekeyVault(again, {
        onProgress: (step) => {
          if (step === 'verified') throw new Error('crash');
        },
      }),
    ).toThrow('crash');
    expect(again.isLocked).toBe(true);
    expect(readKeySlots(vaultPaths(test.dir).keySlots).pendingKeyId).toBeDefined();
    const resumed = await unlock(test);
    expect(readKeySlots(vaultPaths(test.dir).keySlots).pendingKeyId).toBeUndefined();
    expect(memoryOf(resumed)!.cases[caseId]).toBeDefined();
    resumed.lock();
    expect((await unlock(test)).isLocked).toBe(false);
  });
});

describe('going back on purpose', () => {
  it('restoring a backup still works, and the restored vault unlocks with a memory of the restored database', async () => {
    const test = await vault();
    const session = sessionFor(test.vault, 'app');
    const caseId = createCase(session, { title: 'Zaak' }).id;
    const backup = join(test.root, 'oud.ordelog-backup');
    await backupVault(test.vault, backup);
    appendEntry(session, { caseId, type: 'waarneming', text: 'Na de back-up' });
    const laterCase = createCase(session, { title: 'Zaak na de back-up' }).id;
    test.vault.lock();
    const result = await restoreVault(test.dir, backup, testUserName, testPassphrase, { confirm: () => true });
    expect(result.restored).toBe(true);
    const restored = await unlock(test);
    const memory = memoryOf(restored)!;
    expect(memory.cases[laterCase]).toBeUndefined();
    expect(memory.cases[caseId]!.seq).toBe(restored.database.sqlite.prepare('SELECT head_seq FROM cases WHERE id = ?').pluck().get(caseId));
    restored.lock();
    expect((await unlock(test)).isLocked).toBe(false);
  });

  it('accept-rollback lets a beheerder keep an older database, audited; declined, it changes nothing', async () => {
    const test = await vault();
    await addUser(test.vault, { name: 'lezer', displayName: 'Lezer', role: 'lezer', passphrase: testPassphrase, kdf: testKdf });
    const caseId = createCase(sessionFor(test.vault, 'app'), { title: 'Zaak' }).id;
    test.vault.lock();
    const older = copyDatabase(test, 'a');
    const later = await unlock(test);
    appendEntry(sessionFor(later, 'app'), { caseId, type: 'waarneming', text: 'Later' });
    later.lock();
    older.putBack();
    const before = fingerprint(test.dir);

    const declined = await acceptRollback(test.dir, { userName: testUserName, passphrase: testPassphrase }, { confirm: () => false });
    expect(declined).toMatchObject({ accepted: false, findings: [{ kind: 'case-behind', caseId }, { kind: 'generation' }] });
    expect(fingerprint(test.dir)).toEqual(before);

    await expect(
      acceptRollback(test.dir, { userName: 'lezer', passphrase: testPassphrase }, { confirm: () => true }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const accepted = await acceptRollback(test.dir, { userName: testUserName, passphrase: testPassphrase }, { confirm: () => true, origin: 'cli' });
    expect(accepted.accepted).toBe(true);
    const opened = await unlock(test);
    const audit = opened.database.sqlite
      .prepare("SELECT actor_id AS actorId, result, origin FROM audit_lines WHERE action = 'vault.rollback.accept' ORDER BY id")
      .all();
    expect(audit).toEqual([
      { actorId: expect.any(String), result: 'geweigerd', origin: 'app' },
      { actorId: opened.user.id, result: 'ok', origin: 'cli' },
    ]);
    opened.lock();
  });

  it('accept-rollback takes the recovery key, and clears a damaged memory too', async () => {
    const test = await vault();
    test.vault.lock();
    const file = vaultPaths(test.dir).keySlots;
    const { memory: _removed, ...rest } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify(rest));
    const result = await acceptRollback(test.dir, { recoveryKey: test.recoveryKey }, { confirm: () => true });
    expect(result).toMatchObject({ accepted: true, findings: [{ kind: 'memory-missing' }] });
    expect((await unlock(test)).isLocked).toBe(false);
  });
});

describe('ordelog-admin', () => {
  beforeEach(() => {
    process.env.ORDELOG_PASSPHRASE = testPassphrase;
    process.env.ORDELOG_USER = testUserName;
  });
  afterEach(() => {
    delete process.env.ORDELOG_PASSPHRASE;
    delete process.env.ORDELOG_USER;
  });

  async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runCli(argv, { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) });
    return { code, out, err };
  }

  it('refuses an older database with the Dutch message and exit 12, and accept-rollback --force takes it', async () => {
    const test = await vault();
    const caseId = createCase(sessionFor(test.vault, 'app'), { title: 'Zaak' }).id;
    test.vault.lock();
    const older = copyDatabase(test, 'a');
    const later = await unlock(test);
    appendEntry(sessionFor(later, 'app'), { caseId, type: 'waarneming', text: 'Later' });
    later.lock();
    older.putBack();

    const refused = await cli('cases', '--vault', test.dir);
    expect(refused.code).toBe(12);
    expect(refused.err).toContain(`Fout (VAULT_ROLLED_BACK): ${errorMessages.VAULT_ROLLED_BACK.nl}`);

    // No terminal and no --force: asked, not confirmed, nothing changed (exit 11).
    const unconfirmed = await cli('accept-rollback', '--vault', test.dir);
    expect(unconfirmed.code).toBe(11);
    expect(unconfirmed.err).toContain(`dossier ${caseId} heeft logregels tot en met`);
    expect((await cli('cases', '--vault', test.dir)).code).toBe(12);

    const accepted = await cli('accept-rollback', '--vault', test.dir, '--force');
    expect(accepted.code).toBe(0);
    expect(accepted.out).toContain('vault.rollback.accept');
    expect((await cli('cases', '--vault', test.dir)).code).toBe(0);
    expect((await cli('accept-rollback', '--vault', test.dir)).out).toContain('er was niets te aanvaarden');
  });
});
