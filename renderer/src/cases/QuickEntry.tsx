import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { informationCredibility, manualEntryTypes, sourceReliability } from '../../../shared/domain';
import type { Failure } from '../../../shared/result';
import { limits } from '../../../shared/schemas';
import type { Entry, RoleAssignment } from '../../../shared/views';
import { emptyDateTime } from '../../../shared/time';
import { errorText } from '../api';
import { useDateTimeValueOf, useReadDateTime } from '../components/DateTimeField';
import { Field, SelectField } from '../components/Field';
import { useApi } from '../data/api';
import { useFormWrite, useOutcome } from '../data/writes';
import { offerDownload } from '../briefing/download';
import { draftKeys, formHasTypedText, useFormDraft } from '../drafts';
import { useDates } from './context';
import { Modal } from './Modal';
import { LongText, TimeField } from '../components/FormFields';
import { FormAlert } from '../components/FormAlert';
import { actieIsTask, commandKinds, isManual, quickEntryResolver, quickProblems, type QuickValues, type Recording } from './quick-entry-form';
import { HandOverFields, PhaseFields, TaskFields, useQuickLists } from './QuickCommandFields';

export type QuickEntryMode = { kind: 'new' } | { kind: 'correct'; entry: Entry };

/** A refused submit puts the focus on the first field with a problem, in the order the form shows them. */
const fieldOrder = ['text', 'phaseId', 'assignmentId', 'toPersonId', 'ownerRoleId', 'ownerPersonId', 'dueAt', 'source', 'occurredAt'] as const;

