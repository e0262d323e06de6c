import { useMemo, useState, type KeyboardEvent } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { informationCredibility, manualEntryTypes, sourceReliability, type ManualEntryType } from '../../../shared/domain';
import { appendEntryInput, correctEntryInput, liesAhead, limits } from '../../../shared/schemas';
import type { Entry } from '../../../shared/views';
import { emptyDateTime } from '../../../shared/time';
import { useDateTimeValueOf, useReadDateTime } from '../components/DateTimeField';
import { Field, SelectField } from '../components/Field';
import { formProblems, formResolver } from '../data/forms';
import { dateTimeValue, inputForm, timeInput } from '../data/input-form';
import { useFormWrite, useOutcome } from '../data/writes';
import { draftKeys, formHasTypedText, useFormDraft } from '../drafts';
import { useDates } from './context';
import { Modal } from './Modal';
import { LongText, TimeField } from '../components/FormFields';
import { FormAlert } from '../components/FormAlert';

export type QuickEntryMode = { kind: 'new' } | { kind: 'correct'; entry: Entry };

const isManual = (type: string): type is ManualEntryType => (manualEntryTypes as readonly string[]).includes(type);

const fields = {
  type: z.enum(manualEntryTypes),
  text: z.string(),
  occurredAt: dateTimeValue,
  source: z.string(),
  sourceReliability: z.enum(['', ...sourceReliability]),
  informationCredibility: z.enum(['', ...informationCredibility]),
  personalData: z.boolean(),
};


/**
 * Keyboard-first recording for a crisis room: type (first letter picks it), text, Enter. The dialog stays open
 * with focus back in the text field for the next line; Shift+Enter starts a new line, Escape closes.
 * In correction mode the same form records a correction; the original stays in the log, marked.
 */
