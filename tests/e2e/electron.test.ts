import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type OrdelogApi, type OrdelogEvent, type OrdelogEvents } from '../../shared/contract';
import { ensureRendererBuilt } from '../helpers/browser';

/**
 * The real app in the real Electron: the shell bundle, the sandboxed preload, the app:// protocol, IPC with the
 * sender check, the vault on disk. Where the Electron binary does not exist (it cannot be downloaded on the
 * project's machines) the whole file is skipped, and says why; the browser-host e2e tests then cover the same
 * renderer and handlers, and tests/unit/shell-*.test.ts the shell's own logic.
 */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const shellEntry = path.join(repoRoot, 'dist', 'main', 'shell.mjs');

// start.js finds the binary exactly as electron/index.js does, without its unbounded download.
const startUrl = new URL('../../scripts/start.js', import.meta.url).href;
const { findElectronBinary } = (await import(startUrl)) as { findElectronBinary(): string | null };
const binary = findElectronBinary();

function which(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

// Linux without a display needs a virtual one for a real window.
const needsXvfb = process.platform === 'linux' && !process.env.DISPLAY;
const skipReason = !binary
  ? 'the Electron binary is not on this machine (node_modules/electron/dist is missing and cannot be downloaded here)'
  : needsXvfb && !which('Xvfb')
    ? 'there is no display and no Xvfb to provide one'
    : null;
if (skipReason) console.log(`tests/e2e/electron.test.ts skipped: ${skipReason}.`);

/** What the preload defines in the page (the tests compile without the DOM library). */
interface PageGlobals {
  ordelog: OrdelogApi;
  ordelogEvents: OrdelogEvents;
  receivedEvents: OrdelogEvent[];
  require?: unknown;
  process?: unknown;
  ipcRenderer?: unknown;
  open(url: string): unknown;
  location: { href: string };
}

const user = { name: 'a.beheer', displayName: 'Anna de Beheerder', passphrase: 'paarse-olifant-danst-op-het-plein' };

describe.skipIf(skipReason !== null)('Ordelog in Electron', () => {
  let workDir: string;
  let xvfb: ChildProcess | undefined;
  let app: ElectronApplication;
  let page: Page;
  const heading = (name: string) => page.getByRole('heading', { level: 1, name });

  beforeAll(async () => {
    await ensureRendererBuilt();
    if (!existsSync(shellEntry)) {
      const built = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build-main.js')], { stdio: 'inherit' });
      if (built.status !== 0) throw new Error('build-main failed');
    }
    workDir = mkdtempSync(path.join(tmpdir(), 'ordelog-electron-'));
    const env: Record<string, string> = { ...(process.env as Record<string, string>), ORDELOG_TEST_VAULT_DIR: path.join(workDir, 'vault') };
    if (needsXvfb) {
      const display = `:${90 + Math.floor(Math.random() * 400)}`;
      xvfb = spawn('Xvfb', [display, '-screen', '0', '1400x1000x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      env.DISPLAY = display;
    }
    // Chromium refuses to start as root with its OS sandbox (CI containers run as root). Electron's renderer
    // sandbox (no Node in the page or the preload) still applies and is what this file checks.
    const rootOnly = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = await electron.launch({ executablePath: binary ?? undefined, args: [...rootOnly, shellEntry], env, timeout: 60_000 });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    xvfb?.kill();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('opens one window from app://ordelog, with the strict CSP and no Node in the page', async () => {
    expect(page.url()).toBe('app://ordelog/index.html');
    expect(app.windows()).toHaveLength(1);
    const globals = await page.evaluate(() => {
      const page = globalThis as unknown as PageGlobals;
      return {
        require: typeof page.require,
        process: typeof page.process,
        ipcRenderer: typeof page.ipcRenderer,
        api: Object.keys(page.ordelog).sort(),
        events: Object.keys(page.ordelogEvents),
      };
    });
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: 'undefined',
      api: [...channels].sort(),
      events: ['subscribe'],
    });
    const csp = await page.evaluate(async () => (await fetch('app://ordelog/index.html')).headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('opens no windows, follows no navigation and reaches nothing outside app://ordelog', async () => {
    const outcome = await page.evaluate(async () => {
      const opened = (globalThis as unknown as PageGlobals).open('app://ordelog/index.html') === null;
      const remote = await fetch('https://ordelog-test.invalid/').then(
        () => 'reached',
        () => 'blocked',
      );
      const traversal = (await fetch('app://ordelog/%2e%2e/%2e%2e/package.json')).status;
      return { opened, remote, traversal };
    });
    expect(outcome).toEqual({ opened: true, remote: 'blocked', traversal: 404 });
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).location.href = 'https://ordelog-test.invalid/';
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(page.url()).toBe('app://ordelog/index.html');
    expect(app.windows()).toHaveLength(1);
  });

  it('creates the vault in the test folder through the UI', async () => {
    await heading('Nieuwe kluis aanmaken').waitFor();
    await page.getByLabel('Gebruikersnaam').fill(user.name);
    await page.getByLabel('Volledige naam').fill(user.displayName);
    await page.getByLabel('Wachtwoordzin', { exact: true }).fill(user.passphrase);
    await page.getByLabel('Herhaal de wachtwoordzin').fill(user.passphrase);
    await page.getByRole('button', { name: 'Kluis aanmaken' }).click();
    await heading('Uw herstelsleutel').waitFor({ timeout: 30_000 });
    await page.getByLabel('Ik heb de herstelsleutel veilig opgeborgen').check();
    await page.getByRole('button', { name: 'Verder' }).click();
    await heading('Dossiers').waitFor();
    expect(existsSync(path.join(workDir, 'vault'))).toBe(true);
    // Chromium's profile moved beside the test vault, away from a developer's own Ordelog.
    expect(existsSync(path.join(workDir, 'vault-profile'))).toBe(true);
  });

  it('locks, tells the page why, and unlocks again', async () => {
    await page.evaluate(() => {
      const page = globalThis as unknown as PageGlobals;
      page.receivedEvents = [];
      page.ordelogEvents.subscribe((event) => page.receivedEvents.push(event));
    });
    await page.getByRole('button', { name: 'Vergrendelen' }).click();
    await heading('Kluis ontgrendelen').waitFor();
    const afterLock = await page.evaluate(async () => {
      const page = globalThis as unknown as PageGlobals;
      return { events: page.receivedEvents, status: await page.ordelog['app.status']() };
    });
    expect(afterLock.events).toEqual([{ type: 'locked', reason: 'user' }]);
    expect(afterLock.status).toMatchObject({ ok: true, value: { vaultExists: true, unlocked: false, user: null } });

    const wrong = await page.evaluate(
      (name) => (globalThis as unknown as PageGlobals).ordelog['vault.unlock']({ userName: name, passphrase: 'niet-de-goede-zin' }),
      user.name,
    );
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });

    // The throttle makes the next try wait; the UI shows how long.
    await new Promise((resolve) => setTimeout(resolve, (wrong.ok ? 0 : (wrong.error.retryAfterMs ?? 0)) + 100));
    await page.getByLabel('Gebruikersnaam').fill(user.name);
    await page.getByLabel('Wachtwoordzin', { exact: true }).fill(user.passphrase);
    await page.getByRole('button', { name: 'Ontgrendelen' }).click();
    await heading('Dossiers').waitFor({ timeout: 30_000 });
  });

  it("prints a briefing with Electron's printToPDF and records it in the register", async () => {
    const outcome = await page.evaluate(async () => {
      const api = (globalThis as unknown as PageGlobals).ordelog;
      const created = await api['cases.create']({ title: 'Oproep Stationsplein (Electron)', requestId: crypto.randomUUID() });
      if (!created.ok) return { error: created.error.code };
      const caseId = created.value.id;
      await api['entries.append']({ caseId, type: 'signaal', text: '<script>alert(1)</script> oproep om 21:00', requestId: crypto.randomUUID() });
      const exported = await api['briefings.export']({ caseId, audience: 'burgemeester', summary: 'Oproep blijft staan.', requestId: crypto.randomUUID() });
      if (!exported.ok) return { error: exported.error.code };
      if (!('data' in exported.value)) return { error: 'a one-page briefing was not delivered whole' };
      const listed = await api['exports.list']({ caseId });
      const verified = await api['exports.verify']({ caseId, data: exported.value.data });
      return {
        head: atob(exported.value.data.slice(0, 8)),
        pages: exported.value.record.pageCount,
        registered: listed.ok ? listed.value.exports.map((record) => record.sha256) : [],
        sha256: exported.value.record.sha256,
        match: verified.ok ? verified.value.match?.id === exported.value.record.id && verified.value.chainHoldsFingerprint : false,
      };
    });
    expect(outcome).toMatchObject({ head: '%PDF-', match: true });
    expect((outcome as { pages: number }).pages).toBeGreaterThanOrEqual(1);
    expect((outcome as { registered: string[] }).registered).toEqual([(outcome as { sha256: string }).sha256]);
  });

  it('refuses malformed input at the boundary with a typed error', async () => {
    const result = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).ordelog['vault.unlock']({ userName: 42, passphrase: null } as never),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
