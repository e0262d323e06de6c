import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrdelogEvent } from '../../shared/contract';
import { exportCase } from '../../main/services/case-export';
import { sessionFor } from '../../main/services/session';
import { chromiumPrinter } from '../../main/services/pdf/chromium-printer';
import type { PdfPrinter } from '../../main/services/pdf/printer';
import { runAdminJob } from '../../main/worker/admin-client';
import { startVaultWorker, type VaultHost } from '../../main/worker/vault-host';
import { fillLargeCase } from '../helpers/timeline-case';
import { createTestVault, testKdf, type TestVault } from '../helpers/vault';

/**
 * The vault worker as the shell and the browser host use it: the real controller, dispatcher and encrypted vault
 * on their own thread, the contract as the only way in, and the owner's thread free while they work.
 */

const appOrigin = 'app://ordelog';
const sender = { origin: appOrigin, isMainFrame: true };
const entries = 100_000;

let test: TestVault;
let caseId: string;
let printer: PdfPrinter;
let host: VaultHost;
const events: OrdelogEvent[] = [];
const slowCalls: string[] = [];
/** The case as a case file, for the administrator's import. */
let caseFile = '';

beforeAll(async () => {
  test = await createTestVault({ kdf: testKdf });
  const session = sessionFor(test.vault, 'cli');
  ({ caseId } = fillLargeCase(session, entries));
  caseFile = JSON.stringify(exportCase(session, { caseId }));
  test.vault.lock();
  printer = chromiumPrinter();
  // The worker's diagnostics come back to the owner, which alone writes the file.
  const diagnostics = { call: (channel: string, ms: number) => void (ms > 200 && slowCalls.push(channel)), error: () => undefined, event: () => undefined };
  host = await startVaultWorker({ vaultDir: test.dir, appVersion: '0.0.0-test', origin: 'app', trustedOrigins: [appOrigin], printer, diagnostics });
  host.onEvent((event) => events.push(event));
}, 180_000);

afterAll(async () => {
  await host?.close();
  await printer?.close();
  test?.cleanup();
});

