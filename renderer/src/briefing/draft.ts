import { z } from 'zod';
import { briefingAnnexes, briefingAudiences, composeBriefingInput, defaultAnnexes, documentLocales } from '../../../shared/briefing';
import { dateTimeValue, inputForm, timeInput, type ReadDateTime } from '../data/input-form';
import { emptyDateTime } from '../../../shared/time';

/** The composer's fields as the controls hold them (times as typed wall times). */
const draftFields = {
  audience: z.enum(briefingAudiences),
  from: dateTimeValue,
  to: dateTimeValue,
  summary: z.string(),
  risks: z.string(),
  requestedDecisions: z.string(),
  redacted: z.boolean(),
  locale: z.enum(documentLocales),
  fromStart: z.boolean(),
  annexes: z.array(z.enum(briefingAnnexes)),
  timelineSystemLines: z.boolean(),
  partner: z.string(),
};

export type BriefingDraft = z.input<z.ZodObject<typeof draftFields>>;

export const emptyDraft: BriefingDraft = {
  audience: 'burgemeester',
  from: emptyDateTime,
  to: emptyDateTime,
  summary: '',
  risks: '',
  requestedDecisions: '',
  redacted: false,
  locale: 'nl',
  fromStart: false,
  annexes: defaultAnnexes('burgemeester'),
  timelineSystemLines: false,
  partner: '',
};

/**
 * The composer as a form whose output is the shared `composeBriefingInput`. Empty times go as null: main then
 * takes "since the previous briefing" and "now", which only it knows for certain.
 */
export function briefingForm(caseId: string, read: ReadDateTime) {
  return inputForm(
    draftFields,
    (values, context) => ({
      ...values,
      caseId,
      partner: values.partner.trim() === '' ? null : values.partner,
      // The whole case needs no start; a time typed beside it is not sent.
      from: values.fromStart ? null : (timeInput(values.from, read, context, 'from') ?? null),
      to: timeInput(values.to, read, context, 'to') ?? null,
    }),
    composeBriefingInput,
  );
}

/** The start of a hash, enough to tell exports apart by eye; the full value is always one click away. */
export const shortHash = (hash: string): string => (hash.length > 16 ? `${hash.slice(0, 12)}…` : hash);
