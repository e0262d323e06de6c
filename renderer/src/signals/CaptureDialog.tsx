import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, Phase } from '../../../shared/views';
import { errorText } from '../api';
import { Modal } from '../cases/Modal';
import { Field, SelectField } from '../components/Field';
import { formProblems, formResolver } from '../data/forms';
import { useFormWrite, useWrite } from '../data/writes';
import { formHasTypedText } from '../drafts';
import { useDateTimeValueOf, useReadDateTime } from '../components/DateTimeField';
import { EvidencePicker, pasteInto } from './EvidencePicker';
import { contentClasses, emptyDraft, informationCredibility, platforms, signalChannels, signalForm, sourceReliability } from './model';
import { storeEvidence, type StoreOutcome } from './store';
import { useEvidence } from './useEvidence';
import { showHidden } from '../../../shared/visible-text';
import { limits } from '../../../shared/schemas';
import { signalLimits, type Platform } from '../../../shared/signals';
import { LongText, TimeField } from '../components/FormFields';

const noProblems: ReadonlyMap<string, string> = new Map();

/** Ctrl+Shift+S (Cmd+Shift+S on a Mac) opens signal capture in the signals section. */
export const isSignalShortcut = (event: globalThis.KeyboardEvent): boolean =>
  (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.key.toLowerCase() === 's';

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
  const read = useReadDateTime();
  const valueOf = useDateTimeValueOf();
  const nowInput = () => valueOf(new Date().toISOString());
  const schema = useMemo(() => signalForm(caseDetail.id, read), [caseDetail.id, read]);
  const form = useForm({ resolver: formResolver(schema), defaultValues: emptyDraft(nowInput(), caseDetail.phaseId) });
  const recordSignal = useFormWrite(form, 'signals.record');
  const addAttachment = useWrite('attachments.add');
  const [error, setError] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const [notes, setNotes] = useState<{ kind: 'refused' | 'mismatch'; text: string }[]>([]);
  const evidence = useEvidence(t('signals.evidence.pastePrefix'));
  const { errors, isSubmitting } = form.formState;
  // After a signal is recorded the next one starts at the platform, once the emptied form is on screen.
  const [nextSignal, setNextSignal] = useState(0);
  useEffect(() => {
    if (nextSignal > 0) form.setFocus('platform');
  }, [nextSignal, form]);
  const channel = useWatch({ control: form.control, name: 'channel' });
  const handleGiven = useWatch({ control: form.control, name: 'accountHandle' }).trim() !== '';

  const submit = form.handleSubmit(async (input) => {
    setAnnouncement('');
    // Over the limit: say so before anything is recorded; the user removes the file or picks a smaller one.
    if (evidence.items.some((item) => item.tooLarge)) {
      setError(t('signals.capture.removeTooLarge'));
      return;
    }
    setError('');
    setNotes([]);
    const recorded = await recordSignal(input);
    if (!recorded.ok) {
      setError(errorText(recorded.error));
      return;
    }
    const outcomes = await storeEvidence(addAttachment, { caseId: caseDetail.id, entryId: recorded.value.entry.id }, evidence.items, evidence.hashOf);
    report(recorded.value.entry.seq, input.platform, outcomes);
    onRecorded();
  });

  function report(seq: number, platform: Platform, outcomes: StoreOutcome[]): void {
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
      // seq 0: recorded in a case received from a partner, where the owner numbers the entry later.
      t(seq === 0 ? 'sharing.signalRecordedProvisional' : 'signals.capture.recorded', { seq, platform: t(`signals.platform.${platform}`) }) +
        (outcomes.length > 0 ? ` ${t('signals.capture.filesStored', { count: stored.length, total: outcomes.length })}` : ''),
    );
    form.reset(emptyDraft(nowInput(), caseDetail.phaseId));
    setNextSignal((count) => count + 1);
  }

  function onFormKey(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.nativeEvent.isComposing) {
      event.preventDefault();
      if (!isSubmitting) void submit();
    }
  }

  function onTextKey(event: KeyboardEvent<HTMLTextAreaElement>): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      if (!isSubmitting) void submit();
    }
  }

  return (
    <Modal
      labelledBy="signal-heading"
      onClose={onClose}
      className="signals-capture"
      typedText={() => formHasTypedText(form, ['text', 'url', 'accountHandle', 'legalGround', 'reach', 'postedAt'])}
    >
      <form noValidate onSubmit={(event) => void submit(event)} onKeyDown={onFormKey} onPaste={pasteInto(evidence)}>
        <h2 id="signal-heading">{t('signals.capture.title')}</h2>
        <p className="hint">{t('signals.capture.keys')}</p>
        <div className="field-row">
          <SelectField id="signal-platform" autoFocus label={t('signals.fields.platform')} {...form.register('platform')}>
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
                <input id={`signal-channel-${value}`} type="radio" value={value} {...form.register('channel')} />
                <label htmlFor={`signal-channel-${value}`}>{t(`signals.channel.${value}`)}</label>
              </div>
            ))}
          </fieldset>
        </div>
        {channel === 'besloten' && (
          <div className="signals-legal">
            <div className="notice notice-warning" id="signal-legal-reminder">
              <p className="signals-legal-title">{t('signals.legal.title')}</p>
              <ul>
                <li>{t('signals.legal.trigger')}</li>
                <li>{t('signals.legal.necessity')}</li>
                <li>{t('signals.legal.minimal')}</li>
              </ul>
            </div>
            <LongText
              control={form.control}
              name="legalGround"
              id="signal-legal-ground"
              label={t('signals.fields.legalGround')}
              hint={t('signals.fields.legalGroundHint')}
              aria-describedby="signal-legal-reminder"
              maxLength={signalLimits.legalGround}
              rows={2}
              required
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
            error={errors.url?.message}
            {...form.register('url')}
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
            error={errors.accountHandle?.message}
            {...form.register('accountHandle')}
          />
        </div>
        <div className="field-row">
          <TimeField control={form.control} name="postedAt" id="signal-posted" label={t('signals.fields.postedAt')} hint={t('signals.fields.postedAtHint')} />
          <TimeField control={form.control} name="seenAt" id="signal-seen" label={t('signals.fields.seenAt')} hint={t('signals.fields.seenAtHint')} />
          <Field
            id="signal-reach"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            label={t('signals.fields.reach')}
            hint={t('signals.fields.reachHint')}
            error={errors.reach?.message}
            {...form.register('reach')}
          />
          <Field
            id="signal-location"
            grow
            type="text"
            autoComplete="off"
            label={t('signals.fields.location')}
            hint={t('signals.fields.locationHint')}
            maxLength={limits.location}
            error={errors.location?.message}
            {...form.register('location')}
          />
        </div>
        <div className="field-row">
          <SelectField id="signal-content-class" label={t('signals.fields.contentClass')} {...form.register('contentClass')}>
            {contentClasses.map((value) => (
              <option key={value} value={value}>
                {t(`caseMeta.contentClass.${value}`)}
              </option>
            ))}
          </SelectField>
          <SelectField id="signal-reliability" label={t('signals.fields.reliability')} {...form.register('sourceReliability')}>
            {sourceReliability.map((value) => (
              <option key={value} value={value}>
                {t(`grading.reliability.${value}`)}
              </option>
            ))}
          </SelectField>
          <SelectField id="signal-credibility" label={t('signals.fields.credibility')} {...form.register('informationCredibility')}>
            {informationCredibility.map((value) => (
              <option key={value} value={value}>
                {t(`grading.credibility.${value}`)}
              </option>
            ))}
          </SelectField>
          <SelectField id="signal-phase" label={t('signals.fields.phase')} {...form.register('phaseId')}>
            {phases.map((phase) => (
              <option key={phase.id} value={phase.id}>
                {`${phase.ordinal}. ${showHidden(phase.name)}`}
                {phase.id === caseDetail.phaseId ? ` (${t('signals.fields.currentPhase')})` : ''}
              </option>
            ))}
          </SelectField>
        </div>
        <LongText
          control={form.control}
          name="text"
          id="signal-text"
          label={t('signals.fields.text')}
          hint={t('signals.fields.textHint')}
          maxLength={limits.entryText}
          rows={3}
          onKeyDown={onTextKey}
        />
        <div className="checkbox">
          {handleGiven ? (
            <input id="signal-personal" type="checkbox" checked disabled aria-describedby="signal-personal-hint" />
          ) : (
            <input id="signal-personal" type="checkbox" aria-describedby="signal-personal-hint" {...form.register('personalData')} />
          )}
          <label htmlFor="signal-personal">{t('signals.fields.personalData')}</label>
        </div>
        <p id="signal-personal-hint" className="hint signals-personal-hint">
          {t(handleGiven ? 'signals.fields.personalDataByHandle' : 'signals.fields.personalDataHint')}
        </p>
        <EvidencePicker idPrefix="signal" evidence={evidence} problems={noProblems} announce={setAnnouncement} />
        <p role="alert" className="form-error">
          {/* Every field still to fix, named; gone once the user has fixed them all. */}
          {formProblems(errors) || error}
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
          <button type="submit" className="primary" disabled={isSubmitting} aria-keyshortcuts="Control+Enter Meta+Enter">
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