/**
 * Keyboard-first recording for a crisis room: type (first letter picks it), text, Enter. Beside the log-line
 * types the type list holds three changes to the case, each revealing its few fields: "Fase wijzigen" (f; the
 * text is the reason), "Taak" (t; owner and due time) and "Rol overdragen" (r). Enter records from any field,
 * and the dialog stays open with focus back in the text field for the next line; Shift+Enter starts a new line,
 * Escape closes. The time is now unless the user opens "Tijdstip aanpassen", so Tab goes from the text to the
 * source and never into a time by accident.
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
  const resolver = useMemo(
    () => quickEntryResolver({ caseId, correcting: original?.id ?? null, read, aheadMessage: t('quickEntry.occurredAtInvalid') }),
    [caseId, original, read, t],
  );
  const empty: QuickValues = {
    type: original && isManual(original.type) ? original.type : 'signaal',
    text: original?.text ?? '',
    occurredAt: original ? valueOf(original.occurredAt) : emptyDateTime,
    source: original?.source ?? '',
    location: original?.location ?? '',
    sourceReliability: original?.sourceReliability ?? '',
    informationCredibility: original?.informationCredibility ?? '',
    personalData: original?.personalData ?? false,
    phaseId: '',
    ownerRoleId: '',
    ownerPersonId: '',
    dueAt: emptyDateTime,
    assignmentId: '',
    toPersonId: '',
    incomingName: '',
    hours: '',
  };
  const form = useForm<QuickValues, unknown, Recording>({ resolver, defaultValues: empty });
  const draft = useFormDraft(original ? draftKeys.correction(caseId, original.id) : draftKeys.quickEntry(caseId), form);
  const append = useFormWrite(form, 'entries.append');
  const correct = useFormWrite(form, 'entries.correct');
  const createTask = useFormWrite(form, 'tasks.create');
  const exportHandoverReport = useFormWrite(form, 'handovers.export');
  const api = useApi();
  const changePhase = useFormWrite(form, 'phases.change');
  const handOver = useFormWrite(form, 'roles.handOver');
  const outcome = useOutcome();
  const { lists, error: listError } = useQuickLists(caseId, original === null);
  const [announcement, setAnnouncement] = useState('');
  const [timeOpened, setTimeOpened] = useState(false);
  /** Lines recorded in this dialog; after each the focus returns to the text, from whichever field Enter was in. */
  const [lines, setLines] = useState(0);
  // After the render that follows the reset: a reset forgets the fields' elements until they render again.
  useEffect(() => {
    if (lines > 0) form.setFocus('text');
  }, [lines, form]);
  const [type, ownerRoleId, ownerPersonId, dueAt, occurredAt] = useWatch({
    control: form.control,
    name: ['type', 'ownerRoleId', 'ownerPersonId', 'dueAt', 'occurredAt'],
  });
  const { errors, isSubmitting } = form.formState;
  const asTask = type === 'taak' || (type === 'actie' && original === null && actieIsTask({ ownerRoleId, ownerPersonId, dueAt }));
  // Shown while it holds a time (a correction's, or one typed) or a problem, so a time is never sent unseen.
  const timeShown = timeOpened || occurredAt.text !== '' || errors.occurredAt !== undefined;

  /** Shows a refusal. One about the time is a problem of the time field: said there and focused, as the form's own. */
  function refused(error: Failure, holder?: RoleAssignment): null {
    if (error.code === 'TIME_IN_FUTURE' || error.code === 'BEFORE_ROLE_START') {
      const message =
        error.code === 'BEFORE_ROLE_START' && holder
          ? t('work.team.beforeStart.handOver', { name: holder.personName, date: date(holder.startedAt) })
          : errorText(error);
      outcome.clear();
      form.setError('occurredAt', { type: 'refused', message }, { shouldFocus: true });
      return null;
    }
    outcome.failed(error);
    return null;
  }

  /** Sends a new line or change; what to announce, or null when it was refused (the refusal is shown). */
  async function record(recording: Exclude<Recording, { kind: 'correction' }>): Promise<string | null> {
    switch (recording.kind) {
      case 'entry': {
        const result = await append(recording.input);
        if (!result.ok) return refused(result.error);
        onRecorded(result.value);
        return t('quickEntry.recorded', { type: t(`entryTypes.${result.value.type}`), time: date(result.value.occurredAt, 'time') });
      }
      case 'task': {
        const result = await createTask(recording.input);
        if (!result.ok) return refused(result.error);
        const task = result.value;
        const owner = [task.ownerRoleId && lists.roleName(task.ownerRoleId), lists.people.find((person) => person.id === task.ownerPersonId)?.name];
        return t('quickCommand.taskRecorded', { owner: owner.filter(Boolean).join(', '), time: date(recording.input.at ?? task.createdAt, 'time') });
      }
      case 'phase': {
        const result = await changePhase(recording.input);
        if (!result.ok) return refused(result.error);
        const name = lists.phases.find((phase) => phase.id === result.value.toPhaseId)?.name ?? result.value.toPhaseId;
        return t('quickCommand.phaseChanged', { name, time: date(result.value.at, 'time') });
      }
      case 'handoverReport': {
        const result = await exportHandoverReport(recording.input, 'handover');
        if (!result.ok) return refused(result.error);
        const offered = await offerDownload(api, result.value);
        if (!offered.ok) return refused(offered.error);
        return t('quickCommand.handoverReported', { number: result.value.record.number, fileName: result.value.fileName });
      }
      case 'handOver': {
        const result = await handOver(recording.input);
        if (!result.ok) return refused(result.error, lists.active.find((assignment) => assignment.id === recording.input.assignmentId));
        const { ended, started } = result.value;
        return t('quickCommand.handedOver', {
          role: lists.roleName(started.roleId),
          from: ended.personName,
          to: started.personName,
          time: date(started.startedAt, 'time'),
        });
      }
    }
  }

  const submit = form.handleSubmit(
    async (recording) => {
      setAnnouncement('');
      if (recording.kind === 'correction') {
        const result = await correct(recording.input);
        if (!result.ok) return outcome.failed(result.error);
        onRecorded(result.value);
        onClose();
        return;
      }
      const recorded = await record(recording);
      if (recorded === null) return;
      outcome.clear();
      setAnnouncement(recorded);
      // The next line is usually of the same kind: keep the type, clear the rest. Its time is now again.
      form.reset({ ...empty, type: form.getValues('type') });
      setTimeOpened(false);
      setLines((count) => count + 1);
    },
    (invalid) => {
      const first = fieldOrder.find((name) => invalid[name]);
      if (first) form.setFocus(first);
    },
  );

  /** Enter records from every field of the line, selects and the time included; a button keeps its own Enter. */
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing || event.target instanceof HTMLButtonElement) return;
    event.preventDefault();
    if (!isSubmitting) void submit();
  }

  function toggleTime(): void {
    if (!timeShown) {
      setTimeOpened(true);
      return;
    }
    // Closed again, the line is recorded at the time it is recorded; a correction keeps the original's time.
    setTimeOpened(false);
    form.setValue('occurredAt', emptyDateTime);
    form.clearErrors('occurredAt');
  }

  const textLabel =
    type === 'fase'
      ? 'quickCommand.reason'
      : type === 'taak'
        ? 'quickCommand.taskText'
        : type === 'rol'
          ? 'quickCommand.note'
          : type === 'overdracht'
            ? 'quickCommand.firstActions'
            : 'quickEntry.text';

  return (
    <Modal
      labelledBy="quick-heading"
      onClose={onClose}
      className="quick-entry"
      typedText={() => formHasTypedText(form, ['text', 'source', 'location', 'occurredAt'])}
      onDiscard={draft.discard}
    >
      <form noValidate onSubmit={(event) => void submit(event)} onKeyDown={onKeyDown}>
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
            // Another kind asks other questions: what was refused for the previous one no longer stands.
            {...form.register('type', { onChange: () => form.clearErrors() })}
          >
            <optgroup label={t('quickCommand.entries')}>
              {manualEntryTypes.map((value) => (
                <option key={value} value={value}>
                  {t(`entryTypes.${value}`)}
                </option>
              ))}
            </optgroup>
            {original === null && (
              <optgroup label={t('quickCommand.changes')}>
                {commandKinds.map((value) => (
                  <option key={value} value={value}>
                    {t(`quickCommand.kind.${value}`)}
                  </option>
                ))}
              </optgroup>
            )}
          </SelectField>
        </div>
        <LongText
          control={form.control}
          name="text"
          id="quick-text"
          label={t(textLabel)}
          hint={t('quickEntry.textHint')}
          maxLength={isManual(type) && !asTask ? limits.entryText : limits.reason}
          rows={3}
          autoFocus={original !== null}
        />
        {type === 'fase' && <PhaseFields form={form} lists={lists} />}
        {type === 'rol' && <HandOverFields form={form} lists={lists} />}
        {type === 'overdracht' && (
          <div className="field-row">
            <Field id="quick-incoming" grow type="text" label={t('quickCommand.incoming')} maxLength={limits.name} {...form.register('incomingName')} />
            <SelectField id="quick-hours" label={t('quickCommand.hours')} {...form.register('hours')}>
              <option value="">{t('quickCommand.hoursSince')}</option>
              {['4', '8', '12', '24'].map((hours) => (
                <option key={hours} value={hours}>
                  {t('quickCommand.hoursLast', { count: Number(hours) })}
                </option>
              ))}
            </SelectField>
          </div>
        )}
        {(type === 'taak' || (type === 'actie' && original === null)) && <TaskFields form={form} lists={lists} optional={type === 'actie'} />}
        {type === 'actie' && asTask && <p className="notice">{t('quickCommand.actieAsTask')}</p>}
        {isManual(type) && !asTask && (
          <>
            <div className="field-row">
              <Field
                id="quick-source"
                grow
                type="text"
                label={t('quickEntry.source')}
                maxLength={limits.name}
                error={errors.source?.message}
                {...form.register('source')}
              />
              <Field
                id="quick-location"
                type="text"
                label={t('quickEntry.location')}
                maxLength={limits.location}
                error={errors.location?.message}
                {...form.register('location')}
              />
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
          </>
        )}
        <div className="quick-time">
          <button type="button" aria-expanded={timeShown} aria-controls="quick-time-field" onClick={toggleTime}>
            {t('quickCommand.adjustTime')}
          </button>
          {!timeShown && <span className="hint">{t('quickCommand.timeIsNow')}</span>}
        </div>
        <div id="quick-time-field">
          {timeShown && (
            <TimeField
              control={form.control}
              name="occurredAt"
              id="quick-occurred"
              label={t('quickEntry.occurredAt')}
              hint={t('quickEntry.occurredAtHint')}
              autoFocus={timeOpened}
            />
          )}
        </div>
        <FormAlert problems={quickProblems(errors, type)} error={outcome.error ?? listError} />
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
