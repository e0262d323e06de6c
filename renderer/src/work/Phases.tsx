import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { changePhaseInput, limits } from '../../../shared/schemas';
import type { Phase } from '../../../shared/views';
import { emptyDateTime } from '../../../shared/time';
import { DataTable } from '../components/DataTable';
import { useReadDateTime } from '../components/DateTimeField';
import { SelectField } from '../components/Field';
import { useApi } from '../data/api';
import { formProblems, formResolver } from '../data/forms';
import { dateTimeValue, inputForm, timeInput } from '../data/input-form';
import { queryKeys, useApiQuery } from '../data/queries';
import { useFormWrite, useOutcome } from '../data/writes';
import { draftKeys, useFormDraft } from '../drafts';
import { canEdit, LoadState, Outcome, useDates, WorkSection, type WorkSectionProps } from './shared';
import { UserText } from '../components/UserText';
import { showHidden } from '../../../shared/visible-text';
import { LongText, TimeField } from '../components/FormFields';

/** The case's current phase, the phase model as a row of steps, the history of changes and "Fase wijzigen". */
export function PhasesSection(props: WorkSectionProps) {
  const { caseDetail } = props;
  const { t } = useTranslation();
  const api = useApi();
  const dates = useDates();
  const caseId = caseDetail.id;
  const phaseList = useApiQuery(queryKeys.catalogue('phases'), () => api['phases.list']());
  const transitionList = useApiQuery(queryKeys.ofCase(caseId, 'transitions'), () => api['phases.transitions']({ caseId }));
  const currentId = caseDetail.phaseId;

  if (!phaseList.data || !transitionList.data) {
    return (
      <WorkSection id="work-phases" title={t('work.phases.title')}>
        <LoadState error={phaseList.error ?? transitionList.error} loading />
      </WorkSection>
    );
  }
  const { phases } = phaseList.data;
  const { transitions } = transitionList.data;
  const nameOf = (id: string | null) => (id === null ? '' : (phases.find((phase) => phase.id === id)?.name ?? id));
  const current = phases.find((phase) => phase.id === currentId);
  const history = [...transitions].sort((a, b) => b.at.localeCompare(a.at));

  return (
    <WorkSection id="work-phases" title={t('work.phases.title')}>
      <div className="work-current-phase">
        <p className="work-label">{t('work.phases.current')}</p>
        <p className="work-current-phase-name">
          <UserText text={current?.name ?? currentId} />
        </p>
        {current?.description && (
          <p className="hint">
            <UserText text={current.description} />
          </p>
        )}
      </div>
      <ol className="work-phase-steps" aria-label={t('work.phases.model')}>
        {phases.map((phase) => (
          <li
            key={phase.id}
            aria-current={phase.id === currentId ? 'step' : undefined}
            className={phase.id === currentId ? 'is-current' : undefined}
          >
            <span className="work-phase-ordinal">{phase.ordinal}</span> <UserText text={phase.name} />
            {phase.id === currentId && <span className="visually-hidden"> ({t('work.phases.currentMarker')})</span>}
          </li>
        ))}
      </ol>
      {canEdit(props) && <ChangePhaseForm caseId={caseId} phases={phases} currentId={currentId} />}
      <h3>{t('work.phases.history')}</h3>
      <DataTable
        caption={t('work.phases.history')}
        columns={[t('work.phases.when'), t('work.phases.change'), t('work.phases.reason'), t('work.phases.by')]}
        rows={history}
        empty={t('work.phases.noHistory')}
      >
        {(transition) => (
          <tr key={transition.id}>
            <td>{dates.format(transition.at)}</td>
            <td>
              {transition.fromPhaseId === null
                ? t('work.phases.opened', { to: nameOf(transition.toPhaseId) })
                : t('work.phases.fromTo', { from: nameOf(transition.fromPhaseId), to: nameOf(transition.toPhaseId) })}
            </td>
            <td className="work-text">
              <UserText text={transition.reason} />
            </td>
            <td>
              <UserText text={transition.byName} />
            </td>
          </tr>
        )}
      </DataTable>
    </WorkSection>
  );
}

function ChangePhaseForm({ caseId, phases, currentId }: { caseId: string; phases: Phase[]; currentId: string }) {
  const { t } = useTranslation();
  const read = useReadDateTime();
  const others = phases.filter((phase) => phase.id !== currentId);
  const schema = useMemo(
    () =>
      inputForm(
        { phaseId: z.string(), reason: z.string(), at: dateTimeValue },
        (values, context) => ({ caseId, phaseId: values.phaseId, reason: values.reason, at: timeInput(values.at, read, context, 'at') }),
        changePhaseInput,
      ),
    [caseId, read],
  );
  const form = useForm({ resolver: formResolver(schema), defaultValues: { phaseId: '', reason: '', at: emptyDateTime } });
  const draft = useFormDraft(draftKeys.phaseChange(caseId), form);
  const changePhase = useFormWrite(form, 'phases.change');
  const outcome = useOutcome();
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (input) => {
    const result = await changePhase(input);
    if (!result.ok) return outcome.failed(result.error);
    form.reset();
    outcome.succeeded(t('work.phases.changed', { name: phases.find((phase) => phase.id === result.value.toPhaseId)?.name ?? result.value.toPhaseId }));
  });

  return (
    <form className="work-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="work-phase-change-title">
      <h3 id="work-phase-change-title">{t('work.phases.changeTitle')}</h3>
      {draft.offer}
      <SelectField id="work-phase-new" label={t('work.phases.newPhase')} required error={errors.phaseId?.message} {...form.register('phaseId')}>
        <option value="">{t('work.choose')}</option>
        {others.map((phase) => (
          <option key={phase.id} value={phase.id}>
            {`${phase.ordinal}. ${showHidden(phase.name)}`}
          </option>
        ))}
      </SelectField>
      <LongText
        control={form.control}
        name="reason"
        id="work-phase-reason"
        label={t('work.phases.reasonLabel')}
        hint={t('work.phases.reasonHint')}
        required
        rows={3} maxLength={limits.reason}
      />
      <TimeField control={form.control} name="at" id="work-phase-at" label={t('work.phases.at')} hint={t('work.nowIfEmpty')} />
      <button type="submit" className="primary" disabled={isSubmitting}>
        {t('work.phases.submit')}
      </button>
      <Outcome message={outcome.message} error={outcome.error} problems={formProblems(errors)} />
    </form>
  );
}
