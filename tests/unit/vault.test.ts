import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../db/audit';
import { defaultKdf, kdfMemoryBytes, owaspMinimumKdf } from '../../db/kdf';
import { readKeySlots } from '../../db/keyslots';
import { openDatabase } from '../../db/open';
import { addUser, changePassphrase, listUsers, removeUser, resetRecoveryKey, setUserRole } from '../../db/users';
import {
  createVault,
  rekeyVault,
  unlockVault,
  unlockWithRecoveryKey,
  vaultInternals,
  withRecoveryActor,
  vaultPaths,
  type RekeyStep,
  type UnlockedVault,
} from '../../db/vault';
import { users } from '../../db/schema';
import { createTestVault, testKdf, testPassphrase, testUserName, type TestVault } from '../helpers/vault';

const opened: TestVault[] = [];
afterEach(() => {
  for (const test of opened.splice(0)) test.cleanup();
});

async function newVault(options: Parameters<typeof createTestVault>[0] = {}): Promise<TestVault> {
  const test = await createTestVault(options);
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

/** Hashes of the vault files whose bytes matter (not the lock file, not the WAL index). */
function fileHashes(dir: string): Record<string, string> {
  const paths = vaultPaths(dir);
  const hashes: Record<string, string> = {};
  for (const file of [paths.database, `${paths.database}-wal`, paths.keySlots]) {
    if (existsSync(file)) hashes[file] = createHash('sha256').update(readFileSync(file)).digest('hex');
  }
  return hashes;
}

const copyOfKey = (vault: UnlockedVault) => Buffer.from(vaultInternals(vault).dataKey.key);
const second = { name: 'tweede', displayName: 'Tweede Gebruiker', role: 'redacteur' as const, passphrase: 'tweede wachtwoordzin' };

describe('creating a vault', () => {
  it('makes its first user a beheerder who can unlock it again', async () => {
    const test = await newVault();
    expect(test.vault.user).toMatchObject({ name: testUserName, role: 'beheerder', kind: 'user' });
    test.vault.lock();
    const again = await unlockVault(test.dir, testUserName, testPassphrase);
    expect(again.user.id).toBe(test.vault.user.id);
    const actions = again.database.sqlite.prepare('SELECT action FROM audit_lines ORDER BY id').pluck().all();
    expect(actions).toEqual(['vault.create', 'vault.unlock']);
    again.lock();
  });

  it('refuses a folder that holds a vault, overwriting nothing', async () => {
    const test = await newVault();
    test.vault.lock();
    const before = fileHashes(test.dir);
    const code = await codeOf(() =>
      createVault(test.dir, { userName: 'ander', displayName: 'Ander', passphrase: testPassphrase, kdf: testKdf }),
    );
    expect(code).toBe('VAULT_EXISTS');
    expect(fileHashes(test.dir)).toEqual(before);
  });

  it('rejects a bad user name or a short passphrase before creating anything', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ordelog-'));
    try {
      const create = (userName: string, passphrase: string) =>
        codeOf(() => createVault(join(root, 'v'), { userName, displayName: 'X', passphrase, kdf: testKdf }));
      expect(await create('Hoofdletter', testPassphrase)).toBe('INVALID_INPUT');
      expect(await create('a'.repeat(65), testPassphrase)).toBe('INVALID_INPUT');
      expect(await create('goed', 'kort')).toBe('INVALID_INPUT');
      expect(existsSync(join(root, 'v'))).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("defaults to at least OWASP's scrypt minimum (measured here)", async () => {
    expect(defaultKdf.N).toBeGreaterThanOrEqual(owaspMinimumKdf.N);
    expect(owaspMinimumKdf).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const root = mkdtempSync(join(tmpdir(), 'ordelog-'));
    try {
      const dir = join(root, 'v');
      const created = await createVault(dir, { userName: 'echt', displayName: 'Echt', passphrase: testPassphrase });
      created.vault.lock();
      for (const slot of readKeySlots(vaultPaths(dir).keySlots).slots) {
        expect(slot.kdf.N).toBeGreaterThanOrEqual(2 ** 17);
        expect(slot.kdf.r).toBeGreaterThanOrEqual(8);
        expect(slot.kdf.p).toBeGreaterThanOrEqual(1);
        expect(kdfMemoryBytes(slot.kdf)).toBeGreaterThanOrEqual(128 * 1024 * 1024);
      }
      const vault = await unlockVault(dir, 'echt', testPassphrase);
      const { kdfMs, openMs } = vault.timings;
      vault.lock();
      const { N } = readKeySlots(vaultPaths(dir).keySlots).slots[0]!.kdf;
      console.info(`vault/kdf: N=2^${Math.log2(N)} r=8 p=1, unlock KDF ${Math.round(kdfMs)} ms, open+migrations check ${openMs.toFixed(1)} ms`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('unlocking', () => {
  it('gives VAULT_NOT_FOUND for a missing folder or a missing file', async () => {
    const test = await newVault();
    test.vault.lock();
    expect(await codeOf(() => unlockVault(join(test.root, 'nergens'), testUserName, testPassphrase))).toBe('VAULT_NOT_FOUND');
    rmSync(vaultPaths(test.dir).keySlots);
    expect(await codeOf(() => unlockVault(test.dir, testUserName, testPassphrase))).toBe('VAULT_NOT_FOUND');
  });

  it('answers a wrong passphrase and an unknown user alike, and changes no byte', async () => {
    const test = await newVault();
    test.vault.lock();
    const before = fileHashes(test.dir);
    expect(await codeOf(() => unlockVault(test.dir, testUserName, 'verkeerde wachtwoordzin'))).toBe('WRONG_PASSPHRASE');
    expect(await codeOf(() => unlockVault(test.dir, 'onbekend', testPassphrase))).toBe('WRONG_PASSPHRASE');
    expect(fileHashes(test.dir)).toEqual(before);
  });

  it('takes as long for an unknown user as for a wrong passphrase', async () => {
    const test = await newVault({ kdf: { N: 2 ** 14, r: 8, p: 1 } });
    test.vault.lock();
    const timed = async (attempt: () => Promise<unknown>) => {
      const started = performance.now();
      await codeOf(attempt);
      return performance.now() - started;
    };
    // Taken in alternating pairs, so load from other test files running at the same time hits both alike.
    const ratios: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      const wrongPassphrase = await timed(() => unlockVault(test.dir, testUserName, 'verkeerde wachtwoordzin'));
      const unknownUser = await timed(() => unlockVault(test.dir, 'onbekend', 'verkeerde wachtwoordzin'));
      ratios.push(unknownUser / wrongPassphrase);
    }
    const median = ratios.sort((a, b) => a - b)[4]!;
    expect(median).toBeGreaterThan(0.6);
    expect(median).toBeLessThan(1.6);
  });

  it('finds the user whatever the case of the name typed', async () => {
    const test = await newVault();
    test.vault.lock();
    (await unlockVault(test.dir, ` ${testUserName.toUpperCase()} `, testPassphrase)).lock();
  });

  it('turns a second opener away with VAULT_BUSY until the first locks', async () => {
    const test = await newVault();
    expect(await codeOf(() => unlockVault(test.dir, testUserName, testPassphrase))).toBe('VAULT_BUSY');
    test.vault.lock();
    (await unlockVault(test.dir, testUserName, testPassphrase)).lock();
  });

  it('lock() closes the database and zeroes the data key', async () => {
    const test = await newVault();
    const key = vaultInternals(test.vault).dataKey.key;
    expect(key.some((byte) => byte !== 0)).toBe(true);
    test.vault.lock();
    expect(key.every((byte) => byte === 0)).toBe(true);
    expect(test.vault.database.sqlite.open).toBe(false);
    expect(test.vault.isLocked).toBe(true);
    expect(() => vaultInternals(test.vault)).toThrow(expect.objectContaining({ code: 'VAULT_LOCKED' }));
  });

  it('keeps no plaintext in the database, its WAL or the slot file', async () => {
    const test = await newVault({ displayName: 'Zichtbare Naam' });
    const marker = `MARKER-${randomBytes(8).toString('hex')}`;
    test.vault.database.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('test.marker', marker);
    appendAudit(test.vault.database.db, { actorId: null, action: 'test', object: marker, result: 'ok', origin: 'system' });
    const paths = vaultPaths(test.dir);
    const containsPlaintext = (file: string) => {
      const bytes = readFileSync(file);
      return ['Zichtbare Naam', marker, 'CREATE TABLE', 'SQLite format 3'].some((text) => bytes.includes(text));
    };
    expect(statSync(`${paths.database}-wal`).size).toBeGreaterThan(0);
    for (const file of [paths.database, `${paths.database}-wal`, paths.keySlots]) expect(containsPlaintext(file)).toBe(false);
    test.vault.lock();
    expect(containsPlaintext(paths.database)).toBe(false);
  });
});

describe('users and roles', () => {
  it('adds a user who can unlock with their own passphrase', async () => {
    const test = await newVault();
    const added = await addUser(test.vault, second);
    expect(listUsers(test.vault).map((user) => [user.name, user.role, user.hasKeySlot])).toEqual([
      [testUserName, 'beheerder', true],
      ['tweede', 'redacteur', true],
    ]);
    test.vault.lock();
    const vault = await unlockVault(test.dir, 'tweede', second.passphrase);
    expect(vault.user).toMatchObject({ id: added.id, role: 'redacteur', displayName: 'Tweede Gebruiker' });
    vault.lock();
  });

  it('refuses a taken name, bad input and unknown users', async () => {
    const test = await newVault();
    await addUser(test.vault, second);
    expect(await codeOf(() => addUser(test.vault, second))).toBe('CONFLICT');
    expect(await codeOf(() => addUser(test.vault, { ...second, name: 'met spatie' }))).toBe('INVALID_INPUT');
    expect(await codeOf(() => addUser(test.vault, { ...second, name: 'derde', passphrase: 'kort' }))).toBe('INVALID_INPUT');
    expect(await codeOf(() => addUser(test.vault, { ...second, name: 'derde', role: 'koning' as 'lezer' }))).toBe('INVALID_INPUT');
    expect(await codeOf(() => removeUser(test.vault, 'bestaat-niet'))).toBe('NOT_FOUND');
    expect(await codeOf(() => setUserRole(test.vault, 'bestaat-niet', 'lezer'))).toBe('NOT_FOUND');
  });

  it('lets only a beheerder manage users, and audits each refusal', async () => {
    const test = await newVault();
    const adminId = test.vault.user.id;
    const editor = await addUser(test.vault, second);
    test.vault.lock();
    const vault = await unlockVault(test.dir, 'tweede', second.passphrase);
    try {
      expect(await codeOf(() => addUser(vault, { ...second, name: 'derde' }))).toBe('FORBIDDEN');
      expect(await codeOf(() => removeUser(vault, adminId))).toBe('FORBIDDEN');
      expect(await codeOf(() => setUserRole(vault, editor.id, 'beheerder'))).toBe('FORBIDDEN');
      expect(await codeOf(() => resetRecoveryKey(vault))).toBe('FORBIDDEN');
      expect(await codeOf(() => changePassphrase(vault, adminId, 'overgenomen wachtwoordzin'))).toBe('FORBIDDEN');
      const refused = vault.database.sqlite
        .prepare("SELECT count(*) FROM audit_lines WHERE result = 'geweigerd' AND actor_id = ?")
        .pluck()
        .get(editor.id);
      expect(refused).toBe(5);
      await changePassphrase(vault, editor.id, 'eigen nieuwe wachtwoordzin');
    } finally {
      vault.lock();
    }
    (await unlockVault(test.dir, 'tweede', 'eigen nieuwe wachtwoordzin')).lock();
  });

  it('never removes or demotes the last beheerder', async () => {
    const test = await newVault();
    const selfId = test.vault.user.id;
    expect(await codeOf(() => setUserRole(test.vault, selfId, 'lezer'))).toBe('LAST_ADMIN');
    expect(await codeOf(() => removeUser(test.vault, selfId))).toBe('LAST_ADMIN');
    const other = await addUser(test.vault, { ...second, role: 'beheerder' });
    setUserRole(test.vault, selfId, 'lezer');
    expect(test.vault.user.role).toBe('lezer');
    expect(await codeOf(() => addUser(test.vault, { ...second, name: 'derde' }))).toBe('FORBIDDEN');
    expect(await codeOf(() => removeUser(test.vault, other.id))).toBe('FORBIDDEN');
  });

  it('changes a passphrase: the old one stops working, other slots stay as they were', async () => {
    const test = await newVault();
    const other = await addUser(test.vault, second);
    const slotOf = (userId: string) => readKeySlots(vaultPaths(test.dir).keySlots).slots.find((s) => s.userId === userId);
    const otherBefore = slotOf(other.id);
    const ownBefore = slotOf(test.vault.user.id);
    await changePassphrase(test.vault, test.vault.user.id, 'een geheel nieuwe zin');
    expect(slotOf(other.id)).toEqual(otherBefore);
    expect(slotOf(test.vault.user.id)?.publicKey).not.toBe(ownBefore?.publicKey);
    test.vault.lock();
    expect(await codeOf(() => unlockVault(test.dir, testUserName, testPassphrase))).toBe('WRONG_PASSPHRASE');
    (await unlockVault(test.dir, testUserName, 'een geheel nieuwe zin')).lock();
  });

  it("lets a beheerder set another user's passphrase", async () => {
    const test = await newVault();
    const other = await addUser(test.vault, second);
    await changePassphrase(test.vault, other.id, 'door beheer ingesteld');
    test.vault.lock();
    expect(await codeOf(() => unlockVault(test.dir, 'tweede', second.passphrase))).toBe('WRONG_PASSPHRASE');
    const vault = await unlockVault(test.dir, 'tweede', 'door beheer ingesteld');
    const audit = vault.database.sqlite.prepare("SELECT actor_id FROM audit_lines WHERE action = 'user.passphrase.reset'").pluck().all();
    expect(audit).toEqual([test.vault.user.id]);
    vault.lock();
  });
});

describe('removing a user', () => {
  it('shuts them out, and the data key they may have kept no longer opens the database', async () => {
    const test = await newVault();
    const other = await addUser(test.vault, second);
    const oldKey = copyOfKey(test.vault);
    const started = performance.now();
    removeUser(test.vault, other.id);
    const rekeyMs = performance.now() - started;
    expect(copyOfKey(test.vault).equals(oldKey)).toBe(false);
    expect(listUsers(test.vault).find((user) => user.id === other.id)).toMatchObject({ hasKeySlot: false });
    test.vault.lock();

    expect(await codeOf(() => unlockVault(test.dir, 'tweede', second.passphrase))).toBe('WRONG_PASSPHRASE');
    expect(() => openDatabase(vaultPaths(test.dir).database, oldKey, { readonly: true })).toThrow(
      expect.objectContaining({ code: 'VAULT_DAMAGED' }),
    );
    (await unlockVault(test.dir, testUserName, testPassphrase)).lock();
    (await unlockWithRecoveryKey(test.dir, test.recoveryKey)).lock();
    console.info(`vault/rekey (small vault): ${rekeyMs.toFixed(1)} ms`);
  });

  it('lets a beheerder remove themselves when another remains, and locks their session', async () => {
    const test = await newVault();
    await addUser(test.vault, { ...second, role: 'beheerder' });
    removeUser(test.vault, test.vault.user.id);
    expect(test.vault.isLocked).toBe(true);
    expect(await codeOf(() => unlockVault(test.dir, testUserName, testPassphrase))).toBe('WRONG_PASSPHRASE');
    (await unlockVault(test.dir, 'tweede', second.passphrase)).lock();
  });

  it('is finished at the next unlock if it stopped between marking the user and the rekey', async () => {
    const test = await newVault();
    const other = await addUser(test.vault, second);
    test.vault.database.db.update(users).set({ removedAt: new Date().toISOString() }).where(eq(users.id, other.id)).run();
    const oldKey = copyOfKey(test.vault);
    test.vault.lock();

    expect(await codeOf(() => unlockVault(test.dir, 'tweede', second.passphrase))).toBe('WRONG_PASSPHRASE');
    const vault = await unlockVault(test.dir, testUserName, testPassphrase);
    expect(copyOfKey(vault).equals(oldKey)).toBe(false);
    vault.lock();
    expect(readKeySlots(vaultPaths(test.dir).keySlots).slots.some((slot) => slot.userId === other.id)).toBe(false);
    expect(() => openDatabase(vaultPaths(test.dir).database, oldKey, { readonly: true })).toThrow();
  });

  it('measures a rekey of a 5 MB vault', async () => {
    const test = await newVault();
    const insert = test.vault.database.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    test.vault.database.sqlite.transaction(() => {
      for (let i = 0; i < 20_000; i += 1) insert.run(`bulk.${i}`, 'x'.repeat(200));
    })();
    test.vault.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = statSync(vaultPaths(test.dir).database).size;
    const started = performance.now();
    rekeyVault(test.vault);
    console.info(`vault/rekey: ${(bytes / 1e6).toFixed(1)} MB in ${Math.round(performance.now() - started)} ms`);
    expect(test.vault.database.sqlite.prepare("SELECT count(*) FROM settings WHERE key LIKE 'bulk.%'").pluck().get()).toBe(20_000);
  });
});

describe('a data key replacement interrupted between its steps', () => {
  const steps: RekeyStep[] = ['slots-pending', 'journal-delete', 'rekeyed', 'verified', 'slots-committed'];

  it.each(steps)('after %s, the next unlock finishes it and everyone gets in', async (step) => {
    const test = await newVault();
    await addUser(test.vault, second);
    test.vault.database.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('test.kept', 'ja');
    const oldKey = copyOfKey(test.vault);
    const crash = (reached: RekeyStep) => {
      if (reached === step) throw new Error('simulated crash');
    };
    expect(() => rekeyVault(test.vault, { onProgress: crash })).toThrow('simulated crash');
    expect(test.vault.isLocked).toBe(true);

    const vault = await unlockVault(test.dir, testUserName, testPassphrase);
    expect(copyOfKey(vault).equals(oldKey)).toBe(false);
    expect(vault.database.sqlite.prepare("SELECT value FROM settings WHERE key = 'test.kept'").pluck().get()).toBe('ja');
    expect(vault.database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    const resumed = vault.database.sqlite.prepare("SELECT count(*) FROM audit_lines WHERE action = 'vault.rekey.resume'");
    expect(resumed.pluck().get()).toBe(step === 'slots-committed' ? 0 : 1);
    vault.lock();
    const slots = readKeySlots(vaultPaths(test.dir).keySlots);
    expect(slots.pendingKeyId).toBeUndefined();
    expect(() => openDatabase(vaultPaths(test.dir).database, oldKey, { readonly: true })).toThrow();
    (await unlockVault(test.dir, 'tweede', second.passphrase)).lock();
    (await unlockWithRecoveryKey(test.dir, test.recoveryKey)).lock();
  });
});

describe('the recovery key', () => {
  it('unlocks as the recovery actor, who may only set a new passphrase', async () => {
    const test = await newVault();
    const adminId = test.vault.user.id;
    test.vault.lock();
    const typed = test.recoveryKey.toLowerCase().replaceAll('-', ' ');
    const vault = await unlockWithRecoveryKey(test.dir, typed);
    expect(vault.user.kind).toBe('recovery');
    expect(await codeOf(() => addUser(vault, second))).toBe('FORBIDDEN');
    expect(await codeOf(() => resetRecoveryKey(vault))).toBe('FORBIDDEN');
    expect(await codeOf(() => setUserRole(vault, adminId, 'lezer'))).toBe('FORBIDDEN');
    await changePassphrase(vault, adminId, 'hersteld na vergeten');
    vault.lock();
    expect(await codeOf(() => unlockVault(test.dir, testUserName, testPassphrase))).toBe('WRONG_PASSPHRASE');
    (await unlockVault(test.dir, testUserName, 'hersteld na vergeten')).lock();
  });

  it('catches a typo before the KDF runs, and refuses another valid-looking key', async () => {
    const test = await newVault();
    test.vault.lock();
    const key = test.recoveryKey;
    const typo = (key[0] === 'A' ? 'B' : 'A') + key.slice(1);
    expect(await codeOf(() => unlockWithRecoveryKey(test.dir, typo))).toBe('INVALID_INPUT');
    expect(await codeOf(() => unlockWithRecoveryKey(test.dir, key.slice(0, -5)))).toBe('INVALID_INPUT');
    const other = await newVault();
    other.vault.lock();
    expect(await codeOf(() => unlockWithRecoveryKey(test.dir, other.recoveryKey))).toBe('WRONG_PASSPHRASE');
  });

  it('is replaced by resetRecoveryKey: the old key stops working, the new one works', async () => {
    const test = await newVault();
    const fresh = await resetRecoveryKey(test.vault);
    expect(fresh).not.toBe(test.recoveryKey);
    expect(fresh).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){13}[0-9A-HJKMNP-TV-Z]{4}$/);
    test.vault.lock();
    expect(await codeOf(() => unlockWithRecoveryKey(test.dir, test.recoveryKey))).toBe('WRONG_PASSPHRASE');
    (await unlockWithRecoveryKey(test.dir, fresh)).lock();
  });
});

describe('the recovery key on a vault this process holds open', () => {
  it('acts as the recovery actor on the same database, then is gone; the vault stays open as its user', async () => {
    const test = await newVault();
    const other = await addUser(test.vault, second);
    let actor: UnlockedVault | undefined;
    await withRecoveryActor(test.vault, test.recoveryKey, async (recovery) => {
      actor = recovery;
      expect(recovery.user.kind).toBe('recovery');
      expect(await codeOf(() => addUser(recovery, { ...second, name: 'derde' }))).toBe('FORBIDDEN');
      await changePassphrase(recovery, other.id, 'hersteld in de app');
    });
    expect(actor?.isLocked).toBe(true);
    expect(await codeOf(() => vaultInternals(actor!))).toBe('VAULT_LOCKED');
    expect(test.vault.isLocked).toBe(false);
    const audit = test.vault.database.sqlite.prepare('SELECT actor_id, action, result FROM audit_lines ORDER BY rowid DESC LIMIT 3').all();
    expect(audit).toEqual([
      { actor_id: 'recovery', action: 'user.passphrase.reset', result: 'ok' },
      { actor_id: 'recovery', action: 'user.add', result: 'geweigerd' },
      { actor_id: 'recovery', action: 'vault.unlock.recovery', result: 'ok' },
    ]);
    test.vault.lock();
    (await unlockVault(test.dir, 'tweede', 'hersteld in de app')).lock();
  });

  it('refuses another vault\'s key before any work runs', async () => {
    const test = await newVault();
    const other = await newVault();
    let ran = false;
    const attempt = withRecoveryActor(test.vault, other.recoveryKey, async () => {
      ran = true;
    });
    expect(await codeOf(() => attempt)).toBe('WRONG_PASSPHRASE');
    expect(ran).toBe(false);
  });
});

describe('a tampered slot file', () => {
  interface SlotJson {
    kind: string;
    userId: string | null;
    kdf: { N: number };
    publicKey: string;
    dataKeys: { ciphertext: string }[];
  }
  interface SlotsJson {
    format: string;
    slots: SlotJson[];
  }

  async function unlockAfter(edit: (json: SlotsJson, userSlot: SlotJson) => void): Promise<string | undefined> {
    const test = await newVault();
    test.vault.lock();
    const file = vaultPaths(test.dir).keySlots;
    const json = JSON.parse(readFileSync(file, 'utf8')) as SlotsJson;
    edit(json, json.slots.find((slot) => slot.kind === 'user')!);
    writeFileSync(file, JSON.stringify(json));
    const before = fileHashes(test.dir);
    const code = await codeOf(() => unlockVault(test.dir, testUserName, testPassphrase));
    expect(fileHashes(test.dir)).toEqual(before);
    return code;
  }

  it('fails to decrypt when a bound field was changed', async () => {
    expect(await unlockAfter((_, slot) => (slot.userId = 'iemand-anders'))).toBe('WRONG_PASSPHRASE');
    expect(await unlockAfter((_, slot) => (slot.kdf.N *= 2))).toBe('WRONG_PASSPHRASE');
    expect(
      await unlockAfter((json, slot) => (slot.publicKey = json.slots.find((other) => other !== slot)!.publicKey)),
    ).toBe('WRONG_PASSPHRASE');
  });

  it('is VAULT_DAMAGED when the passphrase was right but a sealed key was altered', async () => {
    const code = await unlockAfter((_, slot) => {
      const bytes = Buffer.from(slot.dataKeys[0]!.ciphertext, 'base64');
      bytes[0]! ^= 1;
      slot.dataKeys[0]!.ciphertext = bytes.toString('base64');
    });
    expect(code).toBe('VAULT_DAMAGED');
  });

  it('is VAULT_DAMAGED when unparsable or out of bounds', async () => {
    expect(await unlockAfter((json) => (json.format = 'iets-anders'))).toBe('VAULT_DAMAGED');
    expect(await unlockAfter((_, slot) => (slot.kdf.N = 2 ** 30))).toBe('VAULT_DAMAGED');
    expect(await unlockAfter((json, slot) => json.slots.push({ ...slot }))).toBe('VAULT_DAMAGED');
  });
});
