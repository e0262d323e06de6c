/**
 * Ctrl/Cmd+Shift+S anywhere in a case opens the signal capture dialog. Only the chosen section is mounted, so
 * the case screen records the request here, switches to the signals section, and that section takes the
 * request once when it mounts.
 */
let pending = false;

export function requestSignalCapture(): void {
  pending = true;
}

export function takeSignalCaptureRequest(): boolean {
  const requested = pending;
  pending = false;
  return requested;
}
