import { useEffect, useState } from 'react';
import type { JobProgress, RequestId } from '../../../shared/contract';
import { events } from '../api';
import { nextProgress, progressOf } from './job-progress';

/**
 * The progress the main process reports for the job started by the write `requestId` (null: no job running).
 * Null until its first report; the state lives as long as the calling component, so mount it per job.
 */
export function useJobProgress(requestId: RequestId | null): JobProgress | null {
  const [latest, setLatest] = useState<JobProgress | null>(null);
  useEffect(() => {
    if (requestId === null) return undefined;
    return events.subscribe((event) => setLatest((current) => nextProgress(current, requestId, event)));
  }, [requestId]);
  return progressOf(latest, requestId);
}
