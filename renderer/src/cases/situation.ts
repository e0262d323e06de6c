import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SituationDeadline } from '../../../shared/views';
import { useApi } from '../data/api';
import { queryKeys, useApiQuery } from '../data/queries';

export const minuteMs = 60_000;

/**
 * A case at a glance (`cases.situation`), shared by the situation bar and the overview. Read again every minute:
 * the places of "the last hours" move with the clock, and a deadline further down the list comes up.
 */
export function useSituation(caseId: string) {
  const api = useApi();
  return useApiQuery(queryKeys.ofCase(caseId, 'situation'), () => api['cases.situation']({ caseId }), { refetchInterval: minuteMs });
}

/** The clock, read again as each minute begins: what the bar shows and what it counts as overdue. */
export function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setTimeout(() => setNow(Date.now()), minuteMs - (now % minuteMs));
    return () => window.clearTimeout(timer);
  }, [now]);
  return now;
}

/** What a deadline is about, in the UI's language: the task's text, or which decision and which deadline. */
export function useDeadlineLabel(): (deadline: SituationDeadline) => string {
  const { t } = useTranslation();
  return useCallback(
    (deadline: SituationDeadline) =>
      deadline.kind === 'task'
        ? t('situation.kind.task', { text: deadline.text })
        : t(`situation.kind.${deadline.kind}`, { number: deadline.decisionNumber ?? 0, count: deadline.amount ?? 0 }),
    [t],
  );
}
