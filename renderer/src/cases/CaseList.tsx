import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseStatuses, type CaseStatus } from '../../../shared/domain';
import type { CaseListItem, CaseSummary } from '../../../shared/views';
import { errorText } from '../api';
import { DataTable } from '../components/DataTable';
import { Field, SelectField } from '../components/Field';
import { useApi } from '../data/api';
import { queryKeys, useApiQuery } from '../data/queries';
import { useFocusOnMount, useNumber } from '../hooks';
import { foldText, useCaseWork, useDates } from './context';
import { CreateCaseDialog } from './CreateCaseDialog';
import { hasLapsed } from '../../../shared/catalogue/deadlines';
import { minuteMs, useDeadlineLabel, useMinuteClock } from './situation';
import { UserText } from '../components/UserText';
import { showHidden } from '../../../shared/visible-text';

const statusOrder: Record<CaseStatus, number> = { open: 0, gesloten: 1, gearchiveerd: 2 };

/** Open cases first, then by last activity, newest first. */
export function sortCases<T extends CaseSummary>(cases: readonly T[]): T[] {
  return [...cases].sort(
    (a, b) => statusOrder[a.status] - statusOrder[b.status] || b.lastActivityAt.localeCompare(a.lastActivityAt),
  );
}

export function CaseList({ onOpen }: { onOpen(caseId: string): void }) {
  const { t } = useTranslation();
  const { canWrite } = useCaseWork();
  const api = useApi();
  const date = useDates();
  const number = useNumber();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  // Read again every minute, as the deadlines column moves with the clock.
  const caseList = useApiQuery(queryKeys.cases, () => api['cases.list'](), { refetchInterval: minuteMs });
  const now = useMinuteClock();
  const phaseList = useApiQuery(queryKeys.catalogue('phases'), () => api['phases.list']());
  const cases = useMemo(() => (caseList.data ? sortCases(caseList.data.cases) : null), [caseList.data]);
  const phases = phaseList.data?.phases ?? [];
  const error = caseList.error;
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<CaseStatus | ''>('');
  const [phaseId, setPhaseId] = useState('');
  const [creating, setCreating] = useState(false);

  const shown = useMemo(() => {
    const folded = foldText(query.trim());
    return (cases ?? []).filter(
      (item) =>
        (status === '' || item.status === status) &&
        (phaseId === '' || item.phaseId === phaseId) &&
        (folded === '' || foldText(item.title).includes(folded)),
    );
  }, [cases, query, status, phaseId]);

  return (
    <section aria-labelledby="cases-title" className="case-list-screen">
      <div className="screen-head">
        <h1 id="cases-title" ref={heading} tabIndex={-1}>
          {t('cases.title')}
        </h1>
        {canWrite && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            {t('caseList.new')}
          </button>
        )}
      </div>
      <form className="filters" role="search" aria-label={t('caseList.filters')} onSubmit={(event) => event.preventDefault()}>
        <Field id="case-search" type="search" label={t('caseList.search')} value={query} onChange={(event) => setQuery(event.target.value)} />
        <SelectField id="case-status" label={t('caseList.status')} value={status} onChange={(event) => setStatus(event.target.value as CaseStatus | '')}>
          <option value="">{t('caseList.all')}</option>
          {caseStatuses.map((value) => (
            <option key={value} value={value}>
              {t(`cases.status.${value}`)}
            </option>
          ))}
        </SelectField>
        <SelectField id="case-phase" label={t('caseList.phase')} value={phaseId} onChange={(event) => setPhaseId(event.target.value)}>
          <option value="">{t('caseList.allPhases')}</option>
          {phases.map((phase) => (
            <option key={phase.id} value={phase.id}>
              {showHidden(phase.name)}
            </option>
          ))}
        </SelectField>
      </form>
      <div role="status" className="list-status">
        {cases === null && !error && t('cases.loading')}
        {cases?.length === 0 && t('cases.empty')}
        {cases && cases.length > 0 && t('caseList.shown', { count: shown.length, total: cases.length })}
      </div>
      {error && (
        <p role="alert" className="form-error">
          {errorText(error)}
        </p>
      )}
      {shown.length > 0 && (
        <DataTable
          className="case-table"
          caption={t('cases.title')}
          columns={[
            t('caseList.colTitle'),
            t('caseList.colPhase'),
            t('caseList.colStatus'),
            t('caseList.colDeadline'),
            t('caseList.colActivity'),
            { label: t('caseList.colEntries'), className: 'numeric' },
          ]}
          rows={shown}
        >
          {(item) => (
            <tr key={item.id} className={`case-row case-row-${item.status}`}>
              <th scope="row">
                <a
                  href={`#case/${item.id}`}
                  className="case-link"
                  onClick={(event) => {
                    event.preventDefault();
                    onOpen(item.id);
                  }}
                >
                  <UserText text={item.title} />
                </a>
                {item.municipality && (
                  <span className="case-municipality">
                    <UserText text={item.municipality} />
                  </span>
                )}
              </th>
              <td>
                <UserText text={item.phaseName} />
              </td>
              <td>
                <span className={`badge status-${item.status}`}>{t(`cases.status.${item.status}`)}</span>
              </td>
              <td>
                <NextDeadline item={item} now={now} />
              </td>
              <td>{date(item.lastActivityAt)}</td>
              <td className="numeric">{number(item.entryCount)}</td>
            </tr>
          )}
        </DataTable>
      )}
      {creating && (
        <CreateCaseDialog
          phases={phases}
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            onOpen(created.id);
          }}
        />
      )}
    </section>
  );
}

/** How many deadlines of a case are late or expired, in words, and which one runs next. */
function NextDeadline({ item, now }: { item: CaseListItem; now: number }) {
  const { t } = useTranslation();
  const date = useDates();
  const label = useDeadlineLabel();
  const { nextDeadline } = item;
  // Until the list is read again, a next deadline whose time came counts as overdue, or goes if it ended a measure.
  const passed = nextDeadline?.dueAt !== undefined && nextDeadline.dueAt !== null && Date.parse(nextDeadline.dueAt) < now;
  const next = passed ? null : nextDeadline;
  const overdue = item.overdueDeadlines + (passed && nextDeadline && !hasLapsed(nextDeadline, now) ? 1 : 0);
  if (!next && overdue === 0) return <span className="hint">{t('caseList.noDeadline')}</span>;
  return (
    <>
      {overdue > 0 && <span className="badge badge-risk">{t('caseList.overdue', { count: overdue })}</span>}
      {next?.dueAt && (
        <span className="case-deadline">
          <span className="case-deadline-time">{date(next.dueAt, 'short')}</span> <span className="case-deadline-label">{label(next)}</span>
        </span>
      )}
    </>
  );
}
