import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobKind, JobProgress as Progress, RequestId } from '../../../shared/contract';
import { useApi } from '../data/api';
import { progressBar } from '../data/job-progress';
import { useJobProgress } from '../data/jobs';
import { useNumber } from '../hooks';

/** What a job counts, when it says: the log's entries, or the steps of a short job. */
const units: Record<JobKind, 'entries' | 'steps' | null> = {
  'export-log-pdf': 'entries',
  'export-log-json': 'entries',
  'export-briefing': 'steps',
  'export-handover': 'steps',
  import: 'entries',
  verify: 'entries',
  backup: null,
  restore: null,
  rekey: null,
  'bundle-export': 'steps',
  'bundle-import': 'steps',
};

/**
 * A running job (an export, an import) started by the write `requestId`: a bar named `title`, how far it is in
 * words, and a button that cancels it. Until the first report the bar only says it is busy. The write's own
 * result (done, or CANCELLED) is what the screen shows afterwards; this is mounted only while it runs.
 */
export function JobProgress({ requestId, title }: { requestId: RequestId; title: string }) {
  const { t } = useTranslation();
  const number = useNumber();
  const api = useApi();
  const progress = useJobProgress(requestId);
  const [cancelling, setCancelling] = useState(false);
  const id = useId();
  const bar = progressBar(progress);
  const status = cancelling ? t('jobs.cancelling') : progress === null ? t('jobs.starting') : progressText(progress);

  function progressText({ kind, phase, done, total }: Progress): string {
    const counted = { phase: t(`jobs.phase.${phase}`), done: number(done), total: number(total) };
    const unit = units[kind];
    return unit ? t('jobs.doneCounted', { ...counted, unit: t(`jobs.unit.${unit}`, { count: total }) }) : t('jobs.done', counted);
  }

  async function cancel(): Promise<void> {
    setCancelling(true);
    const result = await api['jobs.cancel']({ requestId });
    // Not running (yet, or any more): the write's own answer follows; the button stays for another try meanwhile.
    if (!result.ok || !result.value.cancelled) setCancelling(false);
  }

  return (
    <div className="job-progress" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="job-progress-title">
        {title}
      </p>
      <progress aria-labelledby={`${id}-title`} aria-describedby={`${id}-status`} aria-valuetext={bar ? status : undefined} value={bar?.value} max={bar?.max} />
      <p id={`${id}-status`} className="job-progress-status">
        {status}
      </p>
      <button type="button" disabled={cancelling} onClick={() => void cancel()}>
        {t('jobs.cancel')}
      </button>
    </div>
  );
}
