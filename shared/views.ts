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
  organisationKinds,
  retentionCategoryIds,
  sourceReliability,
  taskStatuses,
} from './domain';
import { deadlineRuleSchema } from './catalogue/legal-bases';

/**
 * What the case-log services return, as schemas the IPC contract can use for its outputs. Times are ISO 8601
 * in UTC; "…Name" fields are names as they were when the thing was done.
 */

const nullableString = z.string().nullable();

export const caseSummarySchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  municipality: nullableString,
  status: z.enum(caseStatuses),
  classification: z.enum(classificationLabels),
  contentClass: z.enum(contentClasses),
  phaseId: z.string(),
  phaseName: z.string(),
  entryCount: z.number().int(),
  /** The last time anything was recorded in the case (or its creation). */
  lastActivityAt: z.string(),
  createdAt: z.string(),
});

export const caseDetailSchema = caseSummarySchema.extend({
  retentionCategory: z.enum(retentionCategoryIds).nullable(),
  /** When a closed case is due for destruction; null while open or when kept permanently. */
  retentionDueAt: nullableString,
  createdByName: z.string(),
  /** When the case's earliest entry happened: times long before it are asked to be confirmed. */
  firstOccurredAt: z.string(),
  closedAt: nullableString,
  archivedAt: nullableString,
});

export const entrySchema = z.strictObject({
  id: z.string(),
  caseId: z.string(),
  seq: z.number().int(),
  type: z.enum(entryTypes),
  text: z.string(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  authorId: nullableString,
  authorName: z.string(),
  source: nullableString,
  sourceReliability: z.enum(sourceReliability).nullable(),
  informationCredibility: z.enum(informationCredibility).nullable(),
  correctsEntryId: nullableString,
  /** Later entries that correct this one, oldest first. */
  correctedByIds: z.array(z.string()),
  personalData: z.boolean(),
  phaseId: z.string(),
  /** Where it happened: an address or a named place; null when none was given. */
  location: nullableString,
  hash: z.string(),
});

export const entryPageSchema = z.strictObject({
  entries: z.array(entrySchema),
  /** Pass as `before` for the page before this one; null at the start of the (filtered) timeline. */
  previousCursor: nullableString,
  /** Pass as `after` for the page after this one; null at the end. */
  nextCursor: nullableString,
  /** With search words: how many entries match them (and the other filters) in the whole case; else null. */
  total: z.number().int().nonnegative().nullable(),
});

export const phaseSchema = z.strictObject({
  id: z.string(),
  ordinal: z.number().int(),
  name: z.string(),
  description: z.string(),
});

export const phaseTransitionSchema = z.strictObject({
  id: z.string(),
  caseId: z.string(),
  fromPhaseId: nullableString,
  toPhaseId: z.string(),
  reason: z.string(),
  at: z.string(),
  byName: z.string(),
  entryId: nullableString,
});

export const caseRoleSchema = phaseSchema.extend({
  /** One holder at a time, unless a second one is confirmed explicitly. */
  singleHolder: z.boolean(),
});

export const roleAssignmentSchema = z.strictObject({
  id: z.string(),
  caseId: z.string(),
  roleId: z.string(),
  personId: z.string(),
  personName: z.string(),
  startedAt: z.string(),
  endedAt: nullableString,
  handedOverTo: nullableString,
});

export const taskSchema = z.strictObject({
  id: z.string(),
  caseId: z.string(),
  text: z.string(),
  ownerRoleId: nullableString,
  ownerPersonId: nullableString,
  dueAt: nullableString,
  status: z.enum(taskStatuses),
  createdAt: z.string(),
  createdByName: z.string(),
  updatedAt: z.string(),
});

export const legalBasisSchema = z.strictObject({
  id: z.string(),
  ordinal: z.number().int(),
  citation: z.string(),
  name: z.string(),
  description: z.string(),
  deadlineRules: z.array(deadlineRuleSchema),
});

export const deadlineSchema = z.strictObject({
  kind: z.enum(['council-ratification', 'maximum-duration', 'retention-limit']),
  label: z.string(),
  dueAt: nullableString,
  met: z.boolean(),
});

/** An entry a decision rests on: its number in the case, when it happened and how its text begins. */
export const linkedEntrySchema = z.strictObject({
  id: z.string(),
  seq: z.number().int(),
  occurredAt: z.string(),
  type: z.enum(entryTypes),
  excerpt: z.string(),
});

export const decisionSchema = z.strictObject({
  id: z.string(),
  caseId: z.string(),
  number: z.number().int(),
  text: z.string(),
  decidedBy: z.enum(decisionMakers),
  legalBasisId: nullableString,
  necessity: z.string(),
  proportionality: z.string(),
  subsidiarity: z.string(),
  decidedAt: z.string(),
  councilMeetingAt: nullableString,
  followsDecisionId: nullableString,
  /** The system entry that logged the decision. */
  entryId: nullableString,
  /** The entries the decision rests on. */
  entryIds: z.array(z.string()),
  /** The same entries as the decision card shows them, read with the decision, in log order. */
  linkedEntries: z.array(linkedEntrySchema),
  recordedAt: z.string(),
  recordedByName: z.string(),
  deadlines: z.array(deadlineSchema),
});

export const interventionSchema = z.strictObject({
  id: z.string(),
  ordinal: z.number().int(),
  name: z.string(),
  description: z.string(),
  type: z.enum(interventionTypes),
  phaseIds: z.array(z.string()),
  decidedBy: z.string(),
  legalBasisId: nullableString,
  caveats: z.string(),
});

export const interventionUseSchema = z.strictObject({
  id: z.string(),
  caseId: z.string(),
  interventionId: z.string(),
  status: z.enum(interventionUseStatuses),
  reason: z.string(),
  effect: z.string(),
  at: z.string(),
  byName: z.string(),
  entryId: nullableString,
});

export const organisationSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: z.enum(organisationKinds),
  contact: z.string(),
  notes: z.string(),
});

