/**
 * The languages the UI and the documents speak, and numbers as each writes them: "100.002" and "1,5" in Dutch,
 * "100,002" and "1.5" in English. Every number a person reads goes through `formatNumber`, so the UI, the
 * PDFs and the exports never disagree about which separator means what.
 */
export type Language = 'nl' | 'en';

const intlLocales: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

export const intlLocale = (language: Language): string => intlLocales[language];

const numberFormats = new Map<Language, Intl.NumberFormat>();

export function formatNumber(value: number, language: Language): string {
  let format = numberFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(intlLocales[language], { maximumFractionDigits: 1 });
    numberFormats.set(language, format);
  }
  return format.format(value);
}
