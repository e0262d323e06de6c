import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { retentionCategoryIds, type RetentionCategory } from '../../../shared/domain';
import { archiveCaseInput, closeCaseInput, limits, reopenCaseInput } from '../../../shared/schemas';
import type { CaseDetail } from '../../../shared/views';
import { SelectField } from '../components/Field';
import { formProblems, formResolver } from '../data/forms';
import { inputForm } from '../data/input-form';
import { useFormWrite, useOutcome } from '../data/writes';
import { formHasTypedText } from '../drafts';
import { Modal } from './Modal';
import { LongText } from '../components/FormFields';
import { FormAlert } from '../components/FormAlert';

export type StatusAction = 'close' | 'reopen' | 'archive';

const fields = { reason: z.string(), retentionCategory: z.string() };

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
  const caseId = caseDetail.id;
  const needsRetention = action === 'close' && caseDetail.retentionCategory === null;
  const schema = useMemo(() => {
    switch (action) {
      case 'close':
        return inputForm(
          fields,
          (values, context) => {
            // Closing starts the retention period: the service takes the case's category or asks for one.
            if (needsRetention && values.retentionCategory === '') {
              context.addIssue({ code: 'custom', path: ['retentionCategory'], message: t('caseStatus.retentionNeeded') });
            }
            return {
              caseId,
              reason: values.reason,
              ...(values.retentionCategory ? { retentionCategory: values.retentionCategory as RetentionCategory } : {}),
            };
          },
          closeCaseInput,
        );
      case 'reopen':
        return inputForm(fields, (values) => ({ caseId, reason: values.reason }), reopenCaseInput);
      case 'archive':
        return inputForm(fields, () => ({ caseId }), archiveCaseInput);
    }
  }, [action, caseId, needsRetention, t]);
  const form = useForm({ resolver: formResolver(schema), defaultValues: { reason: '', retentionCategory: '' } });
  const close = useFormWrite(form, 'cases.close');
  const reopen = useFormWrite(form, 'cases.reopen');
  const archive = useFormWrite(form, 'cases.archive');
  const outcome = useOutcome();
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (input) => {
    const result =
      action === 'close'
        ? await close(input as z.output<typeof closeCaseInput>)
        : action === 'reopen'
          ? await reopen(input as z.output<typeof reopenCaseInput>)
          : await archive(input);
    if (result.ok) onDone(result.value);
    else outcome.failed(result.error);
  });

  return (
    <Modal labelledBy="status-heading" onClose={onClose} typedText={() => formHasTypedText(form, ['reason'])}>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <h2 id="status-heading">{t(`caseStatus.${action}.title`)}</h2>
        <p>{t(`caseStatus.${action}.intro`)}</p>
        {action !== 'archive' && (
          <LongText
            control={form.control}
            name="reason"
            id="status-reason"
            label={t(action === 'reopen' ? 'caseStatus.reasonRequired' : 'caseStatus.reason')}
            maxLength={limits.reason}
            rows={3}
            autoFocus
          />
        )}
        {needsRetention && (
          <SelectField id="status-retention" label={t('caseForm.retention')} error={errors.retentionCategory?.message} {...form.register('retentionCategory')}>
            <option value="">{t('caseStatus.chooseRetention')}</option>
            {retentionCategoryIds.map((value) => (
              <option key={value} value={value}>
                {t(`caseMeta.retention.${value}`)}
              </option>
            ))}
          </SelectField>
        )}
        <FormAlert problems={formProblems(errors)} error={outcome.error} />
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={isSubmitting} autoFocus={action === 'archive'}>
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
