import { z } from 'zod';
import {
  caseStatuses,
  classificationLabels,
  contentClasses,
  decisionMakers,
  entryTypes,
  interventionTypes,
  interventionUseStatuses,
  taskStatuses,
} from './domain';
import { idSchema, isoDateTimeSchema, limits } from './schemas';
import { base64Length, platforms, signalChannels } from './signals';
import { multiLineText, singleLineText } from './text-rules';

/**
 * Briefings and log exports: what the composer asks for, the document model the services build from the vault
 * (names resolved, redaction applied), and the export register. The document is plain data; `shared/briefing-html`
 * turns it into the one HTML that is both the in-app preview and, printed by Chromium, the PDF.
 */

export const briefingAudiences = ['burgemeester', 'driehoek', 'beleidsteam', 'raad'] as const;
export type BriefingAudience = (typeof briefingAudiences)[number];

/** What left the vault: a BOB briefing, or the whole log of a case as PDF or JSON. */
export const exportKinds = ['briefing', 'logboek-pdf', 'logboek-json', 'overdracht', 'pakket', 'pakket-ontvangen'] as const;
export type ExportKind = (typeof exportKinds)[number];

export const documentLocales = ['nl', 'en'] as const;
export type DocumentLocale = (typeof documentLocales)[number];

/** Free text the author writes into a briefing. */
const authorText = multiLineText(limits.entryText).default('');

/**
 * What follows the one-page kernbriefing, each under its own heading, in this order: the decisions with their
 * weighing, the open actions, the signals and evidence of the period, the phase history, the interventions, the
 * roles, and the timeline excerpt.
 */
export const briefingAnnexes = ['besluiten', 'acties', 'signalen', 'fasen', 'interventies', 'rollen', 'tijdlijn'] as const;
export type BriefingAnnex = (typeof briefingAnnexes)[number];

/** The annexes a briefing has when its author did not choose: for the mayor, the decisions and the actions. */
export function defaultAnnexes(audience: BriefingAudience): BriefingAnnex[] {
  switch (audience) {
    case 'burgemeester':
      return ['besluiten', 'acties'];
    case 'driehoek':
      return ['besluiten', 'acties', 'signalen', 'interventies'];
    case 'raad':
      return ['besluiten', 'interventies', 'fasen'];
    case 'beleidsteam':
      return [...briefingAnnexes];
  }
}

/** The entry types of a timeline excerpt when system lines are left out: what happened and what was decided. */
export const timelineKeyTypes = ['signaal', 'waarneming', 'besluit', 'systeem_besluit', 'systeem_fase'] as const;

export const composeBriefingInput = z.strictObject({
  caseId: idSchema,
  audience: z.enum(briefingAudiences).default('burgemeester'),
  /**
   * Start of the period. Empty (null or absent) means since the previous briefing of this case: from the end of
   * the period that briefing covered (or the case's start when there is none).
   */
  from: isoDateTimeSchema.nullable().optional(),
  /** The whole case, from its start, whatever earlier briefings covered. */
  fromStart: z.boolean().default(false),
  /** End of the period; absent means now. */
  to: isoDateTimeSchema.nullable().optional(),
  /** Beeld: the author's summary of the picture. */
  summary: authorText,
  /** Oordeel: risks as the author sees them. */
  risks: authorText,
  /** Besluit: what the reader is asked to decide. */
  requestedDecisions: authorText,
  /** Leaves out entries, fields and attachments marked as personal data. */
  redacted: z.boolean().default(false),
  locale: z.enum(documentLocales).default('nl'),
  /** The annexes after the kernbriefing; absent means the audience's default (`defaultAnnexes`). */
  annexes: z.array(z.enum(briefingAnnexes)).max(briefingAnnexes.length).optional(),
  /** The timeline excerpt with the system's own lines (tasks, roles, exports) as well as the key entries. */
  timelineSystemLines: z.boolean().default(false),
  /**
   * A version for a partner (police, OM, a neighbouring municipality), named here: it leaves out everything
   * marked as personal data and every line of the author's texts marked internal (`[intern]`), and says
   * "Versie voor <partner>" on every page. Empty or absent: the own organisation's version.
   */
  partner: singleLineText(limits.name).nullable().default(null),
});

