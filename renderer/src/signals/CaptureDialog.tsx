import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../shared/schemas';
import { signalLimits } from '../../../shared/signals';
import type { CaseDetail, Phase } from '../../../shared/views';
import { showHidden } from '../../../shared/visible-text';
import { errorText } from '../api';
import { Modal } from '../cases/Modal';
import { Field, SelectField, TextAreaField } from '../components/Field';
import { useApi, useDates } from '../work/shared';
import { EvidencePicker, pasteInto } from './EvidencePicker';
import {
  contentClasses,
  draftToInput,
  emptyDraft,
  informationCredibility,
  platforms,
  signalChannels,
  sourceReliability,
  type DraftField,
  type SignalDraft,
} from './model';
import { storeEvidence, type StoreOutcome } from './store';
import { useEvidence } from './useEvidence';

const noProblems: ReadonlyMap<string, string> = new Map();

/** Ctrl+Shift+S (Cmd+Shift+S on a Mac) opens signal capture in the signals section. */
export const isSignalShortcut = (event: globalThis.KeyboardEvent): boolean =>
  (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.key.toLowerCase() === 's';

const fieldIds: Record<DraftField, string> = {
  url: 'signal-url',
  legalGround: 'signal-legal-ground',
  postedAt: 'signal-posted',
  seenAt: 'signal-seen',
  reach: 'signal-reach',
  text: 'signal-text',
};

/**
 * "Signaal vastleggen": one online signal with its source, channel, times, reach, content class, grading and
 * phase, plus evidence files. Keyboard first: the platform has focus, Enter in a field or the summary records
 * (Shift+Enter: new line), Ctrl+Enter records from anywhere, Escape closes. After recording, the form empties
 * for the next signal and focus goes back to the platform.
 */
export function CaptureDialog({
  caseDetail,
  phases,
  onRecorded,
  onClose,
}: {
  caseDetail: CaseDetail;
  phases: readonly Phase[];
  onRecorded(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const dates = useDates();
  const zone = t(dates.timeZone === 'UTC' ? 'work.zone.utc' : 'work.zone.amsterdam');
  const nowInput = () => dates.toInput(new Date().toISOString());
  const [draft, setDraft] = useState<SignalDraft>(() => emptyDraft(nowInput(), caseDetail.phaseId));
  const [invalid, setInvalid] = useState<DraftField[]>([]);
  const [error, setError] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const [notes, setNotes] = useState<{ kind: 'refused' | 'mismatch'; text: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const evidence = useEvidence(t('signals.evidence.pastePrefix'));
  const platformRef = useRef<HTMLSelectElement>(null);

  const set = <K extends keyof SignalDraft>(key: K, value: SignalDraft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    // A field the user is fixing no longer says it is wrong.
    setInvalid((current) => (current.includes(key as DraftField) ? current.filter((field) => field !== key) : current));
  };
  const isInvalid = (field: DraftField) => invalid.includes(field);
  /** What a marked field says is wrong, until the user edits it. */
  const problem = (field: DraftField, message: string) => (isInvalid(field) ? message : undefined);

  async function submit(event?: FormEvent<HTMLFormElement>): Promise<void> {
    event?.preventDefault();
    if (busy) return;
    setAnnouncement('');
    const checked = draftToInput(caseDetail.id, draft, dates.fromInput);
    if (!checked.ok) {
      setInvalid(checked.fields);
      setError('');
      document.getElementById(fieldIds[checked.fields[0]!])?.focus();
      return;
    }
    // Over the limit: say so before anything is recorded; the user removes the file or picks a smaller one.
    if (evidence.items.some((item) => item.tooLarge)) {
      setInvalid([]);
      setError(t('signals.capture.removeTooLarge'));
      return;
    }
    setInvalid([]);
    setError('');
    setNotes([]);
    setBusy(true);
    const recorded = await api['signals.record'](checked.input);
    if (!recorded.ok) {
      setBusy(false);
      setError(errorText(recorded.error));
      return;
    }
    const outcomes = await storeEvidence(api, { caseId: caseDetail.id, entryId: recorded.value.entry.id }, evidence.items, evidence.hashOf);
    setBusy(false);
    report(recorded.value.entry.seq, outcomes);
    onRecorded();
  }

  function report(seq: number, outcomes: StoreOutcome[]): void {
    const stored = outcomes.filter((outcome) => outcome.ok);
    const refused = outcomes.filter((outcome) => !outcome.ok);
    const mismatched = stored.filter((outcome) => !outcome.matches);
    setNotes([
      ...refused.map((outcome) => ({ kind: 'refused' as const, text: t('signals.capture.refused', { name: outcome.fileName, reason: errorText(outcome.error) }) })),
      ...mismatched.map((outcome) => ({
        kind: 'mismatch' as const,
        text: t('signals.capture.mismatch', { name: outcome.fileName, captured: outcome.captured, stored: outcome.attachment.sha256 }),
      })),
    ]);
    // The signal is in the log: its files are done with, stored or refused; the next signal starts empty.
    evidence.forget(outcomes.map((outcome) => outcome.key));
    setAnnouncement(
      t('signals.capture.recorded', { seq, platform: t(`signals.platform.${draft.platform}`) }) +
        (outcomes.length > 0 ? ` ${t('signals.capture.filesStored', { count: stored.length, total: outcomes.length })}` : ''),
    );
    setDraft(emptyDraft(nowInput(), caseDetail.phaseId));
    platformRef.current?.focus();
  }

  function onFormKey(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  }

  function onTextKey(event: KeyboardEvent<HTMLTextAreaElement>): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  }

  return (
    <Modal labelledBy="signal-heading" onClose={onClose} className="signals-capture">
      <form noValidate onSubmit={(event) => void submit(event)} onKeyDown={onFormKey} onPaste={pasteInto(evidence)}>
        <h2 id="signal-heading">{t('signals.capture.title')}</h2>
        <p className="hint">{t('signals.capture.keys')}</p>
        <div className="field-row">
          <SelectField
            id="signal-platform"
            ref={platformRef}
            autoFocus
            label={t('signals.fields.platform')}
            value={draft.platform}
            onChange={(event) => set('platform', event.target.value as SignalDraft['platform'])}
          >
            {platforms.map((value) => (
              <option key={value} value={value}>
                {t(`signals.platform.${value}`)}
              </option>
            ))}
          </SelectField>
          <fieldset className="field signals-channel">
            <legend>{t('signals.fields.channel')}</legend>
            {signalChannels.map((value) => (
              <div className="radio" key={value}>
                <input
                  id={`signal-channel-${value}`}
                  type="radio"
                  name="signal-channel"
                  value={value}
                  checked={draft.channel === value}
                  onChange={() => set('channel', value)}
                />
                <label htmlFor={`signal-channel-${value}`}>{t(`signals.channel.${value}`)}</label>
              </div>
            ))}
          </fieldset>
        </div>
        {draft.channel === 'besloten' && (
          <div className="signals-legal">
            <div className="notice notice-warning" id="signal-legal-reminder">
              <p className="signals-legal-title">{t('signals.legal.title')}</p>
              <ul>
                <li>{t('signals.legal.trigger')}</li>
                <li>{t('signals.legal.necessity')}</li>
                <li>{t('signals.legal.minimal')}</li>
              </ul>
            </div>
            <TextAreaField
              id="signal-legal-ground"
              label={t('signals.fields.legalGround')}
              hint={t('signals.fields.legalGroundHint')}
              error={problem('legalGround', t('signals.fields.legalGroundRequired'))}
              aria-describedby="signal-legal-reminder"
              maxLength={signalLimits.legalGround}
              rows={2}
              required
              value={draft.legalGround}
              onChange={(event) => set('legalGround', event.target.value)}
            />
          </div>
        )}
        <div className="field-row">
          <Field
            id="signal-url"
            grow
            type="text"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            label={t('signals.fields.url')}
            maxLength={signalLimits.url}
            error={problem('url', t('signals.fields.urlInvalid'))}
            value={draft.url}
            onChange={(event) => set('url', event.target.value)}
          />
          <Field
            id="signal-handle"
            grow
            type="text"
            autoComplete="off"
            spellCheck={false}
            label={
              <>
                {t('signals.fields.accountHandle')} <span className="badge badge-personal">{t('signals.personalData')}</span>
              </>
            }
            hint={t('signals.fields.accountHandleHint')}
            maxLength={signalLimits.accountHandle}
            value={draft.accountHandle}
            onChange={(event) => set('accountHandle', event.target.value)}
          />
        </div>
        <div className="field-row">
          <Field
            id="signal-posted"
            type="datetime-local"
            label={t('signals.fields.postedAt')}
            hint={`${t('signals.fields.postedAtHint')} ${zone}`}
            error={problem('postedAt', t('signals.fields.timeInvalid'))}
            value={draft.postedAt}
            onChange={(event) => set('postedAt', event.target.value)}
          />
          <Field
            id="signal-seen"
            type="datetime-local"
            label={t('signals.fields.seenAt')}
            hint={`${t('signals.fields.seenAtHint')} ${zone}`}
            error={problem('seenAt', t('signals.fields.seenInvalid'))}
            value={draft.seenAt}
            onChange={(event) => set('seenAt', event.target.value)}
          />
          <Field
            id="signal-reach"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            label={t('signals.fields.reach')}
            hint={t('signals.fields.reachHint')}
            error={problem('reach', t('signals.fields.reachInvalid'))}
            value={draft.reach}
            onChange={(event) => set('reach', event.target.value)}
          />
        </div>
        <div className="field-row">
          <SelectField
            id="signal-content-class"
            label={t('signals.fields.contentClass')}
            value={draft.contentClass}
            onChange={(event) => set('contentClass', event.target.value as SignalDraft['contentClass'])}
          >
            {contentClasses.map((value) => (
              <option key={value} value={value}>
                {t(`caseMeta.contentClass.${value}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="signal-reliability"
            label={t('signals.fields.reliability')}
            value={draft.sourceReliability}
            onChange={(event) => set('sourceReliability', event.target.value as SignalDraft['sourceReliability'])}
          >
            {sourceReliability.map((value) => (
              <option key={value} value={value}>
                {t(`grading.reliability.${value}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="signal-credibility"
            label={t('signals.fields.credibility')}
            value={draft.informationCredibility}
            onChange={(event) => set('informationCredibility', event.target.value as SignalDraft['informationCredibility'])}
          >
            {informationCredibility.map((value) => (
              <option key={value} value={value}>
                {t(`grading.credibility.${value}`)}
              </option>
            ))}
          </SelectField>
          <SelectField id="signal-phase" label={t('signals.fields.phase')} value={draft.phaseId} onChange={(event) => set('phaseId', event.target.value)}>
            {phases.map((phase) => (
              <option key={phase.id} value={phase.id}>
                {`${phase.ordinal}. ${showHidden(phase.name)}`}
                {phase.id === caseDetail.phaseId ? ` (${t('signals.fields.currentPhase')})` : ''}
              </option>
            ))}
          </SelectField>
        </div>
        <TextAreaField
          id="signal-text"
          label={t('signals.fields.text')}
          hint={t('signals.fields.textHint')}
          error={problem('text', t('form.required'))}
          maxLength={limits.entryText}
          rows={3}
          value={draft.text}
          onChange={(event) => set('text', event.target.value)}
          onKeyDown={onTextKey}
        />
        <div className="checkbox">
          <input
            id="signal-personal"
            type="checkbox"
            checked={draft.personalData || draft.accountHandle.trim() !== ''}
            disabled={draft.accountHandle.trim() !== ''}
            aria-describedby="signal-personal-hint"
            onChange={(event) => set('personalData', event.target.checked)}
          />
          <label htmlFor="signal-personal">{t('signals.fields.personalData')}</label>
        </div>
        <p id="signal-personal-hint" className="hint signals-personal-hint">
          {t(draft.accountHandle.trim() !== '' ? 'signals.fields.personalDataByHandle' : 'signals.fields.personalDataHint')}
        </p>
        <EvidencePicker idPrefix="signal" evidence={evidence} problems={noProblems} announce={setAnnouncement} />
        <p role="alert" className="form-error">
          {/* Said while a marked field is still wrong; gone once the user has fixed them all. */}
          {invalid.length > 0 ? t('signals.capture.fix') : error}
        </p>
        {notes.length > 0 && (
          <ul className="signals-notes" role="alert">
            {notes.map((note) => (
              <li key={note.text} className={`signals-note-${note.kind}`}>
                {note.text}
              </li>
            ))}
          </ul>
        )}
        <p role="status" className="recorded">
          {announcement}
        </p>
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={busy} aria-keyshortcuts="Control+Enter Meta+Enter">
            {t('signals.capture.submit')}
          </button>
          <button type="button" onClick={onClose}>
            {t('signals.capture.close')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
