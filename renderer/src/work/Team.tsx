import { useCallback, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { assignRoleInput, endRoleInput, handOverRoleInput, limits } from '../../../shared/schemas';
import type { Failure } from '../../../shared/result';
import type { CaseRole, Person, RoleAssignment } from '../../../shared/views';
import { emptyDateTime } from '../../../shared/time';
import { DataTable } from '../components/DataTable';
import { useReadDateTime } from '../components/DateTimeField';
import { SelectField } from '../components/Field';
import { useApi } from '../data/api';
import { formProblems, formResolver } from '../data/forms';
import { dateTimeValue, inputForm, timeInput } from '../data/input-form';
import { queryKeys, useApiQuery } from '../data/queries';
import { useFormChange, useFormWrite, useOutcome } from '../data/writes';
import { canEdit, LoadState, Outcome, useDates, WorkSection, type WorkSectionProps } from './shared';
import { UserText } from '../components/UserText';
import { handoverRoleId, offerHandoverReport } from '../handover-offer';
import { showHidden } from '../../../shared/visible-text';
import { LongText, TimeField } from '../components/FormFields';
import { useSessionControls } from '../session-controls';

/**
 * The rules a role change can break, said with the holder it is about; other failures keep their own message.
 * `BEFORE_ROLE_START` only comes from a handover or an end, `TIME_IN_FUTURE` from any of the three.
 */
function useRoleErrorText() {
  const { t } = useTranslation();
  const dates = useDates();
  return (error: Failure, action: 'assign' | 'handOver' | 'end', current?: RoleAssignment): Failure | string => {
    if (error.code === 'TIME_IN_FUTURE') return t(`work.team.future.${action}`);
    if (error.code === 'BEFORE_ROLE_START' && current && action !== 'assign') {
      return t(`work.team.beforeStart.${action}`, { name: current.personName, date: dates.format(current.startedAt) });
    }
    return error;
  };
}

/**
 * Who holds which role in the case team, now and before: assign a role to a person from the directory,
 * hand it over at a shift change, end it. Each of these is a system entry in the log.
 */
export function TeamSection(props: WorkSectionProps) {
  const { caseDetail } = props;
  const { t } = useTranslation();
  const api = useApi();
  const dates = useDates();
  const caseId = caseDetail.id;
  const roleList = useApiQuery(queryKeys.catalogue('roles'), () => api['roles.catalogue']());
  const assignmentList = useApiQuery(queryKeys.ofCase(caseId, 'roles'), () => api['roles.assignments']({ caseId }));
  const peopleList = useApiQuery(queryKeys.catalogue('people'), () => api['directory.people']());
  const outcome = useOutcome();
  const [open, setOpen] = useState<{ assignmentId: string; action: 'handOver' | 'end' } | null>(null);
  // After the OOV-adviseur handed over: the offer to write the shift-handover report for the successor.
  const [reportFor, setReportFor] = useState<string | null>(null);

  if (!roleList.data || !assignmentList.data || !peopleList.data) {
    return (
      <WorkSection id="work-team" title={t('work.team.title')}>
        <LoadState error={roleList.error ?? assignmentList.error ?? peopleList.error} loading />
      </WorkSection>
    );
  }
  const roles = roleList.data.roles;
  const people = peopleList.data.people;
  const assignments = assignmentList.data.assignments;
  const roleName = (id: string) => roles.find((role) => role.id === id)?.name ?? id;
  const personName = (id: string | null) => people.find((person) => person.id === id)?.name ?? '';
  const phoneOf = (id: string) => people.find((person) => person.id === id)?.phone ?? '';
  const active = assignments.filter((item) => item.endedAt === null);
  const history = [...assignments].sort((a, b) => b.startedAt.localeCompare(a.startedAt) || roleName(a.roleId).localeCompare(roleName(b.roleId)));
  const editable = canEdit(props);

  const done = (text: string, handedOver?: RoleAssignment) => {
    setOpen(null);
    outcome.succeeded(text);
    setReportFor(handedOver?.roleId === handoverRoleId ? handedOver.personName : null);
  };

  return (
    <WorkSection id="work-team" title={t('work.team.title')} onWriteFailed={outcome.clearMessage}>
      <Outcome message={outcome.message} error={outcome.error} />
      {reportFor !== null && (
        <p className="notice work-handover-offer">
          {t('work.team.handoverOffer', { name: reportFor })}{' '}
          <a href={`#case/${caseId}/briefings`} onClick={() => offerHandoverReport(caseId, reportFor)}>
            {t('work.team.handoverOfferLink')}
          </a>
        </p>
      )}
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
              {phoneOf(assignment.personId) && <p className="work-phone">{t('work.team.phone', { phone: phoneOf(assignment.personId) })}</p>}
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
      {editable && <AssignForm caseId={caseId} roles={roles} people={people} active={active} onDone={done} />}
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

function AssignForm({
  caseId,
  roles,
  people,
  active,
  onDone,
}: {
  caseId: string;
  roles: CaseRole[];
  people: Person[];
  active: RoleAssignment[];
  onDone(message: string, handedOver?: RoleAssignment): void;
}) {
  const { t } = useTranslation();
  const read = useReadDateTime();
  const roleErrorText = useRoleErrorText();
  const schema = useMemo(
    () =>
      inputForm(
        { roleId: z.string(), personId: z.string(), at: dateTimeValue },
        (values, context) => ({ caseId, roleId: values.roleId, personId: values.personId, at: timeInput(values.at, read, context, 'at') }),
        assignRoleInput,
      ),
    [caseId, read],
  );
  const form = useForm({ resolver: formResolver(schema), defaultValues: { roleId: '', personId: '', at: emptyDateTime } });
  const assign = useFormWrite(form, 'roles.assign');
  const outcome = useOutcome();
  const { errors, isSubmitting } = form.formState;
  /** Set when the role already has a holder then: the question shown before a second one is assigned. */
  const [secondHolder, setSecondHolder] = useState<string | null>(null);
  // A confirmation answers the question about what the form shows; changing the form asks again.
  const forgetQuestion = useCallback(() => setSecondHolder(null), []);
  useFormChange(form, forgetQuestion);

  const send = (confirmSecondHolder: boolean) =>
    form.handleSubmit(async (input) => {
      const roleName = roles.find((role) => role.id === input.roleId)?.name ?? '';
      const result = await assign({ ...input, confirmSecondHolder });
      if (!result.ok && result.error.code === 'SECOND_HOLDER') {
        const holders = active.filter((item) => item.roleId === input.roleId).map((item) => item.personName);
        outcome.clear();
        setSecondHolder(
          holders.length > 0 ? t('work.team.secondHolder', { role: roleName, names: holders.join(', ') }) : t('work.team.secondHolderThen', { role: roleName }),
        );
        return;
      }
      setSecondHolder(null);
      if (!result.ok) return outcome.failed(roleErrorText(result.error, 'assign'));
      outcome.clear();
      form.reset();
      onDone(t('work.team.assigned', { role: roleName, name: result.value.personName }));
    })();

  return (
    <form
      className="work-form"
      noValidate
      aria-labelledby="work-team-assign-title"
      onSubmit={(event) => {
        event.preventDefault();
        void send(false);
      }}
    >
      <h3 id="work-team-assign-title">{t('work.team.assignTitle')}</h3>
      {people.length === 0 && <p className="notice">{t('work.team.noPeople')}</p>}
      <SelectField id="work-team-role" label={t('work.team.role')} error={errors.roleId?.message} {...form.register('roleId')}>
        <option value="">{t('work.choose')}</option>
        {roles.map((role) => (
          <option key={role.id} value={role.id}>
            {showHidden(role.name)}
          </option>
        ))}
      </SelectField>
      <SelectField id="work-team-person" label={t('work.team.person')} error={errors.personId?.message} {...form.register('personId')}>
        <option value="">{t('work.choose')}</option>
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {showHidden(person.function ? `${person.name} (${person.function})` : person.name)}
          </option>
        ))}
      </SelectField>
      <TimeField control={form.control} name="at" id="work-team-at" label={t('work.team.startAt')} hint={t('work.nowIfEmpty')} />
      <button type="submit" className="primary" disabled={isSubmitting}>
        {t('work.team.assign')}
      </button>
      {secondHolder && (
        <div className="work-warning work-confirm">
          <p role="alert">{secondHolder}</p>
          <div className="work-actions">
            <button type="button" disabled={isSubmitting} onClick={() => void send(true)}>
              {t('work.team.confirmSecond')}
            </button>
            <button type="button" onClick={() => setSecondHolder(null)}>
              {t('work.cancel')}
            </button>
          </div>
        </div>
      )}
      <Outcome message="" error={outcome.error} problems={formProblems(form.formState.errors)} />
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
  onDone(message: string, handedOver?: RoleAssignment): void;
}) {
  const { t } = useTranslation();
  const read = useReadDateTime();
  const schema = useMemo(
    () =>
      action === 'handOver'
        ? inputForm(
            { toPersonId: z.string(), note: z.string(), at: dateTimeValue, alsoSwitchUser: z.boolean() },
            (values, context) => ({
              assignmentId: assignment.id,
              toPersonId: values.toPersonId,
              note: values.note,
              at: timeInput(values.at, read, context, 'at'),
            }),
            handOverRoleInput,
          )
        : inputForm(
            { toPersonId: z.string(), note: z.string(), at: dateTimeValue, alsoSwitchUser: z.boolean() },
            (values, context) => ({ assignmentId: assignment.id, note: values.note, at: timeInput(values.at, read, context, 'at') }),
            endRoleInput,
          ),
    [action, assignment.id, read],
  );
  const form = useForm({ resolver: formResolver(schema), defaultValues: { toPersonId: '', note: '', at: emptyDateTime, alsoSwitchUser: false } });
  const handOver = useFormWrite(form, 'roles.handOver');
  const end = useFormWrite(form, 'roles.end');
  const { switchUser } = useSessionControls();
  const roleErrorText = useRoleErrorText();
  const outcome = useOutcome();
  const { errors, isSubmitting } = form.formState;
  const id = `work-team-${action}-${assignment.id}`;

  const submit = form.handleSubmit(async (input) => {
    if (action === 'handOver') {
      const result = await handOver(input as z.output<typeof handOverRoleInput>);
      if (!result.ok) return outcome.failed(roleErrorText(result.error, 'handOver', assignment));
      onDone(t('work.team.handedOver', { role: roleName, from: assignment.personName, to: result.value.started.personName }), result.value.started);
      // The handover is recorded under the outgoing user; the incoming one signs in and continues here.
      if (form.getValues('alsoSwitchUser')) switchUser();
    } else {
      const result = await end(input);
      if (!result.ok) return outcome.failed(roleErrorText(result.error, 'end', assignment));
      onDone(t('work.team.ended', { role: roleName, name: assignment.personName }));
    }
  });

  const title = action === 'handOver' ? t('work.team.handOverTitle', { role: roleName }) : t('work.team.endTitle', { role: roleName });
  return (
    <form className="work-form work-inline-form" noValidate aria-label={title} onSubmit={(event) => void submit(event)}>
      <h4>{title}</h4>
      {action === 'handOver' && (
        <SelectField id={`${id}-to`} label={t('work.team.handOverTo')} error={errors.toPersonId?.message} {...form.register('toPersonId')}>
          <option value="">{t('work.choose')}</option>
          {people
            .filter((person) => person.id !== assignment.personId)
            .map((person) => (
              <option key={person.id} value={person.id}>
                {showHidden(person.name)}
              </option>
            ))}
        </SelectField>
      )}
      <LongText control={form.control} name="note" id={`${id}-note`} label={t('work.team.note')} rows={2} maxLength={limits.reason} />
      <TimeField control={form.control} name="at" id={`${id}-at`} label={t('work.team.changeAt')} hint={t('work.nowIfEmpty')} />
      {action === 'handOver' && (
        <>
          <div className="checkbox">
            <input id={`${id}-switch`} type="checkbox" aria-describedby={`${id}-switch-hint`} {...form.register('alsoSwitchUser')} />
            <label htmlFor={`${id}-switch`}>{t('accounts.switchUser.handOver')}</label>
          </div>
          <p id={`${id}-switch-hint`} className="hint">
            {t('accounts.switchUser.handOverHint')}
          </p>
        </>
      )}
      <div className="work-actions">
        <button type="submit" className="primary" disabled={isSubmitting}>
          {action === 'handOver' ? t('work.team.confirmHandOver') : t('work.team.confirmEnd')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('work.cancel')}
        </button>
      </div>
      <Outcome message="" error={outcome.error} problems={formProblems(form.formState.errors)} />
    </form>
  );
}
