import { build, type BuildOptions, type Plugin } from 'esbuild';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, ipcChannel, ipcEventChannel } from '../../shared/contract';

/**
 * The shell bundle, built as for the app, run in Node against a stand-in for the `electron` module: the one
 * thing that cannot exist here. Everything else is real (the vault worker with its dispatcher and controller, the
 * encrypted vault on disk), so
 * this proves the wiring the e2e test would prove with a binary: what happens before `ready`, the window's web
 * preferences, the session rules, the app:// protocol, IPC with its sender check, and locking on OS events.
 */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const { shellBuildOptions, workerBuildOptions } = (await import(new URL('../../scripts/build-main.js', import.meta.url).href)) as {
  shellBuildOptions(options?: { production?: boolean }): BuildOptions;
  workerBuildOptions(options?: { production?: boolean }): BuildOptions;
};

/** Waits for what the vault worker answers on its own thread (a lock, a window once the worker is up). */
async function eventually(check: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

type Listener = (...args: unknown[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((listener) => listener(...args));
  }
}

function preventable() {
  const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
  return event;
}

class FakeSession extends Emitter {
  readonly handlers: Record<string, Listener> = {};
  readonly protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  spellChecker: boolean | undefined;
  readonly protocol = { handle: (scheme: string, handler: (request: Request) => Promise<Response>) => this.protocolHandlers.set(scheme, handler) };
  readonly webRequest = { onBeforeRequest: (listener: Listener) => (this.handlers.onBeforeRequest = listener) };
  constructor(readonly partition: string) {
    super();
  }
  setPermissionRequestHandler(handler: Listener) {
    this.handlers.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: Listener) {
    this.handlers.permissionCheck = handler;
  }
  setDevicePermissionHandler(handler: Listener) {
    this.handlers.devicePermission = handler;
  }
  setDisplayMediaRequestHandler(handler: Listener) {
    this.handlers.displayMedia = handler;
  }
  setBluetoothPairingHandler(handler: Listener) {
    this.handlers.bluetoothPairing = handler;
  }
  setSpellCheckerEnabled(enabled: boolean) {
    this.spellChecker = enabled;
  }
  setSpellCheckerLanguages() {}
}

class FakeWebContents extends Emitter {
  readonly sent: unknown[][] = [];
  windowOpenHandler: Listener | undefined;
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
  }
  setWindowOpenHandler(handler: Listener) {
    this.windowOpenHandler = handler;
  }
  isDestroyed() {
    return false;
  }
  getURL() {
    return 'app://ordelog/index.html';
  }
}

const order: string[] = [];
const sessions = new Map<string, FakeSession>();
const ipcHandlers = new Map<string, Listener>();
const windows: FakeWindow[] = [];
const paths: Record<string, string> = {};
let releaseReady: () => void = () => undefined;
const ready = new Promise<void>((resolve) => (releaseReady = resolve));
let schemes: unknown;
let menu: unknown;

const app = Object.assign(new Emitter(), {
  isPackaged: false,
  enableSandbox: () => order.push('enableSandbox'),
  setPath: (name: string, value: string) => (paths[name] = value),
  getPath: (name: string) => paths[name] ?? '/nonexistent',
  getVersion: () => '0.1.0-test',
  requestSingleInstanceLock: () => (order.push('requestSingleInstanceLock'), true),
  quit: () => order.push('quit'),
  exit: (code: number) => order.push(`exit ${code}`),
  whenReady: () => ready,
});

function sessionFor(partition: string): FakeSession {
  let session = sessions.get(partition);
  if (!session) {
    session = new FakeSession(partition);
    sessions.set(partition, session);
    app.emit('session-created', session);
  }
  return session;
}

class FakeWindow extends Emitter {
  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  focused = false;
  constructor(readonly options: { webPreferences: Record<string, unknown> }) {
    super();
    windows.push(this);
    order.push('new BrowserWindow');
    app.emit('web-contents-created', preventable(), this.webContents);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {
    this.focused = true;
  }
  show() {}
}

const fakeElectron = {
  app,
  protocol: { registerSchemesAsPrivileged: (value: unknown) => (order.push('registerSchemesAsPrivileged'), (schemes = value)) },
  session: {
    fromPartition: sessionFor,
    get defaultSession() {
      return sessionFor('');
    },
  },
  BrowserWindow: FakeWindow,
  ipcMain: {
    handle: (channel: string, handler: Listener) => ipcHandlers.set(channel, handler),
    removeHandler: (channel: string) => ipcHandlers.delete(channel),
  },
  Menu: { buildFromTemplate: (template: unknown) => ({ template }), setApplicationMenu: (value: unknown) => (menu = value) },
  powerMonitor: new Emitter(),
};

const electronStandIn: Plugin = {
  name: 'electron-stand-in',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^electron$/ }, () => ({ path: 'electron', namespace: 'electron-stand-in' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'electron-stand-in' }, () => ({
      contents: `const e = globalThis.__ordelogFakeElectron;
        export const { app, protocol, session, BrowserWindow, ipcMain, Menu, powerMonitor } = e;
        export default e;`,
      loader: 'js',
    }));
    // The bundle runs from a temp folder: point at this repository's native modules (the database, the
    // replication engine) by absolute path.
    const resolve = createRequire(import.meta.url).resolve;
    for (const name of ['better-sqlite3', 'autobase', 'corestore']) {
      const resolved = resolve(name);
      pluginBuild.onResolve({ filter: new RegExp(`^${name}$`) }, () => ({ path: resolved, external: true }));
    }
  },
};

