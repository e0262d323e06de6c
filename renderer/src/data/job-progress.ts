import type { JobProgress, OrdelogEvent, RequestId } from '../../../shared/contract';

/**
 * The latest progress of the job `requestId` once `event` arrived. The event stream carries every job of the
 * process (another window's export, a verify) and the lock: only this job's own progress replaces what is shown.
 */
export function nextProgress(latest: JobProgress | null, requestId: RequestId | null, event: OrdelogEvent): JobProgress | null {
  if (requestId === null || event.type !== 'job' || event.progress.requestId !== requestId) return latest;
  return event.progress;
}

/** What is shown for `requestId`: nothing of an earlier job, and nothing once no job is running. */
export function progressOf(latest: JobProgress | null, requestId: RequestId | null): JobProgress | null {
  return latest !== null && latest.requestId === requestId ? latest : null;
}

/**
 * The bar's value and maximum, or null for a bar that only says "busy": before the first report, and when the
 * job does not know its total (an empty log reports 0 of 0).
 */
export function progressBar(progress: JobProgress | null): { value: number; max: number } | null {
  if (progress === null || progress.total === 0) return null;
  return { value: Math.min(progress.done, progress.total), max: progress.total };
}
