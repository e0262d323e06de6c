import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { retentionCategoryIds, type RetentionCategory } from '../../../shared/domain';
import { limits } from '../../../shared/schemas';
import type { CaseDetail } from '../../../shared/views';
import { api, errorText } from '../api';
import { SelectField, TextAreaField } from '../components/Field';
import { useCaseWork } from './context';
import { Modal } from './Modal';

export type StatusAction = 'close' | 'reopen' | 'archive';

/** Close (reason; a retention category when the case has none), reopen (reason required) or archive (final). */
export function CaseStatusDialog({
  action,
  caseDetail,
  onClose,
  onDone,
}: {
  action: StatusAction;
  caseDetail: CaseDetail;
  onClose(): void;
  onDone(updated: CaseDetail): void;
}) {
  const { t } = useTranslation();
  const { settle } = useCaseWork();
  const [reason, setReason] = useState('');
  const [retention, setRetention] = useState<RetentionCategory | ''>('');
  const [fieldError, setFieldError] = useState<'reason' | 'retention' | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const needsRetention = action === 'close' && caseDetail.retentionCategory === null;

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (action === 'reopen' && reason.trim() === '') {
      setFieldError('reason');
      document.getElementById('status-reason')?.focus();
      return;
    }
    if (needsRetention && retention === '') {
      setFieldError('retention');
      document.getElementById('status-retention')?.focus();
      return;
    }
    setFieldError(null);
    setBusy(true);
    const caseId = caseDetail.id;
    const result = settle(
      action === 'close'
        ? await api['cases.close']({ caseId, reason, ...(retention ? { retentionCategory: retention } : {}) })
        : action === 'reopen'
          ? await api['cases.reopen']({ caseId, reason })
          : await api['cases.archive']({ caseId }),
    );
    setBusy(false);
    if (result.ok) onDone(result.value);
    else setError(errorText(result.error));
  }

  return (
    <Modal labelledBy="status-heading" onClose={onClose}>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <h2 id="status-heading">{t(`caseStatus.${action}.title`)}</h2>
        <p>{t(`caseStatus.${action}.intro`)}</p>
        {action !== 'archive' && (
          <TextAreaField
            id="status-reason"
            label={t(action === 'reopen' ? 'caseStatus.reasonRequired' : 'caseStatus.reason')}
            error={fieldError === 'reason' && t('form.required')}
            maxLength={limits.reason}
            rows={3}
            autoFocus
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        )}
        {needsRetention && (
          <SelectField
            id="status-retention"
            label={t('caseForm.retention')}
            error={fieldError === 'retention' && t('caseStatus.retentionNeeded')}
            value={retention}
            onChange={(event) => setRetention(event.target.value as RetentionCategory | '')}
          >
            <option value="">{t('caseStatus.chooseRetention')}</option>
            {retentionCategoryIds.map((value) => (
              <option key={value} value={value}>
                {t(`caseMeta.retention.${value}`)}
              </option>
            ))}
          </SelectField>
        )}
        <p role="alert" className="form-error">
          {error}
        </p>
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={busy} autoFocus={action === 'archive'}>
            {t(`caseStatus.${action}.submit`)}
          </button>
          <button type="button" onClick={onClose}>
            {t('dialog.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
