import type { DocumentLocale } from '../briefing';
import { formatNumber } from '../numbers';
import type { Labels } from './labels';

/**
 * Sizes and gradings as printed. Plain text out; the renderer escapes it. Times and numbers come from
 * `shared/time` and `shared/numbers`, the same modules the UI uses.
 */

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
