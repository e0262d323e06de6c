/**
 * Text a user wrote, shown exactly as written. Characters that change how the text around them is shown without
 * being seen themselves become a visible token such as `⟨U+202E⟩`, so a right-to-left override cannot make
 * "exe.txt" read as "txt.exe" and a zero-width space cannot hide inside a name. The documents (PDF, preview) and
 * the app's screens use this one definition; the stored text keeps the real characters.
 *
 * Hidden are: C0/C1 controls other than tab and line feed (a carriage return becomes a line break), bidi
 * embeddings, overrides, isolates and marks (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), zero-width
 * and invisible format characters (U+180E, U+200B, U+2060–U+2064, U+FEFF), line and paragraph separators, and
 * lone surrogates. ZWNJ/ZWJ (U+200C/U+200D) stay: scripts and emoji need them and they cannot reorder text.
 *
 * A plain scan rather than a regular expression: every successful match updates the engine's legacy
 * `RegExp.lastMatch`/`RegExp.input`, which would keep the last text shown alive after the vault locks.
 */

/** One run of a text: as written, or one hidden character as its token. */
export interface TextPart {
  text: string;
  hidden: boolean;
}

function isHiddenCode(code: number): boolean {
  if (code < 0x20) return code !== 0x09 && code !== 0x0a;
  if (code < 0x7f) return false;
  if (code <= 0x9f) return true;
  return (
    code === 0x061c ||
    code === 0x180e ||
    code === 0x200b ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  );
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** `⟨U+202E⟩`: how a hidden character is shown. */
export function hiddenCharacterToken(code: number): string {
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** Whether the text holds anything `splitHidden` would change (hidden characters or carriage returns). */
export function hasHiddenCharacters(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (isHiddenCode(code)) return true;
    if (isHighSurrogate(code)) {
      if (isLowSurrogate(text.charCodeAt(index + 1))) index += 1;
      else return true;
    } else if (isLowSurrogate(code)) return true;
  }
  return false;
}

/**
 * The text as runs of written text and hidden characters (one part each). Line breaks come out as `\n`: a
 * carriage return, alone or before a line feed, is a line break too, never a token.
 */
export function splitHidden(text: string): TextPart[] {
  if (!hasHiddenCharacters(text)) return text === '' ? [] : [{ text, hidden: false }];
  const parts: TextPart[] = [];
  let start = 0;
  let written = '';
  const flush = (end: number): void => {
    written += text.slice(start, end);
    if (written !== '') parts.push({ text: written, hidden: false });
    written = '';
  };
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x0d) {
      written += `${text.slice(start, index)}\n`;
      if (text.charCodeAt(index + 1) === 0x0a) index += 1;
      start = index + 1;
      continue;
    }
    let hidden = isHiddenCode(code);
    if (isHighSurrogate(code)) {
      if (isLowSurrogate(text.charCodeAt(index + 1))) {
        index += 1;
        continue;
      }
      hidden = true;
    } else if (isLowSurrogate(code)) hidden = true;
    if (!hidden) continue;
    flush(index);
    parts.push({ text: hiddenCharacterToken(code), hidden: true });
    start = index + 1;
  }
  flush(text.length);
  return parts;
}

/** The text with every hidden character as its token, for places that take only a string (options, labels). */
export function showHidden(text: string): string {
  if (!hasHiddenCharacters(text)) return text;
  return splitHidden(text)
    .map((part) => part.text)
    .join('');
}

/** The start of a text for a list or a chip: at most `max` characters, never half a character, then "…". */
export function excerpt(text: string, max: number): string {
  const characters = [...text];
  return characters.length > max ? `${characters.slice(0, max).join('')}…` : text;
}
