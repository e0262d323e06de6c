import type { BriefingAudience, ComposeBriefingInput, DocumentLocale } from '../../../shared/briefing';
import { emptyDateTime, type DateTimeValue } from '../../../shared/time';

/** What the author typed into the composer, as the inputs hold it (times as date-time field values). */
export interface BriefingDraft {
  audience: BriefingAudience;
  from: DateTimeValue;
  to: DateTimeValue;
  summary: string;
  risks: string;
  requestedDecisions: string;
  redacted: boolean;
  locale: DocumentLocale;
}

export const emptyDraft: BriefingDraft = {
  audience: 'burgemeester',
  from: emptyDateTime,
  to: emptyDateTime,
  summary: '',
  risks: '',
  requestedDecisions: '',
  redacted: false,
  locale: 'nl',
};

type ReadDateTime = (value: DateTimeValue) => { ok: true; iso: string | null } | { ok: false; message: string };

/**
 * The composer's input for preview and export, or why a time cannot be read. Empty times go as null: main
 * then takes "since the previous briefing" and "now", which only it knows for certain.
 */
export function composeInput(
  caseId: string,
  draft: BriefingDraft,
  readDateTime: ReadDateTime,
): { ok: true; input: ComposeBriefingInput } | { ok: false; message: string } {
  const from = readDateTime(draft.from);
  if (!from.ok) return from;
  const to = readDateTime(draft.to);
  if (!to.ok) return to;
  const input: ComposeBriefingInput = {
    caseId,
    audience: draft.audience,
    from: from.iso,
    to: to.iso,
    summary: draft.summary,
    risks: draft.risks,
    requestedDecisions: draft.requestedDecisions,
    redacted: draft.redacted,
    locale: draft.locale,
  };
  return { ok: true, input };
}

export const sameDraft = (a: BriefingDraft, b: BriefingDraft): boolean =>
  (Object.keys(a) as (keyof BriefingDraft)[]).every((key) => a[key] === b[key]);

/** The start of a hash, enough to tell exports apart by eye; the full value is always one click away. */
export const shortHash = (hash: string): string => (hash.length > 16 ? `${hash.slice(0, 12)}…` : hash);
