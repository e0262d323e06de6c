import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { classificationLabels, contentClasses, retentionCategoryIds, type ClassificationLabel, type ContentClass, type RetentionCategory } from '../../../shared/domain';
import { defaultInitialPhaseId } from '../../../shared/catalogue/phases';
import { limits } from '../../../shared/schemas';
import type { CaseDetail, Phase } from '../../../shared/views';
import { showHidden } from '../../../shared/visible-text';
import { api, errorText } from '../api';
import { Field, SelectField } from '../components/Field';
import { useCaseWork } from './context';
import { Modal } from './Modal';

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
  const { settle } = useCaseWork();
  const [title, setTitle] = useState('');
  const [municipality, setMunicipality] = useState('');
  const [contentClass, setContentClass] = useState<ContentClass>('onbekend');
  const [classification, setClassification] = useState<ClassificationLabel>('vertrouwelijk');
  const [retention, setRetention] = useState<RetentionCategory | ''>('');
  const [phaseId, setPhaseId] = useState(phases.some((phase) => phase.id === defaultInitialPhaseId) ? defaultInitialPhaseId : (phases[0]?.id ?? ''));
  const [titleError, setTitleError] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (title.trim() === '') {
      setTitleError(t('form.required'));
      document.getElementById('new-case-title')?.focus();
      return;
    }
    setTitleError('');
    setBusy(true);
    const result = settle(
      await api['cases.create']({
        title,
        municipality: municipality.trim() === '' ? null : municipality,
        contentClass,
        classification,
        retentionCategory: retention === '' ? null : retention,
        ...(phaseId ? { phaseId } : {}),
      }),
    );
    setBusy(false);
    if (result.ok) onCreated(result.value);
    else setError(errorText(result.error));
  }

  return (
    <Modal labelledBy="new-case-heading" onClose={onClose}>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <h2 id="new-case-heading">{t('caseForm.title')}</h2>
        <Field
          id="new-case-title"
          type="text"
          autoFocus
          label={t('caseForm.caseTitle')}
          maxLength={limits.title}
          error={titleError}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
        <Field
          id="new-case-municipality"
          type="text"
          label={t('caseForm.municipality')}
          maxLength={limits.name}
          value={municipality}
          onChange={(event) => setMunicipality(event.target.value)}
        />
        <div className="field-row">
          <SelectField id="new-case-content" label={t('caseForm.contentClass')} value={contentClass} onChange={(event) => setContentClass(event.target.value as ContentClass)}>
            {contentClasses.map((value) => (
              <option key={value} value={value}>
                {t(`caseMeta.contentClass.${value}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="new-case-classification"
            label={t('caseForm.classification')}
            value={classification}
            onChange={(event) => setClassification(event.target.value as ClassificationLabel)}
          >
            {classificationLabels.map((value) => (
              <option key={value} value={value}>
                {t(`caseMeta.classification.${value}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="field-row">
          <SelectField id="new-case-retention" label={t('caseForm.retention')} value={retention} onChange={(event) => setRetention(event.target.value as RetentionCategory | '')}>
            <option value="">{t('caseForm.retentionLater')}</option>
            {retentionCategoryIds.map((value) => (
              <option key={value} value={value}>
                {t(`caseMeta.retention.${value}`)}
              </option>
            ))}
          </SelectField>
          <SelectField id="new-case-phase" label={t('caseForm.phase')} value={phaseId} onChange={(event) => setPhaseId(event.target.value)}>
            {phases.map((phase) => (
              <option key={phase.id} value={phase.id}>
                {showHidden(phase.name)}
              </option>
            ))}
          </SelectField>
        </div>
        <p role="alert" className="form-error">
          {error}
        </p>
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={busy}>
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
