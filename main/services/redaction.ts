import type { CaseFile } from '../../shared/case-format';

/** What a redacted export prints and writes where personal data was. */
export const redactionMarker = '[weggelakt: persoonsgegevens]';

/**
 * The case file with what is marked as personal data left out, for Woo requests and the archive: the text,
 * source and place (a place can be someone's home) of entries marked as personal data, the URL and account
 * handle of their signals, attachments marked as personal data (bytes, name and all), and the contact details,
 * phone numbers and notes of people. The entries keep their original hashes, so the archive can later prove what
 * was there without holding it.
 */
export function redactCaseFile(file: CaseFile): CaseFile {
  // An entry's seq may be left out of a file; it is then its 1-based position.
  const personalSeqs = new Set(file.entries.flatMap((entry, index) => (entry.personalData ? [entry.seq ?? index + 1] : [])));
  return {
    ...file,
    redacted: true,
    entries: file.entries.map((entry) =>
      entry.personalData ? { ...entry, text: redactionMarker, source: null, location: null } : entry,
    ),
    signals: file.signals?.map((signal) =>
      personalSeqs.has(signal.entry) ? { ...signal, url: null, accountHandle: null } : signal,
    ),
    attachments: file.attachments?.filter((attachment) => !attachment.personalData),
    people: file.people?.map((person) => ({ ...person, contact: '', phone: '', notes: '' })),
  };
}
