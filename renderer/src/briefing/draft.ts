import { z } from 'zod';
import { briefingAudiences, composeBriefingInput, documentLocales } from '../../../shared/briefing';
import { inputForm } from '../data/input-form';
import { timeInput } from '../work/shared';

/** The composer's fields as the controls hold them (times as typed wall times). */
const draftFields = {
  audience: z.enum(briefingAudiences),
  from: z.string(),
  to: z.string(),
  summary: z.string(),
  risks: z.string(),
  requestedDecisions: z.string(),
  redacted: z.boolean(),
  locale: z.enum(documentLocales),
};

export type BriefingDraft = z.input<z.ZodObject<typeof draftFields>>;

export const emptyDraft: BriefingDraft = {
  audience: 'burgemeester',
  from: '',
  to: '',
  summary: '',
  risks: '',
  requestedDecisions: '',
  redacted: false,
  locale: 'nl',
};

/**
 * The composer as a form whose output is the shared `composeBriefingInput`. Empty times go as null: main then
 * takes "since the previous briefing" and "now", which only it knows for certain.
 */
export function briefingForm(caseId: string, fromInput: (value: string) => string | null) {
  return inputForm(
    draftFields,
    (values) => ({
      ...values,
      caseId,
      from: timeInput(values.from, fromInput) ?? null,
      to: timeInput(values.to, fromInput) ?? null,
    }),
    composeBriefingInput,
  );
}

/** The start of a hash, enough to tell exports apart by eye; the full value is always one click away. */
export const shortHash = (hash: string): string => (hash.length > 16 ? `${hash.slice(0, 12)}…` : hash);
