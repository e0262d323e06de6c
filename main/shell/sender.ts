import { appOrigin, isAppUrl, originOf } from './app-origin';

/** What the dispatcher needs to know about who sent an IPC request: plain values, no Electron objects. */
export interface IpcSender {
  origin: string;
  isMainFrame: boolean;
}

/** The parts of Electron's WebFrameMain the check reads; kept structural so tests need no Electron. */
export interface FrameLike {
  readonly url: string;
  readonly origin: string;
  readonly parent: unknown;
}

/**
 * Describes the frame that sent a message. A missing frame (navigated away or destroyed) gets the origin
 * "null", which no check accepts. The origin comes from Chromium when it has one, else from the URL.
 */
export function describeSender(frame: FrameLike | null | undefined): IpcSender {
  if (!frame) return { origin: 'null', isMainFrame: false };
  const origin = frame.origin && frame.origin !== 'null' ? frame.origin : (originOf(frame.url) ?? 'null');
  return { origin, isMainFrame: frame.parent === null };
}

/**
 * Our own page in the top frame, and nothing else: not a subframe, not another origin, not a page that
 * managed to navigate away. Both the frame's URL and its origin must agree.
 */
export function isTrustedFrame(frame: FrameLike | null | undefined): boolean {
  if (!frame) return false;
  const sender = describeSender(frame);
  return sender.isMainFrame && sender.origin === appOrigin && isAppUrl(frame.url);
}
