import { z } from 'zod';
import { deadlineRuleSchema } from './catalogue/legal-bases';
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
import { limits, phoneSchema } from './schemas';
import { briefingAudiences, exportKinds } from './briefing';
import { platforms, signalChannels, signalLimits, signalUrlSchema } from './signals';
import { multiLineText, singleLineText, singleLinePattern } from './text-rules';

/**
 * The case file: one case as JSON, for archiving, moving a case between vaults and importing from other
 * tools. docs/case-format.md describes it; docs/case-format.schema.json is generated from this schema.
 *
 * Inside a file, entries are referred to by `seq` (their 1-based position), decisions by `number`, people,
 * organisations and catalogue items by `id`. Fields marked provenance are written by an export so the hash
 * chain can be checked from the file alone; an import ignores them and gives the case new ids.
 */

export const caseFormatName = 'ordelog-case';
export const caseFormatVersion = 1;

const dateTime = z.iso.datetime({ offset: true }).meta({ id: 'DateTime', description: 'ISO 8601 date-time with Z or an offset' });
const ref = z.string().min(1).max(100).regex(singleLinePattern);
const seqRef = z.number().int().min(1).describe('seq of an entry in this file');
const actorName = singleLineText(limits.name).min(1).describe('name of who did it, as it was then');
/** Several lines (an entry, a decision); CRLF is read as LF; no control characters but tab and line breaks. */
const text = (max: number) => multiLineText(max).min(1);
const note = (max: number) => multiLineText(max);
/** One line (a title, a name): no control characters at all. */
const line = (max: number) => singleLineText(max).min(1);
const shortNote = (max: number) => singleLineText(max);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/).meta({ id: 'Sha256', description: 'SHA-256, lowercase hex' });
const provenance = <T extends z.ZodType>(schema: T) => schema.optional().describe('provenance, ignored on import');

const phaseDefinition = z.strictObject({
  id: ref,
  ordinal: z.number().int(),
  name: line(limits.name),
  description: note(limits.notes).optional(),
}).meta({ id: 'Phase' });

const roleDefinition = z.strictObject({
  id: ref,
  ordinal: z.number().int(),
  name: line(limits.name),
  description: note(limits.notes).optional(),
  singleHolder: z.boolean().optional().describe('one holder at a time unless a second is confirmed; default false'),
}).meta({ id: 'CaseRole' });

const legalBasisDefinition = z.strictObject({
  id: ref,
  ordinal: z.number().int(),
  citation: line(limits.name),
  name: line(limits.name),
  description: note(limits.notes).optional(),
  deadlineRules: z.array(deadlineRuleSchema).optional(),
}).meta({ id: 'LegalBasis' });

const interventionDefinition = z.strictObject({
  id: ref,
  ordinal: z.number().int(),
  name: line(limits.name),
  description: note(limits.notes).optional(),
  type: z.enum(interventionTypes),
  phases: z.array(ref).optional(),
  decidedBy: shortNote(limits.name).optional(),
  legalBasis: ref.nullable().optional(),
  caveats: note(limits.notes).optional(),
}).meta({ id: 'Intervention' });

const organisation = z.strictObject({
  id: ref,
  name: line(limits.name),
  kind: z.enum(organisationKinds),
  contact: note(limits.notes).optional(),
  notes: note(limits.notes).optional(),
}).meta({ id: 'Organisation' });

const person = z.strictObject({
  id: ref,
  name: line(limits.name),
  organisation: ref.nullable().optional(),
  function: shortNote(limits.name).optional(),
  contact: note(limits.notes).optional(),
  phone: phoneSchema
    .meta({ pattern: '^[0-9+() -]*$' })
    .optional()
    .describe('digits, spaces, +, - and parentheses (at most 40); personal data'),
  notes: note(limits.notes).optional(),
}).meta({ id: 'Person' });

