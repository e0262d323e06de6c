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
import type { Entry } from '../../../shared/views';
import { api, errorText } from '../api';
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

  const describe = (id: string, hint: boolean, invalid: boolean) =>
    [hint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

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
          <div className="field">
            <label htmlFor="quick-type">{t('quickEntry.type')}</label>
            <p id="quick-type-hint" className="hint">
              {t('quickEntry.typeHint')}
            </p>
            <select
              id="quick-type"
              value={type}
              disabled={original !== null}
              autoFocus={original === null}
              aria-describedby="quick-type-hint"
              onChange={(event) => setType(event.target.value as ManualEntryType)}
            >
              {manualEntryTypes.map((value) => (
                <option key={value} value={value}>
                  {t(`entryTypes.${value}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor="quick-text">{t('quickEntry.text')}</label>
          <p id="quick-text-hint" className="hint">
            {t('quickEntry.textHint')}
          </p>
          <textarea
            id="quick-text"
            ref={textRef}
            rows={3}
            autoFocus={original !== null}
            value={text}
            aria-invalid={fieldError === 'text' ? true : undefined}
            aria-describedby={describe('quick-text', true, fieldError === 'text')}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onTextKey}
          />
          {fieldError === 'text' && (
            <p id="quick-text-error" className="field-error">
              {t('form.required')}
            </p>
          )}
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="quick-occurred">{t('quickEntry.occurredAt')}</label>
            <p id="quick-occurred-hint" className="hint">
              {t(timeZone === 'UTC' ? 'quickEntry.occurredAtHintUtc' : 'quickEntry.occurredAtHint')}
            </p>
            <input
              id="quick-occurred"
              type="datetime-local"
              value={occurredAt}
              aria-invalid={fieldError === 'occurredAt' ? true : undefined}
              aria-describedby={describe('quick-occurred', true, fieldError === 'occurredAt')}
              onChange={(event) => setOccurredAt(event.target.value)}
            />
            {fieldError === 'occurredAt' && (
              <p id="quick-occurred-error" className="field-error">
                {t('quickEntry.occurredAtInvalid')}
              </p>
            )}
          </div>
          <div className="field grow">
            <label htmlFor="quick-source">{t('quickEntry.source')}</label>
            <input id="quick-source" type="text" value={source} onChange={(event) => setSource(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="quick-reliability">{t('quickEntry.reliability')}</label>
            <select id="quick-reliability" value={reliability} onChange={(event) => setReliability(event.target.value as SourceReliability | '')}>
              <option value="">{t('quickEntry.notGraded')}</option>
              {sourceReliability.map((value) => (
                <option key={value} value={value}>
                  {t(`grading.reliability.${value}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="quick-credibility">{t('quickEntry.credibility')}</label>
            <select
              id="quick-credibility"
              value={credibility}
              onChange={(event) => setCredibility(event.target.value as InformationCredibility | '')}
            >
              <option value="">{t('quickEntry.notGraded')}</option>
              {informationCredibility.map((value) => (
                <option key={value} value={value}>
                  {t(`grading.credibility.${value}`)}
                </option>
              ))}
            </select>
          </div>
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