async function call<T = Record<string, unknown>>(channel: string, input?: unknown): Promise<T> {
  const result = await host.dispatch(channel, input, sender);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}`);
  return result.value as T;
}

interface Responsiveness {
  /** `monitorEventLoopDelay`'s maximum at 1 ms: includes time the OS gave the core to another thread. */
  delayMs: number;
  /** Its 99th percentile. */
  p99Ms: number;
  /** The longest stretch the loop was busy running code between two 1 ms ticks (event-loop utilisation). */
  busyMs: number;
}

/** How the owner's event loop fared while `work` ran. */
async function responsiveness(work: () => Promise<unknown>): Promise<Responsiveness> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let busyMs = 0;
  let last = performance.eventLoopUtilization();
  const ticker = setInterval(() => {
    const now = performance.eventLoopUtilization();
    busyMs = Math.max(busyMs, performance.eventLoopUtilization(now, last).active);
    last = now;
  }, 1);
  histogram.enable();
  try {
    await work();
  } finally {
    histogram.disable();
    clearInterval(ticker);
  }
  return { delayMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6, busyMs };
}

/** The same, while another thread only burns a core for `ms`: what two busy threads cost on this machine alone. */
async function contentionBaselineMs(ms: number): Promise<number> {
  const burner = new Worker(`const end = Date.now() + ${Math.round(ms)}; while (Date.now() < end) {}`, { eval: true });
  return (await responsiveness(() => new Promise((resolve) => burner.once('exit', resolve)))).delayMs;
}

/**
 * Where two busy threads alone keep the delay under 20 ms (a quiet machine), the owner's delay and busy stretches
 * stay under 20 ms. On a loaded machine the OS keeps any thread waiting for tens or hundreds of milliseconds, so
 * there 99 % of the owner's ticks come within 20 ms and none waits a second; with the vault on the owner's
 * thread, the 100,000-entry export alone held it for several seconds.
 */
function expectResponsive(owner: Responsiveness, baselineMs: number): void {
  if (baselineMs < 20) {
    expect(owner.delayMs).toBeLessThan(20);
    expect(owner.busyMs).toBeLessThan(20);
  } else {
    expect(owner.p99Ms).toBeLessThan(20);
    expect(owner.delayMs).toBeLessThan(1_000);
  }
}

describe('the vault worker', () => {
  it('refuses other senders and answers the contract from its own thread', async () => {
    const refused = await host.dispatch('app.status', undefined, { origin: 'https://ordelog-test.invalid', isMainFrame: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    const uncloneable = await host.dispatch('cases.list', { filter: () => 'not data' }, sender);
    expect(uncloneable).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('app.status')).toMatchObject({ vaultExists: true, unlocked: false });
    const wrong = await host.dispatch('vault.unlock', { userName: test.userName, passphrase: 'niet het wachtwoord' }, sender);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    // The unlock throttle lives with the vault, in the worker.
    const retryAfterMs = wrong.ok ? 0 : (wrong.error.retryAfterMs ?? 0);
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(await host.dispatch('vault.unlock', { userName: test.userName, passphrase: test.passphrase }, sender)).toMatchObject({
      ok: false,
      error: { code: 'TOO_MANY_ATTEMPTS' },
    });
    await new Promise((resolve) => setTimeout(resolve, retryAfterMs + 50));
    expect(await call('vault.unlock', { userName: test.userName, passphrase: test.passphrase })).toMatchObject({ unlocked: true });
  });

  it('keeps the owner’s thread responsive while it exports, summarises and searches a 100,000-entry case', async () => {
    const started = performance.now();
    // Kept as bytes outside the JS heap, as a renderer's Blob parts are: no collector pause of the test's own making.
    const pieces: Buffer[] = [];
    let fileId = '';
    // Only the calls are measured; the test's own decoding of 70 MB comes after.
    const owner = await responsiveness(async () => {
      // Too large to cross in one message: it waits in the worker and is read in pieces, as the renderer does.
      const exported = await call<{ fileId: string; size: number }>('exports.log', { caseId, format: 'json', requestId: randomUUID() });
      expect(exported.size).toBeGreaterThan(entries * 100);
      fileId = exported.fileId;
      for (let offset: number | null = 0; offset !== null; ) {
        const piece: { data: string; next: number | null } = await call('exports.read', { fileId, offset });
        pieces.push(Buffer.from(piece.data, 'base64'));
        offset = piece.next;
      }
      await call('briefings.preview', { caseId });
      await call('entries.list', { caseId, query: 'station', limit: 100 });
      await call('cases.stats', { caseId });
    });
    const baseline = await contentionBaselineMs(Math.min(performance.now() - started, 10_000));
    console.info(
      `owner's event loop: delay ${owner.delayMs.toFixed(1)} ms (p99 ${owner.p99Ms.toFixed(1)} ms), longest busy stretch ${owner.busyMs.toFixed(1)} ms ` +
        `(two busy threads alone: delay ${baseline.toFixed(1)} ms; load ${loadavg()[0]?.toFixed(1)})`,
    );
    expectResponsive(owner, baseline);

    expect(slowCalls).toContain('exports.log');

    const file = JSON.parse(Buffer.concat(pieces).toString('utf8')) as { entries: unknown[] };
    expect(file.entries).toHaveLength(entries + 1); // and the line that opened the case
    // Read once: the worker no longer keeps it.
    expect(await host.dispatch('exports.read', { fileId, offset: 0 }, sender)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  }, 180_000);

  it('prints through the owner’s printer, reports the export’s progress by its request id, and passes a lock on', async () => {
    const requestId = randomUUID();
    const exported = await call<{ mediaType: string; data: string }>('briefings.export', { caseId, from: '2026-03-30T00:00:00.000Z', requestId });
    expect(exported.mediaType).toBe('application/pdf');
    expect(Buffer.from(exported.data, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const phases = events.flatMap((event) => (event.type === 'job' && event.progress.requestId === requestId ? [event.progress.phase] : []));
    expect(phases).toEqual(['reading', 'printing', 'recording']);

    host.lock('screen-lock');
    await expect.poll(() => events.some((event) => event.type === 'locked' && event.reason === 'screen-lock')).toBe(true);
    expect(await call('app.status')).toMatchObject({ unlocked: false });
    expect(await host.dispatch('cases.list', {}, sender)).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
  }, 120_000);

  it('runs the administrator’s verify, backup and import of 100,000 entries in a worker, the caller’s thread free', async () => {
    // The app's worker holds the vault's lock while unlocked; the CLI's jobs open it themselves.
    host.lock('user');
    expect(await call('app.status')).toMatchObject({ unlocked: false });
    const file = join(test.root, 'zaak.json');
    writeFileSync(file, caseFile);
    const vault = { dir: test.dir, userName: test.userName, passphrase: test.passphrase };
    const progress: string[] = [];
    const note = (phase: string, done: number, total: number) => progress.push(`${phase} ${done}/${total}`);
    const started = performance.now();
    let results: [unknown, unknown, unknown] = [null, null, null];
    const owner = await responsiveness(async () => {
      const verified = await runAdminJob({ job: 'verify', vault, args: { quick: false }, progress: note });
      const backedUp = await runAdminJob({ job: 'backup', vault, args: { out: join(test.root, 'kluis.ordelog-backup') } });
      const imported = await runAdminJob({ job: 'import', vault, args: { file }, progress: note });
      results = [verified, backedUp, imported];
    });
    const baseline = await contentionBaselineMs(Math.min(performance.now() - started, 10_000));
    console.info(
      `owner's event loop (verify, backup, import): delay ${owner.delayMs.toFixed(1)} ms (p99 ${owner.p99Ms.toFixed(1)} ms), longest busy stretch ` +
        `${owner.busyMs.toFixed(1)} ms (two busy threads alone: ${baseline.toFixed(1)} ms; load ${loadavg()[0]?.toFixed(1)})`,
    );
    expectResponsive(owner, baseline);

    const [verified, backedUp, imported] = results;
    // The case's entries, the line that opened it, and the lines that recorded the exports above.
    const checked = (verified as { chains: { entriesChecked: number } }).chains.entriesChecked;
    expect(verified).toMatchObject({ ok: true });
    expect(checked).toBeGreaterThan(entries);
    expect(backedUp).toMatchObject({ bytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(imported).toMatchObject({ id: expect.any(String) });
    expect(progress).toContain(`checking ${checked}/${checked}`);
    expect(progress.some((line) => line.startsWith('writing '))).toBe(true);

    // A refused job says why in Dutch, as the CLI prints it.
    await expect(runAdminJob({ job: 'import', vault, args: { file: join(test.root, 'bestaat-niet.json') } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('geen leesbaar JSON-bestand'),
    });
    await expect(runAdminJob({ job: 'verify', vault: { ...vault, passphrase: 'fout' }, args: { quick: true } })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
  }, 300_000);
});
