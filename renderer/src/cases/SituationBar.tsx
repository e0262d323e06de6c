import { useTranslation } from 'react-i18next';
import { amsterdam, dayKey } from '../../../shared/time';
import { showHidden } from '../../../shared/visible-text';
import type { Situation, SituationDeadline } from '../../../shared/views';
import { UserText } from '../components/UserText';
import { useCaseWork, useDates } from './context';
import { deadlineStatesAt, isOverdue, type DeadlineState } from './deadline-states';
import { useDeadlineLabel, useMinuteClock, useSituation } from './situation';

/**
 * The case at a glance, above every section: the time now (Dutch time or UTC, as chosen), the phase, who holds
 * which role with their phone number, the deadlines that are late or expired and the next one, and how many
 * signals came in since this user last looked. Kept to one or two lines; the overview has the full lists.
 * The clock changes every minute without being announced: a screen reader reads it when it gets there.
 */
export function SituationBar({ caseId, signalsHref, onSignals }: { caseId: string; signalsHref: string; onSignals(): void }) {
  const { t } = useTranslation();
  const { timeZone } = useCaseWork();
  const date = useDates();
  const now = useMinuteClock();
  const { data } = useSituation(caseId);
  const nowIso = new Date(now).toISOString();

  return (
    <section className="situation-bar" aria-label={t('situation.label')}>
      <div className="situation-line">
        <p className="situation-item situation-clock">
          <span className="visually-hidden">{t('situation.now')} </span>
          <time dateTime={nowIso}>{date(nowIso, 'short')}</time>{' '}
          <span className="situation-zone">{t(timeZone === amsterdam ? 'timeZone.amsterdam' : 'timeZone.utc')}</span>
        </p>
        {data && (
          <>
            <p className="situation-item">
              <span className="situation-label">{t('caseView.phase')}</span> <strong><UserText text={data.phaseName} /></strong>
            </p>
            <Deadlines deadlines={data.deadlines} now={now} />
            <p className="situation-item situation-signals">
              <a
                href={signalsHref}
                className={data.unreadSignals > 0 ? 'situation-unread' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  onSignals();
                }}
              >
                {data.unreadSignals > 0 ? t('situation.unread', { count: data.unreadSignals }) : t('situation.noUnread')}
              </a>
            </p>
          </>
        )}
      </div>
      {data && (
        <div className="situation-line">
          <Holders situation={data} />
        </div>
      )}
    </section>
  );
}

function Holders({ situation }: { situation: Situation }) {
  const { t } = useTranslation();
  return (
    <div className="situation-item situation-roles">
      <span className="situation-label visually-hidden" id="situation-roles-label">
        {t('situation.roles')}
      </span>{' '}
      {situation.holders.length === 0 ? (
        <span>{t('situation.noRoles')}</span>
      ) : (
        <ul aria-labelledby="situation-roles-label">
          {situation.holders.map((holder) => (
            <li key={`${holder.roleId}-${holder.personId}`}>
              <span className="situation-role">
                <UserText text={holder.roleName} />
              </span>{' '}
              <UserText text={holder.personName} />
              {holder.phone && (
                <>
                  {' '}
                  <span className="situation-phone">
                    <span className="visually-hidden">{t('situation.phoneLabel')} </span>
                    <UserText text={holder.phone} />
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const badgeClass: Record<DeadlineState, string> = {
  late: 'badge badge-risk',
  expired: 'badge badge-risk',
  next: 'badge badge-deadline',
  risk: 'badge badge-risk',
};

/** The first deadline that is late or expired, the next one that runs, and an open risk: each in words. */
function Deadlines({ deadlines, now }: { deadlines: readonly SituationDeadline[]; now: number }) {
  const { t } = useTranslation();
  const { timeZone } = useCaseWork();
  const date = useDates();
  // A time today needs no date; any other day says which.
  const today = dayKey(new Date(now).toISOString(), timeZone);
  const label = useDeadlineLabel();
  // Beside its state a task needs no "Actie:" before it: its own words say what is to be done.
  const text = (deadline: SituationDeadline): string => (deadline.kind === 'task' ? showHidden(deadline.text) : label(deadline));
  const states = deadlineStatesAt(deadlines, now);
  const overdue = states.filter(({ state }) => isOverdue(state));
  const shown = [overdue[0], states.find(({ state }) => state === 'next'), states.find(({ state }) => state === 'risk')].filter(
    (item) => item !== undefined,
  );
  return (
    <div className="situation-item situation-deadlines">
      <span className="situation-label visually-hidden" id="situation-deadlines-label">
        {t('situation.deadlines')}
      </span>{' '}
      {shown.length === 0 ? (
        <span>{t('situation.noDeadlines')}</span>
      ) : (
        <ul aria-labelledby="situation-deadlines-label">
          {shown.map(({ deadline, state }, index) => (
            <li key={`${deadline.taskId ?? deadline.decisionId}-${deadline.kind}`} className={`situation-deadline situation-${state}`}>
              <span className={badgeClass[state]}>{t(`situation.state.${state}`)}</span>{' '}
              <span className="situation-deadline-text" title={text(deadline)}>
                {text(deadline)}
              </span>{' '}
              {deadline.dueAt === null ? (
                <span className="situation-due">{t('situation.meetingUnknown')}</span>
              ) : (
                <span className="situation-due">
                  <span className="visually-hidden">{t(isOverdue(state) ? 'situation.wasDue' : 'situation.due')} </span>
                  <time dateTime={deadline.dueAt}>{date(deadline.dueAt, dayKey(deadline.dueAt, timeZone) === today ? 'time' : 'short')}</time>
                </span>
              )}
              {index === 0 && isOverdue(state) && overdue.length > 1 && (
                <span className="situation-more">
                  <span aria-hidden="true">+{overdue.length - 1}</span>
                  <span className="visually-hidden">, {t('situation.moreOverdue', { count: overdue.length - 1 })}</span>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
