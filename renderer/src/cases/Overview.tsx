import { useTranslation } from 'react-i18next';
import type { CaseDetail, CaseRole, Decision, Entry, Person, PhaseTransition, PlaceCount, RoleAssignment, Task } from '../../../shared/views';
import { DataTable } from '../components/DataTable';
import { useApi } from '../data/api';
import { queryKeys, useApiQuery } from '../data/queries';
import { endCursor } from '../timeline/window';
import { useDates } from './context';
import { UserText } from '../components/UserText';
import { ExpandableText } from '../components/ExpandableText';
import { useSituation } from './situation';
import { PartnerCaseNote } from '../sharing/SharingStatus';

interface OverviewData {
  signals: Entry[];
  lastTransition: PhaseTransition | null;
  tasks: Task[];
  decisions: Decision[];
  assignments: RoleAssignment[];
  roles: CaseRole[];
  people: Person[];
}

const openTaskStatuses = new Set(['open', 'bezig']);

/** What the overview reads; a part that fails to load shows as empty rather than hiding the rest. */
function useOverviewData(caseId: string): OverviewData | null {
  const api = useApi();
  const signals = useApiQuery(queryKeys.ofCase(caseId, 'entries', 'latest-signals'), () =>
    api['entries.list']({ caseId, types: ['signaal', 'waarneming'], before: endCursor, limit: 6 }),
  );
  const transitions = useApiQuery(queryKeys.ofCase(caseId, 'transitions'), () => api['phases.transitions']({ caseId }));
  const tasks = useApiQuery(queryKeys.ofCase(caseId, 'tasks'), () => api['tasks.list']({ caseId }));
  const decisions = useApiQuery(queryKeys.ofCase(caseId, 'decisions'), () => api['decisions.list']({ caseId }));
  const assignments = useApiQuery(queryKeys.ofCase(caseId, 'roles'), () => api['roles.assignments']({ caseId }));
  const roles = useApiQuery(queryKeys.catalogue('roles'), () => api['roles.catalogue']());
  const people = useApiQuery(queryKeys.catalogue('people'), () => api['directory.people']());
  const parts = [signals, transitions, tasks, decisions, assignments, roles, people];
  if (parts.some((part) => part.isPending)) return null;
  const transitionList = transitions.data?.transitions ?? [];
  return {
    signals: [...(signals.data?.entries ?? [])].reverse(),
    lastTransition: [...transitionList].sort((a, b) => a.at.localeCompare(b.at)).at(-1) ?? null,
    tasks: tasks.data?.tasks ?? [],
    decisions: decisions.data?.decisions ?? [],
    assignments: assignments.data?.assignments ?? [],
    roles: roles.data?.roles ?? [],
    people: people.data?.people ?? [],
  };
}

