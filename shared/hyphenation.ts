import english from 'hyphen/en';
import dutch from 'hyphen/nl';

/**
 * Where a long word may break at the end of a line, by the language's own hyphenation patterns (TeX's, through
 * the `hyphen` package): "Com-mu-ni-ca-tie-ad-vi-seur", never "Communicatiead / viseur". Chromium hyphenates by
 * itself only with dictionaries Electron does not ship, so the documents mark the places with soft hyphens
 * (U+00AD), which print as a hyphen only where a line breaks; PDFKit's line breaking reads the same places.
 */

const softHyphen = '\u00AD';
/** Shorter words fit any column the documents have. */
const minWordLength = 9;
/** Longer runs of letters are no words (a pasted token, a keyboard held down): they break anywhere, unmarked. */
const maxWordLength = 40;
const word = /[\p{L}\p{M}]+/gu;

export type HyphenationLanguage = 'nl' | 'en';

const hyphenators: Record<HyphenationLanguage, typeof dutch.hyphenateSync> = { nl: dutch.hyphenateSync, en: english.hyphenateSync };

/** `text` with soft hyphens at the break points of its words of nine letters and more. */
export function withSoftHyphens(text: string, language: HyphenationLanguage): string {
  if (!/\p{L}{9}/u.test(text)) return text;
  return text.replace(word, (found) =>
    found.length < minWordLength || found.length > maxWordLength ? found : hyphenators[language](found, { hyphenChar: softHyphen, minWordLength }),
  );
}

/** The pieces of one word between its break points, e.g. ["Com", "mu", "ni", "ca", "tie", "ad", "vi", "seur"]. */
export function syllablesOf(word: string, language: HyphenationLanguage): string[] {
  return withSoftHyphens(word, language).split(softHyphen);
}