export const personSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  organisationId: nullableString,
  function: z.string(),
  contact: z.string(),
  /** '' when not known. */
  phone: z.string(),
  notes: z.string(),
});

export const attachmentSchema = z.strictObject({
  id: z.string(),
  caseId: z.string(),
  entryId: nullableString,
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  personalData: z.boolean(),
  addedAt: z.string(),
  addedByName: z.string(),
});

export const bytesSchema = z.custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'Verwacht bytes.' });

export const attachmentContentSchema = attachmentSchema.extend({ bytes: bytesSchema });

/** Marks around the matched terms in a search snippet: control characters, so they never clash with text. */
export const snippetMarks = { start: '\u0002', end: '\u0003' } as const;

export const searchHitSchema = z.strictObject({
  kind: z.enum(['entry', 'task', 'decision']),
  id: z.string(),
  caseId: z.string(),
  caseTitle: z.string(),
  /** Plain text with `snippetMarks` around matches; render as text, never as HTML. */
  snippet: z.string(),
  /** When the entry happened, the task was created or the decision was taken. */
  at: z.string(),
});

const countsOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.record(z.enum(values), z.number().int());

export const statsSchema = z.strictObject({
  cases: countsOf(caseStatuses),
  entries: z.number().int(),
  entriesByType: countsOf(entryTypes),
  personalDataEntries: z.number().int(),
  tasks: countsOf(taskStatuses),
  overdueTasks: z.number().int(),
  decisions: z.number().int(),
  interventionUses: countsOf(interventionUseStatuses),
  attachments: z.number().int(),
  attachmentBytes: z.number().int(),
  personalDataAttachments: z.number().int(),
});

/**
 * Something in a case that has to happen by a time: an open task with a due time, or a deadline a decision's
 * legal basis sets (ratification by the council under art. 176, a maximum duration, a retention limit).
 */
export const situationDeadlineSchema = z.strictObject({
  kind: z.enum(['task', 'council-ratification', 'maximum-duration', 'retention-limit']),
  /** null: a ratification whose council meeting is not known yet, an open risk without a date. */
  dueAt: nullableString,
  /** The task's text, shortened; '' for a decision's deadline, which the UI names by its kind and number. */
  text: z.string(),
  taskId: nullableString,
  decisionId: nullableString,
  decisionNumber: z.number().int().nullable(),
  /** Hours or days a maximum duration or retention limit counts; null for other kinds. */
  amount: z.number().int().nullable(),
});

/** Who holds a role in the case now, and how to reach them. */
export const roleHolderSchema = z.strictObject({
  roleId: z.string(),
  roleName: z.string(),
  personId: z.string(),
  personName: z.string(),
  phone: z.string(),
  since: z.string(),
});

/** A place named in a case's recent entries, with how many entries name it. */
export const placeCountSchema = z.strictObject({ location: z.string(), count: z.number().int() });

