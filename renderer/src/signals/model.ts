/**
 * The signal form's rules, without React: what the user typed becomes the `signals.record` input or a list of
 * fields to fix. The main process checks again; this only keeps a refused send from costing a round trip.
 */
import { contentClasses, informationCredibility, sourceReliability } from '../../../shared/domain';
import type { ContentClass, InformationCredibility, SourceReliability } from '../../../shared/domain';
import { platforms, signalChannels, type Platform, type RecordSignalInput, type SignalChannel } from '../../../shared/signals';
import { emptyDateTime, type DateTimeValue } from '../../../shared/time';

export { contentClasses, informationCredibility, platforms, signalChannels, sourceReliability };
export type { Platform, SignalChannel };

export interface SignalDraft {
  platform: Platform;
  url: string;
  accountHandle: string;
  channel: SignalChannel;
  legalGround: string;
  /** Date-time field values in the display zone; `postedAt` may stay empty. */
  postedAt: DateTimeValue;
  seenAt: DateTimeValue;
  reach: string;
  contentClass: ContentClass;
  /** Admiralty grading; F and 6 ("cannot be judged") until someone grades it. */
  sourceReliability: SourceReliability;
  informationCredibility: InformationCredibility;
  /** Personal data in the summary or the post; an account handle marks it regardless. */
  personalData: boolean;
  phaseId: string;
  text: string;
}

export type DraftField = 'text' | 'url' | 'legalGround' | 'postedAt' | 'seenAt' | 'reach';

export type SignalInput = RecordSignalInput;

export const emptyDraft = (seenAt: DateTimeValue, phaseId: string): SignalDraft => ({
  platform: 'tiktok',
  url: '',
  accountHandle: '',
  channel: 'openbaar',
  legalGround: '',
  postedAt: emptyDateTime,
  seenAt,
  reach: '',
  contentClass: 'onbekend',
  sourceReliability: 'F',
  informationCredibility: '6',
  personalData: false,
  phaseId,
  text: '',
});

const isWebAddress = (value: string): boolean => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

/**
 * The input for `signals.record`, or the fields to fix in form order (the first gets focus). `toIso` turns a
 * field value into UTC ISO in the display zone (null when it is empty or cannot be read); `now` bounds the future.
 */
export function draftToInput(
  caseId: string,
  draft: SignalDraft,
  toIso: (value: DateTimeValue) => string | null,
  now: number = Date.now(),
): { ok: true; input: SignalInput } | { ok: false; fields: DraftField[] } {
  const fields: DraftField[] = [];
  const url = draft.url.trim();
  if (url !== '' && !isWebAddress(url)) fields.push('url');
  const legalGround = draft.legalGround.trim();
  if (draft.channel === 'besloten' && legalGround === '') fields.push('legalGround');
  const future = (iso: string) => Date.parse(iso) > now + 60_000;
  const postedAt = draft.postedAt.text.trim() === '' ? undefined : toIso(draft.postedAt);
  if (postedAt === null || (postedAt !== undefined && future(postedAt))) fields.push('postedAt');
  const seenAt = toIso(draft.seenAt);
  if (seenAt === null || future(seenAt) || (postedAt && Date.parse(postedAt) > Date.parse(seenAt))) fields.push('seenAt');
  const reachText = draft.reach.trim().replace(/[.\s]/g, '');
  const reach = reachText === '' ? undefined : Number(reachText);
  if (reach !== undefined && (!Number.isSafeInteger(reach) || reach < 0)) fields.push('reach');
  if (draft.text.trim() === '') fields.push('text');
  if (fields.length > 0 || seenAt === null || postedAt === null) return { ok: false, fields: order(fields) };
  const handle = draft.accountHandle.trim();
  return {
    ok: true,
    input: {
      caseId,
      text: draft.text.trim(),
      platform: draft.platform,
      url: url || null,
      accountHandle: handle || null,
      channel: draft.channel,
      legalGround: draft.channel === 'besloten' ? legalGround : null,
      postedAt: postedAt ?? null,
      seenAt,
      reach: reach ?? null,
      contentClass: draft.contentClass,
      sourceReliability: draft.sourceReliability,
      informationCredibility: draft.informationCredibility,
      phaseId: draft.phaseId || null,
      personalData: draft.personalData || handle !== '',
    },
  };
}

/** The order the fields have on screen, so focus goes to the first one to fix. */
const formOrder: DraftField[] = ['url', 'legalGround', 'postedAt', 'seenAt', 'reach', 'text'];
const order = (fields: DraftField[]): DraftField[] => formOrder.filter((field) => fields.includes(field));

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
