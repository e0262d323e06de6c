import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ComposeHandoverInput, HandoverPreview } from '../../../shared/briefing';
import { limits } from '../../../shared/schemas';
import { Field, SelectField, TextAreaField } from '../components/Field';
import { useApi } from '../data/api';
import { takeHandoverOffer } from '../handover-offer';
import type { Failure } from '../../../shared/result';

interface HandoverFields {
  /** '' for since the previous report; else a number of hours. */
  hours: string;
  incomingName: string;
  firstActions: string;
}

const hourChoices = ['4', '8', '12', '24'] as const;

/**
 * The shift-handover report: the outgoing person picks the shift (since the previous report, or the last hours),
 * names who takes over and writes the first actions; Ordelog fills in the rest from the log. Previewed here, and
 * exported as a PDF that is recorded like a briefing (for roles that may write).
 */
export function HandoverReport({
  caseId,
  busy,
  canExport,
  progress,
  onError,
  onExport,
}: {
  caseId: string;
  busy: boolean;
  canExport: boolean;
  /** The running export's progress and cancel, under the button that started it. */
  progress: ReactNode;
  onError(error: Failure): void;
  onExport(input: ComposeHandoverInput): Promise<void>;
}) {
  const { t } = useTranslation();
  const api = useApi();
  // Opened from a handover of the OOV-adviseur role: who takes over is known, and the form is where to go.
  const [offered] = useState(() => takeHandoverOffer(caseId));
  const form = useForm<HandoverFields>({ defaultValues: { hours: '', incomingName: offered ?? '', firstActions: '' } });
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (offered === null) return;
    section.current?.scrollIntoView({ block: 'start' });
    form.setFocus('firstActions');
  }, [offered, form]);
  const [preview, setPreview] = useState<HandoverPreview | null>(null);
  const inputOf = (fields: HandoverFields): ComposeHandoverInput => ({
    caseId,
    hours: fields.hours === '' ? null : Number(fields.hours),
    incomingName: fields.incomingName,
    firstActions: fields.firstActions,
  });
  const showPreview = form.handleSubmit(async (fields) => {
    const result = await api['handovers.preview'](inputOf(fields));
    if (result.ok) setPreview(result.value);
    else onError(result.error);
  });
  const exportPdf = form.handleSubmit((fields) => onExport(inputOf(fields)));
  const disabled = busy || form.formState.isSubmitting;

  return (
    <section ref={section} className="briefing-block briefing-handover" aria-labelledby="briefing-handover-title">
      <h3 id="briefing-handover-title">{t('briefing.handover.title')}</h3>
      <p className="hint">{t('briefing.handover.intro')}</p>
      <SelectField id="handover-hours" label={t('briefing.handover.hours')} {...form.register('hours')}>
        <option value="">{t('briefing.handover.hoursSince')}</option>
        {hourChoices.map((hours) => (
          <option key={hours} value={hours}>
            {t('briefing.handover.hoursLast', { count: Number(hours) })}
          </option>
        ))}
      </SelectField>
      <Field id="handover-incoming" label={t('briefing.handover.incoming')} maxLength={limits.name} {...form.register('incomingName')} />
      <TextAreaField
        id="handover-first-actions"
        label={t('briefing.handover.firstActions')}
        hint={t('briefing.handover.firstActionsHint')}
        rows={4}
        maxLength={limits.entryText}
        {...form.register('firstActions')}
      />
      <div className="work-actions">
        <button type="button" disabled={disabled} onClick={() => void showPreview()}>
          {t('briefing.handover.preview')}
        </button>
        {canExport && (
          <button type="button" disabled={disabled} onClick={() => void exportPdf()}>
            {t('briefing.handover.export')}
          </button>
        )}
      </div>
      {progress}
      {preview ? (
        <div className="briefing-desk" role="region" aria-label={t('briefing.handover.title')} tabIndex={0}>
          {/* Main's own HTML of the report, built from escaped text only, as the briefing's preview is. */}
          <div className="briefing-preview-paper ordelog-preview" lang={preview.document.locale} dangerouslySetInnerHTML={{ __html: preview.html }} />
        </div>
      ) : (
        <p className="hint">{t('briefing.handover.none')}</p>
      )}
    </section>
  );
}
