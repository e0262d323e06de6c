import { build, type BuildOptions, type Metafile } from 'esbuild';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { channels, ipcEventChannel } from '../../shared/contract';

interface BuildMainModule {
  preloadBuildOptions(options?: { production?: boolean }): BuildOptions;
  externalImports(metafile: Metafile): string[];
}

// The build script is plain JavaScript; import it by URL so the type checker does not ask for declarations.
const buildMainUrl = new URL('../../scripts/build-main.js', import.meta.url).href;
const { preloadBuildOptions, externalImports } = (await import(buildMainUrl)) as BuildMainModule;

const built = await build({ ...preloadBuildOptions({ production: true }), write: false });
const code = built.outputFiles?.[0]?.text ?? '';

type Listener = (...args: unknown[]) => void;

/** Runs the bundled preload the way a sandboxed renderer does: `require` knows only `electron`. */
function loadPreload() {
  const exposed = new Map<string, unknown>();
  const invocations: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: (channel: string, ...args: unknown[]) => {
        invocations.push({ channel, args });
        return Promise.resolve({ ok: true, value: channel });
      },
      on: (channel: string, listener: Listener) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)?.add(listener);
      },
      removeListener: (channel: string, listener: Listener) => listeners.get(channel)?.delete(listener),
    },
  };
  const required: string[] = [];
  const module = { exports: {} };
  runInNewContext(code, {
    module,
    exports: module.exports,
    require: (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electron;
    },
  });
  const emit = (channel: string, ...args: unknown[]) => {
    for (const listener of listeners.get(channel) ?? []) listener(...args);
  };
  return { exposed, invocations, listeners, required, emit };
}

describe('the preload', () => {
  it('is one small CommonJS file that requires electron and nothing else', () => {
    expect(externalImports(built.metafile as Metafile)).toEqual(['electron']);
    // With zod it would be about 450 kB; without, the contract's names and catalogues.
    expect(code.length).toBeLessThan(100_000);
    expect(code).not.toMatch(/ZodError|safeParse/);
    expect(loadPreload().required).toEqual(['electron']);
  });

  it('exposes window.ordelog and window.ordelogEvents, and nothing else', () => {
    const { exposed } = loadPreload();
    expect([...exposed.keys()].sort()).toEqual(['ordelog', 'ordelogEvents']);
    expect(Object.keys(exposed.get('ordelogEvents') as object)).toEqual(['subscribe']);
  });

  it('has exactly one function per contract channel, each bound to its own IPC channel', async () => {
    const { exposed, invocations } = loadPreload();
    const api = exposed.get('ordelog') as Record<string, (input?: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...channels].sort());
    for (const channel of channels) {
      expect(typeof api[channel]).toBe('function');
      await expect(api[channel]?.({ probe: channel })).resolves.toEqual({ ok: true, value: `ordelog:${channel}` });
    }
    expect(invocations).toEqual(channels.map((channel) => ({ channel: `ordelog:${channel}`, args: [{ probe: channel }] })));
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
  });

  it('passes lock events on without the IpcRendererEvent, drops malformed ones, and unsubscribes', () => {
    const { exposed, emit, listeners } = loadPreload();
    const events = exposed.get('ordelogEvents') as { subscribe(listener: Listener): () => void };
    const received: unknown[][] = [];
    const unsubscribe = events.subscribe((...args) => received.push(args));
    const ipcEvent = { sender: { invoke: 'raw ipcRenderer' }, senderId: 0 };

    emit(ipcEventChannel, ipcEvent, { type: 'locked', reason: 'idle', extra: 'dropped' });
    emit(ipcEventChannel, ipcEvent, { type: 'locked', reason: 'not-a-reason' });
    emit(ipcEventChannel, ipcEvent, { type: 'unlocked' });
    emit(ipcEventChannel, ipcEvent, null);
    expect(received).toEqual([[{ type: 'locked', reason: 'idle' }]]);

    unsubscribe();
    expect(listeners.get(ipcEventChannel)?.size).toBe(0);
    emit(ipcEventChannel, ipcEvent, { type: 'locked', reason: 'user' });
    expect(received).toHaveLength(1);
  });

  it('passes job progress on as a fresh object and drops progress that is not well formed', () => {
    const { exposed, emit } = loadPreload();
    const events = exposed.get('ordelogEvents') as { subscribe(listener: Listener): () => void };
    const received: unknown[] = [];
    events.subscribe((event) => received.push(event));
    const requestId = '0b8f6a36-5d8e-4a55-9d5e-2d0f3e6d7c11';
    const progress = { requestId, kind: 'export-log-pdf', phase: 'writing', done: 2_000, total: 100_000 };
    emit(ipcEventChannel, {}, { type: 'job', progress: { ...progress, html: '<img onerror=alert(1)>' } });
    emit(ipcEventChannel, {}, { type: 'job', progress: { ...progress, requestId: 'x' } });
    emit(ipcEventChannel, {}, { type: 'job', progress: { ...progress, kind: 'format-disk' } });
    emit(ipcEventChannel, {}, { type: 'job', progress: { ...progress, done: -1 } });
    emit(ipcEventChannel, {}, { type: 'job', progress: { ...progress, total: 1.5 } });
    emit(ipcEventChannel, {}, { type: 'job' });
    expect(received).toEqual([{ type: 'job', progress }]);
  });

  it('refuses a listener that is not a function', () => {
    const events = loadPreload().exposed.get('ordelogEvents') as { subscribe(listener: unknown): () => void };
    expect(() => events.subscribe('alert(1)')).toThrow(/listener must be a function/);
  });
});
