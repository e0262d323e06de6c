import { Worker } from 'node:worker_threads';
import { isChannel, type LockReason, type OrdelogEvent } from '../../shared/contract';
import { OrdelogError } from '../../shared/errors';
import { failure, type Result } from '../../shared/result';
import type { DiagnosticsLog } from '../diagnostics';
import type { Dispatch, Sender } from '../ipc/dispatcher';
import type { PdfPrinter } from '../services/pdf/printer';
import type { FromWorker, ToWorker, VaultWorkerData, WorkerStart } from './protocol';

/**
 * What a host (the Electron shell, the browser host) needs of the vault: the contract's dispatch, a lock it can
 * trigger (screen lock, suspend, quit), the events to pass to its renderer, and a close. Served by the vault
 * worker in the app (`startVaultWorker`); in-process (`inProcessVaultHost`) where a test needs stand-ins or reaches
 * into the vault itself. The shell imports only this file, so it bundles none of the services.
 */
export interface VaultHost {
  dispatch: Dispatch;
  lock(reason: LockReason): void;
  onEvent(listener: (event: OrdelogEvent) => void): () => void;
  close(): Promise<void>;
}

export interface VaultWorkerOptions extends VaultWorkerData {
  /** Prints for the worker, on this thread (Electron's printToPDF, or a local Chromium). */
  printer: PdfPrinter;
  diagnostics?: DiagnosticsLog;
  /** Hears each thread the host starts, the first and every restart (tests end one to prove the restart). */
  onThread?: (thread: Worker) => void;
}

/** A worker's entry: its bundle beside this file, or its TypeScript source run through tsx. */
export function workerEntry(name: 'vault-worker' | 'structure-worker' = 'vault-worker'): { file: URL; entry?: string } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return { file: new URL('./tsx-boot.mjs', here), entry: new URL(`./${name}.ts`, here).href };
  return { file: new URL(`./${name}.mjs`, here) };
}

const printFailure = (error: unknown): 'PRINT_FAILED' | 'PRINTER_UNAVAILABLE' =>
  error instanceof OrdelogError && error.code === 'PRINTER_UNAVAILABLE' ? 'PRINTER_UNAVAILABLE' : 'PRINT_FAILED';

/**
 * Starts the vault worker and resolves once it listens. Calls are matched to answers by number; an answer never
 * comes from anything but the worker's dispatcher. If the thread dies, every waiting call gets INTERNAL, the
 * renderer hears that the vault locked, and a fresh (locked) worker starts for the calls that follow.
 */
export async function startVaultWorker(options: VaultWorkerOptions): Promise<VaultHost> {
  const { printer, diagnostics, onThread, ...data } = options;
  const listeners = new Set<(event: OrdelogEvent) => void>();
  const waiting = new Map<number, (result: Result<unknown>) => void>();
  let nextCall = 0;
  let closing: Promise<void> | null = null;

  function publish(event: OrdelogEvent): void {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // A closed window must not keep the others from hearing.
      }
    }
  }

  function spawn(): Promise<Worker> {
    const { file, entry } = workerEntry();
    const worker = new Worker(file, { workerData: { mode: 'app', ...data, entry } satisfies WorkerStart & { entry?: string } });
    const ready = new Promise<Worker>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`vault worker exited during start (${code})`)));
      worker.once('message', (message: FromWorker) => {
        if (message.type === 'ready') resolve(worker);
        else reject(new Error('vault worker spoke before it was ready'));
      });
    });
    worker.on('message', (message: FromWorker) => receive(worker, message));
    worker.on('error', (error) => diagnostics?.error('vault-worker', error.name, undefined));
    worker.on('exit', (code) => stopped(worker, code));
    onThread?.(worker);
    return ready;
  }

  let current: Promise<Worker> = spawn();
  await current;

  function receive(worker: Worker, message: FromWorker): void {
    switch (message.type) {
      case 'result': {
        const answer = waiting.get(message.id);
        waiting.delete(message.id);
        answer?.(message.result);
        return;
      }
      case 'event':
        publish(message.event);
        return;
      case 'print':
        printer.print(message.job).then(
          (pdf) => send(worker, { type: 'printed', id: message.id, pdf }),
          (error: unknown) => send(worker, { type: 'print-failed', id: message.id, code: printFailure(error) }),
        );
        return;
      case 'diagnostics':
        if ('call' in message) diagnostics?.call(message.call.channel, message.call.ms, message.call.outcome);
        else diagnostics?.error(message.error.where, message.error.errorClass, message.error.code);
        return;
      case 'ready':
      case 'closed':
        return;
    }
  }

  function send(worker: Worker, message: ToWorker): void {
    try {
      worker.postMessage(message);
    } catch {
      // The thread is gone; its exit handler answers whoever waits.
    }
  }

  function stopped(worker: Worker, code: number): void {
    void current.then((live) => {
      if (live !== worker || closing) return;
      diagnostics?.event(`vault worker stopped (exit ${code})`);
      for (const answer of waiting.values()) answer(failure('INTERNAL'));
      waiting.clear();
      // Whatever was unlocked is gone with the thread: the renderer must show the unlock screen.
      publish({ type: 'locked', reason: 'shutdown' });
      current = spawn();
      current.catch(() => diagnostics?.event('vault worker could not be restarted'));
    });
  }

  const dispatch: Dispatch = async (channel, input, sender) => {
    if (closing) return failure('VAULT_LOCKED');
    let worker: Worker;
    try {
      worker = await current;
    } catch {
      return failure('INTERNAL');
    }
    let plainSender: Sender;
    try {
      // Only plain values cross: a sender with getters is read here, once. Judged here first, so nothing from a
      // stranger is even copied to the vault's thread, and again by the worker's dispatcher.
      plainSender = { origin: typeof sender.origin === 'string' ? sender.origin : '', isMainFrame: sender.isMainFrame === true };
      if (!plainSender.isMainFrame || !data.trustedOrigins.includes(plainSender.origin)) return failure('UNTRUSTED_SENDER');
      if (!isChannel(channel)) return failure('UNKNOWN_CHANNEL');
    } catch {
      return failure('UNTRUSTED_SENDER');
    }
    const id = (nextCall += 1);
    return new Promise<Result<unknown>>((resolve) => {
      waiting.set(id, resolve);
      try {
        worker.postMessage({ type: 'call', id, channel, input, sender: plainSender } satisfies ToWorker);
      } catch {
        // Input that cannot be cloned (a function, a symbol) is not a contract input.
        waiting.delete(id);
        resolve(failure('INVALID_INPUT'));
      }
    });
  };

  return {
    dispatch,
    lock(reason) {
      void current.then((worker) => send(worker, { type: 'lock', reason }), () => undefined);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closing ??= (async () => {
        const worker = await current.catch(() => null);
        if (!worker) return;
        const closed = new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 5_000);
          worker.on('message', (message: FromWorker) => {
            if (message.type === 'closed') {
              clearTimeout(timer);
              resolve();
            }
          });
          worker.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        send(worker, { type: 'close' });
        await closed;
        for (const answer of waiting.values()) answer(failure('VAULT_LOCKED'));
        waiting.clear();
        await worker.terminate();
      })();
      return closing;
    },
  };
}