const entry = z.strictObject({
  seq: seqRef.optional().describe('if given, must equal the entry’s 1-based position'),
  id: provenance(z.string()),
  type: z.enum(entryTypes),
  occurredAt: dateTime,
  recordedAt: dateTime.optional(),
  recordedBy: actorName.optional(),
  authorId: provenance(z.string().nullable()),
  text: text(limits.entryText),
  source: shortNote(limits.name).nullable().optional(),
  sourceReliability: z.enum(sourceReliability).nullable().optional(),
  informationCredibility: z.enum(informationCredibility).nullable().optional(),
  corrects: seqRef.nullable().optional().describe('seq of an earlier entry this one corrects'),
  personalData: z.boolean().optional(),
  phase: ref.optional().describe('phase id at recording; defaults to the case’s phase'),
  location: line(limits.location)
    .nullable()
    .optional()
    .describe('where it happened: an address or a named place; part of the hash when present (ordelog-entry/2)'),
  // A signed entry's device id and the author's Ed25519 public key (32 bytes) and signature (64 bytes) in base64.
  device: provenance(z.string().regex(/^[0-9a-f]{32}$/).nullable()),
  authorKey: provenance(z.string().regex(/^[A-Za-z0-9+/]{43}=$/).nullable()),
  signature: provenance(z.string().regex(/^[A-Za-z0-9+/]{86}==$/).nullable()),
  prevHash: provenance(sha256),
  hash: provenance(sha256),
}).meta({ id: 'Entry' });

const phaseTransition = z.strictObject({
  from: ref.nullable(),
  to: ref,
  reason: note(limits.reason),
  at: dateTime,
  by: actorName.optional(),
  entry: seqRef.nullable().optional(),
}).meta({ id: 'PhaseTransition' });

const roleAssignment = z.strictObject({
  role: ref,
  person: ref,
  startedAt: dateTime,
  endedAt: dateTime.nullable().optional(),
  handedOverTo: ref.nullable().optional(),
}).meta({ id: 'RoleAssignment' });

const task = z.strictObject({
  text: text(limits.reason),
  ownerRole: ref.nullable().optional(),
  ownerPerson: ref.nullable().optional(),
  dueAt: dateTime.nullable().optional(),
  status: z.enum(taskStatuses).optional(),
  createdAt: dateTime.optional(),
  createdBy: actorName.optional(),
  updatedAt: dateTime.optional(),
}).meta({ id: 'Task' });

const decision = z.strictObject({
  number: z.number().int().min(1).optional(),
  text: text(limits.entryText),
  decidedBy: z.enum(decisionMakers),
  legalBasis: ref.nullable().optional(),
  necessity: note(limits.reason).optional(),
  proportionality: note(limits.reason).optional(),
  subsidiarity: note(limits.reason).optional(),
  decidedAt: dateTime,
  councilMeetingAt: dateTime.nullable().optional(),
  follows: z.number().int().min(1).nullable().optional().describe('number of an earlier decision this one acts on'),
  basedOn: z.array(seqRef).optional().describe('seqs of the entries the decision rests on'),
  entry: seqRef.nullable().optional().describe('seq of the entry that logged the decision'),
  recordedAt: dateTime.optional(),
  recordedBy: actorName.optional(),
}).meta({ id: 'Decision' });

const interventionUse = z.strictObject({
  intervention: ref,
  status: z.enum(interventionUseStatuses),
  reason: note(limits.reason).optional(),
  effect: note(limits.reason).optional(),
  at: dateTime,
  by: actorName.optional(),
  entry: seqRef.nullable().optional(),
}).meta({ id: 'InterventionUse' });

const signal = z.strictObject({
  entry: seqRef.describe('seq of the signaal entry whose facts these are; its text is the summary'),
  platform: z.enum(platforms),
  url: signalUrlSchema.nullable().optional().describe('http(s) only; never fetched'),
  accountHandle: shortNote(signalLimits.accountHandle).nullable().optional().describe('personal data'),
  channel: z.enum(signalChannels),
  legalGround: note(signalLimits.legalGround).nullable().optional().describe('required when channel is besloten'),
  postedAt: dateTime.nullable().optional(),
  seenAt: dateTime,
  reach: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional().describe('views or members, estimated'),
  contentClass: z.enum(contentClasses).optional(),
  phase: ref.nullable().optional().describe('id of the phase the signal points to'),
  capturedBy: actorName.optional(),
}).meta({ id: 'Signal' });

