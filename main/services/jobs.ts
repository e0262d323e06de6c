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
}

/** For calls nobody watches or cancels (tests, the CLI in a pipe). */
export const unwatchedJob: JobContext = Object.freeze({
  signal: new AbortController().signal,
  progress: () => undefined,
});

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Throws CANCELLED when the job was cancelled. */
export function throwIfCancelled(job: JobContext): void {
  if (job.signal.aborted) throw new OrdelogError('CANCELLED');
}

/** Reports progress, yields once to the event loop, and stops the work if it was cancelled meanwhile. */
export async function checkpoint(job: JobContext, phase: JobPhase, done: number, total: number): Promise<void> {
  throwIfCancelled(job);
  job.progress(phase, done, total);
  await yieldToEventLoop();
  throwIfCancelled(job);
}