let workDir: string;
const listenersBefore = { uncaughtException: 0, unhandledRejection: 0 };
const window = () => {
  const found = windows[0];
  if (!found) throw new Error('no window was created');
  return found;
};

const trustedFrame = { url: 'app://ordelog/index.html', origin: 'app://ordelog', parent: null };
function invoke(channel: string, input: unknown, event: { sender?: unknown; senderFrame?: unknown } = {}) {
  const handler = ipcHandlers.get(ipcChannel(channel as never));
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler({ sender: window().webContents, senderFrame: trustedFrame, ...event }, input) as Promise<{
    ok: boolean;
    value?: Record<string, unknown>;
    error?: { code: string };
  }>;
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'ordelog-shell-'));
  const mainDir = path.join(workDir, 'app', 'main');
  const rendererDir = path.join(workDir, 'app', 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Ordelog</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {};');
  writeFileSync(path.join(workDir, 'app', 'secret.txt'), 'outside the renderer folder');
  cpSync(path.join(repoRoot, 'db', 'migrations'), path.join(mainDir, 'migrations'), { recursive: true });

  const options = shellBuildOptions({ production: true });
  await build({ ...options, external: [], outdir: mainDir, plugins: [electronStandIn] });
  // The vault worker beside it, as in the app.
  await build({ ...workerBuildOptions({ production: true }), external: [], outdir: mainDir, plugins: [electronStandIn] });

  listenersBefore.uncaughtException = process.listenerCount('uncaughtException');
  listenersBefore.unhandledRejection = process.listenerCount('unhandledRejection');
  (globalThis as { __ordelogFakeElectron?: unknown }).__ordelogFakeElectron = fakeElectron;
  process.env.ORDELOG_TEST_VAULT_DIR = path.join(workDir, 'vault');
  await import(pathToFileURL(path.join(mainDir, 'shell.mjs')).href);
});

