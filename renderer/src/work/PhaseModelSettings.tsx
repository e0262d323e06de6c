import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { createPhaseInput, updatePhaseInput } from '../../../shared/phase-model-schemas';
import type { Failure } from '../../../shared/result';
import type { Phase } from '../../../shared/views';
import { Field, SelectField } from '../components/Field';
import { useApi } from '../data/api';
import { formProblems, formResolver } from '../data/forms';
import { inputForm } from '../data/input-form';
import { queryKeys, useApiQuery } from '../data/queries';
import { useFormWrite, useOutcome, useWrite } from '../data/writes';
import { LoadState, Outcome } from './shared';
import { UserText } from '../components/UserText';
import { showHidden } from '../../../shared/visible-text';
import { limits } from '../../../shared/schemas';
import { LongText } from '../components/FormFields';

interface Reported {
  succeeded(message: string): void;
  failed(error: Failure): void;
}

/**
 * The phase model as a settings screen: a beheerder renames, describes, reorders and adds phases, and removes
 * one that no case, entry or intervention uses (the main process refuses otherwise). Others only read it.
 */
export function PhaseModelSettings({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const phaseList = useApiQuery(queryKeys.catalogue('phases'), () => api['phases.list']());
  const reorder = useWrite('phaseModel.reorder');
  const remove = useWrite('phaseModel.remove');
  const outcome = useOutcome();

  const phases = phaseList.data?.phases ?? [];
  const order = phases.map((phase) => phase.id).join(',');

  async function move(phase: Phase, index: number, offset: -1 | 1): Promise<void> {
    const ids = phases.map((item) => item.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + offset, 0, moved!);
    // One intent per move from this order: a double click moves the phase once.
    const result = await reorder({ phaseIds: ids }, `${order}:${phase.id}:${offset}`);
    if (!result.ok) return outcome.failed(result.error);
    outcome.succeeded(t('work.phaseModel.moved', { name: phase.name, position: index + offset + 1 }));
  }

  async function removePhase(phase: Phase): Promise<void> {
    const result = await remove({ phaseId: phase.id }, phase.id);
    if (!result.ok) return outcome.failed(result.error);
    outcome.succeeded(t('work.phaseModel.removed', { name: phase.name }));
  }

  return (
    <section className="work-section" aria-labelledby="work-phase-model-title">
      <h2 id="work-phase-model-title">{t('work.phaseModel.title')}</h2>
      <p className="hint">{canManage ? t('work.phaseModel.intro') : t('work.phaseModel.readOnly')}</p>
      {!phaseList.data && <LoadState error={phaseList.error} loading />}
      <Outcome message={outcome.message} error={outcome.error} />
      <ol className="work-phase-model">
        {phases.map((phase, index) => (
          <li key={`${phase.id}-${phase.name}-${phase.description}`}>
            {canManage ? (
              <PhaseEditor
                phase={phase}
                first={index === 0}
                last={index === phases.length - 1}
                report={outcome}
                onMove={(offset) => void move(phase, index, offset)}
                onRemove={() => void removePhase(phase)}
              />
            ) : (
              <>
                <p className="work-phase-model-name">
                  {phase.ordinal}. <UserText text={phase.name} />
                </p>
                <p className="hint">
                  <UserText text={phase.description} />
                </p>
              </>
            )}
          </li>
        ))}
      </ol>
      {canManage && phaseList.data && <AddPhaseForm phases={phases} report={outcome} />}
    </section>
  );
}

const phaseFields = { name: z.string(), description: z.string() };

function PhaseEditor({
  phase,
  first,
  last,
  report,
  onMove,
  onRemove,
}: {
  phase: Phase;
  first: boolean;
  last: boolean;
  report: Reported;
  onMove(offset: -1 | 1): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  const id = `work-phase-model-${phase.id}`;
  const schema = useMemo(() => inputForm(phaseFields, (values) => ({ phaseId: phase.id, ...values }), updatePhaseInput), [phase.id]);
  const form = useForm({ resolver: formResolver(schema), defaultValues: { name: phase.name, description: phase.description } });
  const update = useFormWrite(form, 'phaseModel.update');
  const { errors, isSubmitting } = form.formState;

  const save = form.handleSubmit(async (input) => {
    const result = await update(input);
    if (!result.ok) return report.failed(result.error);
    report.succeeded(t('work.phaseModel.saved', { name: input.name }));
  });

  return (
    <form className="work-phase-editor" noValidate onSubmit={(event) => void save(event)} aria-label={t('work.phaseModel.phaseLabel', { ordinal: phase.ordinal, name: phase.name })}>
      <p className="work-phase-model-name" aria-hidden="true">
        {phase.ordinal}. <UserText text={phase.name} />
      </p>
      <Field id={`${id}-name`} type="text" label={t('work.phaseModel.name')} error={errors.name?.message} maxLength={limits.name} {...form.register('name')} />
      <LongText control={form.control} name="description" id={`${id}-description`} label={t('work.phaseModel.description')} rows={2} maxLength={limits.notes} />
      <div className="work-actions">
        <button type="submit" className="primary" disabled={isSubmitting}>
          {t('work.phaseModel.save')}
          <span className="visually-hidden"> {showHidden(phase.name)}</span>
        </button>
        <button type="button" disabled={first} onClick={() => onMove(-1)}>
          {t('work.phaseModel.up')}
          <span className="visually-hidden"> {showHidden(phase.name)}</span>
        </button>
        <button type="button" disabled={last} onClick={() => onMove(1)}>
          {t('work.phaseModel.down')}
          <span className="visually-hidden"> {showHidden(phase.name)}</span>
        </button>
        <button type="button" className="danger" onClick={onRemove}>
          {t('work.phaseModel.remove')}
          <span className="visually-hidden"> {showHidden(phase.name)}</span>
        </button>
      </div>
      <Outcome message="" error={null} problems={formProblems(errors)} />
    </form>
  );
}

function AddPhaseForm({ phases, report }: { phases: Phase[]; report: Reported }) {
  const { t } = useTranslation();
  const schema = useMemo(
    () =>
      inputForm(
        { ...phaseFields, position: z.string() },
        (values) => ({ name: values.name, description: values.description, ...(values.position ? { position: Number(values.position) } : {}) }),
        createPhaseInput,
      ),
    [],
  );
  const form = useForm({ resolver: formResolver(schema), defaultValues: { name: '', description: '', position: '' } });
  const create = useFormWrite(form, 'phaseModel.create');
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (input) => {
    const result = await create(input);
    if (!result.ok) return report.failed(result.error);
    form.reset();
    report.succeeded(t('work.phaseModel.added', { name: input.name }));
  });

  return (
    <form className="work-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="work-phase-add-title">
      <h3 id="work-phase-add-title">{t('work.phaseModel.addTitle')}</h3>
      <Field id="work-phase-add-name" type="text" label={t('work.phaseModel.name')} error={errors.name?.message} maxLength={limits.name} {...form.register('name')} />
      <LongText control={form.control} name="description" id="work-phase-add-description" label={t('work.phaseModel.description')} rows={2} maxLength={limits.notes} />
      <SelectField id="work-phase-add-position" label={t('work.phaseModel.position')} {...form.register('position')}>
        <option value="">{t('work.phaseModel.atEnd')}</option>
        {phases.map((phase, index) => (
          <option key={phase.id} value={String(index + 1)}>
            {t('work.phaseModel.before', { name: phase.name })}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="primary" disabled={isSubmitting}>
        {t('work.phaseModel.add')}
      </button>
      <Outcome message="" error={null} problems={formProblems(errors)} />
    </form>
  );
}
