import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { taskStatuses, type TaskStatus } from '../../../shared/domain';
import { createTaskInput, limits } from '../../../shared/schemas';
import type { CaseRole, Person, Task } from '../../../shared/views';
import { emptyDateTime } from '../../../shared/time';
import { DataTable } from '../components/DataTable';
import { useReadDateTime } from '../components/DateTimeField';
import { Field, SelectField } from '../components/Field';
import { useApi } from '../data/api';
import { formProblems, formResolver } from '../data/forms';
import { dateTimeValue, inputForm, orNull, timeInput } from '../data/input-form';
import { queryKeys, useApiQuery } from '../data/queries';
import { useFormWrite, useOutcome, useWrite } from '../data/writes';
import { canEdit, LoadState, Outcome, useDates, useNow, WorkSection, type WorkSectionProps } from './shared';
import { UserText } from '../components/UserText';
import { showHidden } from '../../../shared/visible-text';
import { TimeField } from '../components/FormFields';

/** Still to be done and past its due time. */
export const isOverdue = (task: Pick<Task, 'dueAt' | 'status'>, now: number): boolean =>
  task.dueAt !== null && (task.status === 'open' || task.status === 'bezig') && Date.parse(task.dueAt) < now;

/** The action list: each action with an owner (a role or a person), a due time and a status. */
export function TasksSection(props: WorkSectionProps) {
  const { caseDetail } = props;
  const { t } = useTranslation();
  const api = useApi();
  const dates = useDates();
  const now = useNow();
  const caseId = caseDetail.id;
  const taskList = useApiQuery(queryKeys.ofCase(caseId, 'tasks'), () => api['tasks.list']({ caseId }));
  const roleList = useApiQuery(queryKeys.catalogue('roles'), () => api['roles.catalogue']());
  const peopleList = useApiQuery(queryKeys.catalogue('people'), () => api['directory.people']());
  const setTaskStatus = useWrite('tasks.setStatus');
  const outcome = useOutcome();

  if (!taskList.data || !roleList.data || !peopleList.data) {
    return (
      <WorkSection id="work-tasks" title={t('work.tasks.title')}>
        <LoadState error={taskList.error ?? roleList.error ?? peopleList.error} loading />
      </WorkSection>
    );
  }
  const roles = roleList.data.roles;
  const people = peopleList.data.people;
  const order = (task: Task) => (task.status === 'open' || task.status === 'bezig' ? 0 : 1);
  const tasks = [...taskList.data.tasks].sort(
    (a, b) => order(a) - order(b) || (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9') || a.createdAt.localeCompare(b.createdAt),
  );
  const overdue = tasks.filter((task) => isOverdue(task, now));
  const editable = canEdit(props);
  const owner = (task: Task) =>
    [roles.find((role) => role.id === task.ownerRoleId)?.name, people.find((person) => person.id === task.ownerPersonId)?.name]
      .filter(Boolean)
      .join(' · ');

  async function setStatus(task: Task, status: TaskStatus): Promise<void> {
    // One intent per task, target status and version of the task: a double click sends the same request id.
    const result = await setTaskStatus({ taskId: task.id, status }, `${task.id}:${status}:${task.updatedAt}`);
    if (!result.ok) return outcome.failed(result.error);
    outcome.succeeded(t('work.tasks.statusChanged', { text: task.text, status: t(`work.taskStatus.${status}`) }));
  }

  return (
    <WorkSection id="work-tasks" title={t('work.tasks.title')} onWriteFailed={outcome.clearMessage}>
      {/* Announced when the count changes, not on every tick of the clock. */}
      <p role="status" className={overdue.length > 0 ? 'work-warning work-overdue-summary' : 'work-saved'}>
        {overdue.length > 0 ? t('work.tasks.overdueCount', { count: overdue.length }) : ''}
      </p>
      <Outcome message={outcome.message} error={outcome.error} />
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
          onDone={(text) => outcome.succeeded(t('work.tasks.created', { text }))}
        />
      )}
    </WorkSection>
  );
}

function CreateTaskForm({ caseId, roles, people, onDone }: { caseId: string; roles: CaseRole[]; people: Person[]; onDone(text: string): void }) {
  const { t } = useTranslation();
  const read = useReadDateTime();
  const schema = useMemo(
    () =>
      inputForm(
        { text: z.string(), ownerRoleId: z.string(), ownerPersonId: z.string(), dueAt: dateTimeValue },
        (values, context) => ({
          caseId,
          text: values.text,
          ownerRoleId: orNull(values.ownerRoleId),
          ownerPersonId: orNull(values.ownerPersonId),
          dueAt: timeInput(values.dueAt, read, context, 'dueAt') ?? null,
        }),
        createTaskInput,
      ),
    [caseId, read],
  );
  const form = useForm({ resolver: formResolver(schema), defaultValues: { text: '', ownerRoleId: '', ownerPersonId: '', dueAt: emptyDateTime } });
  const createTask = useFormWrite(form, 'tasks.create');
  const outcome = useOutcome();
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (input) => {
    const result = await createTask(input);
    if (!result.ok) return outcome.failed(result.error);
    outcome.clear();
    form.reset();
    onDone(result.value.text);
  });

  return (
    <form className="work-form" noValidate aria-labelledby="work-task-add-title" onSubmit={(event) => void submit(event)}>
      <h3 id="work-task-add-title">{t('work.tasks.addTitle')}</h3>
      <Field id="work-task-text" type="text" label={t('work.tasks.text')} error={errors.text?.message} maxLength={limits.reason} {...form.register('text')} />
      <fieldset className="work-fieldset">
        <legend>{t('work.tasks.owner')}</legend>
        <p className="hint">{t('work.tasks.ownerHint')}</p>
        <SelectField id="work-task-role" label={t('work.tasks.ownerRole')} error={errors.ownerRoleId?.message} {...form.register('ownerRoleId')}>
          <option value="">{t('work.none')}</option>
          {roles.map((role) => (
            <option key={role.id} value={role.id}>
              {showHidden(role.name)}
            </option>
          ))}
        </SelectField>
        <SelectField id="work-task-person" label={t('work.tasks.ownerPerson')} {...form.register('ownerPersonId')}>
          <option value="">{t('work.none')}</option>
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {showHidden(person.name)}
            </option>
          ))}
        </SelectField>
      </fieldset>
      <TimeField control={form.control} name="dueAt" id="work-task-due" label={t('work.tasks.dueLabel')} />
      <button type="submit" className="primary" disabled={isSubmitting}>
        {t('work.tasks.add')}
      </button>
      <Outcome message="" error={outcome.error} problems={formProblems(form.formState.errors)} />
    </form>
  );
}