export function QuickEntry({
  caseId,
  mode,
  onRecorded,
  onClose,
}: {
  caseId: string;
  mode: QuickEntryMode;
  onRecorded(entry: Entry): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const date = useDates();
  const read = useReadDateTime();
  const valueOf = useDateTimeValueOf();
  const original = mode.kind === 'correct' ? mode.entry : null;
  const schema = useMemo(() => {
    const common = (values: z.output<z.ZodObject<typeof fields>>, context: z.RefinementCtx) => {
      const occurredAt = timeInput(values.occurredAt, read, context, 'occurredAt');
      if (occurredAt !== undefined && liesAhead(occurredAt)) {
        context.addIssue({ code: 'custom', path: ['occurredAt'], message: t('quickEntry.occurredAtInvalid') });
      }
      return {
        text: values.text,
        occurredAt,
        source: values.source.trim() === '' ? null : values.source,
        sourceReliability: values.sourceReliability === '' ? null : values.sourceReliability,
        informationCredibility: values.informationCredibility === '' ? null : values.informationCredibility,
        personalData: values.personalData,
      };
    };
    return original
      ? inputForm(fields, (values, context) => ({ entryId: original.id, ...common(values, context) }), correctEntryInput)
      : inputForm(fields, (values, context) => ({ caseId, type: values.type, ...common(values, context) }), appendEntryInput);
  }, [caseId, original, read, t]);
  const empty = {
    type: original && isManual(original.type) ? original.type : ('signaal' as ManualEntryType),
    text: original?.text ?? '',
    occurredAt: original ? valueOf(original.occurredAt) : emptyDateTime,
    source: original?.source ?? '',
    sourceReliability: original?.sourceReliability ?? '',
    informationCredibility: original?.informationCredibility ?? '',
    personalData: original?.personalData ?? false,
  } as const;
  const form = useForm({ resolver: formResolver(schema), defaultValues: empty });
  const draft = useFormDraft(original ? draftKeys.correction(caseId, original.id) : draftKeys.quickEntry(caseId), form);
  const append = useFormWrite(form, 'entries.append');
  const correct = useFormWrite(form, 'entries.correct');
  const outcome = useOutcome();
  const [announcement, setAnnouncement] = useState('');
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(
    async (input) => {
      setAnnouncement('');
      const result = original
        ? await correct(input as z.output<typeof correctEntryInput>)
        : await append(input as z.output<typeof appendEntryInput>);
      if (!result.ok) return outcome.failed(result.error);
      outcome.clear();
      onRecorded(result.value);
      if (original) {
        onClose();
        return;
      }
      setAnnouncement(t('quickEntry.recorded', { type: t(`entryTypes.${result.value.type}`), time: date(result.value.occurredAt, 'time') }));
      // The next line is usually of the same kind: keep the type, clear the rest.
      form.reset({ ...empty, type: form.getValues('type') });
      form.setFocus('text');
    },
    (invalid) => {
      if (invalid.text) form.setFocus('text');
      else if (invalid.occurredAt) form.setFocus('occurredAt');
    },
  );

  function onTextKey(event: KeyboardEvent<HTMLTextAreaElement>): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      if (!isSubmitting) void submit();
    }
  }

  return (
    <Modal
      labelledBy="quick-heading"
      onClose={onClose}
      className="quick-entry"
      typedText={() => formHasTypedText(form, ['text', 'source', 'occurredAt'])}
      onDiscard={draft.discard}
    >
      <form noValidate onSubmit={(event) => void submit(event)}>
        <h2 id="quick-heading">{t(original ? 'quickEntry.correctTitle' : 'quickEntry.title')}</h2>
        {draft.offer}
        {original && (
          <p className="notice">
            {t('quickEntry.correcting', { seq: original.seq, time: date(original.occurredAt) })}
          </p>
        )}
        <div className="field-row">
          <SelectField
            id="quick-type"
            label={t('quickEntry.type')}
            hint={t('quickEntry.typeHint')}
            disabled={original !== null}
            autoFocus={original === null}
            {...form.register('type')}
          >
            {manualEntryTypes.map((value) => (
              <option key={value} value={value}>
                {t(`entryTypes.${value}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <LongText
          control={form.control}
          name="text"
          id="quick-text"
          label={t('quickEntry.text')}
          hint={t('quickEntry.textHint')}
          maxLength={limits.entryText}
          rows={3}
          autoFocus={original !== null}
          onKeyDown={onTextKey}
        />
        <div className="field-row">
          <TimeField control={form.control} name="occurredAt" id="quick-occurred" label={t('quickEntry.occurredAt')} hint={t('quickEntry.occurredAtHint')} />
          <Field
            id="quick-source"
            grow
            type="text"
            label={t('quickEntry.source')}
            maxLength={limits.name}
            error={errors.source?.message} {...form.register('source')} />
          <SelectField id="quick-reliability" label={t('quickEntry.reliability')} {...form.register('sourceReliability')}>
            <option value="">{t('quickEntry.notGraded')}</option>
            {sourceReliability.map((value) => (
              <option key={value} value={value}>
                {t(`grading.reliability.${value}`)}
              </option>
            ))}
          </SelectField>
          <SelectField id="quick-credibility" label={t('quickEntry.credibility')} {...form.register('informationCredibility')}>
            <option value="">{t('quickEntry.notGraded')}</option>
            {informationCredibility.map((value) => (
              <option key={value} value={value}>
                {t(`grading.credibility.${value}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="checkbox">
          <input id="quick-personal" type="checkbox" {...form.register('personalData')} />
          <label htmlFor="quick-personal">{t('quickEntry.personalData')}</label>
        </div>
        <FormAlert problems={formProblems(errors)} error={outcome.error} />
        <p role="status" className="recorded" aria-live="polite">
          {announcement}
        </p>
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            {t(original ? 'quickEntry.submitCorrection' : 'quickEntry.submit')}
          </button>
          <button type="button" onClick={onClose}>
            {t('quickEntry.close')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
