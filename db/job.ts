import type { JobPhase } from '../shared/contract';
import { OrdelogError } from '../shared/errors';

/**
 * What long vault work (a backup, a restore, a rekey) hears from whoever started it: where to report how far it
 * is, and a signal that it should stop. The same shape as the services' JobContext (main/services/jobs.ts),
 * which db/ cannot import, so a service passes its job straight through.
 */
export interface VaultJob {
  readonly signal: AbortSignal;
  progress(phase: JobPhase, done: number, total: number): void;
}

export const unwatchedVaultJob: VaultJob = Object.freeze({ signal: new AbortController().signal, progress: () => undefined });

export function stopIfCancelled(job: VaultJob): void {
  if (job.signal.aborted) throw new OrdelogError('CANCELLED');
}

/** Reports, gives the thread back once (a Ctrl-C or a cancel gets heard), and stops the work if it was cancelled. */
export async function step(job: VaultJob, phase: JobPhase, done: number, total: number): Promise<void> {
  stopIfCancelled(job);
  job.progress(phase, done, total);
  await new Promise<void>((resolve) => setImmediate(resolve));
  stopIfCancelled(job);
}
