import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync, truncateSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { applyKey, mapDatabaseError } from '../../db/open';
import { unlockVault, vaultInternals, vaultPaths } from '../../db/vault';
import { createTestVault, testPassphrase, testUserName, type TestVault } from '../helpers/vault';

/*
 * Damage the vault's files on disk and check that unlocking reports it as a typed error without changing
 * anything: a damaged vault must stay exactly as damaged as it was, for a backup restore or forensics.
 */

const pageSize = 4096;
const opened: TestVault[] = [];
afterEach(() => {
  for (const test of opened.splice(0)) test.cleanup();
});

/** A locked vault of a few hundred pages; returns it with a copy of its data key. */
async function lockedVault(): Promise<{ test: TestVault; key: Buffer }> {
  const test = await createTestVault();
  opened.push(test);
  const insert = test.vault.database.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  test.vault.database.sqlite.transaction(() => {
    for (let i = 0; i < 3000; i += 1) insert.run(`bulk.${i}`, 'x'.repeat(200));
  })();
  const key = Buffer.from(vaultInternals(test.vault).dataKey.key);
  test.vault.lock();
  return { test, key };
}

function hashes(dir: string): Record<string, string> {
  const paths = vaultPaths(dir);
  const result: Record<string, string> = {};
  for (const file of [paths.database, `${paths.database}-wal`, `${paths.database}-journal`, paths.keySlots]) {
    if (existsSync(file)) result[file] = createHash('sha256').update(readFileSync(file)).digest('hex');
  }
  return result;
}

function flipByte(file: string, offset: number): void {
  const fd = openSync(file, 'r+');
  try {
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, offset);
    byte[0]! ^= 0x10;
    writeSync(fd, byte, 0, 1, offset);
  } finally {
    closeSync(fd);
  }
}

async function unlockCode(dir: string): Promise<string | undefined> {
  try {
    (await unlockVault(dir, testUserName, testPassphrase)).lock();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('a damaged database file', () => {
  it('with a flipped byte in page 1 is VAULT_DAMAGED at unlock, and left as it was', async () => {
    const { test } = await lockedVault();
    flipByte(vaultPaths(test.dir).database, 200);
    const before = hashes(test.dir);
    expect(await unlockCode(test.dir)).toBe('VAULT_DAMAGED');
    expect(hashes(test.dir)).toEqual(before);
  });

  it('with a flipped byte in a later page is VAULT_DAMAGED at the first read of that page', async () => {
    const { test } = await lockedVault();
    const file = vaultPaths(test.dir).database;
    const pages = statSync(file).size / pageSize;
    const offset = (pages - 3) * pageSize + 1000;
    flipByte(file, offset);
    const damagedPage = () => readFileSync(file).subarray((pages - 3) * pageSize, (pages - 2) * pageSize);
    const pageBefore = Buffer.from(damagedPage());

    const vault = await unlockVault(test.dir, testUserName, testPassphrase);
    try {
      const check = () => {
        try {
          vault.database.sqlite.prepare('SELECT sum(length(value)) FROM settings').get();
          return vault.database.sqlite.pragma('integrity_check', { simple: true });
        } catch (error) {
          throw mapDatabaseError(error);
        }
      };
      expect(check).toThrow(expect.objectContaining({ code: 'VAULT_DAMAGED' }));
    } finally {
      vault.lock();
    }
    expect(damagedPage().equals(pageBefore)).toBe(true);
  });

  it('cut short in the middle of a page, or emptied, is VAULT_DAMAGED at unlock and left as it was', async () => {
    for (const length of [pageSize * 10 + 100, 0]) {
      const { test } = await lockedVault();
      truncateSync(vaultPaths(test.dir).database, length);
      const before = hashes(test.dir);
      expect(await unlockCode(test.dir), `length ${length}`).toBe('VAULT_DAMAGED');
      expect(hashes(test.dir), `length ${length}`).toEqual(before);
    }
  });

  it('cut short by whole pages is VAULT_DAMAGED at unlock or at the integrity check', async () => {
    const { test } = await lockedVault();
    const file = vaultPaths(test.dir).database;
    truncateSync(file, statSync(file).size - 20 * pageSize);
    let code = await unlockCode(test.dir);
    if (code === undefined) {
      const vault = await unlockVault(test.dir, testUserName, testPassphrase);
      try {
        const result = vault.database.sqlite.pragma('integrity_check', { simple: true });
        code = result === 'ok' ? undefined : 'VAULT_DAMAGED';
      } catch (error) {
        code = (mapDatabaseError(error) as { code?: string }).code;
      } finally {
        vault.lock();
      }
    }
    expect(code).toBe('VAULT_DAMAGED');
  });
});

describe('a database from a newer Ordelog', () => {
  it('is VAULT_NEWER_VERSION and left as it was', async () => {
    const { test, key } = await lockedVault();
    const sqlite = new Database(vaultPaths(test.dir).database);
    applyKey(sqlite, key);
    sqlite.pragma('user_version = 999');
    sqlite.close();
    const before = hashes(test.dir);
    expect(await unlockCode(test.dir)).toBe('VAULT_NEWER_VERSION');
    expect(hashes(test.dir)).toEqual(before);
  });
});
