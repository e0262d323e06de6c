import { z } from 'zod';
import { contentClasses, informationCredibility, sourceReliability } from './domain';
import { clockToleranceMs, idSchema, isoDateTimeSchema, limits, locationSchema } from './schemas';
import { multiLineText, singleLineText } from './text-rules';
import { ruleWords } from './validation-messages';
import { attachmentSchema, entrySchema } from './views';

/**
 * Signals (an online post, call or rumour seen by the team) and attachments (screenshots, saved files): the
 * inputs and results of the `signals.*` and `attachments.*` channels. A signal is a log entry of type
 * `signaal` (its text is the summary; the hash chain covers it) plus one row of structured facts about the
 * post, written in the same transaction and, like the entry, never changed afterwards.
 */

export const platforms = ['tiktok', 'instagram', 'snapchat', 'telegram', 'whatsapp', 'x', 'facebook', 'youtube', 'overig'] as const;
export type Platform = (typeof platforms)[number];

/** What a signal entry gives as its `source`: the platform's own name. */
export const platformNames: Record<Platform, string> = {
  tiktok: 'TikTok',
  instagram: 'Instagram',
  snapchat: 'Snapchat',
  telegram: 'Telegram',
  whatsapp: 'WhatsApp',
  x: 'X',
  facebook: 'Facebook',
  youtube: 'YouTube',
  overig: 'Overig platform',
};

/** Where it was seen: in the open, or in a closed group, chat or account (AVG: needs a concrete ground). */
export const signalChannels = ['openbaar', 'besloten'] as const;
export type SignalChannel = (typeof signalChannels)[number];

export const signalLimits = { url: 2_048, accountHandle: 200, legalGround: limits.reason } as const;

/** http(s) only; kept as text and never fetched. */
export const signalUrlSchema = z.url({ protocol: /^https?$/ }).max(signalLimits.url);

/** Empty text from a form field means "not given". */
const optionalText = (text: z.ZodString) =>
  text
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .default(null);

export const recordSignalInput = z
  .strictObject({
    caseId: idSchema,
    /** The summary: the entry's text. */
    text: multiLineText(limits.entryText).min(1),
    platform: z.enum(platforms),
    url: z
      .string()
      .trim()
      .transform((value) => (value === '' ? null : value))
      .pipe(signalUrlSchema.nullable())
      .nullable()
      .default(null),
    /** A nickname is personal data: when given, the entry is marked as holding personal data. */
    accountHandle: optionalText(singleLineText(signalLimits.accountHandle)),
    channel: z.enum(signalChannels),
    /** Required for a closed channel: the concrete trigger and why looking there was necessary. */
    legalGround: optionalText(multiLineText(signalLimits.legalGround)),
    postedAt: isoDateTimeSchema.nullable().default(null),
    /** Defaults to now. */
    seenAt: isoDateTimeSchema.optional(),
    /** Views (open) or members (closed), as estimated. */
    reach: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().default(null),
    contentClass: z.enum(contentClasses).default('onbekend'),
    sourceReliability: z.enum(sourceReliability),
    informationCredibility: z.enum(informationCredibility),
    /** The phase the signal points to (not the case's phase at recording: that is the entry's `phaseId`). */
    phaseId: idSchema.nullable().default(null),
    /** Personal data in the summary or the post; a handle sets it regardless. */
    personalData: z.boolean().default(false),
    /** Where the post points to or was made about ("stationsplein"): the entry's place. */
    location: locationSchema.optional(),
  })
  // Cross-field rules run even while another field is wrong, so a form shows every field to fix at once.
  .superRefine(
    (input, context) => {
      if (input.channel === 'besloten' && !input.legalGround) {
        context.addIssue({
          code: 'custom',
          path: ['legalGround'],
          ...ruleWords(
            'verplicht bij een besloten kanaal: de concrete aanleiding en waarom kijken in dit kanaal nodig was',
            'required for a closed channel: the concrete trigger and why looking there was necessary',
          ),
        });
      }
      const posted = typeof input.postedAt === 'string' ? Date.parse(input.postedAt) : null;
      const seen = typeof input.seenAt === 'string' ? Date.parse(input.seenAt) : null;
      const latest = Date.now() + clockToleranceMs;
      const future = ruleWords('kan niet in de toekomst liggen', 'cannot lie in the future');
      if (posted !== null && posted > latest) context.addIssue({ code: 'custom', path: ['postedAt'], ...future });
      if (seen !== null && seen > latest) {
        context.addIssue({ code: 'custom', path: ['seenAt'], ...future });
      } else if (posted !== null && seen !== null && posted > seen) {
        context.addIssue({
          code: 'custom',
          path: ['seenAt'],
          ...ruleWords('kan niet vóór het plaatsen van het bericht liggen', 'cannot lie before the message was posted'),
        });
      }
    },
    { when: () => true },
  );

export const listSignalsInput = z.strictObject({
  caseId: idSchema,
  platform: z.enum(platforms).optional(),
  channel: z.enum(signalChannels).optional(),
  contentClass: z.enum(contentClasses).optional(),
});

export const signalSchema = z.strictObject({
  entryId: z.string(),
  caseId: z.string(),
  platform: z.enum(platforms),
  url: z.string().nullable(),
  accountHandle: z.string().nullable(),
  channel: z.enum(signalChannels),
  legalGround: z.string().nullable(),
  postedAt: z.string().nullable(),
  seenAt: z.string(),
  reach: z.number().int().nullable(),
  contentClass: z.enum(contentClasses),
  /** The phase the signal points to. */
  phaseId: z.string().nullable(),
  capturedByName: z.string(),
});

export const recordedSignalSchema = z.strictObject({ entry: entrySchema, signal: signalSchema });

export const signalListItemSchema = z.strictObject({
  entry: entrySchema,
  signal: signalSchema,
  /** Attachments kept with the signal's entry. */
  attachmentCount: z.number().int(),
});

// Attachments

/** Base64 of at most `bytes` bytes. */
export const base64Length = (bytes: number): number => Math.ceil(bytes / 3) * 4;

/** The bytes a (valid) base64 string decodes to, without decoding it. */
export function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

/**
 * The largest base64 text the schema parses at all. Anything between the attachment limit and this is
 * parsed and then refused with FILE_TOO_LARGE, so a file just over the limit gets the message that says so.
 */
export const attachmentDataMaxLength = base64Length(limits.attachmentBytes * 2);

export const addAttachmentInput = z.strictObject({
  caseId: idSchema,
  /** An entry of the same case to keep it with, e.g. the signal it shows. */
  entryId: idSchema.nullable().default(null),
  fileName: singleLineText(255).min(1),
  /** As declared (the browser's `File.type`); must match what the content turns out to be. */
  mediaType: z.string().trim().toLowerCase().max(255).regex(/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/),
  personalData: z.boolean().default(false),
  data: z.base64().max(attachmentDataMaxLength),
});

export const attachmentIdInput = z.strictObject({ attachmentId: idSchema });

export const attachmentWithDataSchema = attachmentSchema.extend({ data: z.base64() });

export type RecordSignalInput = z.input<typeof recordSignalInput>;
export type ListSignalsInput = z.input<typeof listSignalsInput>;
export type Signal = z.infer<typeof signalSchema>;
export type RecordedSignal = z.infer<typeof recordedSignalSchema>;
export type SignalListItem = z.infer<typeof signalListItemSchema>;
export type AddAttachmentInput = z.input<typeof addAttachmentInput>;
export type AttachmentIdInput = z.input<typeof attachmentIdInput>;
export type AttachmentWithData = z.infer<typeof attachmentWithDataSchema>;
