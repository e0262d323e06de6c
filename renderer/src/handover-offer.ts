/**
 * The offer a handover of the OOV-adviseur role makes: to write the shift-handover report for the person who
 * takes over. The Team section leaves it here and opens the Briefings section, whose report form takes it once
 * and fills in who takes over. Kept in memory only, for that one step.
 */
let pending: { caseId: string; incomingName: string } | null = null;

/** The role whose handover offers the report: the OOV-adviseur keeps the log and hands over the shift. */
export const handoverRoleId = 'oov-adviseur';

export function offerHandoverReport(caseId: string, incomingName: string): void {
  pending = { caseId, incomingName };
}

/** The offer for this case, if one was just made; taken once. */
export function takeHandoverOffer(caseId: string): string | null {
  if (pending === null || pending.caseId !== caseId) return null;
  const { incomingName } = pending;
  pending = null;
  return incomingName;
}
