import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../../../shared/result';
import { limits } from '../../../shared/schemas';
import type { CaseRole, Person, RoleAssignment } from '../../../shared/views';
import { showHidden } from '../../../shared/visible-text';
import { DataTable } from '../components/DataTable';
import { UserText } from '../components/UserText';
import { all, canEdit, DateTimeField, LoadState, Outcome, Select, TextArea, useDates, useLoad, WorkSection, type WorkSectionProps, useApi } from './shared';

/**
 * Who holds which role in the case team, now and before: assign a role to a person from the directory,
 * hand it over at a shift change, end it. Each of these is a system entry in the log.
 */
export function TeamSection(props: WorkSectionProps) {
  const { caseDetail, onChanged } = props;
  const { t } = useTranslation();
  const api = useApi();
  const dates = useDates();
  const caseId = caseDetail.id;
  const { data, error, reload } = useLoad(
    () =>
      all({
        roles: api['roles.catalogue'](),
        assignments: api['roles.assignments']({ caseId }),
        people: api['directory.people'](),
      }),
    `${caseId}|${props.revision}`,
  );
  const [message, setMessage] = useState('');
  const [open, setOpen] = useState<{ assignmentId: string; action: 'handOver' | 'end' } | null>(null);

  if (!data) {
    return (
      <WorkSection id="work-team" title={t('work.team.title')}>
        <LoadState error={error} loading />
      </WorkSection>
    );
  }
  const roles = data.roles.roles;
  const people = data.people.people;
  const assignments = data.assignments.assignments;
  const roleName = (id: string) => roles.find((role) => role.id === id)?.name ?? id;
  const personName = (id: string | null) => people.find((person) => person.id === id)?.name ?? '';
  const active = assignments.filter((item) => item.endedAt === null);
  const history = [...assignments].sort((a, b) => b.startedAt.localeCompare(a.startedAt) || roleName(a.roleId).localeCompare(roleName(b.roleId)));
  const editable = canEdit(props);

  const done = async (text: string) => {
    setOpen(null);
    await reload();
    setMessage(text);
    onChanged();
  };

  return (
    <WorkSection id="work-team" title={t('work.team.title')} onWriteFailed={() => setMessage('')}>
      <p role="status" className="work-saved">
        {message}
      </p>
      <h3>{t('work.team.current')}</h3>
      {active.length === 0 ? (
        <p>{t('work.team.noneActive')}</p>
      ) : (
        <ul className="work-cards">
          {active.map((assignment) => (
            <li key={assignment.id} className="work-card">
              <p className="work-card-title">
                <UserText text={roleName(assignment.roleId)} />
              </p>
              <p>
                <UserText text={assignment.personName} /> · {t('work.team.since', { date: dates.format(assignment.startedAt) })}
              </p>
              {editable && (
                <div className="work-actions">
                  <button type="button" aria-expanded={open?.assignmentId === assignment.id && open.action === 'handOver'} onClick={() => setOpen({ assignmentId: assignment.id, action: 'handOver' })}>
                    {t('work.team.handOver')}
                    <span className="visually-hidden"> {showHidden(roleName(assignment.roleId))}</span>
                  </button>
                  <button type="button" aria-expanded={open?.assignmentId === assignment.id && open.action === 'end'} onClick={() => setOpen({ assignmentId: assignment.id, action: 'end' })}>
                    {t('work.team.end')}
                    <span className="visually-hidden"> {showHidden(roleName(assignment.roleId))}</span>
                  </button>
                </div>
              )}
              {editable && open?.assignmentId === assignment.id && (
                <ChangeAssignmentForm
                  assignment={assignment}
                  action={open.action}
                  roleName={roleName(assignment.roleId)}
                  people={people}
                  onCancel={() => setOpen(null)}
                  onDone={done}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && <AssignForm caseId={caseId} roles={roles} people={people} onDone={done} />}
      <h3>{t('work.team.history')}</h3>
      <DataTable
        caption={t('work.team.history')}
        columns={[t('work.team.role'), t('work.team.person'), t('work.team.from'), t('work.team.until')]}
        rows={history}
        empty={t('work.team.noHistory')}
      >
        {(assignment) => (
          <tr key={assignment.id}>
            <td>
              <UserText text={roleName(assignment.roleId)} />
            </td>
            <td>
              <UserText text={assignment.personName} />
            </td>
            <td>{dates.format(assignment.startedAt)}</td>
            <td>
              {assignment.endedAt === null
                ? t('work.team.stillActive')
                : assignment.handedOverTo
                  ? t('work.team.handedOverAt', { date: dates.format(assignment.endedAt), name: personName(assignment.handedOverTo) })
                  : t('work.team.endedAt', { date: dates.format(assignment.endedAt) })}
            </td>
          </tr>
        )}
      </DataTable>
    </WorkSection>
  );
}

function AssignForm({ caseId, roles, people, onDone }: { caseId: string; roles: CaseRole[]; people: Person[]; onDone(message: string): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const dates = useDates();
  const [roleId, setRoleId] = useState('');
  const [personId, setPersonId] = useState('');
  const [at, setAt] = useState('');
  const [error, setError] = useState<Failure | string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!roleId || !personId) {
      setError(t('work.team.needRoleAndPerson'));
      return;
    }
    const when = at ? dates.fromInput(at) : null;
    if (at && !when) {
      setError(t('work.invalidTime'));
      return;
    }
    const result = await api['roles.assign']({ caseId, roleId, personId, ...(when ? { at: when } : {}) });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setRoleId('');
    setPersonId('');
    setAt('');
    onDone(t('work.team.assigned', { role: roles.find((role) => role.id === roleId)?.name, name: result.value.personName }));
  }

  return (
    <form className="work-form" noValidate aria-labelledby="work-team-assign-title" onSubmit={(event) => void submit(event)}>
      <h3 id="work-team-assign-title">{t('work.team.assignTitle')}</h3>
      {people.length === 0 && <p className="notice">{t('work.team.noPeople')}</p>}
      <Select
        id="work-team-role"
        label={t('work.team.role')}
        value={roleId}
        options={[['', t('work.choose')], ...roles.map((role) => [role.id, role.name] as const)]}
        onChange={setRoleId}
      />
      <Select
        id="work-team-person"
        label={t('work.team.person')}
        value={personId}
        options={[['', t('work.choose')], ...people.map((person) => [person.id, person.function ? `${person.name} (${person.function})` : person.name] as const)]}
        onChange={setPersonId}
      />
      <DateTimeField id="work-team-at" label={t('work.team.startAt')} hint={t('work.nowIfEmpty')} value={at} onChange={setAt} />
      <button type="submit" className="primary">
        {t('work.team.assign')}
      </button>
      <Outcome message="" error={error} />
    </form>
  );
}

function ChangeAssignmentForm({
  assignment,
  action,
  roleName,
  people,
  onCancel,
  onDone,
}: {
  assignment: RoleAssignment;
  action: 'handOver' | 'end';
  roleName: string;
  people: Person[];
  onCancel(): void;
  onDone(message: string): void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const dates = useDates();
  const [toPersonId, setToPersonId] = useState('');
  const [note, setNote] = useState('');
  const [at, setAt] = useState('');
  const [error, setError] = useState<Failure | string | null>(null);
  const id = `work-team-${action}-${assignment.id}`;

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const when = at ? dates.fromInput(at) : null;
    if (at && !when) {
      setError(t('work.invalidTime'));
      return;
    }
    const timing = when ? { at: when } : {};
    if (action === 'handOver') {
      if (!toPersonId) {
        setError(t('work.team.needPerson'));
        return;
      }
      const result = await api['roles.handOver']({ assignmentId: assignment.id, toPersonId, note, ...timing });
      if (!result.ok) return setError(result.error);
      onDone(t('work.team.handedOver', { role: roleName, from: assignment.personName, to: result.value.started.personName }));
    } else {
      const result = await api['roles.end']({ assignmentId: assignment.id, note, ...timing });
      if (!result.ok) return setError(result.error);
      onDone(t('work.team.ended', { role: roleName, name: assignment.personName }));
    }
  }

  const title = action === 'handOver' ? t('work.team.handOverTitle', { role: roleName }) : t('work.team.endTitle', { role: roleName });
  return (
    <form className="work-form work-inline-form" noValidate aria-label={title} onSubmit={(event) => void submit(event)}>
      <h4>{title}</h4>
      {action === 'handOver' && (
        <Select
          id={`${id}-to`}
          label={t('work.team.handOverTo')}
          value={toPersonId}
          options={[
            ['', t('work.choose')],
            ...people.filter((person) => person.id !== assignment.personId).map((person) => [person.id, person.name] as const),
          ]}
          onChange={setToPersonId}
        />
      )}
      <TextArea id={`${id}-note`} label={t('work.team.note')} maxLength={limits.reason} value={note} onChange={setNote} rows={2} />
      <DateTimeField id={`${id}-at`} label={t('work.team.changeAt')} hint={t('work.nowIfEmpty')} value={at} onChange={setAt} />
      <div className="work-actions">
        <button type="submit" className="primary">
          {action === 'handOver' ? t('work.team.confirmHandOver') : t('work.team.confirmEnd')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('work.cancel')}
        </button>
      </div>
      <Outcome message="" error={error} />
    </form>
  );
}
