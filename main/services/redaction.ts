import type { CaseFile } from '../../shared/case-format';

/** What a redacted export prints and writes where personal data was. */
export const redactionMarker = '[weggelakt: persoonsgegevens]';

type FileEntry = CaseFile['entries'][number];
type FileSignal = NonNullable<CaseFile['signals']>[number];
type FileAttachment = NonNullable<CaseFile['attachments']>[number];
type FilePerson = NonNullable<CaseFile['people']>[number];

/** An entry marked as personal data keeps its hashes but not its text, source or place. */
export const redactEntry = (entry: FileEntry): FileEntry =>
  entry.personalData ? { ...entry, text: redactionMarker, source: null, location: null } : entry;

/** The signal of an entry with personal data (by the entry's seq) without its URL and account. */
export const redactSignal = (signal: FileSignal, personalSeqs: ReadonlySet<number>): FileSignal =>
  personalSeqs.has(signal.entry) ? { ...signal, url: null, accountHandle: null } : signal;

/** Whether an attachment stays in a redacted file: not when it is marked as personal data. */
export const keepsAttachment = (attachment: FileAttachment): boolean => !attachment.personalData;

export const redactPerson = (person: FilePerson): FilePerson => ({ ...person, contact: '', phone: '', notes: '' });

/**
 * The case file with what is marked as personal data left out, for Woo requests and the archive: the text,
 * source and place (a place can be someone's home) of entries marked as personal data, the URL and account
 * handle of their signals, attachments marked as personal data (bytes, name and all), and the contact details,
 * phone numbers and notes of people. The entries keep their original hashes, so the archive can later prove what
 * was there without holding it. The streaming export (case-export.ts) applies the same functions item by item.
 */
export function redactCaseFile(file: CaseFile): CaseFile {
  // An entry's seq may be left out of a file; it is then its 1-based position.
  const personalSeqs = new Set(file.entries.flatMap((entry, index) => (entry.personalData ? [entry.seq ?? index + 1] : [])));
  return {
    ...file,
    redacted: true,
    entries: file.entries.map(redactEntry),
    signals: file.signals?.map((signal) => redactSignal(signal, personalSeqs)),
    attachments: file.attachments?.filter(keepsAttachment),
    people: file.people?.map(redactPerson),
  };
}
