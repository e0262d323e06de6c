import type { DocumentLocale } from '../briefing';
import type { Labels } from './labels';

/**
 * Times, sizes and gradings as printed. Plain text out; the renderer escapes it. Times are always shown in
 * Dutch time, whatever the clock of the machine that prints, so two exports of the same log read the same.
 */

export const documentTimeZone = 'Europe/Amsterdam';

const intlLocales: Record<DocumentLocale, string> = { nl: 'nl-NL', en: 'en-GB' };

const dateTimeFormats = new Map<DocumentLocale, Intl.DateTimeFormat>();

function dateTimeFormat(locale: DocumentLocale): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocales[locale], {
      timeZone: documentTimeZone,
      weekday: 'short',
      day: '2-digit',
      month: locale === 'nl' ? '2-digit' : 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateTimeFormats.set(locale, format);
  }
  return format;
}

/**
 * "za 28-11-2026 21:40" (nl) or "Sat 28 Nov 2026 21:40" (en). Assembled from parts so the punctuation does not
 * depend on the ICU version. Text that is not a time is printed as it is rather than as "Invalid Date".
 */
export function formatDateTime(iso: string, locale: DocumentLocale): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of dateTimeFormat(locale).formatToParts(time)) parts[part.type] = part.value;
  const weekday = (parts.weekday ?? '').replace(/\.$/, '');
  const date =
    locale === 'nl' ? `${parts.day}-${parts.month}-${parts.year}` : `${parts.day} ${parts.month} ${parts.year}`;
  return `${weekday} ${date} ${parts.hour}:${parts.minute}`;
}

/** Without the weekday, for the dense log table: "28-11-2026 21:40" (nl), "28 Nov 2026 21:40" (en). */
export function formatCompactDateTime(iso: string, locale: DocumentLocale): string {
  const full = formatDateTime(iso, locale);
  return full === iso ? iso : full.slice(full.indexOf(' ') + 1);
}

export function formatNumber(value: number, locale: DocumentLocale): string {
  return new Intl.NumberFormat(intlLocales[locale], { maximumFractionDigits: 1 }).format(value);
}

/** Decimal units, as file managers on most systems show them: "1,2 MB". */
export function formatSize(bytes: number, locale: DocumentLocale, units: readonly string[]): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const rounded = unit === 0 ? Math.round(value) : value;
  return `${formatNumber(rounded, locale)} ${units[unit] ?? ''}`;
}

/** "B2 — meestal betrouwbaar, waarschijnlijk juist"; an unknown code is shown as given. */
export function formatGrading(grading: string | null, words: Labels): string {
  if (grading === null) return words.entry.notGraded;
  const match = /^([A-F])([1-6])$/.exec(grading);
  if (!match) return grading;
  const reliability = words.reliability[match[1] as keyof Labels['reliability']];
  const credibility = words.credibility[match[2] as keyof Labels['credibility']];
  return `${grading} — ${reliability}, ${credibility}`;
}
