import { useWatch, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../../../shared/result';
import type { CaseRole, Person, Phase, RoleAssignment } from '../../../shared/views';
import { showHidden } from '../../../shared/visible-text';
import { SelectField } from '../components/Field';
import { TimeField } from '../components/FormFields';
import { useApi } from '../data/api';
import { queryKeys, useApiQuery } from '../data/queries';
import type { QuickValues, Recording } from './quick-entry-form';

type QuickForm = UseFormReturn<QuickValues, unknown, Recording>;

/** What the phase, task and handover fields choose from; the same queries as the case's own sections. */
export interface QuickLists {
  currentPhaseId: string | null;
  phases: Phase[];
  roles: CaseRole[];
  people: Person[];
  /** The roles held now. */
  active: RoleAssignment[];
  roleName(id: string): string;
}

export function useQuickLists(caseId: string, enabled: boolean): { lists: QuickLists; error: Failure | null } {
  const api = useApi();
  const detail = useApiQuery(queryKeys.ofCase(caseId, 'detail'), () => api['cases.get']({ caseId }), { enabled });
  const phases = useApiQuery(queryKeys.catalogue('phases'), () => api['phases.list'](), { enabled });
  const roles = useApiQuery(queryKeys.catalogue('roles'), () => api['roles.catalogue'](), { enabled });
  const people = useApiQuery(queryKeys.catalogue('people'), () => api['directory.people'](), { enabled });
  const assignments = useApiQuery(queryKeys.ofCase(caseId, 'roles'), () => api['roles.assignments']({ caseId }), { enabled });
  const roleList = roles.data?.roles ?? [];
  return {
    lists: {
      currentPhaseId: detail.data?.phaseId ?? null,
      phases: phases.data?.phases ?? [],
      roles: roleList,
      people: people.data?.people ?? [],
      active: (assignments.data?.assignments ?? []).filter((assignment) => assignment.endedAt === null),
      roleName: (id) => roleList.find((role) => role.id === id)?.name ?? id,
    },
    error: detail.error ?? phases.error ?? roles.error ?? people.error ?? assignments.error,
  };
}

/** The phase to move to; its number picks it from the keyboard. */
export function PhaseFields({ form, lists }: { form: QuickForm; lists: QuickLists }) {
  const { t } = useTranslation();
  const current = lists.phases.find((phase) => phase.id === lists.currentPhaseId);
  return (
    <div className="field-row">
      <SelectField
        id="quick-phase"
        label={t('quickCommand.phase')}
        hint={current ? t('quickCommand.phaseHint', { name: current.name }) : undefined}
        error={form.formState.errors.phaseId?.message}
        {...form.register('phaseId')}
      >
        <option value="">{t('work.choose')}</option>
        {lists.phases
          .filter((phase) => phase.id !== lists.currentPhaseId)
          .map((phase) => (
            <option key={phase.id} value={phase.id}>
              {`${phase.ordinal}. ${showHidden(phase.name)}`}
            </option>
          ))}
      </SelectField>
    </div>
  );
}

/** Owner (a role, a person or both) and due time of a task; for an "actie" they are optional and make it one. */
export function TaskFields({ form, lists, optional }: { form: QuickForm; lists: QuickLists; optional: boolean }) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  return (
    <fieldset className="quick-owner">
      <legend>{t('quickCommand.owner')}</legend>
      <p className="hint" id="quick-owner-hint">
        {t(optional ? 'quickCommand.actieOwnerHint' : 'quickCommand.ownerHint')}
      </p>
      <div className="field-row">
        <SelectField
          id="quick-owner-role"
          label={t('quickCommand.ownerRole')}
          aria-describedby="quick-owner-hint"
          error={errors.ownerRoleId?.message}
          {...form.register('ownerRoleId')}
        >
          <option value="">{t('work.none')}</option>
          {lists.roles.map((role) => (
            <option key={role.id} value={role.id}>
              {showHidden(role.name)}
            </option>
          ))}
        </SelectField>
        <SelectField id="quick-owner-person" label={t('quickCommand.ownerPerson')} error={errors.ownerPersonId?.message} {...form.register('ownerPersonId')}>
          <option value="">{t('work.none')}</option>
          {lists.people.map((person) => (
            <option key={person.id} value={person.id}>
              {showHidden(person.name)}
            </option>
          ))}
        </SelectField>
      </div>
      <TimeField control={form.control} name="dueAt" id="quick-due" label={t('quickCommand.due')} hint={t('quickCommand.dueHint')} />
    </fieldset>
  );
}

/** The role held now that changes hands, and the person who takes it over. */
export function HandOverFields({ form, lists }: { form: QuickForm; lists: QuickLists }) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  const assignmentId = useWatch({ control: form.control, name: 'assignmentId' });
  const holder = lists.active.find((assignment) => assignment.id === assignmentId);
  return (
    <>
      {lists.active.length === 0 && <p className="notice">{t('quickCommand.noRoles')}</p>}
      <div className="field-row">
        <SelectField id="quick-assignment" label={t('quickCommand.assignment')} error={errors.assignmentId?.message} {...form.register('assignmentId')}>
          <option value="">{t('work.choose')}</option>
          {lists.active.map((assignment) => (
            <option key={assignment.id} value={assignment.id}>
              {`${showHidden(lists.roleName(assignment.roleId))}: ${showHidden(assignment.personName)}`}
            </option>
          ))}
        </SelectField>
        <SelectField id="quick-to-person" label={t('quickCommand.toPerson')} error={errors.toPersonId?.message} {...form.register('toPersonId')}>
          <option value="">{t('work.choose')}</option>
          {lists.people
            .filter((person) => person.id !== holder?.personId)
            .map((person) => (
              <option key={person.id} value={person.id}>
                {showHidden(person.function ? `${person.name} (${person.function})` : person.name)}
              </option>
            ))}
        </SelectField>
      </div>
    </>
  );
}
