import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../main/shell/log';
import { applicationMenuTemplate } from '../../main/shell/menu-template';
import { testProfileDirectory, testVaultDirVariable, vaultDirectory } from '../../main/shell/vault-location';

const userDataDir = path.resolve('/home/ambtenaar/.config/Ordelog');
const testDir = path.resolve('/tmp/ordelog-e2e-1/vault');

describe('where the vault lives', () => {
  it('is <userData>/vault in a shipped app, whatever the environment says', () => {
    const env = { [testVaultDirVariable]: testDir };
    expect(vaultDirectory({ userDataDir, isPackaged: true, env })).toBe(path.join(userDataDir, 'vault'));
    expect(testProfileDirectory({ isPackaged: true, env })).toBeNull();
  });

  it('moves to the test folder, with Chromium profile beside it, only when unpackaged', () => {
    const env = { [testVaultDirVariable]: testDir };
    expect(vaultDirectory({ userDataDir, isPackaged: false, env })).toBe(testDir);
    expect(testProfileDirectory({ isPackaged: false, env })).toBe(path.resolve('/tmp/ordelog-e2e-1/vault-profile'));
  });

  it('ignores a relative or empty override', () => {
    for (const value of ['vault', '', undefined]) {
      const env = { [testVaultDirVariable]: value };
      expect(vaultDirectory({ userDataDir, isPackaged: false, env })).toBe(path.join(userDataDir, 'vault'));
    }
  });
});

describe('the application menu', () => {
  function roles(allowDevTools: boolean, platform: NodeJS.Platform = 'linux'): string[] {
    const found: string[] = [];
    const walk = (items: unknown): void => {
      if (!Array.isArray(items)) return;
      for (const item of items as { role?: string; submenu?: unknown }[]) {
        if (item.role) found.push(item.role);
        walk(item.submenu);
      }
    };
    walk(applicationMenuTemplate(platform, allowDevTools));
    return found;
  }

  it('has no DevTools and no reload in production', () => {
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('forceReload');
    expect(roles(false)).toContain('editMenu');
  });

  it('offers DevTools in development, and the app menu on macOS', () => {
    expect(roles(true)).toContain('toggleDevTools');
    expect(roles(false, 'darwin')).toContain('appMenu');
  });
});

describe('what the shell logs about an error', () => {
  it('names the class and code, never the message', () => {
    const error = Object.assign(new Error('zaak "Rellen Centrum" kon niet worden opgeslagen'), { code: 'SQLITE_FULL' });
    expect(describeError(error)).toBe('Error SQLITE_FULL');
    expect(describeError(new TypeError('geheime inhoud'))).toBe('TypeError');
    expect(describeError('geheime inhoud')).toBe('string');
  });
});
