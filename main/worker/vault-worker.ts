import { parentPort, workerData } from 'node:worker_threads';
import { unlockVault } from '../../db/vault';
import { isOrdelogError, OrdelogError } from '../../shared/errors';
import { createAppController } from '../app/controller';
import type { DiagnosticsLog } from '../diagnostics';
import { createDispatcher } from '../ipc/dispatcher';
import { throwIfCancelled, type JobContext } from '../services/jobs';
import type { PdfPrinter, PrintJob } from '../services/pdf/printer';
import { sessionFor } from '../services/session';
import { adminJobs } from './admin-jobs';
import type { AdminJobRequest, FromAdminWorker, FromWorker, ToWorker, VaultWorkerData, WorkerStart } from './protocol';

/*
 * The vault's thread: the controller, the services and the database connection live here, behind the same
 * dispatcher the in-process hosts use, so the window's thread only routes messages and never waits on SQLite.
 * Like Signal Desktop's SQL worker, but with the zod contract itself as the boundary. The CLI starts the same
 * module in `admin` mode for its long jobs.
 */

if (!parentPort) throw new Error('vault-worker runs only as a worker thread');
const port = parentPort;
const start = workerData as WorkerStart;

if (start.mode === 'admin') serveAdminJob(new Int32Array(start.cancelFlag));
else serveApp(start);

/** The app's contract: the controller, the services and the dispatcher, for the shell and the browser host. */
function serveApp(data: VaultWorkerData): void {
  const post = (message: FromWorker): void => port.postMessage(message);

  const controller = createAppController({
    vaultDir: data.vaultDir,
    appVersion: data.appVersion,
    origin: data.origin,
    idleLockMsOverride: data.idleLockMsOverride,
    unlockDelays: data.unlockDelays,
  });
  controller.onEvent((event) => post({ type: 'event', event }));

  // Printing needs Chromium, which only the owning thread has (Electron's printToPDF, or playwright's browser).
  let nextPrint = 0;
  const printing = new Map<number, { resolve(pdf: Uint8Array): void; reject(error: unknown): void }>();
  const printer: PdfPrinter = {
    print(job: PrintJob) {
      const id = (nextPrint += 1);
      return new Promise<Uint8Array>((resolve, reject) => {
        printing.set(id, { resolve, reject });
        post({ type: 'print', id, job });
      });
    },
    close: () => Promise.resolve(),
  };

  const diagnostics: DiagnosticsLog = {
    call: (channel, ms, outcome) => post({ type: 'diagnostics', call: { channel, ms, outcome } }),
    error: (where, errorClass, code) => post({ type: 'diagnostics', error: { where, errorClass, code } }),
    // The shell's own events are written by the owning thread.
    event: () => undefined,
  };

  const dispatch = createDispatcher(controller, { trustedOrigins: data.trustedOrigins, printer, diagnostics });

  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'call':
        void dispatch(message.channel, message.input, message.sender).then((result) =>
          post({ type: 'result', id: message.id, result }),
        );
        return;
      case 'lock':
        controller.lock(message.reason);
        return;
      case 'printed':
      case 'print-failed': {
        const waiting = printing.get(message.id);
        printing.delete(message.id);
        if (message.type === 'printed') waiting?.resolve(message.pdf);
        else waiting?.reject(new OrdelogError(message.code));
        return;
      }
      case 'close':
        controller.lock('shutdown');
        post({ type: 'closed' });
        return;
      default:
        return;
    }
  });

  post({ type: 'ready' });
}

/**
 * One job of the CLI: open the vault with the passphrase given, run, report, lock, answer once. A cancel arrives
 * twice: as a message, heard when this thread's event loop turns, and as a flag in memory shared with the CLI's
 * thread, read between the batches of a transaction that does not let the loop turn.
 */
function serveAdminJob(cancelFlag: Int32Array): void {
  const post = (message: FromAdminWorker): void => port.postMessage(message);
  const cancel = new AbortController();
  const job: JobContext = {
    signal: cancel.signal,
    progress: (phase, done, total) => post({ type: 'progress', phase, done, total }),
    cancelRequested: () => Atomics.load(cancelFlag, 0) !== 0,
  };

  async function run(request: AdminJobRequest): Promise<unknown> {
    const { dir, userName, passphrase } = request.vault;
    const vault = await unlockVault(dir, userName, passphrase, { origin: 'cli' });
    try {
      throwIfCancelled(job);
      const runner = adminJobs[request.job] as (opened: unknown, args: unknown, job: JobContext) => Promise<unknown>;
      return await runner({ vault, session: sessionFor(vault, 'cli') }, request.args, job);
    } finally {
      vault.lock();
    }
  }

  port.on('message', (message: ToWorker) => {
    if (message.type === 'cancel') cancel.abort();
    if (message.type !== 'admin') return;
    void run(message).then(
      (value) => post({ type: 'done', value }),
      (error: unknown) =>
        post({
          type: 'failed',
          // An unexpected error's message may hold case text: only its class crosses.
          error: isOrdelogError(error)
            ? { code: error.code, detail: error.detail, fields: error.fields }
            : { errorClass: error instanceof Error ? error.name : typeof error },
        }),
    );
  });
}
