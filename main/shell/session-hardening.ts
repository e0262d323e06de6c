import type { Session } from 'electron';
import { isAllowedRequest, isOwnExportUrl, type RequestPolicy } from './app-origin';

/**
 * Denies every permission and device the web platform can ask for: the log needs no camera, microphone,
 * location, notifications, clipboard reads, USB, HID, serial or Bluetooth. Checks (synchronous, e.g.
 * `navigator.permissions.query`) and requests (prompts) are both answered "no".
 */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  session.setBluetoothPairingHandler((_details, callback) => callback({ confirmed: false }));
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback(null);
  });
  session.on('select-serial-port', (event, _portList, _webContents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
}

/** Cancels every request that is not for our own origin (see `isAllowedRequest`). */
export function restrictRequests(session: Session, policy: RequestPolicy): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, policy) });
  });
}

/** No spell-checker: Chromium would download dictionaries and see every word typed into the log. */
export function disableSpellChecker(session: Session): void {
  session.setSpellCheckerEnabled(false);
  session.setSpellCheckerLanguages([]);
}

/**
 * The only downloads are the renderer's own exports (a blob: URL of our origin, saved where the user picks in
 * the save dialog); anything else a page might start is cancelled.
 */
export function restrictDownloads(session: Session): void {
  session.on('will-download', (event, item) => {
    if (!isOwnExportUrl(item.getURL())) {
      event.preventDefault();
      return;
    }
    item.setSaveDialogOptions({ defaultPath: item.getFilename() });
  });
}

export function hardenSession(session: Session, policy: RequestPolicy): void {
  denyAllPermissions(session);
  restrictRequests(session, policy);
  restrictDownloads(session);
  disableSpellChecker(session);
}
