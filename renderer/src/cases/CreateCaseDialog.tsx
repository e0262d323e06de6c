import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { defaultInitialPhaseId } from '../../../shared/catalogue/phases';
import { classificationLabels, contentClasses, retentionCategoryIds } from '../../../shared/domain';
import { createCaseInput, limits } from '../../../shared/schemas';
import type { CaseDetail, Phase } from '../../../shared/views';
import { Field, SelectField } from '../components/Field';
import { formProblems, formResolver } from '../data/forms';
import { inputForm, orNull } from '../data/input-form';
import { useFormWrite, useOutcome } from '../data/writes';
import { formHasTypedText } from '../drafts';
import { Modal } from './Modal';
import { showHidden } from '../../../shared/visible-text';
import { FormAlert } from '../components/FormAlert';

export function CreateCaseDialog({
  phases,
  onClose,
  onCreated,
}: {
  phases: readonly Phase[];
  onClose(): void;
  onCreated(created: CaseDetail): void;
}) {
  const { t } = useTranslation();
  const schema = useMemo(
    () =>
      inputForm(
        {
          title: z.string(),
          municipality: z.string(),
          contentClass: z.enum(contentClasses),
          classification: z.enum(classificationLabels),
          retentionCategory: z.string(),
          phaseId: z.string(),
        },
        (values) => ({
          ...values,
          municipality: values.municipality.trim() === '' ? null : values.municipality,
          retentionCategory: orNull(values.retentionCategory) as z.input<typeof createCaseInput>['retentionCategory'],
          phaseId: values.phaseId || undefined,
        }),
        createCaseInput,
      ),
    [],
  );
  const form = useForm({
    resolver: formResolver(schema),
    defaultValues: {
      title: '',
      municipality: '',
      contentClass: 'onbekend' as const,
      classification: 'vertrouwelijk' as const,
      retentionCategory: '',
      phaseId: phases.some((phase) => phase.id === defaultInitialPhaseId) ? defaultInitialPhaseId : (phases[0]?.id ?? ''),
    },
  });
  const create = useFormWrite(form, 'cases.create');
  const outcome = useOutcome();
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (input) => {
    const result = await create(input);
    if (result.ok) onCreated(result.value);
    else outcome.failed(result.error);
  });

  return (
    <Modal labelledBy="new-case-heading" onClose={onClose} typedText={() => formHasTypedText(form, ['title', 'municipality'])}>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <h2 id="new-case-heading">{t('caseForm.title')}</h2>
        <Field id="new-case-title" type="text" autoFocus label={t('caseForm.caseTitle')} maxLength={limits.title} error={errors.title?.message} {...form.register('title')} />
        <Field
          id="new-case-municipality"
          type="text"
          label={t('caseForm.municipality')}
          maxLength={limits.name}
          error={errors.municipality?.message}
          {...form.register('municipality')}
        />
        <div className="field-row">
          <SelectField id="new-case-content" label={t('caseForm.contentClass')} {...form.register('contentClass')}>
            {contentClasses.map((value) => (
              <option key={value} value={value}>
                {t(`caseMeta.contentClass.${value}`)}
              </option>
            ))}
          </SelectField>
          <SelectField id="new-case-classification" label={t('caseForm.classification')} {...form.register('classification')}>
            {classificationLabels.map((value) => (
              <option key={value} value={value}>
                {t(`caseMeta.classification.${value}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="field-row">
          <SelectField id="new-case-retention" label={t('caseForm.retention')} {...form.register('retentionCategory')}>
            <option value="">{t('caseForm.retentionLater')}</option>
            {retentionCategoryIds.map((value) => (
              <option key={value} value={value}>
                {t(`caseMeta.retention.${value}`)}
              </option>
            ))}
          </SelectField>
          <SelectField id="new-case-phase" label={t('caseForm.phase')} {...form.register('phaseId')}>
            {phases.map((phase) => (
              <option key={phase.id} value={phase.id}>
                {showHidden(phase.name)}
              </option>
            ))}
          </SelectField>
        </div>
        <FormAlert problems={formProblems(errors)} error={outcome.error} />
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            {t('caseForm.submit')}
          </button>
          <button type="button" onClick={onClose}>
            {t('dialog.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
