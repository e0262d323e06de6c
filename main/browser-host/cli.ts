import { homedir } from 'node:os';
import { join } from 'node:path';
import { startBrowserHost } from './server';

/** Where Electron keeps the app's data (`app.getPath('userData')`), so both hosts open the same vault. */
function defaultVaultDir(): string {
  const home = homedir();
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Ordelog', 'vault');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Ordelog', 'vault');
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Ordelog', 'vault');
}

const host = await startBrowserHost({ vaultDir: process.env.ORDELOG_VAULT_DIR ?? defaultVaultDir() });
process.stdout.write(`${host.url}\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void host.close().then(() => process.exit(0));
  });
}
