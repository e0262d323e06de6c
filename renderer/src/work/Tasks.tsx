import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { taskStatuses, type TaskStatus } from '../../../shared/domain';
import type { Failure } from '../../../shared/result';
import { limits } from '../../../shared/schemas';
import type { CaseRole, Person, Task } from '../../../shared/views';
import { DataTable } from '../components/DataTable';
import { Field } from '../components/Field';
import { UserText } from '../components/UserText';
import { all, canEdit, DateTimeField, LoadState, Outcome, Select, useDates, useLoad, useNow, WorkSection, type WorkSectionProps, useApi } from './shared';

/** Still to be done and past its due time. */
export const isOverdue = (task: Pick<Task, 'dueAt' | 'status'>, now: number): boolean =>
  task.dueAt !== null && (task.status === 'open' || task.status === 'bezig') && Date.parse(task.dueAt) < now;

/** The action list: each action with an owner (a role or a person), a due time and a status. */
export function TasksSection(props: WorkSectionProps) {
  const { caseDetail, onChanged } = props;
  const { t } = useTranslation();
  const api = useApi();
  const dates = useDates();
  const now = useNow();
  const caseId = caseDetail.id;
  const { data, error, reload } = useLoad(
    () => all({ tasks: api['tasks.list']({ caseId }), roles: api['roles.catalogue'](), people: api['directory.people']() }),
    `${caseId}|${props.revision}`,
  );
  const [message, setMessage] = useState('');
  const [writeError, setWriteError] = useState<Failure | null>(null);

  if (!data) {
    return (
      <WorkSection id="work-tasks" title={t('work.tasks.title')}>
        <LoadState error={error} loading />
      </WorkSection>
    );
  }
  const roles = data.roles.roles;
  const people = data.people.people;
  const order = (task: Task) => (task.status === 'open' || task.status === 'bezig' ? 0 : 1);
  const tasks = [...data.tasks.tasks].sort(
    (a, b) => order(a) - order(b) || (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9') || a.createdAt.localeCompare(b.createdAt),
  );
  const overdue = tasks.filter((task) => isOverdue(task, now));
  const editable = canEdit(props);
  const owner = (task: Task) =>
    [roles.find((role) => role.id === task.ownerRoleId)?.name, people.find((person) => person.id === task.ownerPersonId)?.name]
      .filter(Boolean)
      .join(' · ');

  async function setStatus(task: Task, status: TaskStatus): Promise<void> {
    setMessage('');
    const result = await api['tasks.setStatus']({ taskId: task.id, status });
    if (!result.ok) {
      setWriteError(result.error);
      return;
    }
    setWriteError(null);
    await reload();
    setMessage(t('work.tasks.statusChanged', { text: task.text, status: t(`work.taskStatus.${status}`) }));
    onChanged();
  }

  return (
    <WorkSection id="work-tasks" title={t('work.tasks.title')} onWriteFailed={() => setMessage('')}>
      {/* Announced when the count changes, not on every tick of the clock. */}
      <p role="status" className={overdue.length > 0 ? 'work-warning work-overdue-summary' : 'work-saved'}>
        {overdue.length > 0 ? t('work.tasks.overdueCount', { count: overdue.length }) : ''}
      </p>
      <Outcome message={message} error={writeError} />
      <DataTable
        caption={t('work.tasks.title')}
        columns={[t('work.tasks.text'), t('work.tasks.owner'), t('work.tasks.due'), t('work.tasks.status'), editable && t('work.tasks.changeStatus')]}
        rows={tasks}
        empty={t('work.tasks.none')}
      >
        {(task) => {
          const late = isOverdue(task, now);
          return (
            <tr key={task.id} className={late ? 'is-overdue' : undefined}>
              <td className="work-text">
                <UserText text={task.text} />
              </td>
              <td>
                <UserText text={owner(task)} />
              </td>
              <td>
                {task.dueAt ? dates.format(task.dueAt) : t('work.tasks.noDue')}
                {late && <span className="work-flag work-flag-overdue"> {t('work.tasks.overdue')}</span>}
              </td>
              <td>
                <span className={`work-status work-status-${task.status}`}>{t(`work.taskStatus.${task.status}`)}</span>
              </td>
              {editable && (
                <td>
                  <div className="work-actions">
                    {taskStatuses
                      .filter((status) => status !== task.status)
                      .map((status) => (
                        <button
                          key={status}
                          type="button"
                          aria-label={t('work.tasks.markAs', { text: task.text, status: t(`work.taskStatus.${status}`) })}
                          onClick={() => void setStatus(task, status)}
                        >
                          {t(`work.taskStatus.${status}`)}
                        </button>
                      ))}
                  </div>
                </td>
              )}
            </tr>
          );
        }}
      </DataTable>
      {editable && (
        <CreateTaskForm
          caseId={caseId}
          roles={roles}
          people={people}
          onDone={async (text) => {
            await reload();
            setMessage(t('work.tasks.created', { text }));
            onChanged();
          }}
        />
      )}
    </WorkSection>
  );
}

function CreateTaskForm({ caseId, roles, people, onDone }: { caseId: string; roles: CaseRole[]; people: Person[]; onDone(text: string): Promise<void> }) {
  const { t } = useTranslation();
  const api = useApi();
  const dates = useDates();
  const [text, setText] = useState('');
  const [ownerRoleId, setOwnerRoleId] = useState('');
  const [ownerPersonId, setOwnerPersonId] = useState('');
  const [due, setDue] = useState('');
  const [error, setError] = useState<Failure | string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!text.trim()) return setError(t('work.tasks.needText'));
    if (!ownerRoleId && !ownerPersonId) return setError(t('work.tasks.needOwner'));
    const dueAt = due ? dates.fromInput(due) : null;
    if (due && !dueAt) return setError(t('work.invalidTime'));
    const result = await api['tasks.create']({
      caseId,
      text,
      ownerRoleId: ownerRoleId || null,
      ownerPersonId: ownerPersonId || null,
      dueAt,
    });
    if (!result.ok) return setError(result.error);
    setError(null);
    setText('');
    setOwnerRoleId('');
    setOwnerPersonId('');
    setDue('');
    await onDone(result.value.text);
  }

  return (
    <form className="work-form" noValidate aria-labelledby="work-task-add-title" onSubmit={(event) => void submit(event)}>
      <h3 id="work-task-add-title">{t('work.tasks.addTitle')}</h3>
      <Field id="work-task-text" type="text" label={t('work.tasks.text')} maxLength={limits.reason} value={text} onChange={(event) => setText(event.target.value)} />
      <fieldset className="work-fieldset">
        <legend>{t('work.tasks.owner')}</legend>
        <p className="hint">{t('work.tasks.ownerHint')}</p>
        <Select
          id="work-task-role"
          label={t('work.tasks.ownerRole')}
          value={ownerRoleId}
          options={[['', t('work.none')], ...roles.map((role) => [role.id, role.name] as const)]}
          onChange={setOwnerRoleId}
        />
        <Select
          id="work-task-person"
          label={t('work.tasks.ownerPerson')}
          value={ownerPersonId}
          options={[['', t('work.none')], ...people.map((person) => [person.id, person.name] as const)]}
          onChange={setOwnerPersonId}
        />
      </fieldset>
      <DateTimeField id="work-task-due" label={t('work.tasks.dueLabel')} value={due} onChange={setDue} />
      <button type="submit" className="primary">
        {t('work.tasks.add')}
      </button>
      <Outcome message="" error={error} />
    </form>
  );
}
