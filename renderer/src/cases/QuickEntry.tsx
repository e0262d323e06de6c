import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  informationCredibility,
  manualEntryTypes,
  sourceReliability,
  type InformationCredibility,
  type ManualEntryType,
  type SourceReliability,
} from '../../../shared/domain';
import { limits } from '../../../shared/schemas';
import type { Entry } from '../../../shared/views';
import { api, errorText } from '../api';
import { Field, SelectField, TextAreaField } from '../components/Field';
import { useCaseWork, useDates } from './context';
import { Modal } from './Modal';
import { fromLocalInput, toLocalInput } from './time';

export type QuickEntryMode = { kind: 'new' } | { kind: 'correct'; entry: Entry };

const isManual = (type: string): type is ManualEntryType => (manualEntryTypes as readonly string[]).includes(type);

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
  const { settle, timeZone } = useCaseWork();
  const date = useDates();
  const original = mode.kind === 'correct' ? mode.entry : null;
  const [type, setType] = useState<ManualEntryType>(original && isManual(original.type) ? original.type : 'signaal');
  const [text, setText] = useState(original?.text ?? '');
  const [occurredAt, setOccurredAt] = useState(original ? toLocalInput(original.occurredAt, timeZone) : '');
  const [source, setSource] = useState(original?.source ?? '');
  const [reliability, setReliability] = useState<SourceReliability | ''>(original?.sourceReliability ?? '');
  const [credibility, setCredibility] = useState<InformationCredibility | ''>(original?.informationCredibility ?? '');
  const [personalData, setPersonalData] = useState(original?.personalData ?? false);
  const [fieldError, setFieldError] = useState<'text' | 'occurredAt' | null>(null);
  const [error, setError] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const [busy, setBusy] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);

  async function submit(event?: FormEvent<HTMLFormElement>): Promise<void> {
    event?.preventDefault();
    if (busy) return;
    setAnnouncement('');
    if (text.trim() === '') {
      setFieldError('text');
      textRef.current?.focus();
      return;
    }
    const at = occurredAt === '' ? undefined : fromLocalInput(occurredAt, timeZone);
    if (at === null || (at !== undefined && Date.parse(at) > Date.now() + 60_000)) {
      setFieldError('occurredAt');
      document.getElementById('quick-occurred')?.focus();
      return;
    }
    setFieldError(null);
    setError('');
    setBusy(true);
    const fields = {
      text,
      ...(at ? { occurredAt: at } : {}),
      source: source.trim() === '' ? null : source,
      sourceReliability: reliability === '' ? null : reliability,
      informationCredibility: credibility === '' ? null : credibility,
      personalData,
    };
    const result = settle(
      original
        ? await api['entries.correct']({ entryId: original.id, ...fields })
        : await api['entries.append']({ caseId, type, ...fields }),
    );
    setBusy(false);
    if (!result.ok) {
      setError(errorText(result.error));
      return;
    }
    onRecorded(result.value);
    if (original) {
      onClose();
      return;
    }
    setAnnouncement(t('quickEntry.recorded', { type: t(`entryTypes.${result.value.type}`), time: date(result.value.occurredAt, 'time') }));
    setText('');
    setOccurredAt('');
    setSource('');
    setReliability('');
    setCredibility('');
    setPersonalData(false);
    textRef.current?.focus();
  }

  function onTextKey(event: KeyboardEvent<HTMLTextAreaElement>): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  }

  return (
    <Modal labelledBy="quick-heading" onClose={onClose} className="quick-entry">
      <form noValidate onSubmit={(event) => void submit(event)}>
        <h2 id="quick-heading">{t(original ? 'quickEntry.correctTitle' : 'quickEntry.title')}</h2>
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
            value={type}
            disabled={original !== null}
            autoFocus={original === null}
            onChange={(event) => setType(event.target.value as ManualEntryType)}
          >
            {manualEntryTypes.map((value) => (
              <option key={value} value={value}>
                {t(`entryTypes.${value}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <TextAreaField
          id="quick-text"
          ref={textRef}
          label={t('quickEntry.text')}
          hint={t('quickEntry.textHint')}
          error={fieldError === 'text' && t('form.required')}
          maxLength={limits.entryText}
          rows={3}
          autoFocus={original !== null}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onTextKey}
        />
        <div className="field-row">
          <Field
            id="quick-occurred"
            type="datetime-local"
            label={t('quickEntry.occurredAt')}
            hint={t(timeZone === 'UTC' ? 'quickEntry.occurredAtHintUtc' : 'quickEntry.occurredAtHint')}
            error={fieldError === 'occurredAt' && t('quickEntry.occurredAtInvalid')}
            value={occurredAt}
            onChange={(event) => setOccurredAt(event.target.value)}
          />
          <Field
            id="quick-source"
            grow
            type="text"
            label={t('quickEntry.source')}
            maxLength={limits.name}
            value={source}
            onChange={(event) => setSource(event.target.value)}
          />
          <SelectField
            id="quick-reliability"
            label={t('quickEntry.reliability')}
            value={reliability}
            onChange={(event) => setReliability(event.target.value as SourceReliability | '')}
          >
            <option value="">{t('quickEntry.notGraded')}</option>
            {sourceReliability.map((value) => (
              <option key={value} value={value}>
                {t(`grading.reliability.${value}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="quick-credibility"
            label={t('quickEntry.credibility')}
            value={credibility}
            onChange={(event) => setCredibility(event.target.value as InformationCredibility | '')}
          >
            <option value="">{t('quickEntry.notGraded')}</option>
            {informationCredibility.map((value) => (
              <option key={value} value={value}>
                {t(`grading.credibility.${value}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="checkbox">
          <input id="quick-personal" type="checkbox" checked={personalData} onChange={(event) => setPersonalData(event.target.checked)} />
          <label htmlFor="quick-personal">{t('quickEntry.personalData')}</label>
        </div>
        <p role="alert" className="form-error">
          {error}
        </p>
        <p role="status" className="recorded" aria-live="polite">
          {announcement}
        </p>
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={busy}>
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