/**
 * A case at a glance, for the bar on every case screen and the overview: read in one call, computed by the main
 * process from indexed queries. `deadlines` holds every overdue deadline and open risk and the next few running
 * ones, earliest first (undated ones last); what is overdue at the moment the screen shows is for the screen to
 * say, with its own clock, against `dueAt`.
 */
export const situationSchema = z.strictObject({
  caseId: z.string(),
  /** When the main process read it. */
  at: z.string(),
  phaseId: z.string(),
  phaseName: z.string(),
  holders: z.array(roleHolderSchema),
  deadlines: z.array(situationDeadlineSchema),
  /** Signals recorded by someone else since this user last opened the case's signals. */
  unreadSignals: z.number().int(),
  /** When this user last opened them; null: never. */
  signalsReadAt: nullableString,
  /** The places named most in entries of the last `placesHours` hours, most named first. */
  places: z.array(placeCountSchema),
  placesHours: z.number().int(),
});

/** A row of the case list: the case, its next running deadline and how many are overdue. */
export const caseListItemSchema = caseSummarySchema.extend({
  nextDeadline: situationDeadlineSchema.nullable(),
  overdueDeadlines: z.number().int(),
});

/**
 * `bad-signature`: a signed entry's signature does not hold over its content; `unknown-author-key`: it was signed
 * with a key not registered for its author, or not the one the author's key slot binds. `head-signature-bad`: the
 * case's head signature does not hold, or was made with a key that is no registered author's (or not the one their
 * slot binds); `head-unsigned`: a case with signed entries has a head without a signature.
 */
export const chainBreakReasons = [
  'seq-gap',
  'prev-hash-mismatch',
  'hash-mismatch',
  'head-mismatch',
  'bad-signature',
  'unknown-author-key',
  'head-signature-bad',
  'head-unsigned',
] as const;

export const chainVerificationSchema = z.strictObject({
  ok: z.boolean(),
  casesChecked: z.number().int(),
  entriesChecked: z.number().int(),
  firstBroken: z
    .strictObject({
      caseId: z.string(),
      seq: z.number().int(),
      /** null when the entry at `seq` is missing (a log cut short at its end). */
      entryId: nullableString,
      reason: z.enum(chainBreakReasons),
    })
    .optional(),
});

export const verifyReportSchema = z.strictObject({
  ok: z.boolean(),
  /** `PRAGMA integrity_check`: ['ok'] or the problems it found. */
  integrity: z.array(z.string()),
  foreignKeyViolations: z.number().int(),
  chains: chainVerificationSchema,
});

export type CaseSummary = z.infer<typeof caseSummarySchema>;
export type CaseListItem = z.infer<typeof caseListItemSchema>;
export type SituationDeadline = z.infer<typeof situationDeadlineSchema>;
export type RoleHolder = z.infer<typeof roleHolderSchema>;
export type PlaceCount = z.infer<typeof placeCountSchema>;
export type Situation = z.infer<typeof situationSchema>;
export type CaseDetail = z.infer<typeof caseDetailSchema>;
export type Entry = z.infer<typeof entrySchema>;
export type EntryPage = z.infer<typeof entryPageSchema>;
export type Phase = z.infer<typeof phaseSchema>;
export type PhaseTransition = z.infer<typeof phaseTransitionSchema>;
export type CaseRole = z.infer<typeof caseRoleSchema>;
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;
export type Task = z.infer<typeof taskSchema>;
export type LegalBasis = z.infer<typeof legalBasisSchema>;
export type Decision = z.infer<typeof decisionSchema>;
export type LinkedEntry = z.infer<typeof linkedEntrySchema>;
export type Intervention = z.infer<typeof interventionSchema>;
export type InterventionUse = z.infer<typeof interventionUseSchema>;
export type Organisation = z.infer<typeof organisationSchema>;
export type Person = z.infer<typeof personSchema>;
export type Attachment = z.infer<typeof attachmentSchema>;
export type AttachmentContent = z.infer<typeof attachmentContentSchema>;
export type SearchHit = z.infer<typeof searchHitSchema>;
export type Stats = z.infer<typeof statsSchema>;
export type ChainVerification = z.infer<typeof chainVerificationSchema>;
export type ChainBreakReason = (typeof chainBreakReasons)[number];
export type VerifyReport = z.infer<typeof verifyReportSchema>;
