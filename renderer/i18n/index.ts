import i18next, { type FormatterModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { uiLanguages, type UiLanguage } from '../../shared/drafts';
import { formatNumber } from '../../shared/numbers';
import { showHidden } from '../../shared/visible-text';
import { strings } from './strings';

export const languages = uiLanguages;
export type Language = UiLanguage;

/** The UI's language; a screen passes its `i18n.resolvedLanguage` so it renders again when the language changes. */
export function currentLanguage(resolved: string | undefined = i18next.resolvedLanguage): Language {
  return resolved === 'en' ? 'en' : 'nl';
}

/**
 * Switches the UI language. This window remembers it in memory only (the unlock screen shows the last choice);
 * the signed-in user's choice is kept in the vault (`settings.setPersonal`), never in the browser's storage.
 */
export function setLanguage(language: Language): void {
  void i18next.changeLanguage(language);
}

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

/**
 * Every number a string interpolates (counts, entry numbers, totals) is written as the language writes it:
 * "100.002 regels", "100,002 entries". With `alwaysFormat` i18next passes each value through here, so no string
 * has to remember a format; text passes unchanged, and a year must therefore be passed as text.
 */
const numbersInTheLanguage: FormatterModule = {
  type: 'formatter',
  init: () => undefined,
  add: () => undefined,
  addCached: () => undefined,
  format: (value: unknown, _format, lng) => (typeof value === 'number' ? formatNumber(value, lng === 'en' ? 'en' : 'nl') : (value as string)),
};

void i18next.use(numbersInTheLanguage).use(initReactI18next).init({
  resources: { nl: { translation: strings.nl }, en: { translation: strings.en } },
  lng: 'nl',
  fallbackLng: 'nl',
  supportedLngs: languages,
  // Resources are bundled: initialise synchronously, so the first render is already translated.
  initAsync: false,
  // React escapes markup itself; what interpolation must do is show every value as typed: a name or text with a
  // right-to-left override or another hidden character gets a visible token (shared/visible-text.ts), the same
  // way the documents print it. Values are user data, counts and times; only user data can hold such characters.
  // Numbers are written in the UI's language (alwaysFormat: see numbersInTheLanguage above).
  interpolation: { escapeValue: true, escape: showHidden, alwaysFormat: true },
  react: { useSuspense: false },
});

export default i18next;
