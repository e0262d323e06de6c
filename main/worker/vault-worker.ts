import { parentPort, workerData } from 'node:worker_threads';
import { OrdelogError } from '../../shared/errors';
import { createAppController } from '../app/controller';
import type { DiagnosticsLog } from '../diagnostics';
import { createDispatcher } from '../ipc/dispatcher';
import type { PdfPrinter, PrintJob } from '../services/pdf/printer';
import type { FromWorker, ToWorker, VaultWorkerData } from './protocol';

/*
 * The vault's thread: the controller, the services and the database connection live here, behind the same
 * dispatcher the in-process hosts use, so the window's thread only routes messages and never waits on SQLite.
 * Like Signal Desktop's SQL worker, but with the zod contract itself as the boundary.
 */

if (!parentPort) throw new Error('vault-worker runs only as a worker thread');
const port = parentPort;
const data = workerData as VaultWorkerData;
const post = (message: FromWorker, transfer?: ArrayBuffer[]): void => port.postMessage(message, transfer);

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
  }
});

post({ type: 'ready' });
