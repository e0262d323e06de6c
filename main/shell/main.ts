import { app, session as sessions, type Session } from 'electron';
import type { LockReason } from '../../shared/contract';
import { fileURLToPath } from 'node:url';
import { startVaultWorker, type VaultHost } from '../worker/vault-host';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { appOrigin, type RequestPolicy } from './app-origin';
import { registerIpcHandlers, sendEvent } from './ipc';
import { createDiagnosticsLog } from '../diagnostics';
import { logShellEvent, setShellDiagnostics } from './log';
import { installApplicationMenu } from './menu';
import { guardAllWebContents } from './navigation-guards';
import { electronPrinter } from './pdf-printer';
import { lockOnScreenLockAndSuspend } from './power-lock';
import { hardenSession } from './session-hardening';
import { testProfileDirectory, vaultDirectory } from './vault-location';
import { createMainWindow } from './window';

/*
 * The Electron entry (bundled to dist/main/shell.mjs). ES modules load asynchronously, so everything that must
 * happen before `ready` happens here, synchronously, at the top level, before the first await.
 */

const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
const preloadPath = fileURLToPath(new URL('./preload.cjs', import.meta.url));
// An in-memory partition: Chromium writes no cache, cookies or local storage of the case log to disk.
const partition = 'ordelog';

const policy: RequestPolicy = { allowDevTools: !app.isPackaged };

app.enableSandbox();
registerAppScheme();

const profileDir = testProfileDirectory({ isPackaged: app.isPackaged, env: process.env });
if (profileDir) app.setPath('userData', profileDir);

const hardened = new WeakSet<Session>();
function harden(session: Session): void {
  if (hardened.has(session)) return;
  hardened.add(session);
  hardenSession(session, policy);
}
app.on('session-created', harden);
guardAllWebContents(app);

app.on('child-process-gone', (_event, details) => {
  logShellEvent(`child process gone: ${details.type} ${details.reason} (exit ${details.exitCode})`);
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  const vaultDir = vaultDirectory({ userDataDir: app.getPath('userData'), isPackaged: app.isPackaged, env: process.env });
  const diagnostics = createDiagnosticsLog(vaultDir);
  setShellDiagnostics(diagnostics);
  // The vault, the database and the services live in the vault worker; this thread routes and never waits on them.
  const vault: Promise<VaultHost> = startVaultWorker({
    vaultDir,
    appVersion: app.getVersion(),
    origin: 'app',
    trustedOrigins: [appOrigin],
    printer: electronPrinter(),
    diagnostics,
  });
  const lock = (reason: LockReason): void => {
    void vault.then((host) => host.lock(reason), () => undefined);
  };

  // Electron's default shows the error's message in a dialog; a message may hold case data, and a main
  // process in an unknown state must not keep a vault open: ending the process ends the worker and its keys.
  process.on('uncaughtException', (error) => {
    logShellEvent('uncaught exception in the main process', error);
    app.exit(1);
  });
  process.on('unhandledRejection', (reason) => logShellEvent('unhandled rejection in the main process', reason));

  // Quitting waits for the worker to lock the vault (audited, keys dropped) before the process ends.
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void vault
      .then((host) => host.close())
      .catch((error: unknown) => logShellEvent('closing the vault failed', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
  app.on('window-all-closed', () => app.quit());

  Promise.all([app.whenReady(), vault])
    .then(([, host]) => {
      const session = sessions.fromPartition(partition);
      harden(session);
      harden(sessions.defaultSession);
      serveAppScheme(session, rendererDir);
      installApplicationMenu(policy.allowDevTools);
      // powerMonitor exists only once the app is ready.
      lockOnScreenLockAndSuspend(lock);

      const window = createMainWindow({ session, preloadPath, allowDevTools: policy.allowDevTools });
      registerIpcHandlers(host.dispatch, (contents) => !window.isDestroyed() && contents === window.webContents);
      const unsubscribe = host.onEvent((event) => {
        if (!window.isDestroyed()) sendEvent(window.webContents, event);
      });
      window.on('closed', unsubscribe);

      app.on('second-instance', () => {
        if (window.isDestroyed()) return;
        if (window.isMinimized()) window.restore();
        window.focus();
      });
    })
    .catch((error: unknown) => {
      logShellEvent('start-up failed', error);
      app.exit(1);
    });
}
