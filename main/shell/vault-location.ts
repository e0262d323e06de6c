import path from 'node:path';

/** Only unpackaged runs (tests, development) may move the vault; a shipped app always uses its profile. */
export const testVaultDirVariable = 'ORDELOG_TEST_VAULT_DIR';

export interface VaultLocationInput {
  userDataDir: string;
  isPackaged: boolean;
  env: Record<string, string | undefined>;
}

function testOverride({ isPackaged, env }: Omit<VaultLocationInput, 'userDataDir'>): string | null {
  const override = env[testVaultDirVariable];
  return !isPackaged && override && path.isAbsolute(override) ? override : null;
}

/** The vault folder: `<userData>/vault`, or the test override when the app is not packaged. */
export function vaultDirectory(input: VaultLocationInput): string {
  return testOverride(input) ?? path.join(input.userDataDir, 'vault');
}

/**
 * With a test vault, Chromium's profile (and with it the single-instance lock) moves beside it, so a test run
 * neither touches nor waits for a developer's running Ordelog. Null: keep Electron's own userData.
 */
export function testProfileDirectory(input: Omit<VaultLocationInput, 'userDataDir'>): string | null {
  const override = testOverride(input);
  return override ? path.join(path.dirname(override), `${path.basename(override)}-profile`) : null;
}
