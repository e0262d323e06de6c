import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  buildApi,
  ipcChannel,
  ipcEventChannel,
  lockReasons,
  type OrdelogEvent,
  type OrdelogEvents,
} from '../../shared/contract';
import { exposedGlobals, type OrdelogWindowApi } from './api';

/**
 * Sandboxed preload: contextBridge only. One function per contract channel, each bound to its own IPC
 * channel name; the page never gets `ipcRenderer`, `invoke`, a channel name of its choosing, or the
 * IpcRendererEvent (whose `sender` would be the raw ipcRenderer).
 */
const ordelog = buildApi((channel, input) => ipcRenderer.invoke(ipcChannel(channel), input));

/** Only well-formed events reach the page, rebuilt as fresh plain objects. */
function toEvent(payload: unknown): OrdelogEvent | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { type, reason } = payload as { type?: unknown; reason?: unknown };
  if (type !== 'locked') return null;
  const known = lockReasons.find((candidate) => candidate === reason);
  return known ? { type: 'locked', reason: known } : null;
}

const ordelogEvents: OrdelogEvents = {
  subscribe(listener) {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const forward = (_event: IpcRendererEvent, payload: unknown): void => {
      const event = toEvent(payload);
      if (event) listener(event);
    };
    ipcRenderer.on(ipcEventChannel, forward);
    return () => {
      ipcRenderer.removeListener(ipcEventChannel, forward);
    };
  },
};

const exposed: OrdelogWindowApi = { ordelog, ordelogEvents };
for (const name of exposedGlobals) contextBridge.exposeInMainWorld(name, exposed[name]);