/** The case in BOB order on one screen: Beeld, Oordeel, Besluit, and who holds which role now. */
export function Overview({ caseDetail, onShowEntry }: { caseDetail: CaseDetail; onShowEntry(entry: Entry): void }) {
  const { t } = useTranslation();
  const date = useDates();
  const data = useOverviewData(caseDetail.id);
  const situation = useSituation(caseDetail.id).data;

  if (!data) {
    return (
      <p role="status" className="loading">
        {t('overview.loading')}
      </p>
    );
  }

  const now = new Date().toISOString();
  const roleName = (id: string | null): string => data.roles.find((role) => role.id === id)?.name ?? '';
  const personName = (id: string | null): string => data.people.find((person) => person.id === id)?.name ?? '';
  const openTasks = data.tasks
    .filter((task) => openTaskStatuses.has(task.status))
    .sort((a, b) => (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9'));
  const overdue = openTasks.filter((task) => task.dueAt !== null && task.dueAt < now);
  const openDeadlines = data.decisions.flatMap((decision) =>
    decision.deadlines.filter((deadline) => !deadline.met && deadline.dueAt !== null).map((deadline) => ({ decision, deadline })),
  );
  // A ratification whose council meeting is not known yet has no date to count down to: an open risk until it has.
  const undatedRatifications = data.decisions.filter((decision) =>
    decision.deadlines.some((deadline) => deadline.kind === 'council-ratification' && !deadline.met && deadline.dueAt === null),
  );
  const holders = data.assignments.filter((assignment) => assignment.endedAt === null);
  const owner = (task: Task): string =>
    [personName(task.ownerPersonId), task.ownerRoleId ? roleName(task.ownerRoleId) : ''].filter(Boolean).join(' · ') || t('overview.noOwner');

  return (
    <div className="overview">
      <PartnerCaseNote caseId={caseDetail.id} />
      <section aria-labelledby="bob-beeld" className="bob bob-beeld">
        <h2 id="bob-beeld">
          <span className="bob-letter" aria-hidden="true">B</span> {t('overview.beeld')}
        </h2>
        <p className="hint">{t('overview.beeldHint')}</p>
        {data.signals.length === 0 ? (
          <p>{t('overview.noSignals')}</p>
        ) : (
          <ul className="plain-list">
            {data.signals.map((entry) => (
              <li key={entry.id} className={entry.correctedByIds.length > 0 ? 'is-corrected' : undefined}>
                <span className={`tl-type type-${entry.type}`}>{t(`entryTypes.${entry.type}`)}</span>{' '}
                <time dateTime={entry.occurredAt}>{date(entry.occurredAt, 'short')}</time>{' '}
                {entry.location && (
                  <span className="tl-location">
                    <span className="visually-hidden">{t('timeline.location')} </span>
                    <UserText text={entry.location} />
                  </span>
                )}{' '}
                {entry.sourceReliability && (
                  <span className="tl-grading">
                    {entry.sourceReliability}
                    {entry.informationCredibility ?? '–'}
                  </span>
                )}{' '}
                <ExpandableText text={entry.text}>
                  {(shown) => (
                    <button type="button" className="link overview-entry-text" onClick={() => onShowEntry(entry)}>
                      <UserText text={shown} />
                    </button>
                  )}
                </ExpandableText>
                {entry.correctedByIds.length > 0 && <span className="badge badge-corrected">{t('timeline.corrected')}</span>}
              </li>
            ))}
          </ul>
        )}
        {situation && <Places places={situation.places} hours={situation.placesHours} />}
      </section>

      <section aria-labelledby="bob-oordeel" className="bob bob-oordeel">
        <h2 id="bob-oordeel">
          <span className="bob-letter" aria-hidden="true">O</span> {t('overview.oordeel')}
        </h2>
        <p>
          <strong>{t('overview.currentPhase')}</strong> <UserText text={caseDetail.phaseName} />
        </p>
        {data.lastTransition && (
          <p className="hint">
            {t('overview.phaseSince', { time: date(data.lastTransition.at), name: data.lastTransition.byName })}{' '}
            {t('overview.phaseReason', { reason: data.lastTransition.reason })}
          </p>
        )}
        <h3>{t('overview.risks')}</h3>
        {overdue.length === 0 && openDeadlines.length === 0 && undatedRatifications.length === 0 ? (
          <p>{t('overview.noRisks')}</p>
        ) : (
          <ul className="plain-list risks">
            {overdue.map((task) => (
              <li key={task.id} className="risk">
                <span className="badge badge-risk">{t('overview.overdue')}</span> <ExpandableText text={task.text} /> —{' '}
                {t('overview.dueOwner', { time: date(task.dueAt ?? ''), owner: owner(task) })}
              </li>
            ))}
            {undatedRatifications.map((decision) => (
              <li key={`${decision.id}-meeting`} className="risk">
                <span className="badge badge-risk">{t('overview.openRisk')}</span> {t('overview.meetingUnknown', { number: decision.number })}
              </li>
            ))}
            {openDeadlines.map(({ decision, deadline }) => {
              const expired = deadline.dueAt !== null && deadline.dueAt < now;
              return (
                <li key={`${decision.id}-${deadline.kind}`} className={expired ? 'risk' : undefined}>
                  <span className={expired ? 'badge badge-risk' : 'badge badge-deadline'}>{t(expired ? 'overview.overdue' : 'overview.deadline')}</span>{' '}
                  {deadline.label} — {t('overview.deadlineOf', { number: decision.number, time: date(deadline.dueAt ?? '') })}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="bob-besluit" className="bob bob-besluit">
        <h2 id="bob-besluit">
          <span className="bob-letter" aria-hidden="true">B</span> {t('overview.besluit')}
        </h2>
        <h3>{t('overview.decisions')}</h3>
        {data.decisions.length === 0 ? (
          <p>{t('overview.noDecisions')}</p>
        ) : (
          <ol className="plain-list decisions">
            {data.decisions.map((decision) => (
              <li key={decision.id}>
                <strong>
                  {t('overview.decisionNumber', { number: decision.number })}
                </strong>{' '}
                <ExpandableText text={decision.text} />{' '}
                <span className="hint">
                  {t('overview.decidedBy', { by: t(`caseMeta.decidedBy.${decision.decidedBy}`), time: date(decision.decidedAt) })}
                </span>
              </li>
            ))}
          </ol>
        )}
        <h3>{t('overview.actions')}</h3>
        <DataTable
          className="compact-table"
          caption={t('overview.actions')}
          columns={[t('overview.action'), t('overview.owner'), t('overview.due')]}
          rows={openTasks}
          empty={t('overview.noActions')}
        >
          {(task) => (
            <tr key={task.id} className={overdue.includes(task) ? 'risk' : undefined}>
              <td>
                <ExpandableText text={task.text} />
              </td>
              <td>
                <UserText text={owner(task)} />
              </td>
              <td>{task.dueAt ? date(task.dueAt) : t('overview.noDue')}</td>
            </tr>
          )}
        </DataTable>
      </section>

      <section aria-labelledby="bob-roles" className="bob bob-roles">
        <h2 id="bob-roles">{t('overview.roles')}</h2>
        {holders.length === 0 ? (
          <p>{t('overview.noRoles')}</p>
        ) : (
          <dl className="role-list">
            {holders.map((assignment) => (
              <div key={assignment.id}>
                <dt>
                  <UserText text={roleName(assignment.roleId) || assignment.roleId} />
                </dt>
                <dd>
                  <UserText text={assignment.personName} /> <span className="hint">{t('overview.since', { time: date(assignment.startedAt, 'short') })}</span>
                </dd>
              </div>
            ))}
          </dl>
        )}
      </section>
    </div>
  );
}

/** The places the entries of the last hours name most, with how many entries name each. */
function Places({ places, hours }: { places: readonly PlaceCount[]; hours: number }) {
  const { t } = useTranslation();
  return (
    <>
      <h3 id="overview-places">{t('overview.places', { count: hours })}</h3>
      {places.length === 0 ? (
        <p>{t('overview.noPlaces', { count: hours })}</p>
      ) : (
        <ol className="plain-list places" aria-labelledby="overview-places">
          {places.map((place) => (
            <li key={place.location}>
              <span className="place-name">
                <UserText text={place.location} />
              </span>{' '}
              <span className="hint">{t('overview.placeCount', { count: place.count })}</span>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
