import type { FieldErrors, Resolver } from 'react-hook-form';
import { z } from 'zod';
import { informationCredibility, manualEntryTypes, sourceReliability, type ManualEntryType } from '../../../shared/domain';
import { appendEntryInput, changePhaseInput, correctEntryInput, createTaskInput, handOverRoleInput, liesAhead } from '../../../shared/schemas';
import { composeHandoverInput } from '../../../shared/briefing';
import { formProblems, formResolver } from '../data/forms';
import { dateTimeValue, inputForm, orNull, timeInput, type ReadDateTime } from '../data/input-form';

/**
 * What quick entry records besides log lines: a phase change, a task, a role handover. Each is a change to the
 * case that writes its own system line in the log, so the dialog records the change, never a line about it.
 */
export const commandKinds = ['fase', 'taak', 'rol', 'overdracht'] as const;
export type CommandKind = (typeof commandKinds)[number];

export const quickFields = {
  type: z.enum([...manualEntryTypes, ...commandKinds]),
  /** The line, the task, the reason of a phase change or the note of a handover: whatever the kind, one box. */
  text: z.string(),
  occurredAt: dateTimeValue,
  source: z.string(),
  location: z.string(),
  sourceReliability: z.enum(['', ...sourceReliability]),
  informationCredibility: z.enum(['', ...informationCredibility]),
  personalData: z.boolean(),
  phaseId: z.string(),
  ownerRoleId: z.string(),
  ownerPersonId: z.string(),
  dueAt: dateTimeValue,
  assignmentId: z.string(),
  toPersonId: z.string(),
  /** The shift-handover report: who takes over, and how many hours back ('' for since the previous report). */
  incomingName: z.string(),
  hours: z.string(),
};

export type QuickValues = z.input<z.ZodObject<typeof quickFields>>;
export type QuickKind = QuickValues['type'];

/** What a submit sends, checked by the shared input schema of its channel. */
export type Recording =
  | { kind: 'entry'; input: z.output<typeof appendEntryInput> }
  | { kind: 'correction'; input: z.output<typeof correctEntryInput> }
  | { kind: 'task'; input: z.output<typeof createTaskInput> }
  | { kind: 'phase'; input: z.output<typeof changePhaseInput> }
  | { kind: 'handOver'; input: z.output<typeof handOverRoleInput> }
  | { kind: 'handoverReport'; input: z.output<typeof composeHandoverInput> };
type RecordingKind = Recording['kind'];

export const isManual = (type: string): type is ManualEntryType => (manualEntryTypes as readonly string[]).includes(type);

/** True when an "actie" line is recorded as a task: it has an owner, or a due time that asks for one. */
export const actieIsTask = (values: Pick<QuickValues, 'ownerRoleId' | 'ownerPersonId' | 'dueAt'>): boolean =>
  values.ownerRoleId !== '' || values.ownerPersonId !== '' || values.dueAt.text.trim() !== '';

/**
 * What a submit records. An "actie" that is given an owner becomes a task and nothing else: creating a task
 * writes its own log line ("Taak aangemaakt: …") with the same text, time and author, so an actie line beside it
 * would say the same thing twice, and only the task carries the owner and the due time the team works from.
 */
function recordingKind(values: QuickValues, correcting: boolean): RecordingKind {
  if (correcting) return 'correction';
  switch (values.type) {
    case 'fase':
      return 'phase';
    case 'rol':
      return 'handOver';
    case 'overdracht':
      return 'handoverReport';
    case 'taak':
      return 'task';
    case 'actie':
      return actieIsTask(values) ? 'task' : 'entry';
    default:
      return 'entry';
  }
}

/**
 * The shared inputs name the text box and the time field after what they hold for the kind (a phase change's
 * `reason`, a handover's `note`, a change's `at`); the form shows, and focuses, their problems on its own fields.
 */
const formFieldOf: Record<string, keyof QuickValues> = { reason: 'text', note: 'text', firstActions: 'text', at: 'occurredAt' };

function onFormFields(errors: FieldErrors<QuickValues>): FieldErrors<QuickValues> {
  return Object.fromEntries(Object.entries(errors).map(([key, error]) => [formFieldOf[key] ?? key, error])) as FieldErrors<QuickValues>;
}

