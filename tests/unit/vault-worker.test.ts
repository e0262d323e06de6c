import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrdelogEvent } from '../../shared/contract';
import { exportCase } from '../../main/services/case-export';
import { sessionFor } from '../../main/services/session';
import { chromiumPrinter } from '../../main/services/pdf/chromium-printer';
import type { PdfPrinter } from '../../main/services/pdf/printer';
import { runAdminJob } from '../../main/worker/admin-client';
import { startVaultWorker, type VaultHost } from '../../main/worker/vault-host';
import type { Worker } from 'node:worker_threads';
import type { OwnerReport, Responsiveness } from '../helpers/owner-thread';
import { fillLargeCase } from '../helpers/timeline-case';
import { ensureCliBuilt } from '../helpers/cli';
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
/** The threads the host started, the latest last. */
const threads: Worker[] = [];
const events: OrdelogEvent[] = [];
/** The case as a case file, for the administrator's import. */
let caseFile = '';

beforeAll(async () => {
  // The owner's admin jobs run in the CLI's built worker (tests/helpers/owner-thread.ts).
  await ensureCliBuilt();
  test = await createTestVault({ kdf: testKdf });
  const session = sessionFor(test.vault, 'cli');
  ({ caseId } = fillLargeCase(session, entries));
  caseFile = JSON.stringify(exportCase(session, { caseId }));
  test.vault.lock();
  printer = chromiumPrinter();
  host = await startVaultWorker({ vaultDir: test.dir, appVersion: '0.0.0-test', origin: 'app', trustedOrigins: [appOrigin], printer, onThread: (thread) => threads.push(thread) });
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

/**
 * 99 % of the owner's ticks come within 20 ms (`monitorEventLoopDelay`) and it is never busy for 50 ms at a
 * stretch (event-loop utilisation between 1 ms ticks; the bound for a block). The single longest delay is
 * printed but not bounded: it also counts time the OS gave the core to another process while the owner had nothing
 * to do (4–16 ms on a quiet machine; in clean-clone CI runs, with the parallel tests at a load of 5–6, 69 ms beside
 * a busiest stretch of 10 ms, and 161 ms beside 34 ms), which says nothing about the app. With the vault on the owner's thread, the
 * 100,000-entry export alone held it for several seconds. The figures, and those of two threads only burning the
 * cores for as long, are printed.
 */
function expectResponsive(owner: Responsiveness): void {
  expect(owner.p99Ms).toBeLessThan(20);
  expect(owner.busyMs).toBeLessThan(50);
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

  it('keeps the owner’s thread responsive while 100,000 entries are exported, searched, verified, backed up and imported', () => {
    // The app's worker holds the vault's lock while unlocked; the owner below opens it itself.
    host.lock('user');
    const file = join(test.root, 'zaak.json');
    writeFileSync(file, caseFile);
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('../helpers/owner-thread.ts', import.meta.url)), test.dir, caseId, file, join(test.root, 'kluis.ordelog-backup')],
      { encoding: 'utf8', env: { ...process.env, ORDELOG_USER: test.userName, ORDELOG_PASSPHRASE: test.passphrase }, timeout: 240_000 },
    );
    expect(child.stderr).toBe('');
    const report = JSON.parse(child.stdout) as OwnerReport;
    const line = (what: string, measured: OwnerReport['app']) =>
      `${what}: delay ${measured.delayMs.toFixed(1)} ms (p99 ${measured.p99Ms.toFixed(1)} ms), busy ${measured.busyMs.toFixed(1)} ms`;
    console.info(
      `owner's event loop — ${line('export, preview, search, stats', report.app)}; ${line('verify, backup, import', report.admin)}; ` +
        `${line('two burning threads alone', report.baseline)}; load ${loadavg()[0]?.toFixed(1)}`,
    );
    expectResponsive(report.app);
    expectResponsive(report.admin);

    // What the owner passed on was the export, whole: its SHA-256 is the one the register holds.
    expect(report.exported).toMatchObject({ sha256Matches: true });
    expect(report.exported.size).toBeGreaterThan(entries * 100);
    expect(report.exported.pieces).toBeGreaterThan(1);
    expect(report.slowCalls).toContain('exports.log');
    expect(report.verified.ok).toBe(true);
    expect(report.verified.entriesChecked).toBeGreaterThan(entries);
    expect(report.progressLines).toBeGreaterThan(0);
    expect(report.backupBytes).toBeGreaterThan(0);
    expect(report.importedId).toMatch(/^[0-9a-f-]{36}$/);
  }, 300_000);

  it('says in Dutch why an administrator’s job is refused', async () => {
    const vault = { dir: test.dir, userName: test.userName, passphrase: test.passphrase };
    await expect(runAdminJob({ job: 'import', vault, args: { file: join(test.root, 'bestaat-niet.json') } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('geen leesbaar JSON-bestand'),
    });
    await expect(runAdminJob({ job: 'verify', vault: { ...vault, passphrase: 'fout' }, args: { quick: true } })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
  });

  it('starts a fresh, locked vault thread when its thread dies mid-export, and loses nothing that was answered', async () => {
    expect(await call('vault.unlock', { userName: test.userName, passphrase: test.passphrase })).toMatchObject({ unlocked: true });
    const kept = await call<{ id: string }>('entries.append', { caseId, type: 'waarneming', text: 'Vastgelegd vlak voor de crash', requestId: randomUUID() });
    const crashed = threads.at(-1);
    const requestId = randomUUID();
    const exporting = host.dispatch('exports.log', { caseId, format: 'pdf', requestId }, sender);
    // The thread dies while the export runs (as if it ran out of memory or its native code failed).
    await expect.poll(() => events.some((event) => event.type === 'job' && event.progress.requestId === requestId), { timeout: 30_000 }).toBe(true);
    await crashed?.terminate();
    expect(await exporting).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    await expect.poll(() => events.some((event) => event.type === 'locked' && event.reason === 'shutdown')).toBe(true);

    // A new thread answers, locked; the vault opens again (the dead thread's hold on it is gone) and holds the entry.
    expect(threads.length).toBe(2);
    expect(await call('app.status')).toMatchObject({ unlocked: false });
    expect(await call('vault.unlock', { userName: test.userName, passphrase: test.passphrase })).toMatchObject({ unlocked: true });
    expect(await call('entries.get', { entryId: kept.id })).toMatchObject({ text: 'Vastgelegd vlak voor de crash' });
    const register = await call<{ exports: { kind: string }[] }>('exports.list', { caseId });
    expect(register.exports.filter((record) => record.kind === 'logboek-pdf')).toEqual([]);
    host.lock('user');
    await expect.poll(async () => (await call('app.status')).unlocked).toBe(false);
    const verified = await runAdminJob({ job: 'verify', vault: { dir: test.dir, userName: test.userName, passphrase: test.passphrase }, args: { quick: false } });
    expect(verified).toMatchObject({ ok: true });
  }, 120_000);
});
