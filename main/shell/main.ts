import { app, session as sessions, type Session } from 'electron';
import { fileURLToPath } from 'node:url';
import { createAppController } from '../app/controller';
import { createDispatcher } from '../ipc/dispatcher';
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
  const controller = createAppController({ vaultDir, appVersion: app.getVersion(), origin: 'app' });

  // Electron's default shows the error's message in a dialog; a message may hold case data, and a main
  // process in an unknown state must not keep a vault open.
  process.on('uncaughtException', (error) => {
    logShellEvent('uncaught exception in the main process', error);
    try {
      controller.lock('shutdown');
    } finally {
      app.exit(1);
    }
  });
  process.on('unhandledRejection', (reason) => logShellEvent('unhandled rejection in the main process', reason));

  app.on('before-quit', () => controller.lock('shutdown'));
  app.on('window-all-closed', () => app.quit());

  app
    .whenReady()
    .then(() => {
      const session = sessions.fromPartition(partition);
      harden(session);
      harden(sessions.defaultSession);
      serveAppScheme(session, rendererDir);
      installApplicationMenu(policy.allowDevTools);
      // powerMonitor exists only once the app is ready.
      lockOnScreenLockAndSuspend((reason) => controller.lock(reason));

      const dispatch = createDispatcher(controller, {
        trustedOrigins: [appOrigin],
        printer: electronPrinter(),
        log: (entry) => process.stderr.write(`[ordelog] unexpected error on ${entry.channel}: ${entry.errorClass}${entry.code ? ` ${entry.code}` : ''}\n`),
        diagnostics,
      });
      const window = createMainWindow({ session, preloadPath, allowDevTools: policy.allowDevTools });
      registerIpcHandlers(dispatch, (contents) => !window.isDestroyed() && contents === window.webContents);
      const unsubscribe = controller.onEvent((event) => {
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
