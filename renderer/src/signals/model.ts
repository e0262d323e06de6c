/**
 * The signal form without React: its fields as the controls hold them, and the schema that turns them into the
 * `signals.record` input. The rules are the shared schema's (`recordSignalInput`): a web address, a legal ground
 * for a closed channel, times not in the future and seen after posted; the form only converts what was typed.
 */
import { z } from 'zod';
import { contentClasses, informationCredibility, sourceReliability } from '../../../shared/domain';
import { platforms, recordSignalInput, signalChannels, type Platform, type SignalChannel } from '../../../shared/signals';
import { emptyDateTime, type DateTimeValue } from '../../../shared/time';
import { dateTimeValue, inputForm, timeInput, type ReadDateTime } from '../data/input-form';

export { contentClasses, informationCredibility, platforms, signalChannels, sourceReliability };
export type { Platform, SignalChannel };

const signalFields = {
  platform: z.enum(platforms),
  url: z.string(),
  accountHandle: z.string(),
  channel: z.enum(signalChannels),
  legalGround: z.string(),
  /** Date-time field values in the display zone; `postedAt` may stay empty. */
  postedAt: dateTimeValue,
  seenAt: dateTimeValue,
  /** As typed: "1.200" or "1200". */
  reach: z.string(),
  /** Where it is about ("stationsplein"); empty for none. */
  location: z.string(),
  contentClass: z.enum(contentClasses),
  /** Admiralty grading; F and 6 ("cannot be judged") until someone grades it. */
  sourceReliability: z.enum(sourceReliability),
  informationCredibility: z.enum(informationCredibility),
  /** Personal data in the summary or the post; an account handle marks it regardless. */
  personalData: z.boolean(),
  phaseId: z.string(),
  text: z.string(),
};

export type SignalDraft = z.input<z.ZodObject<typeof signalFields>>;

export const emptyDraft = (seenAt: DateTimeValue, phaseId: string): SignalDraft => ({
  platform: 'tiktok',
  url: '',
  accountHandle: '',
  channel: 'openbaar',
  legalGround: '',
  postedAt: emptyDateTime,
  seenAt,
  reach: '',
  location: '',
  contentClass: 'onbekend',
  sourceReliability: 'F',
  informationCredibility: '6',
  personalData: false,
  phaseId,
  text: '',
});

/** Thousands separators and spaces are how people type a reach; anything else is left for the schema to refuse. */
const reachOf = (text: string): number | null => {
  const digits = text.trim().replace(/[.\s]/g, '');
  return digits === '' ? null : /^\d+$/.test(digits) ? Number(digits) : Number.NaN;
};

/**
 * The form's schema: typed values in, the `signals.record` input out. `read` reads a date-time field in the
 * display zone; a time it cannot read is refused on its own field, in its own words.
 */
export function signalForm(caseId: string, read: ReadDateTime) {
  return inputForm(
    signalFields,
    (draft, context) => {
      const handle = draft.accountHandle.trim();
      return {
        caseId,
        text: draft.text,
        platform: draft.platform,
        url: draft.url,
        accountHandle: handle,
        channel: draft.channel,
        // A ground typed for a closed channel is not sent once the channel is open again.
        legalGround: draft.channel === 'besloten' ? draft.legalGround : '',
        postedAt: timeInput(draft.postedAt, read, context, 'postedAt') ?? null,
        seenAt: timeInput(draft.seenAt, read, context, 'seenAt') ?? '',
        reach: reachOf(draft.reach),
        location: draft.location,
        contentClass: draft.contentClass,
        sourceReliability: draft.sourceReliability,
        informationCredibility: draft.informationCredibility,
        phaseId: draft.phaseId || null,
        personalData: draft.personalData || handle !== '',
      };
    },
    recordSignalInput,
  );
}

/** What the list sorts a signal by: when it was posted when known, else when it was seen. */
export const signalTime = (signal: { postedAt: string | null; seenAt: string }): string => signal.postedAt ?? signal.seenAt;

/**
 * Signals grouped by platform (in the platform list's order) and newest first within a platform.
 */
export function byPlatformAndTime<T extends { platform: Platform; postedAt: string | null; seenAt: string }>(
  signals: readonly T[],
): { platform: Platform; signals: T[] }[] {
  return platforms
    .map((platform) => ({
      platform,
      signals: signals.filter((signal) => signal.platform === platform).sort((a, b) => signalTime(b).localeCompare(signalTime(a))),
    }))
    .filter((group) => group.signals.length > 0);
}
