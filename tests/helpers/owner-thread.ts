/**
 * The owner's side of the vault worker in a process of its own, as Electron's main thread is: no test runner shares
 * its event loop. It measures that loop while the worker exports, previews, searches and counts a large case
 * through the contract, and while the CLI's verify, backup and import run in their worker; then it measures two
 * threads that only burn the cores for as long, the machine's own noise. Prints one JSON line (`OwnerReport`).
 *
 *   node --import tsx tests/helpers/owner-thread.ts <vault dir> <case id> <case file> <backup file>
 *   (user and passphrase in ORDELOG_USER and ORDELOG_PASSPHRASE)
 */
import { createHash, randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { unavailablePrinter } from '../../main/services/pdf/printer';
import { runAdminJob } from '../../main/worker/admin-client';
import { startVaultWorker } from '../../main/worker/vault-host';

export interface Responsiveness {
  /** `monitorEventLoopDelay`'s maximum at 1 ms: includes time the OS gave the core to another thread. */
  delayMs: number;
  p99Ms: number;
  /** The longest stretch the loop was busy running code between two 1 ms ticks (event-loop utilisation). */
  busyMs: number;
}

export interface OwnerReport {
  app: Responsiveness;
  admin: Responsiveness;
  /** The same measures while two threads only burn the cores, as long as the longer part took (at most 10 s). */
  baseline: Responsiveness;
  exported: { size: number; pieces: number; sha256Matches: boolean };
  slowCalls: string[];
  verified: { ok: boolean; entriesChecked: number };
  progressLines: number;
  backupBytes: number;
  importedId: string;
}

async function responsiveness(work: () => Promise<unknown>): Promise<Responsiveness & { ms: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let busyMs = 0;
  let last = performance.eventLoopUtilization();
  const ticker = setInterval(() => {
    const now = performance.eventLoopUtilization();
    busyMs = Math.max(busyMs, performance.eventLoopUtilization(now, last).active);
    last = now;
  }, 1);
  const started = performance.now();
  histogram.enable();
  try {
    await work();
  } finally {
    histogram.disable();
    clearInterval(ticker);
  }
  return { delayMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6, busyMs, ms: performance.now() - started };
}

async function main([vaultDir, caseId, caseFile, backupFile]: string[]): Promise<void> {
  if (!vaultDir || !caseId || !caseFile || !backupFile) throw new Error('usage: owner-thread <vault> <case> <case file> <backup>');
  const userName = process.env.ORDELOG_USER ?? '';
  const passphrase = process.env.ORDELOG_PASSPHRASE ?? '';
  const origin = 'app://ordelog';
  const sender = { origin, isMainFrame: true };
  const slowCalls: string[] = [];
  const diagnostics = { call: (channel: string, ms: number) => void (ms > 200 && slowCalls.push(channel)), error: () => undefined, event: () => undefined };
  const host = await startVaultWorker({ vaultDir, appVersion: '0.0.0-test', origin: 'app', trustedOrigins: [origin], printer: unavailablePrinter, diagnostics });
  const call = async <T>(channel: string, input?: unknown): Promise<T> => {
    const result = await host.dispatch(channel, input, sender);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}`);
    return result.value as T;
  };
  await call('vault.unlock', { userName, passphrase });

  const exported = { size: 0, pieces: 0, sha256Matches: false };
  const app = await responsiveness(async () => {
    // Too large for one message: it waits in the worker and is read in pieces; like the shell, this thread passes
    // each piece on (here into a hash) and keeps none.
    const file = await call<{ fileId: string; size: number; record: { sha256: string } }>('exports.log', { caseId, format: 'json', requestId: randomUUID() });
    const hash = createHash('sha256');
    for (let offset: number | null = 0; offset !== null; ) {
      const piece: { data: string; next: number | null } = await call('exports.read', { fileId: file.fileId, offset });
      hash.update(piece.data, 'base64');
      exported.pieces += 1;
      offset = piece.next;
    }
    exported.size = file.size;
    exported.sha256Matches = hash.digest('hex') === file.record.sha256;
    await call('briefings.preview', { caseId });
    await call('entries.list', { caseId, query: 'station', limit: 100 });
    await call('cases.stats', { caseId });
  });
  await host.close();

  const vault = { dir: vaultDir, userName, passphrase };
  let progressLines = 0;
  const progress = () => void (progressLines += 1);
  let verified: OwnerReport['verified'] = { ok: false, entriesChecked: 0 };
  let backupBytes = 0;
  let importedId = '';
  // The worker the CLI ships (built beside its bundle), as `ordelog-admin` runs it: from the TypeScript sources each
  // thread (the admin worker and its structure check) would first compile them, on the cores the owner shares.
  const workerFile = new URL('../../dist/cli/vault-worker.mjs', import.meta.url);
  const admin = await responsiveness(async () => {
    const report = await runAdminJob({ job: 'verify', vault, args: { quick: false }, progress, workerFile });
    verified = { ok: report.ok, entriesChecked: report.chains.entriesChecked };
    backupBytes = (await runAdminJob({ job: 'backup', vault, args: { out: backupFile }, progress, workerFile })).bytes;
    importedId = (await runAdminJob({ job: 'import', vault, args: { file: caseFile }, progress, workerFile })).id;
  });

  const burnMs = Math.min(Math.max(app.ms, admin.ms), 10_000);
  const burners = [0, 1].map(() => new Worker(`const end = Date.now() + ${Math.round(burnMs)}; while (Date.now() < end) {}`, { eval: true }));
  const baseline = await responsiveness(() => Promise.all(burners.map((burner) => new Promise((resolve) => burner.once('exit', resolve)))));

  const strip = ({ delayMs, p99Ms, busyMs }: Responsiveness): Responsiveness => ({ delayMs, p99Ms, busyMs });
  const report: OwnerReport = {
    app: strip(app),
    admin: strip(admin),
    baseline: strip(baseline),
    exported,
    slowCalls,
    verified,
    progressLines,
    backupBytes,
    importedId,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

await main(process.argv.slice(2));