afterAll(async () => {
  // Quitting waits for the worker to lock the vault, then quits again.
  const quitting = preventable();
  app.emit('before-quit', quitting);
  expect(quitting.defaultPrevented).toBe(true);
  await eventually(() => order.filter((step) => step === 'quit').length >= 2, 'the quit after closing the vault');
  // main.ts installed its crash handlers in this test process; take them out again.
  for (const listener of process.listeners('uncaughtException').slice(listenersBefore.uncaughtException)) {
    process.removeListener('uncaughtException', listener);
  }
  for (const listener of process.listeners('unhandledRejection').slice(listenersBefore.unhandledRejection)) {
    process.removeListener('unhandledRejection', listener);
  }
  delete process.env.ORDELOG_TEST_VAULT_DIR;
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the Electron shell, wired to a stand-in electron module', () => {
  it('enables the sandbox and registers app:// before ready, then asks for the single-instance lock', () => {
    expect(order.slice(0, 3)).toEqual(['enableSandbox', 'registerSchemesAsPrivileged', 'requestSingleInstanceLock']);
    expect(windows).toHaveLength(0);
    expect(schemes).toEqual([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
      },
    ]);
    expect(paths.userData).toBe(path.join(workDir, 'vault-profile'));
  });

  it('opens one sandboxed, isolated window on app://ordelog once ready, in an in-memory session', async () => {
    releaseReady();
    await ready;
    await eventually(() => windows.length > 0, 'the window (after the vault worker is up)');
    expect(windows).toHaveLength(1);
    expect(window().loadedUrl).toBe('app://ordelog/index.html');
    const preferences = window().options.webPreferences;
    expect(preferences).toMatchObject({
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
      disableBlinkFeatures: 'Auxclick',
      preload: path.join(workDir, 'app', 'main', 'preload.cjs'),
    });
    expect(preferences.session).toBe(sessions.get('ordelog'));
    expect((preferences.session as FakeSession).partition).not.toMatch(/^persist:/);
    expect(menu).toBeDefined();
  });

  it('denies every permission, device and display request in every session', () => {
    expect([...sessions.keys()].sort()).toEqual(['', 'ordelog']);
    for (const session of sessions.values()) {
      const answers: unknown[] = [];
      for (const permission of ['media', 'notifications', 'geolocation', 'openExternal', 'clipboard-read']) {
        session.handlers.permissionRequest?.(null, permission, (allowed: boolean) => answers.push(allowed), {});
        answers.push(session.handlers.permissionCheck?.(null, permission, 'app://ordelog', {}));
      }
      answers.push(session.handlers.devicePermission?.({ deviceType: 'usb' }));
      session.handlers.displayMedia?.({}, (streams: unknown) => answers.push(streams === null ? false : streams));
      session.handlers.bluetoothPairing?.({}, (response: { confirmed: boolean }) => answers.push(response.confirmed));
      expect(answers.every((answer) => answer === false)).toBe(true);
      expect(answers).toHaveLength(13);
      for (const event of ['select-hid-device', 'select-usb-device']) {
        const request = preventable();
        const picked: unknown[] = [];
        session.emit(event, request, {}, (...args: unknown[]) => picked.push(args[0] ?? null));
        expect(request.defaultPrevented).toBe(true);
        expect(picked).toEqual([null]);
      }
      const serial = preventable();
      session.emit('select-serial-port', serial, [], null, (id: string) => expect(id).toBe(''));
      expect(serial.defaultPrevented).toBe(true);
      expect(session.spellChecker).toBe(false);
    }
  });

  it('cancels every request that is not for app://ordelog', () => {
    const cancel = (url: string) => {
      let answer: unknown;
      sessions.get('ordelog')?.handlers.onBeforeRequest?.({ url }, (response: unknown) => (answer = response));
      return answer;
    };
    expect(cancel('app://ordelog/assets/app.js')).toEqual({ cancel: false });
    expect(cancel('https://ordelog-test.invalid/collect?q=zaak')).toEqual({ cancel: true });
    expect(cancel('file:///etc/passwd')).toEqual({ cancel: true });
  });

  it('serves the renderer folder over app:// with the CSP, and nothing outside it', async () => {
    const serve = sessions.get('ordelog')?.protocolHandlers.get('app');
    if (!serve) throw new Error('app:// is not handled');
    const index = await serve(new Request('app://ordelog/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toMatch(/^default-src 'self'; script-src 'self';/);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await index.text()).toContain('<title>Ordelog</title>');
    expect((await serve(new Request('app://ordelog/assets/app.js'))).headers.get('content-type')).toMatch(/javascript/);
    expect((await serve(new Request('app://ordelog/assets%2f..%2f..%2fsecret.txt'))).status).toBe(403);
    expect((await serve(new Request('app://ordelog/nothing-here.js'))).status).toBe(404);
    expect((await serve(new Request('app://other/index.html'))).status).toBe(403);
    expect((await serve(new Request('app://ordelog/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('prevents navigation, redirects, webviews and new windows in every web contents', () => {
    const contents = window().webContents;
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const attempt = preventable();
      contents.emit(event, attempt, 'https://ordelog-test.invalid/');
      expect(attempt.defaultPrevented, event).toBe(true);
    }
    expect(contents.windowOpenHandler?.({ url: 'https://ordelog-test.invalid/' })).toEqual({ action: 'deny' });
  });

  it('handles exactly the contract channels over IPC', () => {
    expect([...ipcHandlers.keys()].sort()).toEqual(channels.map((channel) => ipcChannel(channel)).sort());
  });

  it('answers our own top frame, and refuses subframes, other origins, other windows and vanished frames', async () => {
    expect(await invoke('app.status', undefined)).toMatchObject({ ok: true, value: { vaultExists: false, unlocked: false } });
    const refused = [
      { senderFrame: { ...trustedFrame, parent: trustedFrame } },
      { senderFrame: { url: 'https://ordelog-test.invalid/', origin: 'https://ordelog-test.invalid', parent: null } },
      { senderFrame: null },
      { sender: new FakeWebContents() },
    ];
    for (const event of refused) {
      expect(await invoke('app.status', undefined, event)).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    }
    expect(await invoke('vault.unlock', { userName: 42 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('creates a vault, locks it when the screen locks or the machine sleeps, and tells the page', async () => {
    const passphrase = 'paarse-olifant-danst-op-het-plein';
    const created = await invoke('vault.create', { userName: 'a.beheer', displayName: 'Anna de Beheerder', passphrase });
    expect(created).toMatchObject({ ok: true, value: { status: { unlocked: true } } });

    fakeElectron.powerMonitor.emit('lock-screen');
    await eventually(() => window().webContents.sent.some(([, event]) => (event as { reason?: string }).reason === 'screen-lock'), 'the lock');
    expect(window().webContents.sent).toContainEqual([ipcEventChannel, { type: 'locked', reason: 'screen-lock' }]);
    expect(await invoke('app.status', undefined)).toMatchObject({ ok: true, value: { unlocked: false, vaultExists: true } });

    expect(await invoke('vault.unlock', { userName: 'a.beheer', passphrase })).toMatchObject({ ok: true, value: { unlocked: true } });
    fakeElectron.powerMonitor.emit('suspend');
    await eventually(() => window().webContents.sent.some(([, event]) => (event as { reason?: string }).reason === 'suspend'), 'the lock');
    expect(window().webContents.sent).toContainEqual([ipcEventChannel, { type: 'locked', reason: 'suspend' }]);
    expect(await invoke('app.status', undefined)).toMatchObject({ ok: true, value: { unlocked: false } });
  });

  it('focuses the window for a second instance and quits when it closes', () => {
    app.emit('second-instance');
    expect(window().focused).toBe(true);
    app.emit('window-all-closed');
    expect(order).toContain('quit');
  });
});