/** A line of the author's text that only the own organisation reads: it starts with `[intern]`. */
export const internalLine = /^\s*\[intern\]/iu;

/** The author's text as a partner gets it: without its internal lines. */
export const withoutInternalLines = (text: string): string =>
  text
    .split('\n')
    .filter((line) => !internalLine.test(line))
    .join('\n');

/**
 * The shift-handover report (overdrachtsrapport): what the outgoing OOV-adviseur hands over. The period is the
 * last `hours` hours, or from `from`; with neither, since the previous handover report (its period's end), or
 * the last 12 hours when there was none.
 */
export const composeHandoverInput = z.strictObject({
  caseId: idSchema,
  from: isoDateTimeSchema.nullable().optional(),
  hours: z.number().int().min(1).max(72).nullable().optional(),
  /** Who takes over, as the outgoing person writes it. */
  incomingName: multiLineText(limits.name).default(''),
  /** What the incoming person should do first. */
  firstActions: authorText,
  redacted: z.boolean().default(false),
  locale: z.enum(documentLocales).default('nl'),
});
export type ComposeHandoverInput = z.input<typeof composeHandoverInput>;
export type ComposeHandoverArgs = z.output<typeof composeHandoverInput>;

/** Hours a handover report covers when there is no previous one and none are given. */
export const defaultHandoverHours = 12;

export const exportLogInput = z.strictObject({
  caseId: idSchema,
  format: z.enum(['pdf', 'json']),
  redacted: z.boolean().default(false),
  locale: z.enum(documentLocales).default('nl'),
});

/** Exported files are checked by their bytes; a PDF of a briefing is far below the attachment limit. */
export const verifyExportInput = z.strictObject({
  caseId: idSchema,
  data: z.base64().max(base64Length(limits.attachmentBytes)),
});

export type ComposeBriefingInput = z.input<typeof composeBriefingInput>;
export type ComposeBriefingArgs = z.output<typeof composeBriefingInput>;
export type ExportLogInput = z.input<typeof exportLogInput>;
export type VerifyExportInput = z.input<typeof verifyExportInput>;

// The document model

const nullableString = z.string().nullable();

/** Which state of the log a document summarises: the number of entries and the hash of the last one. */
export const fingerprintSchema = z.strictObject({
  entries: z.number().int().nonnegative(),
  headHash: z.string(),
});

export const documentCaseSchema = z.strictObject({
  id: z.string(),
  /** Short, readable case number derived from the id, e.g. "DOSSIER-3F2A9C1B". */
  reference: z.string(),
  title: z.string(),
  municipality: nullableString,
  classification: z.enum(classificationLabels),
  status: z.enum(caseStatuses),
  contentClass: z.enum(contentClasses),
  phaseName: z.string(),
});

export const documentSignalSchema = z.strictObject({
  platform: z.enum(platforms),
  channel: z.enum(signalChannels),
  /** Null when absent or redacted. */
  url: nullableString,
  accountHandle: nullableString,
  postedAt: nullableString,
  seenAt: z.string(),
  reach: z.number().int().nullable(),
  contentClass: z.enum(contentClasses),
});

/** An entry as printed. When `redacted`, `text`, `source` and the signal's URL and handle are blanked. */
export const documentEntrySchema = z.strictObject({
  seq: z.number().int(),
  type: z.enum(entryTypes),
  occurredAt: z.string(),
  recordedAt: z.string(),
  authorName: z.string(),
  text: z.string(),
  source: nullableString,
  /** Source reliability and information credibility together, e.g. "B2"; null when not graded. */
  grading: nullableString,
  phaseName: z.string(),
  personalData: z.boolean(),
  redacted: z.boolean(),
  /** Seq of the entry this one corrects, and of the entries that correct it. */
  correctsSeq: z.number().int().nullable(),
  correctedBySeqs: z.array(z.number().int()),
  signal: documentSignalSchema.nullable(),
});

export const documentEvidenceSchema = z.strictObject({
  /** Seq of the entry the file belongs to; null for a file kept with the case only. */
  entrySeq: z.number().int().nullable(),
  /** Empty when redacted. */
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  addedAt: z.string(),
  personalData: z.boolean(),
  redacted: z.boolean(),
});