const attachment = z.strictObject({
  fileName: line(255),
  mediaType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/).max(255),
  personalData: z.boolean().optional(),
  entry: seqRef.nullable().optional(),
  addedAt: dateTime.optional(),
  addedBy: actorName.optional(),
  sha256: sha256.optional().describe('checked on import when given'),
  data: z.base64().max(Math.ceil(limits.attachmentBytes / 3) * 4),
}).meta({ id: 'Attachment' });

const briefingExport = z.strictObject({
  kind: z.enum(exportKinds).optional().describe('what left the vault; default briefing'),
  number: z.number().int().min(1).optional().describe('per case and kind; default the position in this list'),
  at: dateTime,
  by: actorName.optional(),
  audience: z.enum(briefingAudiences).nullable().optional(),
  periodFrom: dateTime.nullable().optional(),
  periodTo: dateTime.nullable().optional(),
  fingerprint: z
    .string()
    .regex(/^(\d+:)?[0-9a-f]{64}$/)
    .describe('the state of the log the export summarised: "<entry count>:<SHA-256 of the last entry>"'),
  classification: z.enum(classificationLabels),
  redacted: z.boolean(),
  pageCount: z.number().int().min(0).describe('0 for a JSON export'),
  sha256: sha256.nullable().optional().describe('SHA-256 of the exported file'),
  size: z.number().int().min(0).nullable().optional(),
  entry: seqRef.nullable().optional(),
}).meta({ id: 'BriefingExport' });

export const caseFileSchema = z
  .strictObject({
    format: z.literal(caseFormatName).optional(),
    version: z.literal(caseFormatVersion).optional(),
    exportedAt: provenance(dateTime),
    exportedBy: provenance(z.string()),
    case: z.strictObject({
      id: provenance(z.string()),
      title: line(limits.title),
      municipality: shortNote(limits.name).nullable().optional(),
      status: z.enum(caseStatuses).optional(),
      classification: z.enum(classificationLabels).optional(),
      contentClass: z.enum(contentClasses).optional(),
      phase: ref.optional().describe('current phase id'),
      retentionCategory: z.enum(retentionCategoryIds).nullable().optional(),
      createdAt: dateTime.optional(),
      createdBy: actorName.optional(),
      closedAt: dateTime.nullable().optional(),
      archivedAt: dateTime.nullable().optional(),
    }),
    catalogue: z
      .strictObject({
        phases: z.array(phaseDefinition).optional(),
        roles: z.array(roleDefinition).optional(),
        legalBases: z.array(legalBasisDefinition).optional(),
        interventions: z.array(interventionDefinition).optional(),
      })
      .optional()
      .describe('catalogue items the case refers to; added to the vault when missing, never overwritten'),
    organisations: z.array(organisation).optional(),
    people: z.array(person).optional(),
    entries: z.array(entry).describe('the log in recording order'),
    phaseTransitions: z.array(phaseTransition).optional(),
    roleAssignments: z.array(roleAssignment).optional(),
    tasks: z.array(task).optional(),
    decisions: z.array(decision).optional(),
    interventionUses: z.array(interventionUse).optional(),
    signals: z.array(signal).optional(),
    attachments: z.array(attachment).optional(),
    briefingExports: z.array(briefingExport).optional(),
    redacted: z
      .boolean()
      .optional()
      .describe('true in a redacted export (personal data left out, for Woo and the archive); such a file is refused on import'),
  })
  .describe('Ordelog case file');

export type CaseFile = z.output<typeof caseFileSchema>;
export type CaseFileEntry = CaseFile['entries'][number];

/** The JSON Schema of the case file, as committed in docs/case-format.schema.json. */
export function renderCaseFormatJsonSchema(): string {
  const { $schema, ...schema } = z.toJSONSchema(caseFileSchema, { io: 'input', target: 'draft-2020-12' });
  const document = { $schema, $id: 'urn:ordelog:case-format:1', title: 'Ordelog case file, version 1', ...schema };
  return `${JSON.stringify(document, null, 2)}\n`;
}
