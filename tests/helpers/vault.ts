import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KdfParams } from '../../db/kdf';
import { createVault, type UnlockedVault } from '../../db/vault';

/**
 * Cheap scrypt parameters for tests that do not test the KDF itself (about 1 ms instead of 0.5 s a
 * derivation). Only tests pass them, explicitly; the app's default is calibrated from OWASP's minimum.
 */
export const testKdf: Readonly<KdfParams> = Object.freeze({ N: 2 ** 10, r: 8, p: 1 });
export const testUserName = 'beheer';
export const testPassphrase = 'correct horse battery staple';

export interface TestVault {
  vault: UnlockedVault;
  /** The vault directory, inside `root`. */
  dir: string;
  /** A temp folder for the test's other files (backups, copies); removed by `cleanup`. */
  root: string;
  recoveryKey: string;
  userName: string;
  passphrase: string;
  /** Locks the vault (if still open) and removes `root`. */
  cleanup(): void;
}

/** A throwaway vault with one beheerder, unlocked, in a fresh temp folder. */
export async function createTestVault(
  options: { userName?: string; displayName?: string; passphrase?: string; kdf?: KdfParams } = {},
): Promise<TestVault> {
  const root = mkdtempSync(join(tmpdir(), 'ordelog-'));
  const dir = join(root, 'vault');
  const userName = options.userName ?? testUserName;
  const passphrase = options.passphrase ?? testPassphrase;
  try {
    const { vault, recoveryKey } = await createVault(dir, {
      userName,
      displayName: options.displayName ?? 'Beheerder Test',
      passphrase,
      kdf: options.kdf ?? testKdf,
    });
    return {
      vault,
      dir,
      root,
      recoveryKey,
      userName,
      passphrase,
      cleanup() {
        vault.lock();
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}
