import { z } from 'zod';
import {
  caseStatuses,
  classificationLabels,
  contentClasses,
  decisionMakers,
  entryTypes,
  informationCredibility,
  interventionTypes,
  interventionUseStatuses,
  manualEntryTypes,
  organisationKinds,
  retentionCategoryIds,
  sourceReliability,
  taskStatuses,
} from './domain';
import { multiLineText, singleLineText } from './text-rules';
import { ruleWords } from './validation-messages';

/**
 * What the case-log services accept. The IPC contract reuses these as channel inputs; the services parse
 * them again, because the CLI and tests call the services directly. Times come in as ISO 8601 with an offset
 * and leave the schema as UTC with milliseconds, the form the store keeps and compares as text.
 */

export const idSchema = z.string().min(1).max(100);
/**
 * The instants a log can hold. Nothing in a case happens before 1970 or after 2100: a time outside is a typing
 * error (year 0002 for 2002), refused here as well as in the date-time field, so the CLI and an old renderer
 * cannot store one either. Inclusive, in UTC.
 */
/**
 * How far a time may lie ahead of this machine's clock and still count as now: a minute of difference between
 * clocks is normal; anything further ahead is a typing error.
 */
export const clockToleranceMs = 60_000;

/** True for a time further in the future than clocks differ. */
export const liesAhead = (iso: string, now: number = Date.now()): boolean => Date.parse(iso) > now + clockToleranceMs;

export const instantRange = { min: '1970-01-01T00:00:00.000Z', max: '2100-12-31T23:59:59.999Z' } as const;

export const isoDateTimeSchema = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value).toISOString())
  .refine((iso) => iso >= instantRange.min && iso <= instantRange.max, ruleWords('moet tussen 1970 en 2100 liggen', 'must lie between 1970 and 2100'));

/** Several lines (shared/text-rules.ts): CRLF stored as LF, no control characters but tab and line breaks. */
const requiredText = (max: number) => multiLineText(max).min(1);
const optionalText = (max: number) => multiLineText(max).default('');
/** One line: titles, names, sources; no control characters at all. */
const requiredLine = (max: number) => singleLineText(max).min(1);
const optionalLine = (max: number) => singleLineText(max).default('');

export const limits = {
  title: 200,
  entryText: 50_000,
  reason: 5_000,
  name: 200,
  notes: 5_000,
  /** Longer search text is refused; of what is accepted only the first words are searched. */
  searchQuery: 16_384,
  /** Per file; FILE_TOO_LARGE above it (its message names this limit). */
  attachmentBytes: 50 * 1024 * 1024,
  /** An address or a named place ("stationsplein"). */
  location: 200,
  /** A phone number with its spaces, dashes, country code and extension in parentheses. */
  phone: 40,
} as const;

/** A position in a case's timeline: `<occurredAt>_<seq>`, opaque to callers. */
export const cursorSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_\d{1,10}$/);

const at = isoDateTimeSchema.optional();
const caseId = idSchema;

/**
 * Where something happened: one line, an address or a name the team uses ("stationsplein"). Left empty it is
 * no place at all (null), so an entry without one is stored, and hashed, as before places existed.
 */
export const locationSchema = singleLineText(limits.location)
  .transform((value) => (value === '' ? null : value))
  .nullable();

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
const isPhoneCharacter = (code: number): boolean =>
  isDigit(code) || code === 0x20 || code === 0x2b || code === 0x2d || code === 0x28 || code === 0x29;

/** A plain scan, not a regular expression, for the reason shared/text-rules.ts gives. */
function isPhoneNumber(value: string): boolean {
  let digits = 0;
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (!isPhoneCharacter(code)) return false;
    if (isDigit(code)) digits += 1;
  }
  return value === '' || digits > 0;
}

/**
 * A phone number, checked loosely: people write "06-1234 5678", "+31 (0)20 555 0100", "112"; what matters is that
 * it can be read out and dialled, so digits with spaces, +, - and parentheses, and at least one digit. May be empty.
 */
export const phoneSchema = z
  .string()
  .trim()
  .max(limits.phone)
  .refine(
    isPhoneNumber,
    ruleWords('alleen cijfers, spaties, +, - en haakjes, met minstens één cijfer', 'only digits, spaces, +, - and parentheses, with at least one digit'),
  );

// Cases

export const createCaseInput = z.strictObject({
  title: requiredLine(limits.title),
  municipality: singleLineText(limits.name).nullable().optional(),
  classification: z.enum(classificationLabels).default('vertrouwelijk'),
  contentClass: z.enum(contentClasses).default('onbekend'),
  /** Defaults to the phase model's "online signaal" phase, or its first phase. */
  phaseId: idSchema.optional(),
  retentionCategory: z.enum(retentionCategoryIds).nullable().default(null),
  /** When the case was opened in practice; the opening entry's occurredAt. Defaults to now. */
  openedAt: at,
});

