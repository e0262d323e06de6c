import { Worker } from 'node:worker_threads';
import type { JobPhase } from '../../shared/contract';
import { OrdelogError } from '../../shared/errors';
import type { AdminJobName, AdminJobs } from './admin-jobs';
import type { AdminJobRequest, FromAdminWorker, ToWorker, WorkerStart } from './protocol';
import { workerEntry } from './vault-host';

export interface AdminJobOptions<J extends AdminJobName> {
  job: J;
  vault: AdminJobRequest['vault'];
  args: AdminJobs[J]['args'];
  progress?: (phase: JobPhase, done: number, total: number) => void;
  /** Aborting asks the job to stop at its next checkpoint; it answers CANCELLED and leaves nothing half-done. */
  signal?: AbortSignal;
  /** The bundled worker to run instead of the one beside this module (the benchmark times the build the CLI ships). */
  workerFile?: URL;
}

/** An unexpected failure inside the worker, by class only (its message may hold case text). */
export class AdminJobError extends Error {
  constructor(readonly errorClass: string) {
    super(`admin job failed: ${errorClass}`);
    this.name = 'AdminJobError';
  }
}

/**
 * Runs one administrator's job in a fresh vault worker and ends the worker after. The calling thread only relays
 * progress and the cancel; the vault, its key and the work stay in the worker.
 */
export async function runAdminJob<J extends AdminJobName>(options: AdminJobOptions<J>): Promise<AdminJobs[J]['value']> {
  const { file, entry } = options.workerFile ? { file: options.workerFile, entry: undefined } : workerEntry();
  const cancelFlag = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const worker = new Worker(file, { workerData: { mode: 'admin', cancelFlag, entry } satisfies WorkerStart & { entry?: string } });
  const cancel = () => {
    Atomics.store(new Int32Array(cancelFlag), 0, 1);
    worker.postMessage({ type: 'cancel' } satisfies ToWorker);
  };
  options.signal?.addEventListener('abort', cancel, { once: true });
  try {
    return await new Promise<AdminJobs[J]['value']>((resolve, reject) => {
      worker.on('message', (message: FromAdminWorker) => {
        if (message.type === 'progress') options.progress?.(message.phase, message.done, message.total);
        else if (message.type === 'done') resolve(message.value as AdminJobs[J]['value']);
        else if ('code' in message.error) reject(new OrdelogError(message.error.code, { detail: message.error.detail, fields: message.error.fields }));
        else reject(new AdminJobError(message.error.errorClass));
      });
      worker.once('error', (error) => reject(new AdminJobError(error.name)));
      worker.once('exit', (code) => reject(new AdminJobError(`exit ${code}`)));
      const request: AdminJobRequest = { type: 'admin', job: options.job, vault: options.vault, args: options.args };
      worker.postMessage(request satisfies ToWorker);
      if (options.signal?.aborted) cancel();
    });
  } finally {
    options.signal?.removeEventListener('abort', cancel);
    await worker.terminate();
  }
}
