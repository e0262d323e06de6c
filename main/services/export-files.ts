/** A file name that says what the export is without any case text in it: `DOSSIER-3F2A9C1B-briefing-3-gelakt.pdf`. */
export function caseFileName(reference: string, what: string, redacted: boolean, extension: 'pdf' | 'json'): string {
  return `${reference}-${what}${redacted ? '-gelakt' : ''}.${extension}`;
}