/** Fields left out stay as they are. */
export const updateCaseInput = z.strictObject({
  caseId,
  title: requiredLine(limits.title).optional(),
  municipality: singleLineText(limits.name).nullable().optional(),
  classification: z.enum(classificationLabels).optional(),
  contentClass: z.enum(contentClasses).optional(),
  retentionCategory: z.enum(retentionCategoryIds).nullable().optional(),
});

export const caseIdInput = z.strictObject({ caseId });
export const listCasesInput = z.strictObject({ status: z.enum(caseStatuses).optional() }).default({});

export const closeCaseInput = z.strictObject({
  caseId,
  reason: optionalText(limits.reason),
  /** Required when the case has no retention category yet: closing starts the retention period. */
  retentionCategory: z.enum(retentionCategoryIds).optional(),
  at,
});
export const reopenCaseInput = z.strictObject({ caseId, reason: requiredText(limits.reason), at });
export const archiveCaseInput = z.strictObject({ caseId, at });

// Entries

const reliabilityFields = {
  source: singleLineText(limits.name).nullable().optional(),
  sourceReliability: z.enum(sourceReliability).nullable().optional(),
  informationCredibility: z.enum(informationCredibility).nullable().optional(),
};

export const appendEntryInput = z.strictObject({
  caseId,
  type: z.enum(manualEntryTypes),
  text: requiredText(limits.entryText),
  occurredAt: at,
  ...reliabilityFields,
  personalData: z.boolean().default(false),
  location: locationSchema.optional(),
});

/** A correction replaces the text and, where given, the other fields; what is not given is copied. */
export const correctEntryInput = z.strictObject({
  entryId: idSchema,
  text: requiredText(limits.entryText),
  occurredAt: at,
  ...reliabilityFields,
  personalData: z.boolean().optional(),
  /** null or '' takes the place away; left out, the original's is kept. */
  location: locationSchema.optional(),
});

export const listEntriesInput = z
  .strictObject({
    caseId,
    after: cursorSchema.optional(),
    before: cursorSchema.optional(),
    limit: z.number().int().min(1).max(500).default(100),
    types: z.array(z.enum(entryTypes)).max(entryTypes.length).optional(),
    authorName: z.string().max(limits.name).optional(),
    phaseId: idSchema.optional(),
    query: z.string().max(limits.searchQuery).optional(),
    /** The entry with this number in the case (what the UI shows as `#123`). */
    seq: z.number().int().min(1).optional(),
  })
  .refine((input) => !(input.after && input.before), { path: ['before'], ...ruleWords('niet samen met Vanaf', 'not together with After') });

export const entryIdInput = z.strictObject({ entryId: idSchema });

// Phases, roles, tasks

export const changePhaseInput = z.strictObject({
  caseId,
  phaseId: idSchema,
  reason: requiredText(limits.reason),
  at,
});

export const assignRoleInput = z.strictObject({
  caseId,
  roleId: idSchema,
  personId: idSchema,
  at,
  /** A single-holder role that already has a holder then is refused (SECOND_HOLDER) unless this is true. */
  confirmSecondHolder: z.boolean().default(false),
});
export const handOverRoleInput = z.strictObject({
  assignmentId: idSchema,
  toPersonId: idSchema,
  note: optionalText(limits.reason),
  at,
});
export const endRoleInput = z.strictObject({ assignmentId: idSchema, note: optionalText(limits.reason), at });

export const createTaskInput = z
  .strictObject({
    caseId,
    text: requiredText(limits.reason),
    ownerRoleId: idSchema.nullable().default(null),
    ownerPersonId: idSchema.nullable().default(null),
    dueAt: isoDateTimeSchema.nullable().default(null),
    /** When the task was set in practice; the log entry's occurredAt. Defaults to now. */
    at,
  })
  .refine((input) => input.ownerRoleId !== null || input.ownerPersonId !== null, {
    path: ['ownerRoleId'],
    ...ruleWords('kies een rol of een persoon als eigenaar', 'choose a role or a person as owner'),
  });

export const updateTaskInput = z.strictObject({
  taskId: idSchema,
  text: requiredText(limits.reason).optional(),
  ownerRoleId: idSchema.nullable().optional(),
  ownerPersonId: idSchema.nullable().optional(),
  dueAt: isoDateTimeSchema.nullable().optional(),
  at,
});

export const setTaskStatusInput = z.strictObject({
  taskId: idSchema,
  status: z.enum(taskStatuses),
  note: optionalText(limits.reason),
  at,
});

// Decisions and interventions

