/** The drafts kept per case, one key per form: `case/<case id>/<form>`. */
export const draftKeys = {
  phaseChange: (caseId: string) => `case/${caseId}/phase-change`,
  decision: (caseId: string) => `case/${caseId}/decision`,
  briefing: (caseId: string) => `case/${caseId}/briefing`,
  quickEntry: (caseId: string) => `case/${caseId}/quick-entry`,
  correction: (caseId: string, entryId: string) => `case/${caseId}/correction/${entryId}`,
};
