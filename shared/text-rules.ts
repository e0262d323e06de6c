import { z } from 'zod';

/**
 * What free text the vault accepts from a person, a form or a file. Control characters are never part of what
 * someone means to write (a NUL byte, an escape sequence, a form feed) and would be stored and printed raw, so
 * they are refused at the boundary with a message naming the field (shared/validation-messages.ts).
 *
 * - Several lines (an entry, a reason, notes): tab and line breaks are allowed; CRLF and CR are stored as LF,
 *   so a text pasted from Windows and one typed here compare and hash alike.
 * - One line (a title, a name, a source, a handle, a file name): no control character at all, tab and line
 *   breaks included. Leading and trailing whitespace is trimmed first, so a pasted "Titel\n" is fine; a line
 *   break inside is refused rather than silently joined, because what it meant cannot be known.
 *
 * Bidi controls and other invisible format characters are stored as typed: they are shown as tokens
 * (shared/visible-text.ts), never removed.
 */

/** The vault's rule for user names (lower case, so "A.Jansen" and "a.jansen" are one person). */
export const userNamePattern = /^[a-z0-9._-]{1,64}$/;

/** Matches text without C0/C1 control characters other than tab, line feed and carriage return. */
// Matching control characters is the point of these patterns.
// eslint-disable-next-line no-control-regex
export const multiLinePattern = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$/;
/** Matches text without any C0/C1 control character. */
// eslint-disable-next-line no-control-regex
export const singleLinePattern = /^[^\u0000-\u001F\u007F-\u009F]*$/;

/**
 * Without a regular expression where one is not needed. The patterns above do run over typed text (in the forms
 * too), so `RegExp.input` can hold it until the renderer forgets it on lock (App.tsx); see shared/visible-text.ts.
 */
const normaliseLineBreaks = (value: string): string =>
  value.includes('\r') ? value.replaceAll('\r\n', '\n').replaceAll('\r', '\n') : value;

/** Free text of several lines, at most `max` characters after trimming; may be empty. */
export const multiLineText = (max: number) => z.string().overwrite(normaliseLineBreaks).trim().max(max).regex(multiLinePattern);

/** One line of text, at most `max` characters after trimming; may be empty. */
export const singleLineText = (max: number) => z.string().trim().max(max).regex(singleLinePattern);

/** The first control character a rule refuses, for the message (never the text around it). */
export function firstControlCharacter(text: string, singleLine: boolean): number | null {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
    if (control && (singleLine || (code !== 0x09 && code !== 0x0a && code !== 0x0d))) return code;
  }
  return null;
}