const phaseChangeSchema = z.strictObject({
  at: z.string(),
  fromName: nullableString,
  toName: z.string(),
  reason: z.string(),
  byName: z.string(),
});

const documentInterventionSchema = z.strictObject({
  name: z.string(),
  type: z.enum(interventionTypes),
  status: z.enum(interventionUseStatuses),
  reason: z.string(),
  effect: z.string(),
  at: z.string(),
  byName: z.string(),
});

const documentDeadlineSchema = z.strictObject({
  label: z.string(),
  dueAt: nullableString,
  met: z.boolean(),
  overdue: z.boolean(),
});

const documentDecisionSchema = z.strictObject({
  number: z.number().int(),
  text: z.string(),
  decidedAt: z.string(),
  decidedBy: z.enum(decisionMakers),
  /** Citation and name, e.g. "art. 172 lid 3 Gemeentewet — bevel". */
  legalBasis: nullableString,
  necessity: z.string(),
  proportionality: z.string(),
  subsidiarity: z.string(),
  /** Taken within the briefing's period. */
  inPeriod: z.boolean(),
  deadlines: z.array(documentDeadlineSchema),
});

const documentActionSchema = z.strictObject({
  text: z.string(),
  /** Role and/or person, e.g. "OOV-adviseur (J. de Vries)"; null when nobody owns it yet. */
  owner: nullableString,
  dueAt: nullableString,
  status: z.enum(taskStatuses),
  overdue: z.boolean(),
});

const documentRoleSchema = z.strictObject({
  role: z.string(),
  holder: z.string(),
  organisation: nullableString,
  /** Blank in a redacted document. */
  contact: nullableString,
  since: z.string(),
});

/** Counts of what happened between the previous briefing and this one. */
const changesSchema = z.strictObject({
  previous: z.strictObject({ number: z.number().int(), at: z.string() }).nullable(),
  entries: z.number().int(),
  signals: z.number().int(),
  decisions: z.number().int(),
  phaseChanges: z.number().int(),
  tasksOpened: z.number().int(),
  tasksDone: z.number().int(),
  attachments: z.number().int(),
});

const documentCommon = {
  locale: z.enum(documentLocales),
  case: documentCaseSchema,
  redacted: z.boolean(),
  generatedAt: z.string(),
  generatedByName: z.string(),
  fingerprint: fingerprintSchema,
};

export const briefingDocumentSchema = z.strictObject({
  kind: z.literal('briefing'),
  ...documentCommon,
  /** The briefing's number within its case: 1 for the first briefing exported. */
  number: z.number().int().positive(),
  audience: z.enum(briefingAudiences),
  /**
   * `since` says where the start came from: the case's start (asked for, or no earlier briefing), the end of the
   * previous briefing's period, or a time the author chose.
   */
  period: z.strictObject({ from: nullableString, to: z.string(), since: z.enum(['start', 'previous', 'chosen']) }),
  /** What follows the kernbriefing, in `briefingAnnexes` order. */
  annexes: z.array(z.enum(briefingAnnexes)),
  /** The partner this version is for; null for the own organisation's version. */
  partner: nullableString,
  summary: z.string(),
  risks: z.string(),
  requestedDecisions: z.string(),
  changes: changesSchema,
  /** Beeld: signals and observations of the period, newest first. */
  keyEntries: z.array(documentEntrySchema),
  keyEntriesOmitted: z.number().int(),
  evidence: z.array(documentEvidenceSchema),
  /** Oordeel. */
  phase: z.strictObject({
    current: z.string(),
    since: nullableString,
    reason: nullableString,
    history: z.array(phaseChangeSchema),
  }),
  interventions: z.array(documentInterventionSchema),
  /** Besluit. */
  decisions: z.array(documentDecisionSchema),
  openActions: z.array(documentActionSchema),
  roles: z.array(documentRoleSchema),
  /**
   * The timeline excerpt: the latest entries of the period in the order they happened (occurredAt, then seq), at
   * most `briefingLimits.timeline`; `key`: signals, observations, decisions and phase changes only (`timelineKeyTypes`).
   */
  timeline: z.array(documentEntrySchema),
  timelineScope: z.enum(['key', 'all']),
  timelineOmitted: z.number().int(),
});

