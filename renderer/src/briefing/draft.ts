import type { BriefingAudience, ComposeBriefingInput, DocumentLocale } from '../../../shared/briefing';

/** What the author typed into the composer, as the inputs hold it (times as datetime-local wall times). */
export interface BriefingDraft {
  audience: BriefingAudience;
  from: string;
  to: string;
  summary: string;
  risks: string;
  requestedDecisions: string;
  redacted: boolean;
  locale: DocumentLocale;
}

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
 * The composer's input for preview and export, or null when a time is not a valid wall time. Empty times go
 * as null: main then takes "since the previous briefing" and "now", which only it knows for certain.
 */
export function composeInput(caseId: string, draft: BriefingDraft, fromInput: (value: string) => string | null): ComposeBriefingInput | null {
  const from = draft.from ? fromInput(draft.from) : null;
  const to = draft.to ? fromInput(draft.to) : null;
  if ((draft.from && !from) || (draft.to && !to)) return null;
  return {
    caseId,
    audience: draft.audience,
    from,
    to,
    summary: draft.summary,
    risks: draft.risks,
    requestedDecisions: draft.requestedDecisions,
    redacted: draft.redacted,
    locale: draft.locale,
  };
}

export const sameDraft = (a: BriefingDraft, b: BriefingDraft): boolean =>
  (Object.keys(a) as (keyof BriefingDraft)[]).every((key) => a[key] === b[key]);

/** The start of a hash, enough to tell exports apart by eye; the full value is always one click away. */
export const shortHash = (hash: string): string => (hash.length > 16 ? `${hash.slice(0, 12)}…` : hash);
