import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { channels, ipcChannel, ipcEventChannel, type OrdelogEvent } from '../../shared/contract';
import { failure } from '../../shared/result';
import type { Dispatch } from '../ipc/dispatcher';
import { describeSender, isTrustedFrame } from './sender';

/**
 * One `ipcMain.handle` per contract channel, nothing else. The frame is checked here (our origin, top frame,
 * the one window we made) and again, as plain values, by the dispatcher, which also validates the input.
 */
export function registerIpcHandlers(dispatch: Dispatch, isOurWindow: (contents: WebContents) => boolean): () => void {
  for (const channel of channels) {
    ipcMain.handle(ipcChannel(channel), (event: IpcMainInvokeEvent, rawInput: unknown) => {
      const frame = event.senderFrame;
      if (!isOurWindow(event.sender) || !isTrustedFrame(frame)) return failure('UNTRUSTED_SENDER');
      return dispatch(channel, rawInput, describeSender(frame));
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(ipcChannel(channel));
  };
}

/** Pushes a main-process event (the vault locked) to the renderer, if the window is still there. */
export function sendEvent(contents: WebContents, event: OrdelogEvent): void {
  if (!contents.isDestroyed()) contents.send(ipcEventChannel, event);
}
