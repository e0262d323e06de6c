/**
 * The only two ways data becomes markup. Everything a user wrote goes through `visibleText`; our own labels go
 * through `escapeHtml`. Nothing else in `shared/briefing-html` turns a string from a document into HTML.
 */

const htmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => htmlEntities[char] ?? char);
}

/**
 * Characters that change how text around them is shown without being seen themselves: C0/C1 controls, bidi
 * embeddings, overrides, isolates and marks, zero-width spaces and joiners that hide inside words, line and
 * paragraph separators, the byte-order mark, and lone surrogates. ZWNJ/ZWJ (U+200C/U+200D) stay: scripts and
 * emoji need them and they cannot reorder text.
 */
const hiddenCharacters =
  // Matching control characters is the point of this pattern.
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u180E\u200B\u200E\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function codePointToken(char: string): string {
  const hex = (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return `<span class="ctl">⟨U+${hex}⟩</span>`;
}

/**
 * User text as markup that shows exactly what was written: escaped, hidden characters as a visible token (so a
 * right-to-left override cannot make "exe.txt" read as "txt.exe"), line breaks as <br>.
 */
export function visibleText(text: string): string {
  return escapeHtml(text.replace(/\r\n?/g, '\n'))
    .replace(hiddenCharacters, codePointToken)
    .replace(/\n/g, '<br>');
}
