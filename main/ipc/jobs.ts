import type { JobKind, JobProgress, OrdelogEvent } from '../../shared/contract';
import type { JobContext } from '../services/jobs';
import type { WriteRequest } from '../services/session';

export type JobRegistry = ReturnType<typeof createJobRegistry>;

/**
 * The jobs running in this process, by the request id of the write that started them: each reports progress as
 * an event for the renderer, and `cancel` aborts it. A job's events stop when it ends, however it ends.
 */
export function createJobRegistry(publish: (event: OrdelogEvent) => void) {
  const running = new Map<string, AbortController>();

  async function run<T>(request: WriteRequest | undefined, kind: JobKind, work: (job: JobContext) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    if (!request) return work({ signal: controller.signal, progress: () => undefined });
    const requestId = request.id;
    running.set(requestId, controller);
    let last: Omit<JobProgress, 'requestId' | 'kind'> | null = null;
    const job: JobContext = {
      signal: controller.signal,
      progress(phase, done, total) {
        if (controller.signal.aborted || running.get(requestId) !== controller) return;
        if (last && last.phase === phase && last.done === done && last.total === total) return;
        last = { phase, done, total };
        publish({ type: 'job', progress: { requestId, kind, phase, done, total } });
      },
    };
    try {
      return await work(job);
    } finally {
      if (running.get(requestId) === controller) running.delete(requestId);
    }
  }

  return {
    run,
    /** True when a job with this id was running and is now told to stop. */
    cancel(requestId: string): boolean {
      const controller = running.get(requestId);
      if (!controller) return false;
      controller.abort();
      running.delete(requestId);
      return true;
    },
    /** Locking the vault stops every job: none may go on writing into a vault that is closing. */
    cancelAll(): void {
      for (const controller of running.values()) controller.abort();
      running.clear();
    },
  };
}
