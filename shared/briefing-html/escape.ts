import { withSoftHyphens, type HyphenationLanguage } from '../hyphenation';
import { splitHidden } from '../visible-text';

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
 * User text as markup that shows exactly what was written: escaped, hidden characters as a visible token (so a
 * right-to-left override cannot make "exe.txt" read as "txt.exe"; `shared/visible-text.ts` says which), line
 * breaks as <br>. With `language`, long words get soft hyphens where that language breaks them (narrow columns).
 */
export function visibleText(text: string, language?: HyphenationLanguage): string {
  return splitHidden(text)
    .map((part) => {
      if (part.hidden) return `<span class="ctl">${documentToken(part.text)}</span>`;
      // Soft hyphens of our own go in after the hidden characters are found: a user's would show as a token.
      const shown = language === undefined ? part.text : withSoftHyphens(part.text, language);
      return escapeHtml(shown).replace(/\n/g, '<br>');
    })
    .join('');
}

/**
 * A hidden character's token as the documents print it: `‹U+202E›`. The shipped document faces have no ⟨ ⟩, and
 * Chromium would take them from a system font that the PDF then embeds; the boxed `.ctl` span marks the token.
 */
export const documentToken = (token: string): string => token.replace('⟨', '‹').replace('⟩', '›');
