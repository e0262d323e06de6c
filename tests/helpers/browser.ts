import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  startBrowserHost,
  startInProcessBrowserHost,
  type BrowserHost,
  type InProcessBrowserHostOptions,
  type InProcessBrowserHost,
} from '../../main/browser-host/server';
import { chromiumLaunchArgs } from '../../main/services/pdf/chromium-printer';
import { buildWhenStale } from './build-when-stale';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const builtIndex = join(repoRoot, 'dist', 'renderer', 'index.html');

/** Chromium as MACHINES.md says: the system binary, and no background traffic to hosts it cannot reach. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumLaunchArgs });
}

/** A page in its own context (fresh cookies; axe-core needs a context it can open pages in). */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  // Everything here answers in well under a second; waiting Playwright's default 30 s only hides a failure.
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

/** Builds dist/renderer when it is missing or older than renderer/ or shared/. */
export async function ensureRendererBuilt(): Promise<void> {
  await buildWhenStale({
    name: 'renderer',
    output: builtIndex,
    sources: ['renderer', 'shared'],
    waitMs: 120_000,
    build: () => {
      execFileSync(
        process.execPath,
        [join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.config.ts', '--logLevel', 'warn'],
        { cwd: repoRoot, stdio: 'inherit' },
      );
    },
  });
}

export interface TestHost {
  host: InProcessBrowserHost;
  vaultDir: string;
  close(): Promise<void>;
}

/**
 * A browser host on a fresh temporary vault folder, removed again by `close()`. Its vault runs on the test's
 * thread, so a test can pass stand-ins and reach into the vault.
 */
export async function startTestHost(testing: InProcessBrowserHostOptions['testing'] = {}): Promise<TestHost> {
  const dir = mkdtempSync(join(tmpdir(), 'ordelog-e2e-'));
  const vaultDir = join(dir, 'vault');
  const host = await startInProcessBrowserHost({ vaultDir, testing });
  return {
    host,
    vaultDir,
    async close() {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const screenshotDir = join(repoRoot, 'docs', 'screenshots');

/** Unlocks the host's vault as a user and opens the case list, as after signing in. */
export async function signInAndShowCases(host: BrowserHost, page: Page, userName: string, passphrase: string): Promise<void> {
  // Through the contract, as the page would: the host's vault may run in its worker.
  const sender = { origin: host.origin, isMainFrame: true };
  await host.dispatch('vault.lock', undefined, sender);
  const unlocked = await host.dispatch('vault.unlock', { userName, passphrase }, sender);
  if (!unlocked.ok) throw new Error(`unlock failed: ${unlocked.error.code}`);
  await page.goto(host.url);
  await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
}

/**
 * The browser host on an existing vault, signed in as `userName`, with a page of the given size showing the
 * case list. `beforeLoad` runs before the app loads (e.g. an init script that records CSP violations). The vault
 * runs in the vault worker, as in the app.
 */
export async function openSignedIn(
  browser: Browser,
  vault: { dir: string; userName: string; passphrase: string },
  viewport: { width: number; height: number },
  beforeLoad?: (page: Page) => Promise<void>,
): Promise<{ host: BrowserHost; page: Page }> {
  return showSignedIn(await startBrowserHost({ vaultDir: vault.dir }), browser, vault, viewport, beforeLoad);
}

/** `openSignedIn` with the vault on the test's thread, for tests that read or change the vault directly. */
export async function openSignedInInProcess(
  browser: Browser,
  vault: { dir: string; userName: string; passphrase: string },
  viewport: { width: number; height: number },
  beforeLoad?: (page: Page) => Promise<void>,
): Promise<{ host: InProcessBrowserHost; page: Page }> {
  return showSignedIn(await startInProcessBrowserHost({ vaultDir: vault.dir }), browser, vault, viewport, beforeLoad);
}

async function showSignedIn<H extends BrowserHost>(
  host: H,
  browser: Browser,
  vault: { userName: string; passphrase: string },
  viewport: { width: number; height: number },
  beforeLoad?: (page: Page) => Promise<void>,
): Promise<{ host: H; page: Page }> {
  const page = await newPage(browser);
  await beforeLoad?.(page);
  await page.setViewportSize(viewport);
  await signInAndShowCases(host, page, vault.userName, vault.passphrase);
  return { host, page };
}