/** The form's alert, naming the text box as the kind's input does ("Reden: …" for a phase change). */
export function quickProblems(errors: FieldErrors<QuickValues>, type: QuickKind): string {
  const textIs = type === 'fase' ? 'reason' : type === 'rol' ? 'note' : type === 'overdracht' ? 'firstActions' : 'text';
  const named = Object.fromEntries(Object.entries(errors).map(([key, error]) => [key === 'text' ? textIs : key, error])) as FieldErrors;
  return formProblems(named);
}

/**
 * One resolver for the one form: it reads the values as the kind chosen asks (a log line, a correction, a task,
 * a phase change or a handover) through that channel's shared input schema, and hands the submit the input
 * tagged with its kind. The time field, left empty, is now; a time further ahead than clocks differ is refused.
 */
export function quickEntryResolver({
  caseId,
  correcting,
  read,
  aheadMessage,
}: {
  caseId: string;
  /** The entry being corrected, or null for new lines. */
  correcting: string | null;
  read: ReadDateTime;
  aheadMessage: string;
}): Resolver<QuickValues, unknown, Recording> {
  type Values = z.output<z.ZodObject<typeof quickFields>>;
  const occurred = (values: Values, context: z.RefinementCtx) => {
    const at = timeInput(values.occurredAt, read, context, 'occurredAt');
    if (at !== undefined && liesAhead(at)) context.addIssue({ code: 'custom', path: ['occurredAt'], message: aheadMessage });
    return at;
  };
  const described = (values: Values) => ({
    source: values.source.trim() === '' ? null : values.source,
    location: values.location,
    sourceReliability: values.sourceReliability === '' ? null : values.sourceReliability,
    informationCredibility: values.informationCredibility === '' ? null : values.informationCredibility,
    personalData: values.personalData,
  });
  const resolvers: Record<RecordingKind, Resolver<QuickValues, unknown, unknown>> = {
    entry: formResolver(
      inputForm(
        quickFields,
        (values, context) => ({
          caseId,
          // Only the log-line kinds come here (recordingKind); a command kind is left for the schema to refuse.
          type: values.type as ManualEntryType,
          text: values.text,
          occurredAt: occurred(values, context),
          ...described(values),
        }),
        appendEntryInput,
      ),
    ),
    correction: formResolver(
      inputForm(
        quickFields,
        (values, context) => ({ entryId: correcting ?? '', text: values.text, occurredAt: occurred(values, context), ...described(values) }),
        correctEntryInput,
      ),
    ),
    task: formResolver(
      inputForm(
        quickFields,
        (values, context) => ({
          caseId,
          text: values.text,
          ownerRoleId: orNull(values.ownerRoleId),
          ownerPersonId: orNull(values.ownerPersonId),
          dueAt: timeInput(values.dueAt, read, context, 'dueAt') ?? null,
          at: occurred(values, context),
        }),
        createTaskInput,
      ),
    ),
    phase: formResolver(
      inputForm(
        quickFields,
        (values, context) => ({ caseId, phaseId: values.phaseId, reason: values.text, at: occurred(values, context) }),
        changePhaseInput,
      ),
    ),
    handOver: formResolver(
      inputForm(
        quickFields,
        (values, context) => ({ assignmentId: values.assignmentId, toPersonId: values.toPersonId, note: values.text, at: occurred(values, context) }),
        handOverRoleInput,
      ),
    ),
    handoverReport: formResolver(
      inputForm(
        quickFields,
        (values) => ({ caseId, hours: values.hours === '' ? null : Number(values.hours), incomingName: values.incomingName, firstActions: values.text }),
        composeHandoverInput,
      ),
    ),
  };
  return async (values, context, options) => {
    const kind = recordingKind(values, correcting !== null);
    const result = await resolvers[kind](values, context, options);
    if (Object.keys(result.errors).length > 0) return { values: {}, errors: onFormFields(result.errors) };
    // Each resolver's values are the input of the schema chosen for this kind.
    return { values: { kind, input: result.values } as Recording, errors: {} };
  };
}
