import { BrowserWindow, type Session } from 'electron';
import { appEntryUrl } from './app-origin';
import { logShellEvent } from './log';

export interface MainWindowOptions {
  session: Session;
  preloadPath: string;
  allowDevTools: boolean;
}

/**
 * The one window. Every web preference that matters is spelled out, even where Electron's default is
 * already safe, so a changed default or a careless edit shows up in review and in the electronegativity gate.
 */
export function createMainWindow({ session, preloadPath, allowDevTools }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Ordelog',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      session,
      // The exclusion must sit on the line it excludes (electronegativity reads only that line).
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK -- reviewed: sandboxed CommonJS preload that only calls contextBridge with one function per contract channel and an event subscription (main/preload/preload.ts, shell-preload.test.ts)
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // A middle click would ask for a new window (denied anyway); without the event there is no request at all.
      disableBlinkFeatures: 'Auxclick',
      devTools: allowDevTools,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(appEntryUrl).catch((error: unknown) => logShellEvent('renderer failed to load', error));
  return window;
}