export const handoverDocumentSchema = z.strictObject({
  kind: z.literal('overdracht'),
  ...documentCommon,
  /** The handover report's number within its case. */
  number: z.number().int().positive(),
  period: z.strictObject({ from: z.string(), to: z.string(), since: z.enum(['previous', 'hours', 'chosen']), hours: z.number().nullable() }),
  /** The previous handover report, whose end this one starts from. */
  previous: z.strictObject({ number: z.number().int(), at: z.string() }).nullable(),
  incomingName: z.string(),
  firstActions: z.string(),
  phase: z.strictObject({ current: z.string(), since: nullableString, reason: nullableString }),
  /** Open and running tasks, the overdue ones first. */
  openActions: z.array(documentActionSchema),
  /** Legal deadlines not met yet, of every decision of the case, the overdue ones first. */
  deadlines: z.array(z.strictObject({ decision: z.number().int(), label: z.string(), dueAt: nullableString, overdue: z.boolean() })),
  /** Decisions taken within the shift. */
  decisions: z.array(documentDecisionSchema),
  roles: z.array(documentRoleSchema),
  /** Signals and observations of the shift, newest first, at most `handoverLimits.keyEntries`. */
  keyEntries: z.array(documentEntrySchema),
  keyEntriesOmitted: z.number().int(),
  entriesInShift: z.number().int(),
});

export const handoverLimits = { keyEntries: 15 } as const;

