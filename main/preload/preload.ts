import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  buildApi,
  ipcChannel,
  ipcEventChannel,
  jobKinds,
  jobPhases,
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

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const count = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const oneOf = <T extends string>(known: readonly T[], value: unknown): T | undefined => known.find((each) => each === value);

/**
 * Only well-formed events reach the page, rebuilt as fresh plain objects. Checked by hand, not by the contract's
 * zod schema, which would make the preload ten times larger (see the preload test).
 */
function toEvent(payload: unknown): OrdelogEvent | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { type, reason, progress } = payload as { type?: unknown; reason?: unknown; progress?: unknown };
  if (type === 'locked') {
    const known = oneOf(lockReasons, reason);
    return known ? { type: 'locked', reason: known } : null;
  }
  if (type !== 'job' || typeof progress !== 'object' || progress === null) return null;
  const { requestId, kind, phase, done, total } = progress as Record<string, unknown>;
  const knownKind = oneOf(jobKinds, kind);
  const knownPhase = oneOf(jobPhases, phase);
  if (typeof requestId !== 'string' || !uuid.test(requestId) || !knownKind || !knownPhase || !count(done) || !count(total)) {
    return null;
  }
  return { type: 'job', progress: { requestId, kind: knownKind, phase: knownPhase, done, total } };
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