export const recordDecisionInput = z.strictObject({
  caseId,
  text: requiredText(limits.entryText),
  decidedBy: z.enum(decisionMakers),
  legalBasisId: idSchema.nullable().default(null),
  necessity: optionalText(limits.reason),
  proportionality: optionalText(limits.reason),
  subsidiarity: optionalText(limits.reason),
  decidedAt: at,
  /** The council's next meeting, for a decision that needs ratification (art. 176). */
  councilMeetingAt: isoDateTimeSchema.nullable().default(null),
  /**
   * Said explicitly when the meeting's date is not known yet: a basis that needs ratification takes either a
   * date or this, and the decision shows an open risk until the date is added (`setCouncilMeetingInput`).
   */
  councilMeetingUnknown: z.boolean().default(false),
  /** An earlier decision of the same case this one ratifies, extends or ends. */
  followsDecisionId: idSchema.nullable().default(null),
  /** Entries of the same case the decision rests on. */
  entryIds: z.array(idSchema).max(500).default([]),
}).refine((input) => !(input.councilMeetingUnknown && input.councilMeetingAt !== null), {
  path: ['councilMeetingUnknown'],
  ...ruleWords('niet samen met een datum van de raadsvergadering', 'not together with a date of the council meeting'),
});

/** The council meeting's date, added to a decision recorded without it; logged as a system entry. */
export const setCouncilMeetingInput = z.strictObject({ decisionId: idSchema, councilMeetingAt: isoDateTimeSchema, at });

export const recordInterventionUseInput = z.strictObject({
  caseId,
  interventionId: idSchema,
  status: z.enum(interventionUseStatuses),
  reason: optionalText(limits.reason),
  effect: optionalText(limits.reason),
  at,
});

export const listInterventionsInput = z
  .strictObject({ phaseId: idSchema.optional(), type: z.enum(interventionTypes).optional() })
  .default({});

// Directory

export const createOrganisationInput = z.strictObject({
  name: requiredLine(limits.name),
  kind: z.enum(organisationKinds),
  contact: optionalText(limits.notes),
  notes: optionalText(limits.notes),
});
export const updateOrganisationInput = z.strictObject({
  organisationId: idSchema,
  name: requiredLine(limits.name).optional(),
  kind: z.enum(organisationKinds).optional(),
  contact: multiLineText(limits.notes).optional(),
  notes: multiLineText(limits.notes).optional(),
});

export const createPersonInput = z.strictObject({
  name: requiredLine(limits.name),
  organisationId: idSchema.nullable().default(null),
  function: optionalLine(limits.name),
  contact: optionalText(limits.notes),
  phone: phoneSchema.default(''),
  notes: optionalText(limits.notes),
});
export const updatePersonInput = z.strictObject({
  personId: idSchema,
  name: requiredLine(limits.name).optional(),
  organisationId: idSchema.nullable().optional(),
  function: singleLineText(limits.name).optional(),
  contact: multiLineText(limits.notes).optional(),
  phone: phoneSchema.optional(),
  notes: multiLineText(limits.notes).optional(),
});

// Exported files (attachment inputs: shared/signals.ts; briefings: shared/briefing.ts)

export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);

// Search, statistics

export const searchInput = z.strictObject({
  /** null searches all cases. */
  caseId: idSchema.nullable(),
  query: z.string().max(limits.searchQuery),
  limit: z.number().int().min(1).max(200).default(50),
});

export const statsInput = z.strictObject({ caseId: idSchema.optional() }).default({});

export type CreateCaseInput = z.input<typeof createCaseInput>;
export type UpdateCaseInput = z.input<typeof updateCaseInput>;
export type CaseIdInput = z.input<typeof caseIdInput>;
export type ListCasesInput = z.input<typeof listCasesInput>;
export type CloseCaseInput = z.input<typeof closeCaseInput>;
export type ReopenCaseInput = z.input<typeof reopenCaseInput>;
export type ArchiveCaseInput = z.input<typeof archiveCaseInput>;
export type AppendEntryInput = z.input<typeof appendEntryInput>;
export type CorrectEntryInput = z.input<typeof correctEntryInput>;
export type ListEntriesInput = z.input<typeof listEntriesInput>;
export type EntryIdInput = z.input<typeof entryIdInput>;
export type ChangePhaseInput = z.input<typeof changePhaseInput>;
export type AssignRoleInput = z.input<typeof assignRoleInput>;
export type HandOverRoleInput = z.input<typeof handOverRoleInput>;
export type EndRoleInput = z.input<typeof endRoleInput>;
export type CreateTaskInput = z.input<typeof createTaskInput>;
export type UpdateTaskInput = z.input<typeof updateTaskInput>;
export type SetTaskStatusInput = z.input<typeof setTaskStatusInput>;
export type RecordDecisionInput = z.input<typeof recordDecisionInput>;
export type SetCouncilMeetingInput = z.input<typeof setCouncilMeetingInput>;
export type RecordInterventionUseInput = z.input<typeof recordInterventionUseInput>;
export type ListInterventionsInput = z.input<typeof listInterventionsInput>;
export type CreateOrganisationInput = z.input<typeof createOrganisationInput>;
export type UpdateOrganisationInput = z.input<typeof updateOrganisationInput>;
export type CreatePersonInput = z.input<typeof createPersonInput>;
export type UpdatePersonInput = z.input<typeof updatePersonInput>;
export type SearchInput = z.input<typeof searchInput>;
export type StatsInput = z.input<typeof statsInput>;
