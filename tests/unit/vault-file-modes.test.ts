import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupVault, restoreVault } from '../../db/backup';
import { addUser, removeUser } from '../../db/users';
import { rekeyVault, unlockVault, type UnlockedVault } from '../../db/vault';
import { createCase } from '../../main/services/cases';
import { appendEntry } from '../../main/services/entries';
import { sessionFor } from '../../main/services/session';
import { createTestVault, testPassphrase, testUserName, type TestVault } from '../helpers/vault';

/*
 * Only the owner may read a vault folder: every file Ordelog makes there (the database and the -wal, -shm and
 * -journal SQLite adds, key slots, lock, temporary files, kept vaults) is 0600 and the folder 0700, at every
 * step of the vault's life. Windows has no such modes.
 */

const opened: TestVault[] = [];
afterEach(() => {
  for (const test of opened.splice(0)) test.cleanup();
});

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** Every file and folder under `dir` (recursively) with its mode, the folder itself first. */
function modes(dir: string): Record<string, string> {
  const found: Record<string, string> = { '.': modeOf(dir) };
  for (const name of readdirSync(dir, { recursive: true }) as string[]) found[name] = modeOf(join(dir, name));
  return found;
}

function expectPrivate(dir: string, step: string, expected: readonly string[] = []): void {
  const found = modes(dir);
  for (const name of expected) expect(Object.keys(found), `${step}: ${name} exists`).toContain(name);
  for (const [name, mode] of Object.entries(found)) {
    expect(mode, `${step}: ${name}`).toBe(statSync(join(dir, name)).isDirectory() ? '700' : '600');
  }
}

function write(vault: UnlockedVault, title: string): void {
  const session = sessionFor(vault, 'cli');
  const { id } = createCase(session, { title });
  appendEntry(session, { caseId: id, type: 'waarneming', text: 'Waarneming' });
}

describe.skipIf(process.platform === 'win32')('vault file modes', () => {
  it('are 0600 (folder 0700) after create, unlock, writes, rekey, backup and restore, and in between', async () => {
    const test = await createTestVault();
    opened.push(test);
    expectPrivate(test.dir, 'create', ['ordelog.db', 'keyslots.json', 'ordelog.lock']);
    write(test.vault, 'Na het aanmaken');
    expectPrivate(test.dir, 'write', ['ordelog.db-wal', 'ordelog.db-shm']);
    test.vault.lock();

    let vault = await unlockVault(test.dir, testUserName, testPassphrase);
    expectPrivate(test.dir, 'unlock', ['ordelog.db-wal', 'ordelog.db-shm']);
    write(vault, 'Na het ontgrendelen');

    await addUser(vault, { name: 'tijdelijk', displayName: 'Tijdelijk', role: 'lezer', passphrase: 'tijdelijke wachtwoordzin' });
    const steps: string[] = [];
    rekeyVault(vault, {
      onProgress: (step) => {
        steps.push(step);
        expectPrivate(test.dir, `rekey ${step}`);
      },
    });
    expect(steps).toContain('rekeyed');
    removeUser(vault, vault.database.sqlite.prepare("SELECT id FROM users WHERE name = 'tijdelijk'").pluck().get() as string);
    expectPrivate(test.dir, 'user removal');

    const backupFile = join(test.root, 'kluis.ordelog-backup');
    await backupVault(vault, backupFile);
    expect(modeOf(backupFile), 'backup file').toBe('600');
    expectPrivate(test.dir, 'backup');
    write(vault, 'Na de back-up');
    vault.lock();

    const restored = await restoreVault(test.dir, backupFile, testUserName, testPassphrase, {
      confirm: () => {
        // The extracted backup waits beside the live vault, under a temporary name.
        expect(readdirSync(test.dir).some((name) => name.startsWith('.ordelog.db.restore-'))).toBe(true);
        expectPrivate(test.dir, 'restore, before the swap');
        return true;
      },
    });
    expect(restored).toMatchObject({ restored: true, replaced: { kind: 'backup' } });
    expectPrivate(test.dir, 'restore');

    vault = await unlockVault(test.dir, testUserName, testPassphrase);
    write(vault, 'Na het terugzetten');
    vault.lock();
    // A live vault the passphrase cannot open is kept as a folder of its own.
    writeFileSync(join(test.dir, 'ordelog.db'), Buffer.alloc(4096, 1), { mode: 0o600 });
    expect(await restoreVault(test.dir, backupFile, testUserName, testPassphrase, { confirm: () => true })).toMatchObject({
      replaced: { kind: 'folder' },
    });
    expectPrivate(test.dir, 'restore over a damaged vault');
  });

  it('tightens a vault folder an older version left readable to others, when it is unlocked', async () => {
    const test = await createTestVault();
    opened.push(test);
    test.vault.lock();
    const mine = join(test.dir, 'notities.txt');
    writeFileSync(mine, 'niet van Ordelog', { mode: 0o644 });
    chmodSync(mine, 0o644);
    for (const name of ['ordelog.db', 'keyslots.json', 'ordelog.lock']) chmodSync(join(test.dir, name), 0o644);
    chmodSync(test.dir, 0o755);

    const vault = await unlockVault(test.dir, testUserName, testPassphrase);
    write(vault, 'Na het ontgrendelen');
    const found = modes(test.dir);
    expect(found['notities.txt'], 'a file that is not Ordelog’s is left alone').toBe('644');
    delete found['notities.txt'];
    expect(Object.values(found)).toEqual(Object.keys(found).map((name) => (name === '.' ? '700' : '600')));
    vault.lock();
  });
});
