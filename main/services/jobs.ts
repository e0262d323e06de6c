import type { JobPhase } from '../../shared/contract';
import { OrdelogError } from '../../shared/errors';

/**
 * What long work (an export, an import, a verify, a backup) gets from whoever started it: a way to report how
 * far it is, and a signal that it should stop. The work calls `checkpoint` between batches: that reports, gives
 * the thread back to other calls and timers, and throws CANCELLED once the signal is aborted, before anything is
 * recorded or written.
 */
export interface JobContext {
  readonly signal: AbortSignal;
  progress(phase: JobPhase, done: number, total: number): void;
  /**
   * Whether a cancel was asked for, read without waiting for the event loop: a job that writes in one
   * synchronous transaction (an import) checks this between batches and rolls back. Set where the canceller
   * shares memory with the job's thread (the CLI and its worker); elsewhere the signal alone tells.
   */
  readonly cancelRequested?: () => boolean;
}

/** For calls nobody watches or cancels (tests, the CLI in a pipe). */
export const unwatchedJob: JobContext = Object.freeze({
  signal: new AbortController().signal,
  progress: () => undefined,
});

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Throws CANCELLED when the job was cancelled; safe inside a synchronous transaction, which it rolls back. */
export function throwIfCancelled(job: JobContext): void {
  if (job.signal.aborted || job.cancelRequested?.() === true) throw new OrdelogError('CANCELLED');
}

/** Reports progress, yields once to the event loop, and stops the work if it was cancelled meanwhile. */
export async function checkpoint(job: JobContext, phase: JobPhase, done: number, total: number): Promise<void> {
  throwIfCancelled(job);
  job.progress(phase, done, total);
  await yieldToEventLoop();
  throwIfCancelled(job);
}
