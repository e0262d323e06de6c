import { hiddenCharacterToken, showHidden } from '../../shared/visible-text';

/**
 * Case data as the command line prints it: one line, every control character (tab and line breaks too, which
 * would break the columns) and every bidi or invisible format character as a token like `⟨U+0000⟩`. Vaults
 * written before control characters were refused may still hold them; a terminal must never receive them raw.
 */
export function printable(text: string): string {
  // Matching control characters is the point of this pattern.
  // eslint-disable-next-line no-control-regex
  return showHidden(text.replace(/[\u0000-\u001F\u007F-\u009F]/g, (char) => hiddenCharacterToken(char.charCodeAt(0))));
}

/**
 * JSON for the terminal: `JSON.stringify` escapes C0 controls but passes C1 controls, bidi controls and
 * invisible format characters through raw. The same escapes for those keep the data identical and the JSON valid.
 */
export function printableJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\u007F-\u009F\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
