import type { App, WebContents } from 'electron';
import { logShellEvent } from './log';

/**
 * The app is one page that never navigates and never opens windows; links to the outside world are not
 * followed (and not handed to the OS browser either: no `shell.openExternal` anywhere, so no log data can
 * ever become a URL that leaves the machine).
 */
export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  // Fired for subframes too; neither loadURL nor in-page (hash) navigation fires these events.
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
  contents.on('render-process-gone', (_event, details) => {
    logShellEvent(`renderer gone: ${details.reason} (exit ${details.exitCode})`);
  });
}

/** Applies the guards to every web contents ever created, including DevTools and any we did not foresee. */
export function guardAllWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}
