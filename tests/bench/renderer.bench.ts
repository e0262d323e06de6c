/**
 * Renderer benchmark: the timeline of a case with 100,000 entries in Chromium against the browser host, and the
 * size of the built renderer. Not part of `npm test`.
 *
 *   npx tsx tests/bench/renderer.bench.ts        (ORDELOG_BENCH_ENTRIES=20000 for a quicker look)
 *
 * Prints the figures with their targets and exits non-zero when one is missed:
 *   timeline first paint ≤ 300 ms · longest frame while scrolling ≤ 50 ms · renderer bundle ≤ 400 kB gzip.
 * First paint: from the click on "Tijdlijn" to the frame after the first log rows are in the DOM.
 * Longest frame: the longest of long-animation-frame entries and requestAnimationFrame intervals while the
 * list is scrolled through several pages (2,000 px every frame, then jumps to the start and the end).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startBrowserHost } from '../../main/browser-host/server';
import { sessionFor } from '../../main/services/session';
import { ensureRendererBuilt, launchBrowser, newPage } from '../helpers/browser';
import { fillLargeCase } from '../helpers/timeline-case';
import { createTestVault, testPassphrase, testUserName } from '../helpers/vault';

const entryCount = Number(process.env.ORDELOG_BENCH_ENTRIES ?? 100_000);
const targets = { firstPaintMs: 300, longestFrameMs: 50, bundleKbGzip: 400 };

function bundleGzipKb(): number {
  const dir = join(process.cwd(), 'dist', 'renderer', 'assets');
  const bytes = readdirSync(dir)
    .filter((name) => name.endsWith('.js') || name.endsWith('.css'))
    .reduce((sum, name) => sum + gzipSync(readFileSync(join(dir, name))).byteLength, 0);
  return bytes / 1000;
}

/** Clicks "Tijdlijn" and resolves with the ms until the frame after the first log rows are in the DOM. */
const firstPaintScript = `new Promise((resolve) => {
  const tab = [...document.querySelectorAll('a')].find((link) => link.textContent === 'Tijdlijn');
  const started = performance.now();
  const look = () => {
    if (document.querySelector('[data-row="entry"]')) requestAnimationFrame(() => resolve(performance.now() - started));
    else requestAnimationFrame(look);
  };
  tab.click();
  requestAnimationFrame(look);
})`;

/** Scrolls up 2,000 px a frame for 60 frames, jumps to the start, scrolls down 60 frames, jumps to the end. */
const scrollScript = `new Promise((resolve) => {
  const list = document.querySelector('.tl-scroll');
  const buttons = document.querySelectorAll('.tl-nav button');
  let longestLoafMs = 0;
  const observer = PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')
    ? new PerformanceObserver((entries) => { for (const entry of entries.getEntries()) longestLoafMs = Math.max(longestLoafMs, entry.duration); })
    : null;
  if (observer) observer.observe({ type: 'long-animation-frame' });
  const steps = [];
  for (let i = 0; i < 60; i += 1) steps.push(() => list.scrollBy(0, -2000));
  steps.push(() => buttons[0].click());
  for (let i = 0; i < 20; i += 1) steps.push(() => undefined);
  for (let i = 0; i < 60; i += 1) steps.push(() => list.scrollBy(0, 2000));
  steps.push(() => buttons[1].click());
  for (let i = 0; i < 20; i += 1) steps.push(() => undefined);
  let longestFrameMs = 0;
  let last = 0;
  let frames = 0;
  const tick = (now) => {
    longestFrameMs = Math.max(longestFrameMs, now - last);
    last = now;
    frames += 1;
    const step = steps.shift();
    if (step) { step(); requestAnimationFrame(tick); }
    else { if (observer) observer.disconnect(); resolve({ longestFrameMs, longestLoafMs, frames }); }
  };
  requestAnimationFrame((now) => { last = now; requestAnimationFrame(tick); });
})`;

async function main(): Promise<void> {
  await ensureRendererBuilt();
  const vault = await createTestVault({ displayName: 'Joost de Vries' });
  const filledAt = performance.now();
  const { title } = fillLargeCase(sessionFor(vault.vault, 'browser-host'), entryCount);
  const fillMs = performance.now() - filledAt;
  vault.vault.lock();
  const host = await startBrowserHost({ vaultDir: vault.dir });
  const browser = await launchBrowser();
  try {
    const page = await newPage(browser);
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(host.url);
    await page.getByLabel('Gebruikersnaam').fill(testUserName);
    await page.getByLabel('Wachtwoordzin', { exact: true }).fill(testPassphrase);
    await page.getByRole('button', { name: 'Ontgrendelen' }).click();
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('link', { name: 'Tijdlijn' }).waitFor();

    // In-page code as text: this file compiles without the DOM library, and tsx's helpers do not exist in the page.
    const firstPaintMs = (await page.evaluate(firstPaintScript)) as number;
    const frames = (await page.evaluate(scrollScript)) as { longestFrameMs: number; longestLoafMs: number; frames: number };
    const domRows = await page.locator('[data-row]').count();
    const bundleKb = bundleGzipKb();
    const longestFrameMs = Math.max(frames.longestFrameMs, frames.longestLoafMs);
    const rowsOut = [
      ['entries in the case', entryCount.toLocaleString('en'), '', ''],
      ['filling the vault (setup)', `${(fillMs / 1000).toFixed(1)} s`, '', ''],
      ['timeline first paint', `${firstPaintMs.toFixed(0)} ms`, `≤ ${targets.firstPaintMs} ms`, firstPaintMs <= targets.firstPaintMs],
      [
        'longest frame while scrolling',
        `${longestFrameMs.toFixed(0)} ms (rAF ${frames.longestFrameMs.toFixed(0)}, LoAF ${frames.longestLoafMs.toFixed(0)}; ${frames.frames} frames)`,
        `≤ ${targets.longestFrameMs} ms`,
        longestFrameMs <= targets.longestFrameMs,
      ],
      ['rows in the DOM afterwards', String(domRows), '< 200', domRows < 200],
      ['renderer bundle (js+css, gzip)', `${bundleKb.toFixed(1)} kB`, `≤ ${targets.bundleKbGzip} kB`, bundleKb <= targets.bundleKbGzip],
    ] as const;
    for (const [name, value, target, ok] of rowsOut) {
      console.log(`${name.padEnd(32)} ${value.padEnd(52)} ${target.padEnd(10)} ${ok === '' ? '' : ok ? 'ok' : 'MISSED'}`);
    }
    process.exitCode = rowsOut.some((row) => row[3] === false) ? 1 : 0;
  } finally {
    await browser.close();
    await host.close();
    vault.cleanup();
  }
}

await main();