/** Deadlines and actions as a reader takes them in: the overdue ones first, then by when they are due. */
export const byDue = (a: { overdue: boolean; dueAt: string | null }, b: { overdue: boolean; dueAt: string | null }): number =>
  Number(b.overdue) - Number(a.overdue) || (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999');

export const logDocumentSchema = z.strictObject({
  kind: z.literal('logboek'),
  ...documentCommon,
  /** Every entry of the case, in log order (seq). */
  entries: z.array(documentEntrySchema),
  evidence: z.array(documentEvidenceSchema),
  phaseHistory: z.array(phaseChangeSchema),
});

export const briefingLimits = {
  keyEntries: 40,
  timeline: 80,
} as const;

export type Fingerprint = z.infer<typeof fingerprintSchema>;
export type DocumentCase = z.infer<typeof documentCaseSchema>;
export type DocumentEntry = z.infer<typeof documentEntrySchema>;
export type DocumentEvidence = z.infer<typeof documentEvidenceSchema>;
export type BriefingDocument = z.infer<typeof briefingDocumentSchema>;
export type LogDocument = z.infer<typeof logDocumentSchema>;
export type HandoverDocument = z.infer<typeof handoverDocumentSchema>;
export type ExportDocument = BriefingDocument | LogDocument | HandoverDocument;

// The export register

export const exportRecordSchema = z.strictObject({
  id: z.string(),
  caseId: z.string(),
  kind: z.enum(exportKinds),
  /** Per case and kind, from 1. */
  number: z.number().int(),
  at: z.string(),
  byName: z.string(),
  audience: z.enum(briefingAudiences).nullable(),
  periodFrom: nullableString,
  periodTo: nullableString,
  /** "<entries>:<headHash>", see `formatFingerprint`. */
  fingerprint: z.string(),
  classification: z.enum(classificationLabels),
  redacted: z.boolean(),
  /** Zero for JSON. */
  pageCount: z.number().int(),
  /** SHA-256 of the exported file; null for exports recorded before the register kept it. */
  sha256: nullableString,
  size: z.number().int().nullable(),
  entryId: nullableString,
  /** The partner a partner version was made for; null otherwise. */
  recipient: nullableString,
});

export type ExportRecord = z.infer<typeof exportRecordSchema>;

/** What the services record after writing a file; never from the renderer (the file is made in main). */
export const recordExportInput = z.strictObject({
  caseId: idSchema,
  kind: z.enum(exportKinds),
  audience: z.enum(briefingAudiences).nullable().default(null),
  periodFrom: z.string().nullable().default(null),
  periodTo: z.string().nullable().default(null),
  fingerprint: fingerprintSchema,
  classification: z.enum(classificationLabels),
  redacted: z.boolean(),
  pageCount: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  recipient: z.string().nullable().default(null),
});

export type RecordExportInput = z.input<typeof recordExportInput>;

/** An exported file, bytes as base64, for the renderer to offer as a download. */
export const exportedFileSchema = z.strictObject({
  record: exportRecordSchema,
  fileName: z.string(),
  mediaType: z.string(),
  data: z.string(),
});

/**
 * An exported file as the renderer gets it: small files whole, in `data`; a large one (a 100,000-entry log is
 * about 95 MB of base64) waits in the vault's process under `fileId` and is read in pieces with `exports.read`,
 * so no single message blocks the window's thread for long.
 */
export const deliveredFileSchema = z.union([
  exportedFileSchema,
  exportedFileSchema.omit({ data: true }).extend({ fileId: z.uuid(), size: z.number().int().nonnegative() }),
]);
export type DeliveredFile = z.infer<typeof deliveredFileSchema>;

/** One piece of a large exported file, in base64; `next` is the offset to read next, null after the last. */
export const readExportInput = z.strictObject({ fileId: z.uuid(), offset: z.number().int().nonnegative() });
export const exportPieceSchema = z.strictObject({ data: z.string(), next: z.number().int().nonnegative().nullable() });

export const handoverPreviewSchema = z.strictObject({ document: handoverDocumentSchema, html: z.string() });
export type HandoverPreview = z.infer<typeof handoverPreviewSchema>;

export const previewSchema = z.strictObject({
  document: briefingDocumentSchema,
  /** The document's HTML body, exactly as printed; built only from escaped text. */
  html: z.string(),
});

/** What an exported file says about itself, read from the file alone (never from the vault's register). */
export const fileStatementSchema = z.strictObject({
  format: z.enum(['pdf', 'json', 'unknown']),
  /**
   * The state of the log the file states it summarises: a PDF's XMP and Info metadata (and keywords), a JSON
   * log's entry count and last entry hash. Null when the file states none that can be read.
   */
  fingerprint: fingerprintSchema.nullable(),
  /** The places in the file that state a fingerprint (or a case) disagree: someone edited one of them. */
  conflicting: z.boolean(),
  /** The case the file names; null when it names none. */
  caseId: nullableString,
  /** JSON only: whether the file's entries chain correctly, each hash recomputed from its entry. */
  entries: z
    .strictObject({
      consistent: z.boolean(),
      /** The seq of the first entry where the file's chain breaks. */
      brokenAtSeq: z.number().int().nullable(),
      /** Entries whose text a redaction removed: checked for their link only, their hash cannot be recomputed. */
      notRecomputed: z.number().int(),
    })
    .nullable(),
});

export const exportVerificationSchema = z.strictObject({
  sha256: z.string(),
  /** (a) The register record with this hash, in this case; null when the file is not, byte for byte, one of its exports. */
  match: exportRecordSchema.nullable(),
  /**
   * (c) Whether the case's chain as it is now holds the state the file itself states (entry N has that hash,
   * recomputed link by link); null when the file states none.
   */
  chainHoldsFingerprint: z.boolean().nullable(),
  /** (b, d) What the file states, and for JSON whether its own chain is sound. */
  file: fileStatementSchema,
  /** Whether the register's fingerprint for the matching record equals the file's; null without both. */
  registerAgrees: z.boolean().nullable(),
  /** The answer: an export of this case, whose every statement agrees, and whose state the log still holds. */
  holds: z.boolean(),
});

export type ExportedFile = z.infer<typeof exportedFileSchema>;
export type BriefingPreview = z.infer<typeof previewSchema>;
export type ExportVerification = z.infer<typeof exportVerificationSchema>;
export type FileStatement = z.infer<typeof fileStatementSchema>;

export function formatFingerprint(fingerprint: Fingerprint): string {
  return `${fingerprint.entries}:${fingerprint.headHash}`;
}

export function parseFingerprint(text: string): Fingerprint | null {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text);
  return match ? { entries: Number(match[1]), headHash: match[2] ?? '' } : null;
}

/** The readable case number printed on documents. */
export function caseReference(caseId: string): string {
  return `DOSSIER-${caseId.replace(/[^0-9a-zA-Z]/g, '').slice(0, 8).toUpperCase()}`;
}
