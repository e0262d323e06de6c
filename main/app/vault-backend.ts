import { existsSync } from 'node:fs';
import type { AuditOrigin } from '../../db/audit';
import type { KdfParams } from '../../db/kdf';
import { createVault, unlockVault, vaultPaths, type UnlockedVault } from '../../db/vault';

/** An unlocked vault of `db/vault`: the controller manages its users too (db/users.ts), so it needs the real one. */
export type OpenVault = UnlockedVault;

export interface NewVault {
  userName: string;
  displayName: string;
  passphrase: string;
}

/** Where vaults come from: `db/vault` in the app; tests of the IPC layer may pass a stand-in. */
export interface VaultBackend {
  exists(dir: string): boolean;
  create(dir: string, input: NewVault): Promise<{ vault: OpenVault; recoveryKey: string }>;
  unlock(dir: string, userName: string, passphrase: string): Promise<OpenVault>;
}

export interface FileVaultOptions {
  /** Tests only: cheaper KDF parameters than the calibrated ones. */
  kdf?: KdfParams;
  /** Written to the vault's own audit lines (create, unlock). */
  origin?: AuditOrigin;
}

export function fileVaultBackend({ kdf, origin }: FileVaultOptions = {}): VaultBackend {
  return {
    exists: (dir) => existsSync(vaultPaths(dir).database),
    create: (dir, input) => createVault(dir, { ...input, kdf, origin }),
    unlock: (dir, userName, passphrase) => unlockVault(dir, userName, passphrase, { origin }),
  };
}
